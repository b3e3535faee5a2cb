using System.Text;
using NanoProv.Client;
using NanoProv.Host.Gatt;
using NanoProv.Provisioning;
using Xunit;

namespace NanoProv.Ble.Tests.EndToEnd;

/// <summary>
/// Full provisioning runs over the simulated BLE link: ProvCli's client (its own protobuf, crypto and ATT code)
/// against the firmware core behind GattTransport and the GATT simulator.
/// </summary>
public class BleProvisioningTests
{
    private static readonly ProvisionOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(30), Timeout = TimeSpan.FromSeconds(20) };

    public static TheoryData<int, int> SecurityAndMtu() => new()
    {
        { 0, 0 }, { 0, 517 },
        { 1, 0 }, { 1, 517 },
        { 2, 0 }, { 2, 517 },
    };

    [Theory]
    [MemberData(nameof(SecurityAndMtu))]
    public void Provisioning_succeeds(int security, int mtu)
    {
        using var rig = new BleDeviceRig(security);
        using var client = rig.Client(mtu);

        SessionInfo session = client.Connect();
        Assert.Equal(security, session.Security);
        ProvisionResult result = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Fast);

        Assert.True(result.Succeeded, result.LastStatus?.ToString());
        Assert.Equal("192.168.1.23", result.LastStatus.Connected.Ip4Address);
        Assert.Equal("HomeNet", Encoding.UTF8.GetString(rig.Store.Load().Ssid));
        Assert.Equal(mtu == 0 ? 23 : 517, ((GattSimProvTransport)client.Transport).Mtu);
        Assert.Equal(0, rig.Simulator.Statistics.LateAnswers);
        Assert.DoesNotContain(rig.Log.Lines, l => l.Message.Contains("homepass"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(517)]
    public void Security2_messages_travel_as_long_writes_and_reads_at_MTU_23_and_whole_at_517(int mtu)
    {
        using var rig = new BleDeviceRig(2);
        using var client = rig.Client(mtu);
        client.Connect();

        var stats = rig.Simulator.Statistics;
        if (mtu == 0)
        {
            // SessionCmd0 is 406 bytes (> 20): Prepare Write fragments of 18 bytes; SessionResp0 is 416: Read Blob.
            Assert.True(stats.Requests(AttOpcode.PrepareWriteRequest) >= 406 / 18, stats.Requests(AttOpcode.PrepareWriteRequest).ToString());
            Assert.True(stats.Requests(AttOpcode.ExecuteWriteRequest) >= 1);
            Assert.True(stats.Requests(AttOpcode.ReadBlobRequest) >= 416 / 22);
            Assert.Equal(23, stats.LargestRequestPdu);
        }
        else
        {
            Assert.Equal(0, stats.Requests(AttOpcode.PrepareWriteRequest));
            Assert.Equal(0, stats.Requests(AttOpcode.ReadBlobRequest));
            Assert.True(stats.LargestRequestPdu >= 3 + 406);
        }

        Assert.True(client.IsSessionEstablished);
        Assert.Equal("echo:hi", Encoding.ASCII.GetString(client.SendCustomData("custom-data", "hi"u8.ToArray())));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(517, 120)] // 13 channels x 120 ms + pauses: a blocking ScanStart runs ~1.6 s, close to nanoFramework's 2 s window
    public void Scan_results_come_in_pages_of_four(int mtu, int periodMs)
    {
        using var rig = new BleDeviceRig(2);
        var counting = (CountingTransport)null;
        using var client = rig.Client(mtu, t => counting = new CountingTransport(t));
        client.Connect();

        IReadOnlyList<ScanEntry> entries = client.Scan(new ScanOptions
        {
            PageSize = 4, PeriodMs = (uint)periodMs, PollInterval = TimeSpan.FromMilliseconds(20),
        });
        Assert.Equal(0, rig.Simulator.Statistics.LateAnswers); // no answer came later than the 2 s window
        if (periodMs == 120)
        {
            // The scan (timer-driven, never early) outlasts the 1.5 s write budget: the write was acknowledged and the
            // reply delivered by the read.
            Assert.Contains(rig.Log.Lines, l => l.Source == "gatt" && l.Message.Contains("prov-scan answered at the read"));
        }

        int visible = rig.World.AccessPoints.Count; // hidden networks are listed with an empty SSID
        Assert.Equal(visible, entries.Count);
        Assert.Contains(entries, e => e.Ssid == "HomeNet");
        Assert.Contains(entries, e => e.SsidBytes.Length == 0);
        Assert.Contains(entries, e => e.SsidBytes.Length == 32);
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Rssi >= p.Second.Rssi), "strongest first");
        // start + status poll(s) + ceil(n/4) result pages
        int pages = (visible + 3) / 4;
        Assert.True(counting.Sends["prov-scan"] >= 2 + pages, counting.Sends["prov-scan"].ToString());
    }

    [Fact]
    public void A_disconnect_mid_handshake_ends_the_session_and_a_new_connection_succeeds()
    {
        using var rig = new BleDeviceRig(2);
        using (var first = rig.Client(0, t => new CountingTransport(t, "prov-session", cutAfter: 1)))
        {
            Assert.ThrowsAny<ProvClientException>(() => first.Connect());
        }

        Assert.Equal(0, rig.Transport.ConnectionCount);
        Assert.True(SpinWait.SpinUntil(() => rig.Service.Protocomm.Sessions.Count == 0, 5000));
        Assert.True(rig.Simulator.IsAdvertising);

        using var second = rig.Client(517);
        ProvisionResult result = second.Provision(WifiCredentials.FromText("Office", "office-secret"), Fast);
        Assert.True(result.Succeeded, result.LastStatus?.ToString());
        Assert.Equal("10.20.0.57", result.LastStatus.Connected.Ip4Address);
    }

    [Fact]
    public void A_session_does_not_survive_its_connection()
    {
        using var rig = new BleDeviceRig(1);
        var link = rig.ConnectLink();
        var transport = new GattSimProvTransport(link);
        using (var client = new ProvClient(transport, new ProvClientOptions { Security = 1, Pop = BleDeviceRig.Pop }, ownsTransport: false))
        {
            client.Connect();
            Assert.Equal(1, rig.Service.Protocomm.Sessions.Count);
        }

        link.Dispose();
        Assert.Equal(0, rig.Service.Protocomm.Sessions.Count);
    }

    [Fact]
    public void A_wrong_proof_of_possession_is_refused_and_the_right_one_then_works_on_the_same_link()
    {
        using var rig = new BleDeviceRig(1);
        var link = rig.ConnectLink();
        var transport = new GattSimProvTransport(link);
        using (var wrong = new ProvClient(transport, new ProvClientOptions { Security = 1, Pop = "wrong-pop" }, ownsTransport: false))
        {
            Assert.ThrowsAny<ProvClientException>(() => wrong.Connect());
        }

        Assert.True(link.IsOpen);
        using var right = new ProvClient(transport, new ProvClientOptions { Security = 1, Pop = BleDeviceRig.Pop });
        right.Connect();
        Assert.True(right.IsSessionEstablished);
    }

    [Fact]
    public void A_characteristic_whose_endpoint_is_gone_reports_attribute_not_found()
    {
        using var rig = new BleDeviceRig(2);
        using var client = rig.Client(517);
        client.Connect();
        Assert.True(rig.Service.UnregisterCustomEndpoint("custom-data"));

        var e = Assert.ThrowsAny<ProvTransportException>(() => client.SendCustomData("custom-data", [1]));
        Assert.Contains("attribute not found", e.Message);
        Assert.Equal(0x0A, Assert.IsType<GattSimAttException>(e.InnerException).ErrorCode);
    }

    [Fact]
    public void An_endpoint_the_device_does_not_offer_is_reported_by_the_client()
    {
        using var rig = new BleDeviceRig(0);
        using var client = rig.Client(0);
        client.Connect();
        var e = Assert.ThrowsAny<ProvTransportException>(() => client.SendCustomData("no-such-endpoint", [1]));
        Assert.Contains("no-such-endpoint", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(517)]
    public void An_over_long_request_gets_invalid_attribute_value_length(int mtu)
    {
        using var rig = new BleDeviceRig(0);
        using var client = rig.Client(mtu);
        client.Connect();
        var e = Assert.ThrowsAny<ProvTransportException>(() => client.SendCustomData("custom-data", new byte[600]));
        Assert.Contains("too long", e.ToString());
        // The link is still fine: the client starts a new session on it (its own view of the old one is spoilt).
        client.Connect();
        Assert.Equal("echo:ok", Encoding.ASCII.GetString(client.SendCustomData("custom-data", "ok"u8.ToArray())));
    }

    [Fact]
    public void A_wrong_passphrase_is_reported_as_an_authentication_error()
    {
        using var rig = new BleDeviceRig(2, configure: o => o.ConnectionAttempts = 1);
        using var client = rig.Client(517);
        ProvisionResult result = client.Provision(WifiCredentials.FromText("HomeNet", "not-the-pass"), Fast);
        Assert.Equal(ProvisionOutcome.AuthError, result.Outcome);
    }

    [Fact]
    public void The_advertisement_is_what_the_ESP_apps_look_for()
    {
        using var rig = new BleDeviceRig(2);
        AdvertisementReport report = rig.Simulator.Scan();
        Assert.StartsWith("PROV_", report.LocalName);
        Assert.Single(report.ServiceUuids);
        Assert.Equal("1775244d-6b43-439b-877c-060f2d9bed07", report.ServiceUuids[0].ToString());
        using var client = rig.Client(0);
        client.Connect();
        var transport = (GattSimProvTransport)client.Transport;
        Assert.Equal("PROV_A1B2C3", transport.DeviceName);
        Assert.Equal(["custom-data", "proto-ver", "prov-config", "prov-ctrl", "prov-scan", "prov-session"], transport.Endpoints.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Stopping_BLE_after_provisioning_disconnects_and_releases_the_stack()
    {
        using var rig = new BleDeviceRig(2, configure: o =>
        {
            o.AutoStop = true;
            o.StopDelayAfterReportMs = 300; // the client must still read the Connected reply before BLE goes
            o.AutoStopDelayMs = 10;
        });
        using var stopped = new ManualResetEventSlim(false);
        rig.Service.Changed += (_, e) =>
        {
            if (e.Kind == ProvisioningEventKind.Stopped)
            {
                // What the firmware app does: BLE goes down (memory back) once provisioning is over.
                ThreadPool.QueueUserWorkItem(_ => { rig.Transport.Stop(); stopped.Set(); });
            }
        };

        using var client = rig.Client(517);
        ProvisionResult result = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Fast);
        Assert.True(result.Succeeded);
        Assert.True(stopped.Wait(10000), "provisioning did not stop");
        Assert.False(rig.Simulator.IsRunning);
        Assert.Equal(1, rig.Simulator.StopCount);
        Assert.Equal(0, rig.Service.Protocomm.Sessions.Count);
        Assert.Throws<ProvTransportException>(() => client.GetWifiStatus());
    }

    [Fact]
    public void ProvCli_reaches_the_device_through_the_socket_bridge()
    {
        using var rig = new BleDeviceRig(2);
        using var bridge = new GattSimBridgeServer(rig.Simulator);
        bridge.Start();
        string address = "127.0.0.1:" + bridge.LocalEndPoint.Port;

        using (var client = new ProvClient(GattSimProvTransport.ConnectSocket(address, new GattSimTransportOptions { Mtu = 517 }),
                   new ProvClientOptions { Security = 2, Sec2Username = BleDeviceRig.Sec2User, Sec2Password = BleDeviceRig.Sec2Password }))
        {
            Assert.Equal("PROV_A1B2C3", ((GattSimProvTransport)client.Transport).DeviceName);
            Assert.Throws<ProvTransportException>(() => GattSimProvTransport.ConnectSocket(address).Open()); // one central at a time
            ProvisionResult result = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Fast);
            Assert.True(result.Succeeded);
        }

        Assert.True(SpinWait.SpinUntil(() => rig.Simulator.ConnectionCount == 0, 5000));

        // A second run at MTU 23, then the device stops BLE: the client notices the dropped link.
        using var again = new ProvClient(GattSimProvTransport.ConnectSocket(address),
            new ProvClientOptions { Security = 2, Sec2Username = BleDeviceRig.Sec2User, Sec2Password = BleDeviceRig.Sec2Password });
        again.Connect();
        rig.Transport.Stop();
        Assert.ThrowsAny<ProvTransportException>(() => again.GetWifiStatus());
    }
}
