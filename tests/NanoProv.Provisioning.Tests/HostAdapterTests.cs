using System.Text;
using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Host.Wifi;
using NanoProv.Platform;
using NanoProv.Provisioning.Tests.Support;
using static NanoProv.Provisioning.Tests.Support.Harness;

namespace NanoProv.Provisioning.Tests;

public class WorldTests
{
    [Fact]
    public void Default_world_covers_the_required_cases()
    {
        var world = SimulatedWifiWorld.CreateDefault();
        Assert.True(world.AccessPoints.Count >= 6);
        Assert.Contains(world.AccessPoints, ap => ap.AuthMode == AuthModes.Open);
        Assert.Contains(world.AccessPoints, ap => ap.Ssid.Length == 32);
        Assert.Contains(world.AccessPoints, ap => ap.Hidden);
        Assert.Contains(world.AccessPoints, ap => ap.AuthMode > 7);
        Assert.Contains(world.AccessPoints, ap => ap.FailFirstAttempts > 0);
        Assert.Contains(world.AccessPoints, ap => ap.Dhcp == DhcpBehavior.Timeout);
        Assert.Equal(world.AccessPoints.Count, world.AccessPoints.Select(ap => Convert.ToHexString(ap.Bssid)).Distinct().Count());
    }

    [Fact]
    public void World_json_round_trips()
    {
        var world = SimulatedWifiWorld.CreateDefault();
        string json = WifiWorldJson.Serialize(world);
        var back = WifiWorldJson.Parse(json);
        Assert.Equal(json, WifiWorldJson.Serialize(back));
        Assert.Equal(world.AccessPoints.Count, back.AccessPoints.Count);
        for (int i = 0; i < world.AccessPoints.Count; i++)
        {
            var a = world.AccessPoints[i];
            var b = back.AccessPoints[i];
            Assert.Equal(a.Ssid, b.Ssid);
            Assert.Equal(a.Bssid, b.Bssid);
            Assert.Equal(a.Password, b.Password);
            Assert.Equal((a.Channel, a.Rssi, a.AuthMode, a.Hidden, a.IpAddress, a.FailFirstAttempts, a.Dhcp), (b.Channel, b.Rssi, b.AuthMode, b.Hidden, b.IpAddress, b.FailFirstAttempts, b.Dhcp));
        }
    }

