using NanoProv.Client;
using NanoProv.Host.Crypto;
using NanoProv.Host.Wifi;
using NanoProv.ProvSim;
using Xunit;

namespace NanoProv.Ble.Tests.EndToEnd;

/// <summary>ProvSim's <c>--transport ble-sim</c> hook: the simulator behind the GATT bridge, driven the way ProvCli does it.</summary>
public class ProvSimBleTests
{
    private static SimulatorHost StartHost(bool autoStop = false)
    {
        var settings = new SimulatorSettings
        {
            Transport = "ble-sim", Port = 0, Security = 2, Sec2Password = "ble-sim-pass", AutoStop = autoStop, ServiceName = "PROV_B1E51M",
        };
        var world = new SimulatedWifiWorld(SimulatedWifiWorld.CreateDefault().AccessPoints, new WifiWorldTiming
        {
            ScanLatencyMs = 20, AssociationDelayMs = 15, DhcpDelayMs = 15, AuthFailureDelayMs = 25, NotFoundDelayMs = 25, GroupPauseMs = 1,
        });
        var host = new SimulatorHost(settings, new SimulatorOverrides
        {
            Crypto = new ManagedCrypto(),
            World = world,
            ConfigureProvisioning = o =>
            {
                o.ConnectDelayMs = 5;
                o.RetryDelayMs = 5;
                o.StopDelayAfterReportMs = 300; // the client must still read the Connected reply before BLE goes
                o.AutoStopDelayMs = 10;
                o.StopCleanupDelayMs = 10;
            },
        });
        host.Start();
        return host;
    }

    [Fact]
    public void The_demo_provisions_the_simulator_over_the_BLE_bridge()
    {
        using var host = StartHost();
        Assert.NotNull(host.Ble);
        Assert.True(host.Ble.Simulator.IsAdvertising);
        Assert.Equal(0, host.Server.Port); // the HTTP server stays off
        var output = new StringWriter();

        int code = DemoRunner.Run(host, output);

        Assert.True(code == 0, output.ToString());
        Assert.Contains("same BLE connection and secure session throughout", output.ToString());
        Assert.Contains("--transport ble-sim --host " + host.HostPort, Banner.ProvCliCommand(host, "HomeNet", "homepass"));
        Assert.Contains("\"transport\":\"ble\"", Banner.QrJson(host));
    }

    [Fact]
    public void With_auto_stop_BLE_is_released_after_provisioning()
    {
        using var host = StartHost(autoStop: true);
        using (var client = new ProvClient(GattSimProvTransport.ConnectSocket(host.HostPort, new GattSimTransportOptions { Mtu = 517 }),
                   new ProvClientOptions { Security = 2, Sec2Username = "wifiprov", Sec2Password = "ble-sim-pass" }))
        {
            var result = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"),
                new ProvisionOptions { PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(20) });
            Assert.True(result.Succeeded);
        }

        Assert.True(SpinWait.SpinUntil(() => !host.Ble.Simulator.IsRunning, 10000), "BLE was not stopped");
        Assert.Equal(1, host.Ble.Simulator.StopCount);
        Assert.Throws<ProvTransportException>(() => GattSimProvTransport.ConnectSocket(host.HostPort, timeout: TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("bogus", false, "--transport must be http or ble-sim")]
    [InlineData("ble-sim", true, "--connection-close applies to the HTTP transport only")]
    [InlineData("http", false, null)]
    public void The_transport_setting_is_validated(string transport, bool connectionClose, string problem)
    {
        var settings = new SimulatorSettings { Transport = transport, ConnectionClose = connectionClose };
        Assert.Equal(problem, settings.Validate());
    }
}
