using System.Text;
using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Host.Wifi;
using NanoProv.Platform;
using NanoProv.Provisioning.Tests.Support;
using static NanoProv.Provisioning.Tests.Support.Harness;

namespace NanoProv.Provisioning.Tests;

public class ScanTests
{
    private static string Name(WifiScanRecord r) => r.Ssid.Length == 0 ? "<hidden>" : Encoding.UTF8.GetString(r.Ssid);

    [Fact]
    public void Scan_results_are_sorted_by_rssi_strongest_first_and_stable()
    {
        var h = new Harness();
        Assert.Equal(ProvisioningResult.Ok, h.Manager.StartScan(new ScanOptions(false, 0, 0), blocking: false));
        Assert.True(h.Manager.ScanInProgress);
        Assert.Equal(0, h.Manager.ScanResultCount);
        h.Advance(1499);
        Assert.True(h.Manager.ScanInProgress);
        h.Advance(1);
        Assert.False(h.Manager.ScanInProgress);

        var all = h.Manager.GetScanResults(0, 100);
        Assert.Equal(9, all.Length);
        Assert.Equal(new[]
        {
            "HomeNet", "Office", "<hidden>", "NanoProv-Edge-SSID-32-bytes-long", "NoDhcp", "Cafe", "Flaky", "Metro-OWE", "Legacy",
        }, all.Select(Name));
        for (int i = 1; i < all.Length; i++)
        {
            Assert.True(all[i - 1].Rssi >= all[i].Rssi);
        }

        Assert.Equal(9, all.Single(r => Name(r) == "Metro-OWE").AuthMode); // raw auth mode above 7 is kept
        Assert.Equal(32, all.Single(r => Name(r).StartsWith("NanoProv-Edge")).Ssid.Length);
    }

    [Fact]
    public void Equal_rssi_keeps_the_order_reported_by_the_station()
    {
        var aps = Enumerable.Range(0, 6).Select(i => new SimulatedAccessPoint
        {
            Ssid = Encoding.ASCII.GetBytes("N" + i), Bssid = new byte[] { 2, 0, 0, 0, 0, (byte)i }, Channel = 1 + i,
            Rssi = i % 2 == 0 ? -50 : -60,
        });
        var h = new Harness(world: new SimulatedWifiWorld(aps));
        h.Manager.StartScan(new ScanOptions(false, 0, 0), false);
        h.Settle();
        Assert.Equal(new[] { "N0", "N2", "N4", "N1", "N3", "N5" }, h.Manager.GetScanResults(0, 16).Select(Name));
    }

    [Fact]
    public void Scan_list_is_capped_keeping_the_strongest()
    {
        var options = DefaultOptions();
        options.ScanMaxEntries = 4;
        var h = new Harness(options);
        h.Manager.StartScan(null, false);
        h.Settle();
        Assert.Equal(4, h.Manager.ScanResultCount);
        Assert.Equal(new[] { "HomeNet", "Office", "<hidden>", "NanoProv-Edge-SSID-32-bytes-long" }, h.Manager.GetScanResults(0, 4).Select(Name));
    }

    [Fact]
    public void Scan_duration_follows_the_period_and_channel_groups()
    {
        var h = new Harness();
        h.Manager.StartScan(new ScanOptions(false, 5, 120), false);
        // 13 channels x 120 ms + 2 pauses of 120 ms (after channels 5 and 10)
        h.Advance(13 * 120 + 2 * 120 - 1);
        Assert.True(h.Manager.ScanInProgress);
        h.Advance(1);
        Assert.False(h.Manager.ScanInProgress);
        Assert.Equal(5, h.Station.LastScanOptions.GroupChannels);
        Assert.Equal(120, h.Station.LastScanOptions.PeriodMilliseconds);
    }

    [Fact]
    public void A_second_scan_start_while_scanning_does_not_restart_it()
    {
        var h = new Harness();
        h.Manager.StartScan(null, false);
        h.Advance(1000);
        Assert.Equal(ProvisioningResult.Ok, h.Manager.StartScan(null, false));
        Assert.Equal(1, h.Station.ScanCount);
        h.Advance(500);
        Assert.False(h.Manager.ScanInProgress);
        Assert.Equal(9, h.Manager.ScanResultCount);
    }

    [Fact]
    public void A_new_scan_clears_the_old_results()
    {
        var h = new Harness();
        h.Manager.StartScan(null, false);
        h.Settle();
        Assert.Equal(9, h.Manager.ScanResultCount);
        h.Manager.StartScan(null, false);
        Assert.Equal(0, h.Manager.ScanResultCount);
        Assert.Empty(h.Manager.GetScanResults(0, 4));
    }