    [Fact]
    public void Checked_in_default_world_file_matches_the_built_in_world()
    {
        string file = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "World", "default-world.json"));
        Assert.Equal(WifiWorldJson.Serialize(SimulatedWifiWorld.CreateDefault()), WifiWorldJson.Serialize(WifiWorldJson.Parse(file)));
    }

    [Fact]
    public void World_file_parses_every_documented_key()
    {
        const string json = """
            {
              // comments are allowed
              "scan_latency_ms": 10, "association_delay_ms": 20, "dhcp_delay_ms": 30,
              "auth_failure_delay_ms": 40, "not_found_delay_ms": 50,
              "access_points": [
                { "ssid": "Home", "bssid": "24:0a:c4:00:00:06", "channel": 6, "rssi": -40, "auth": "wpa2_psk", "password": "homepass", "ip": "10.0.0.2" },
                { "ssid_hex": "00ff41", "bssid": "240ac4000007", "auth": 9, "hidden": true, "dhcp": "timeout" },
                { "ssid": "Flaky", "bssid": "24-0a-c4-00-00-08", "password_hex": "6162636465666768", "fail_first_attempts": 2, "fail_reason_code": 202, "dhcp_delay_ms": 5 }
              ]
            }
            """;
        var world = WifiWorldJson.Parse(json);
        Assert.Equal(10, world.Timing.ScanLatencyMs);
        Assert.Equal(50, world.Timing.NotFoundDelayMs);
        Assert.Equal(3, world.AccessPoints.Count);
        Assert.Equal(AuthModes.Wpa2Psk, world.AccessPoints[0].AuthMode);
        Assert.Equal(new byte[] { 0, 0xff, 0x41 }, world.AccessPoints[1].Ssid);
        Assert.Equal(9, world.AccessPoints[1].AuthMode);
        Assert.True(world.AccessPoints[1].Hidden);
        Assert.Equal(DhcpBehavior.Timeout, world.AccessPoints[1].Dhcp);
        Assert.Equal(B("abcdefgh"), world.AccessPoints[2].Password);
        Assert.Equal(2, world.AccessPoints[2].FailFirstAttempts);
        Assert.Equal(202, world.AccessPoints[2].FailReasonCode);
        Assert.Equal(5, world.AccessPoints[2].DhcpDelayMs);
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("{}", "access_points")]
    [InlineData("{\"access_points\": [{\"ssid\": \"a\"}]}", "bssid")]
    [InlineData("{\"access_points\": [{\"ssid\": \"a\", \"bssid\": \"0102030405\"}]}", "6 bytes")]
    [InlineData("{\"access_points\": [{\"ssid\": \"a\", \"bssid\": \"010203040506\", \"auth\": \"WPA9\"}]}", "auth mode")]
    [InlineData("{\"access_points\": [{\"ssid\": \"a\", \"bssid\": \"010203040506\", \"chanel\": 3}]}", "chanel")]
    [InlineData("{\"access_points\": [{\"ssid\": \"a\", \"bssid\": \"010203040506\", \"rssi\": 5}]}", "rssi")]
    [InlineData("{\"access_points\": [{\"ssid\": \"123456789012345678901234567890123\", \"bssid\": \"010203040506\"}]}", "32 bytes")]
    [InlineData("{\"access_points\": [{\"ssid\": \"a\", \"bssid\": \"010203040506\", \"ip\": \"::1\"}]}", "IPv4")]
    [InlineData("{\"access_points\": [{\"ssid\": \"a\", \"bssid\": \"010203040506\", \"dhcp\": \"never\"}]}", "dhcp")]
    [InlineData("{\"access_points\": [], \"scan_latency_ms\": -1}", "scan_latency_ms")]
    [InlineData("not json", "not valid JSON")]
    public void Bad_world_files_are_rejected_with_a_clear_message(string json, string mentions)
    {
        var ex = Assert.Throws<FormatException>(() => WifiWorldJson.Parse(json));
        Assert.Contains(mentions, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Station_reports_raw_reasons_and_delays()
    {
        var timers = new ManualTimerService(new FakeClock());
        var station = new SimulatedWifiStation(SimulatedWifiWorld.CreateDefault(), timers);
        var events = new List<WifiStationEventArgs>();
        station.StationEvent += (_, e) => events.Add(e);

        var wrong = new WifiConnectRequest(B("Office"), B("nope-nope"), null, 0);
        station.Connect(wrong);
        timers.Advance(3499);
        Assert.Empty(events);
        timers.Advance(1);
        var e = Assert.Single(events);
        Assert.Equal(WifiStationEventKind.ConnectFailed, e.Kind);
        Assert.Same(wrong, e.Request);
        Assert.Equal(WifiFailureReason.AuthenticationFailed, e.Reason);
        Assert.Equal(WifiReasonCodes.AuthFail, e.RawReason); // WPA2/WPA3 network: auth fail (202)

        events.Clear();
        station.Connect(new WifiConnectRequest(B("Cafe"), B("anything-goes"), null, 0)); // open
        timers.Advance(600 + 800);
        Assert.Equal(new[] { WifiStationEventKind.Associated, WifiStationEventKind.GotIp }, events.Select(x => x.Kind));
        Assert.Equal("172.16.4.9", events[1].Connection.Ip4Address);
        Assert.True(station.IsConnected);

        events.Clear();
        Assert.True(station.DropConnection());
        Assert.Equal(WifiStationEventKind.Disconnected, Assert.Single(events).Kind);
        Assert.False(station.IsConnected);
    }

    [Fact]
    public void Hidden_network_is_joinable_by_name_but_scans_show_no_ssid()
    {
        var timers = new ManualTimerService(new FakeClock());
        var station = new SimulatedWifiStation(SimulatedWifiWorld.CreateDefault(), timers);
        WifiScanRecord[] results = null;
        station.ScanCompleted += (_, e) => results = e.Results;
        Assert.True(station.StartScan(new ScanOptions(true, 0, 0)));
        Assert.False(station.StartScan(new ScanOptions(true, 0, 0))); // busy
        timers.RunUntilIdle();
        Assert.DoesNotContain(results, r => Encoding.ASCII.GetString(r.Ssid) == "HiddenLab");
        Assert.Contains(results, r => r.Ssid.Length == 0 && r.Bssid.SequenceEqual(Convert.FromHexString("240ac4000004")));

        WifiStationEventArgs last = null;
        station.StationEvent += (_, e) => last = e;
        station.Connect(new WifiConnectRequest(B("HiddenLab"), B("hidden-pass"), null, 0));
        timers.RunUntilIdle();
        Assert.Equal(WifiStationEventKind.GotIp, last.Kind);
    }

    [Fact]
    public void Disconnect_cancels_a_pending_attempt_silently()
    {
        var timers = new ManualTimerService(new FakeClock());
        var station = new SimulatedWifiStation(SimulatedWifiWorld.CreateDefault(), timers);
        int count = 0;
        station.StationEvent += (_, _) => count++;
        station.Connect(new WifiConnectRequest(B("HomeNet"), B("homepass"), null, 0));
        station.Disconnect();
        timers.RunUntilIdle();
        Assert.Equal(0, count);
        Assert.False(station.IsConnected);
    }

    [Fact]
    public void Real_time_world_provisions_end_to_end()
    {
        var world = new SimulatedWifiWorld(SimulatedWifiWorld.CreateDefault().AccessPoints, new WifiWorldTiming
        {
            ScanLatencyMs = 20, AssociationDelayMs = 10, DhcpDelayMs = 10, AuthFailureDelayMs = 20, NotFoundDelayMs = 20,
        });
        using var timers = new RealTimerService();
        var station = new SimulatedWifiStation(world, timers);
        var options = DefaultOptions();
        options.ConnectDelayMs = 10;
        options.RetryDelayMs = 10;
        var manager = new ProvisioningManager(options, station, new InMemoryCredentialStore(), timers, null);
        var done = new ManualResetEventSlim();
        manager.Changed += (_, e) =>
        {
            if (e.Kind is ProvisioningEventKind.Connected or ProvisioningEventKind.Failed)
            {
                done.Set();
            }
        };
        manager.Start();
        Assert.Equal(ProvisioningResult.Ok, manager.StartScan(null, blocking: true)); // real wait, bounded
        Assert.Equal(9, manager.ScanResultCount);
        manager.SetConfig(B("Flaky"), B("flaky-pass"), null, 0);
        manager.ApplyConfig();
        Assert.True(done.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(ProvisioningState.Succeeded, manager.State);
        Assert.Equal("192.168.5.55", manager.PeekStatus().Connection.Ip4Address);
    }
}

public class StorageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nanoprov-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void File_store_round_trips_and_leaves_no_temporary_files()
    {
        var store = new FileCredentialStore(Path.Combine(_dir, "sub", "wifi.json"));
        Assert.Null(store.Load());
        store.Save(new StoredNetwork(B("HomeNet"), B("homepass"), Convert.FromHexString("240ac4000006"), 6));
        var loaded = store.Load();
        Assert.Equal(B("HomeNet"), loaded.Ssid);
        Assert.Equal(B("homepass"), loaded.Passphrase);
        Assert.Equal(Convert.FromHexString("240ac4000006"), loaded.Bssid);
        Assert.Equal(6, loaded.Channel);

        store.Save(new StoredNetwork(new byte[] { 0, 1, 0xff }, Array.Empty<byte>(), null, 0));
        loaded = store.Load();
        Assert.Equal(new byte[] { 0, 1, 0xff }, loaded.Ssid);
        Assert.Empty(loaded.Passphrase);
        Assert.Null(loaded.Bssid);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "sub")));

        store.Clear();
        Assert.Null(store.Load());
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "sub")));
        store.Clear(); // idempotent
    }

    [Fact]
    public void File_store_is_private_to_the_user()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_dir, "wifi.json");
        new FileCredentialStore(path).Save(new StoredNetwork(B("HomeNet"), B("homepass"), null, 0));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format\": \"something-else\"}")]
    [InlineData("{\"format\": \"nanoprov-credentials/1\", \"ssid_hex\": \"zz\"}")]
    [InlineData("{\"format\": \"nanoprov-credentials/1\", \"ssid_hex\": \"\"}")]
    [InlineData("{\"format\": \"nanoprov-credentials/1\", \"ssid_hex\": \"41\", \"passphrase_hex\": \"4142\"}")]
    public void Unreadable_file_counts_as_nothing_stored(string content)
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "wifi.json");
        File.WriteAllText(path, content);
        var warnings = new List<string>();
        Assert.Null(new FileCredentialStore(path, warnings.Add).Load());
        Assert.Single(warnings);
        Assert.True(File.Exists(path)); // left for inspection
    }

    [Fact]
    public void Warnings_never_contain_the_passphrase()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "wifi.json");
        File.WriteAllText(path, "{\"format\": \"nanoprov-credentials/1\", \"ssid_hex\": \"41\", \"passphrase_hex\": \"7365637265742d70617373\", \"bssid_hex\": \"01\"}");
        var warnings = new List<string>();
        Assert.Null(new FileCredentialStore(path, warnings.Add).Load());
        Assert.DoesNotContain(warnings, w => w.Contains("secret-pass") || w.Contains("7365637265742d70617373"));
    }

    [Fact]
    public void Memory_store_keeps_private_copies()
    {
        var store = new InMemoryCredentialStore();
        var network = new StoredNetwork(B("HomeNet"), B("homepass"), null, 0);
        store.Save(network);
        network.Wipe();
        var loaded = store.Load();
        Assert.Equal(B("homepass"), loaded.Passphrase);
        loaded.Wipe();
        Assert.Equal(B("homepass"), store.Load().Passphrase);
        store.Clear();
        Assert.Null(store.Load());
        Assert.Equal(1, store.SaveCount);
        Assert.Equal(1, store.ClearCount);
    }

    [Fact]
    public void Manager_with_a_file_store_persists_only_after_an_ip()
    {
        var path = Path.Combine(_dir, "wifi.json");
        var store = new FileCredentialStore(path);
        var clock = new FakeClock();
        var timers = new ManualTimerService(clock);
        var station = new SimulatedWifiStation(SimulatedWifiWorld.CreateDefault(), timers);
        var manager = new ProvisioningManager(DefaultOptions(), station, store, timers, null);
        manager.Start();
        manager.SetConfig(B("HomeNet"), B("homepass"), null, 0);
        manager.ApplyConfig();
        timers.Advance(1000 + 600);
        Assert.False(File.Exists(path));
        timers.Advance(800);
        Assert.True(File.Exists(path));
        Assert.Equal(B("HomeNet"), new FileCredentialStore(path).Load().Ssid);
    }
}

