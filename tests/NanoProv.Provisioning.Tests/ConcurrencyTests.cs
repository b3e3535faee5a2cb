using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Host.Wifi;
using NanoProv.Provisioning.Tests.Support;
using static NanoProv.Provisioning.Tests.Support.Harness;

namespace NanoProv.Provisioning.Tests;

/// <summary>Real threads and real timers: no deadlock, no exception, a consistent outcome.</summary>
public class ConcurrencyTests
{
    [Fact]
    public void Many_threads_polling_while_timers_and_the_radio_run_do_not_deadlock()
    {
        var world = new SimulatedWifiWorld(SimulatedWifiWorld.CreateDefault().AccessPoints, new WifiWorldTiming
        {
            ScanLatencyMs = 5, AssociationDelayMs = 5, DhcpDelayMs = 5, AuthFailureDelayMs = 5, NotFoundDelayMs = 5,
        });
        using var timers = new RealTimerService();
        var station = new SimulatedWifiStation(world, timers);
        var options = DefaultOptions();
        options.ConnectDelayMs = 1;
        options.RetryDelayMs = 1;
        options.AutoStop = false;
        var manager = new ProvisioningManager(options, station, new InMemoryCredentialStore(), timers, null);
        var service = new ConfigEndpoint(manager, null);
        var scan = new ScanEndpoint(manager, null);
        manager.Start();
        var errors = new List<Exception>();
        using var stop = new CancellationTokenSource();

        var pollers = Enumerable.Range(0, 4).Select(i => new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    Assert.NotNull(service.HandleRequest(1, EndpointTests.Hex("5200")));
                    Assert.NotNull(scan.HandleRequest(1, EndpointTests.Hex("0802")));
                    if (i == 0)
                    {
                        scan.HandleRequest(1, EndpointTests.Hex("52020801")); // blocking scan (may be refused while connecting)
                    }
                }
            }
            catch (Exception ex)
            {
                lock (errors)
                {
                    errors.Add(ex);
                }
            }
        })).ToList();
        pollers.ForEach(t => t.Start());

        for (int round = 0; round < 20; round++)
        {
            var done = new ManualResetEventSlim();
            ProvisioningEventHandler handler = (_, e) =>
            {
                if (e.Kind is ProvisioningEventKind.Connected or ProvisioningEventKind.Failed)
                {
                    done.Set();
                }
            };
            manager.Changed += handler;
            bool wrong = round % 2 == 0;
            Assert.Equal(ProvisioningResult.Ok, manager.SetConfig(B("HomeNet"), B(wrong ? "bad-password" : "homepass"), null, 0));
            var applied = manager.ApplyConfig();
            Assert.Equal(ProvisioningResult.Ok, applied);
            Assert.True(done.Wait(TimeSpan.FromSeconds(30)), $"round {round}: no outcome");
            manager.Changed -= handler;
            SpinWait.SpinUntil(() => manager.State is ProvisioningState.Failed or ProvisioningState.Succeeded, TimeSpan.FromSeconds(10));
            Assert.Equal(wrong ? ProvisioningState.Failed : ProvisioningState.Succeeded, manager.State);
            if (!wrong)
            {
                Assert.Equal(ProvisioningResult.Ok, manager.Reprovision());
            }
        }

        stop.Cancel();
        Assert.All(pollers, t => Assert.True(t.Join(TimeSpan.FromSeconds(30))));
        Assert.Empty(errors);
    }
}