    [Fact]
    public void No_scan_while_credentials_are_being_tried()
    {
        var h = new Harness();
        h.Provision("HomeNet", "wrong-password");
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.StartScan(null, false));
        Assert.Equal(0, h.Station.ScanCount);
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Failed, h.Manager.State);
        Assert.Equal(ProvisioningResult.Ok, h.Manager.StartScan(null, false)); // allowed again once failed
        Assert.Equal(1, h.Station.ScanCount);
    }

    [Fact]
    public void Scan_is_allowed_after_success_when_provisioning_keeps_running()
    {
        var options = DefaultOptions();
        options.AutoStop = false;
        var h = new Harness(options);
        h.Provision("HomeNet", "homepass");
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningResult.Ok, h.Manager.StartScan(null, false));
    }

    [Fact]
    public void Apply_during_a_scan_waits_for_the_scan_before_connecting()
    {
        var h = new Harness();
        h.Manager.StartScan(null, false); // 1500 ms
        h.Provision("HomeNet", "homepass"); // connect due at 1000 ms
        h.Advance(1000);
        Assert.Equal(0, h.Station.ConnectCount);
        h.Advance(500);
        Assert.Equal(1, h.Station.ConnectCount);
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
        Assert.Equal(9, h.Manager.ScanResultCount);
    }

    [Fact]
    public void Blocking_scan_returns_when_the_scan_finishes()
    {
        var h = new Harness();
        var call = Task.Run(() => h.Manager.StartScan(new ScanOptions(false, 0, 0), blocking: true));
        SpinWait.SpinUntil(() => h.Station.IsScanning, TimeSpan.FromSeconds(10));
        Assert.True(h.Station.IsScanning);
        Assert.False(call.IsCompleted);
        h.Advance(1500);
        Assert.True(call.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(ProvisioningResult.Ok, call.Result);
        Assert.Equal(9, h.Manager.ScanResultCount);
    }

    [Fact]
    public void Blocking_scan_is_bounded_by_the_scan_timeout()
    {
        var clock = new FakeClock();
        var timers = new ManualTimerService(clock);
        var station = new SilentStation(); // starts scans and never finishes them
        var options = DefaultOptions();
        options.ScanTimeoutMs = 5000;
        var log = new TestLog();
        var manager = new ProvisioningManager(options, station, new InMemoryCredentialStore(), timers, log);
        manager.Start();
        var call = Task.Run(() => manager.StartScan(null, blocking: true));
        SpinWait.SpinUntil(() => station.ScanCount == 1, TimeSpan.FromSeconds(10));
        timers.Advance(4999);
        Assert.True(manager.ScanInProgress);
        timers.Advance(1);
        Assert.True(call.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(ProvisioningResult.Ok, call.Result);
        Assert.False(manager.ScanInProgress);
        Assert.Equal(0, manager.ScanResultCount);
        Assert.True(log.Contains("scan did not finish in time"));
    }

    [Fact]
    public void Station_completing_the_scan_synchronously_is_handled()
    {
        var station = new SilentStation
        {
            CompleteScansSynchronouslyWith = new[]
            {
                new WifiScanRecord(B("weak"), new byte[6], 1, -80, 3),
                new WifiScanRecord(B("strong"), new byte[6], 6, -30, 3),
            },
        };
        var manager = new ProvisioningManager(DefaultOptions(), station, new InMemoryCredentialStore(), new ManualTimerService(new FakeClock()), null);
        manager.Start();
        Assert.Equal(ProvisioningResult.Ok, manager.StartScan(null, blocking: true)); // must not wait
        Assert.False(manager.ScanInProgress);
        Assert.Equal(new[] { "strong", "weak" }, manager.GetScanResults(0, 2).Select(Name));
    }

    [Fact]
    public void Station_refusing_the_scan_gives_internal_error()
    {
        var h = new Harness();
        h.Station.RefuseScans = true;
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.StartScan(null, blocking: true));
        Assert.False(h.Manager.ScanInProgress);
        h.Station.RefuseScans = false;
        Assert.Equal(ProvisioningResult.Ok, h.Manager.StartScan(null, false));
    }

    [Fact]
    public void Stop_ends_a_running_scan()
    {
        var h = new Harness();
        h.Manager.StartScan(null, false);
        h.Manager.Stop();
        Assert.False(h.Manager.ScanInProgress);
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.StartScan(null, false));
    }
}