public class TimerTests
{
    [Fact]
    public void Manual_timers_fire_in_due_order_with_the_clock_at_their_due_time()
    {
        var clock = new FakeClock(100);
        var timers = new ManualTimerService(clock);
        var fired = new List<(string, long)>();
        timers.Schedule(30, s => fired.Add(((string)s, clock.NowMilliseconds)), "c");
        timers.Schedule(10, s => fired.Add(((string)s, clock.NowMilliseconds)), "a");
        timers.Schedule(10, s => fired.Add(((string)s, clock.NowMilliseconds)), "b");
        var cancelled = timers.Schedule(20, s => fired.Add(((string)s, clock.NowMilliseconds)), "x");
        Assert.True(cancelled.Cancel());
        Assert.False(cancelled.Cancel());
        timers.Schedule(15, _ => timers.Schedule(0, s => fired.Add(((string)s, clock.NowMilliseconds)), "nested"), null);
        Assert.Equal(4, timers.Advance(25)); // a, b, the scheduler at 15 and the nested one
        Assert.Equal(new[] { ("a", 110L), ("b", 110L), ("nested", 115L) }, fired);
        Assert.Equal(125, clock.NowMilliseconds);
        Assert.Equal(5, timers.NextDueIn);
        timers.Advance(5);
        Assert.Equal(("c", 130L), fired.Last());
        Assert.Equal(-1, timers.NextDueIn);
    }

    [Fact]
    public void Nothing_fires_inside_schedule()
    {
        var timers = new ManualTimerService(new FakeClock());
        bool fired = false;
        timers.Schedule(0, _ => fired = true, null);
        Assert.False(fired);
        timers.RunDue();
        Assert.True(fired);
    }

    [Fact]
    public void Real_timers_fire_once_and_can_be_cancelled()
    {
        using var timers = new RealTimerService();
        var fired = new ManualResetEventSlim();
        int count = 0;
        var handle = timers.Schedule(10, _ =>
        {
            Interlocked.Increment(ref count);
            fired.Set();
        }, null);
        Assert.True(fired.Wait(TimeSpan.FromSeconds(10)));
        Assert.False(handle.Cancel());
        Assert.Equal(1, Volatile.Read(ref count));

        bool ran = false;
        var late = timers.Schedule(60_000, _ => ran = true, null);
        Assert.Equal(1, timers.PendingCount);
        Assert.True(late.Cancel());
        Assert.Equal(0, timers.PendingCount);
        Assert.False(ran);
    }

    [Fact]
    public void Fake_clock_never_goes_back()
    {
        var clock = new FakeClock(50);
        clock.SetTo(10);
        Assert.Equal(50, clock.NowMilliseconds);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
    }
}
