using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Platform;
using NanoProv.Provisioning.Tests.Support;
using static NanoProv.Provisioning.Tests.Support.Harness;

namespace NanoProv.Provisioning.Tests;

public class ManagerTests
{
    [Fact]
    public void Fresh_manager_is_started_and_reports_connecting()
    {
        var h = new Harness();
        Assert.Equal(ProvisioningState.Started, h.Manager.State);
        Assert.Equal(new[] { ProvisioningEventKind.Started }, h.Events.Kinds);
        Assert.Equal(ProvisioningState.Idle, h.Events.All[0].PreviousState);
        var status = h.Manager.GetStatus();
        Assert.Equal(WifiProgress.Connecting, status.Progress);
        Assert.Null(status.Connection);
        Assert.False(h.Manager.Start());
    }

    [Fact]
    public void Success_flow_connects_after_delays_and_stores_credentials_only_with_an_ip()
    {
        var h = new Harness();
        Assert.Equal(ProvisioningResult.Ok, h.Provision("HomeNet", "homepass"));
        Assert.Equal(ProvisioningState.CredentialsReceived, h.Manager.State);

        h.Advance(999);
        Assert.Equal(0, h.Station.ConnectCount);
        h.Advance(1);
        Assert.Equal(1, h.Station.ConnectCount);

        h.Advance(600); // associated, no address yet
        Assert.Null(h.Store.Load());
        Assert.Equal(WifiProgress.Connecting, h.Manager.PeekStatus().Progress);

        h.Advance(800); // DHCP
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
        var stored = h.Store.Load();
        Assert.NotNull(stored);
        Assert.Equal(B("HomeNet"), stored.Ssid);
        Assert.Equal(B("homepass"), stored.Passphrase);
        Assert.Equal(1, h.Store.SaveCount);

        var status = h.Manager.GetStatus();
        Assert.Equal(WifiProgress.Connected, status.Progress);
        Assert.Equal("192.168.1.23", status.Connection.Ip4Address);
        Assert.Equal(3, status.Connection.AuthMode);
        Assert.Equal(6, status.Connection.Channel);
        Assert.Equal(Convert.FromHexString("240ac4000006"), status.Connection.Bssid);
        Assert.Equal(B("HomeNet"), status.Ssid);

        Assert.Equal(new[]
        {
            ProvisioningEventKind.Started, ProvisioningEventKind.CredentialsReceived,
            ProvisioningEventKind.Connecting, ProvisioningEventKind.Connected,
        }, h.Events.Kinds);
        var connected = h.Events.All[3];
        Assert.Equal("192.168.1.23", connected.Connection.Ip4Address);
        Assert.Equal(1, connected.Attempt);
        Assert.Equal(ProvisioningState.CredentialsReceived, connected.PreviousState);
        h.AssertNotLogged("homepass");
    }

    [Fact]
    public void Wrong_password_uses_every_attempt_then_fails_with_auth_error()
    {
        var h = new Harness();
        h.Provision("HomeNet", "wrong-password");
        h.Advance(1000 + 3500); // first attempt fails
        var status = h.Manager.GetStatus();
        Assert.Equal(WifiProgress.AttemptFailed, status.Progress);
        Assert.Equal(2, status.AttemptsRemaining);
        Assert.Equal(WifiFailureReason.AuthenticationFailed, status.Reason);
        Assert.Equal(15, status.RawReason);

        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Failed, h.Manager.State);
        status = h.Manager.GetStatus();
        Assert.Equal(WifiProgress.Failed, status.Progress);
        Assert.Equal(WifiFailureReason.AuthenticationFailed, status.Reason);
        Assert.Equal(3, h.Station.ConnectCount);
        Assert.Null(h.Store.Load());
        Assert.True(h.Station.DisconnectCount >= 1);

        var kinds = h.Events.Kinds;
        Assert.Equal(new[]
        {
            ProvisioningEventKind.Started, ProvisioningEventKind.CredentialsReceived,
            ProvisioningEventKind.Connecting, ProvisioningEventKind.AttemptFailed,
            ProvisioningEventKind.Connecting, ProvisioningEventKind.AttemptFailed,
            ProvisioningEventKind.Connecting, ProvisioningEventKind.Failed,
        }, kinds);
        Assert.Equal(new[] { 2, 1 }, h.Events.All.Where(e => e.Kind == ProvisioningEventKind.AttemptFailed).Select(e => e.AttemptsRemaining));
        var failed = h.Events.All.Last();
        Assert.Equal(WifiFailureReason.AuthenticationFailed, failed.Reason);
        Assert.Equal(3, failed.Attempt);
        h.AssertNotLogged("wrong-password");
    }

    [Fact]
    public void After_a_wrong_password_new_credentials_are_accepted_in_the_same_session()
    {
        var h = new Harness();
        h.Provision("HomeNet", "wrong-password");
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Failed, h.Manager.State);

        Assert.Equal(ProvisioningResult.Ok, h.SetConfig("HomeNet", "homepass"));
        Assert.Equal(ProvisioningResult.Ok, h.Manager.ApplyConfig());
        Assert.Equal(ProvisioningState.CredentialsReceived, h.Manager.State);
        Assert.Equal(WifiProgress.Connecting, h.Manager.PeekStatus().Progress);
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
        Assert.Equal(B("homepass"), h.Store.Load().Passphrase);
    }

    [Fact]
    public void Attempt_counter_restarts_on_every_apply()
    {
        var h = new Harness();
        h.Provision("HomeNet", "wrong-password");
        h.RunUntilOutcome();
        h.Events.Clear();

        h.Provision("HomeNet", "still-wrong");
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Failed, h.Manager.State);
        Assert.Equal(6, h.Station.ConnectCount);
        Assert.Equal(new[] { 1, 2, 3 }, h.Events.All.Where(e => e.Kind == ProvisioningEventKind.Connecting).Select(e => e.Attempt));
        Assert.Equal(new[] { 2, 1 }, h.Events.All.Where(e => e.Kind == ProvisioningEventKind.AttemptFailed).Select(e => e.AttemptsRemaining));
    }

    [Fact]
    public void Apply_rules_match_esp_idf()
    {
        var h = new Harness();
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.ApplyConfig()); // nothing pending

        h.Provision("HomeNet", "homepass");
        Assert.Equal(ProvisioningResult.Ok, h.SetConfig("Office", "office-secret"));
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.ApplyConfig()); // already applied
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.ApplyConfig()); // the refused Apply consumed the pending config

        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
        Assert.Equal(B("HomeNet"), h.Store.Load().Ssid);
        h.SetConfig("Office", "office-secret");
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.ApplyConfig()); // after success, only reprov reopens
    }

    [Theory]
    [InlineData(0, 8, 0)]
    [InlineData(33, 8, 0)]
    [InlineData(5, 7, 0)]
    [InlineData(5, 64, 0)]
    [InlineData(5, 1, 0)]
    [InlineData(5, 8, 5)]
    [InlineData(5, 8, 7)]
    [InlineData(5, 0, 1)]
    public void Invalid_set_config_is_rejected_and_changes_nothing(int ssidLength, int passLength, int bssidLength)
    {
        var h = new Harness();
        Assert.Equal(ProvisioningResult.Ok, h.SetConfig("HomeNet", "homepass"));
        var result = h.Manager.SetConfig(new byte[ssidLength].Select(_ => (byte)'a').ToArray(),
            new byte[passLength].Select(_ => (byte)'p').ToArray(), bssidLength == 0 ? null : new byte[bssidLength], 0);
        Assert.Equal(ProvisioningResult.InvalidArgument, result);
        Assert.Equal(ProvisioningState.Started, h.Manager.State);

        // The earlier valid config is still the pending one.
        Assert.Equal(ProvisioningResult.Ok, h.Manager.ApplyConfig());
        h.RunUntilOutcome();
        Assert.Equal(B("HomeNet"), h.Store.Load().Ssid);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(32, 8)]
    [InlineData(32, 63)]
    [InlineData(7, 0)]
    public void Boundary_lengths_are_accepted(int ssidLength, int passLength)
    {
        var h = new Harness();
        var result = h.Manager.SetConfig(Enumerable.Repeat((byte)'s', ssidLength).ToArray(), Enumerable.Repeat((byte)'p', passLength).ToArray(), new byte[6], 3);
        Assert.Equal(ProvisioningResult.Ok, result);
    }

    [Fact]
    public void Invalid_set_config_without_earlier_config_leaves_nothing_to_apply()
    {
        var h = new Harness();
        Assert.Equal(ProvisioningResult.InvalidArgument, h.SetConfig("HomeNet", "short"));
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.ApplyConfig());
        Assert.Equal(ProvisioningState.Started, h.Manager.State);
    }

    [Fact]
    public void Unknown_network_fails_with_network_not_found()
    {
        var h = new Harness();
        h.Provision("NoSuchNetwork", "whatever1");
        h.RunUntilOutcome();
        var status = h.Manager.GetStatus();
        Assert.Equal(WifiProgress.Failed, status.Progress);
        Assert.Equal(WifiFailureReason.NetworkNotFound, status.Reason);
        Assert.Equal(201, status.RawReason);
    }

    [Fact]
    public void Bssid_lock_to_an_absent_bssid_is_not_found()
    {
        var h = new Harness();
        Assert.Equal(ProvisioningResult.Ok, h.Manager.SetConfig(B("HomeNet"), B("homepass"), Convert.FromHexString("aabbccddeeff"), 6));
        h.Manager.ApplyConfig();
        h.RunUntilOutcome();
        Assert.Equal(WifiFailureReason.NetworkNotFound, h.Manager.PeekStatus().Reason);
    }

    [Fact]
    public void First_attempt_fails_then_second_succeeds()
    {
        var h = new Harness();
        h.Provision("Flaky", "flaky-pass");
        h.Advance(1000 + 3500);
        var status = h.Manager.GetStatus();
        Assert.Equal(WifiProgress.AttemptFailed, status.Progress);
        Assert.Equal(2, status.AttemptsRemaining);
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
        Assert.Equal(new[]
        {
            ProvisioningEventKind.Started, ProvisioningEventKind.CredentialsReceived,
            ProvisioningEventKind.Connecting, ProvisioningEventKind.AttemptFailed,
            ProvisioningEventKind.Connecting, ProvisioningEventKind.Connected,
        }, h.Events.Kinds);
        Assert.Equal(2, h.Events.All.Last().Attempt);
    }

    [Fact]
    public void Dhcp_timeout_counts_as_a_failed_attempt()
    {
        var options = DefaultOptions();
        options.ConnectionAttempts = 2;
        var h = new Harness(options);
        h.Provision("NoDhcp", "nodhcp-pass");
        h.Advance(1000 + 600 + 14999);
        Assert.Equal(WifiProgress.Connecting, h.Manager.PeekStatus().Progress);
        h.Advance(1);
        Assert.Equal(WifiProgress.AttemptFailed, h.Manager.PeekStatus().Progress);
        Assert.Equal(WifiFailureReason.DhcpTimeout, h.Manager.PeekStatus().Reason);
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Failed, h.Manager.State);
        Assert.Equal(WifiFailureReason.DhcpTimeout, h.Events.All.Last().Reason);
        Assert.True(h.Station.DisconnectCount >= 2);
    }

    [Fact]
    public void Silent_station_hits_the_association_timeout()
    {
        var clock = new FakeClock();
        var timers = new ManualTimerService(clock);
        var station = new SilentStation();
        var options = DefaultOptions();
        options.ConnectionAttempts = 1;
        options.AttemptTimeoutMs = 5000;
        var manager = new ProvisioningManager(options, station, new InMemoryCredentialStore(), timers, null);
        manager.Start();
        manager.SetConfig(B("x"), B("password"), null, 0);
        manager.ApplyConfig();
        timers.Advance(1000 + 4999);
        Assert.Equal(ProvisioningState.CredentialsReceived, manager.State);
        timers.Advance(1);
        Assert.Equal(ProvisioningState.Failed, manager.State);
        Assert.Equal(WifiFailureReason.AssociationTimeout, manager.PeekStatus().Reason);
        Assert.Equal(1, station.DisconnectCount);
        Assert.All(station.LastRequest.Passphrase, b => Assert.Equal(0, b)); // wiped after the attempt
    }

    [Fact]
    public void Stale_events_of_an_abandoned_attempt_are_ignored()
    {
        var clock = new FakeClock();
        var timers = new ManualTimerService(clock);
        var station = new SilentStation();
        var options = DefaultOptions();
        options.ConnectionAttempts = 2;
        options.AttemptTimeoutMs = 5000;
        var manager = new ProvisioningManager(options, station, new InMemoryCredentialStore(), timers, null);
        manager.Start();
        manager.SetConfig(B("x"), B("password"), null, 0);
        manager.ApplyConfig();
        timers.Advance(1000 + 5000); // attempt 1 times out
        var first = station.LastRequest;
        timers.Advance(1000); // attempt 2 starts
        Assert.NotSame(first, station.LastRequest);
        station.RaiseStation(new WifiStationEventArgs(WifiStationEventKind.GotIp, first, WifiFailureReason.Other, 0, new WifiConnectionInfo("10.0.0.1", 3, new byte[6], 1)));
        Assert.Equal(ProvisioningState.CredentialsReceived, manager.State);
        station.RaiseStation(new WifiStationEventArgs(WifiStationEventKind.GotIp, station.LastRequest, WifiFailureReason.Other, 0, new WifiConnectionInfo("10.0.0.2", 3, new byte[6], 1)));
        Assert.Equal(ProvisioningState.Succeeded, manager.State);
        Assert.Equal("10.0.0.2", manager.PeekStatus().Connection.Ip4Address);
    }

    [Fact]
    public void Synchronous_failure_from_the_station_is_handled()
    {
        var clock = new FakeClock();
        var timers = new ManualTimerService(clock);
        var station = new SilentStation { FailConnectSynchronously = true };
        var options = DefaultOptions();
        options.ConnectionAttempts = 2;
        var manager = new ProvisioningManager(options, station, new InMemoryCredentialStore(), timers, null);
        var events = new EventRecorder(manager);
        manager.Start();
        manager.SetConfig(B("x"), B("password"), null, 0);
        manager.ApplyConfig();
        timers.RunUntilIdle();
        Assert.Equal(ProvisioningState.Failed, manager.State);
        Assert.Equal(2, station.ConnectCount);
        Assert.Equal(new[]
        {
            ProvisioningEventKind.Started, ProvisioningEventKind.CredentialsReceived,
            ProvisioningEventKind.Connecting, ProvisioningEventKind.AttemptFailed,
            ProvisioningEventKind.Connecting, ProvisioningEventKind.Failed,
        }, events.Kinds);
    }

    [Fact]
    public void Failed_reprovision_keeps_the_previous_working_network()
    {
        var store = new InMemoryCredentialStore(new StoredNetwork(B("HomeNet"), B("homepass"), null, 0));
        var options = DefaultOptions();
        options.AutoStop = false;
        var h = new Harness(options, store: store);
        h.Provision("Office", "not-the-password");
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Failed, h.Manager.State);
        Assert.Equal(B("HomeNet"), h.Store.Load().Ssid);
        Assert.Equal(B("homepass"), h.Store.Load().Passphrase);
        Assert.Equal(0, h.Store.SaveCount);
        Assert.Equal(0, h.Store.ClearCount);

        Assert.Equal(ProvisioningResult.Ok, h.Manager.ResetAfterFailure());
        Assert.Equal(B("HomeNet"), h.Store.Load().Ssid); // CtrlReset does not erase it either (ESP-IDF does)
    }

    [Fact]
    public void Stopping_after_a_failed_reprovision_reconnects_the_stored_network()
    {
        var store = new InMemoryCredentialStore(new StoredNetwork(B("HomeNet"), B("homepass"), null, 0));
        var h = new Harness(store: store);
        h.Provision("Office", "not-the-password");
        h.RunUntilOutcome();
        int connects = h.Station.ConnectCount;
        h.Manager.Stop();
        Assert.Equal(ProvisioningState.Stopping, h.Manager.State);
        h.Advance(1000);
        Assert.Equal(ProvisioningState.Stopped, h.Manager.State);
        Assert.Equal(connects + 1, h.Station.ConnectCount);
        h.Settle();
        Assert.True(h.Station.IsConnected);
        Assert.Equal(B("HomeNet"), h.Station.CurrentAccessPoint.Ssid);
        Assert.Equal(ProvisioningState.Stopped, h.Manager.State); // the restore does not touch provisioning state
    }

    [Fact]
    public void Stopping_without_any_attempt_does_not_touch_the_station()
    {
        var store = new InMemoryCredentialStore(new StoredNetwork(B("HomeNet"), B("homepass"), null, 0));
        var h = new Harness(store: store);
        h.Manager.Stop();
        h.Settle();
        Assert.Equal(ProvisioningState.Stopped, h.Manager.State);
        Assert.Equal(0, h.Station.ConnectCount);
    }

    [Fact]
    public void Auto_stop_waits_after_the_connected_status_was_reported()
    {
        var h = new Harness();
        h.Provision("HomeNet", "homepass");
        h.RunUntilOutcome();
        Assert.Equal(WifiProgress.Connected, h.Manager.GetStatus().Progress);
        h.Advance(4999);
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
        Assert.Equal(WifiProgress.Connected, h.Manager.GetStatus().Progress);
        h.Advance(1);
        Assert.Equal(ProvisioningState.Stopping, h.Manager.State);
        Assert.Equal(WifiProgress.Connected, h.Manager.GetStatus().Progress); // still answers during the delay
        h.Advance(1000);
        Assert.Equal(ProvisioningState.Stopped, h.Manager.State);
        Assert.Equal(ProvisioningEventKind.Stopping, h.Events.All[^2].Kind);
        Assert.Equal(ProvisioningEventKind.Stopped, h.Events.All[^1].Kind);
        Assert.True(h.Station.IsConnected); // success: the station stays on the new network
        Assert.Equal(1, h.Station.ConnectCount);
    }

    [Fact]
    public void Auto_stop_happens_after_the_configured_delay_even_without_status_polls()
    {
        var options = DefaultOptions();
        options.AutoStopDelayMs = 20000;
        var h = new Harness(options);
        h.Provision("HomeNet", "homepass");
        h.RunUntilOutcome();
        h.Advance(19999);
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
        h.Advance(1);
        Assert.Equal(ProvisioningState.Stopping, h.Manager.State);
    }

    [Fact]
    public void Losing_the_link_after_success_does_not_change_the_outcome()
    {
        var options = DefaultOptions();
        options.AutoStop = false;
        var h = new Harness(options);
        h.Provision("HomeNet", "homepass");
        h.RunUntilOutcome();
        int events = h.Events.All.Count;
        Assert.True(h.Station.DropConnection());
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
        Assert.Equal(WifiProgress.Connected, h.Manager.GetStatus().Progress);
        Assert.Equal(events, h.Events.All.Count);
        Assert.True(h.Log.Contains("station lost the provisioned network"));
    }

    [Fact]
    public void Disabled_auto_stop_keeps_provisioning_running()
    {
        var options = DefaultOptions();
        options.AutoStop = false;
        var h = new Harness(options);
        h.Provision("HomeNet", "homepass");
        h.RunUntilOutcome();
        h.Manager.GetStatus();
        h.Advance(3_600_000);
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
    }

    [Fact]
    public void Ctrl_reset_is_only_allowed_after_a_failure()
    {
        var h = new Harness();
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.ResetAfterFailure());
        h.Provision("HomeNet", "wrong-password");
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.ResetAfterFailure());
        h.RunUntilOutcome();
        h.Events.Clear();
        Assert.Equal(ProvisioningResult.Ok, h.Manager.ResetAfterFailure());
        Assert.Equal(ProvisioningState.Started, h.Manager.State);
        Assert.Equal(WifiProgress.Connecting, h.Manager.GetStatus().Progress);
        var e = Assert.Single(h.Events.All);
        Assert.Equal(ProvisioningEventKind.Started, e.Kind);
        Assert.Equal(ProvisioningState.Failed, e.PreviousState);
        Assert.Equal(ProvisioningResult.Ok, h.Provision("HomeNet", "homepass"));
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
    }

    [Fact]
    public void Reprovision_needs_auto_stop_disabled()
    {
        var h = new Harness();
        Assert.Equal(ProvisioningResult.InternalError, h.Manager.Reprovision());
        Assert.Equal(ProvisioningState.Started, h.Manager.State);
    }

    [Fact]
    public void Reprovision_after_success_keeps_the_station_connected_until_new_credentials_work()
    {
        var options = DefaultOptions();
        options.AutoStop = false;
        var h = new Harness(options);
        h.Provision("HomeNet", "homepass");
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningResult.Ok, h.Manager.Reprovision());
        Assert.Equal(ProvisioningState.Started, h.Manager.State);
        Assert.Equal(WifiProgress.Connecting, h.Manager.GetStatus().Progress);
        Assert.True(h.Station.IsConnected);
        Assert.Equal(ProvisioningState.Succeeded, h.Events.All.Last().PreviousState);

        h.Provision("Office", "office-secret");
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
        Assert.Equal(B("Office"), h.Store.Load().Ssid);
        Assert.Equal(2, h.Store.SaveCount);
    }

    [Fact]
    public void Reprovision_during_an_attempt_aborts_it()
    {
        var options = DefaultOptions();
        options.AutoStop = false;
        var h = new Harness(options);
        h.Provision("HomeNet", "homepass");
        h.Advance(1000 + 300);
        Assert.Equal(ProvisioningResult.Ok, h.Manager.Reprovision());
        h.Settle();
        Assert.Equal(ProvisioningState.Started, h.Manager.State);
        Assert.Null(h.Store.Load());
        Assert.False(h.Station.IsConnected);
    }

    [Fact]
    public void Stop_and_start_again_without_reboot()
    {
        var h = new Harness();
        h.Manager.Stop();
        h.Settle();
        Assert.Equal(ProvisioningState.Stopped, h.Manager.State);
        Assert.Equal(ProvisioningResult.InternalError, h.SetConfig("HomeNet", "homepass"));
        Assert.True(h.Manager.Start());
        Assert.Equal(ProvisioningResult.Ok, h.Provision("HomeNet", "homepass"));
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Succeeded, h.Manager.State);
    }

    [Fact]
    public void Event_handlers_may_call_back_into_the_manager()
    {
        var h = new Harness(start: false);
        var seen = new List<ProvisioningState>();
        h.Manager.Changed += (_, e) =>
        {
            seen.Add(h.Manager.State);
            if (e.Kind == ProvisioningEventKind.Failed)
            {
                h.Manager.ResetAfterFailure();
            }
        };
        h.Manager.Start();
        h.Provision("HomeNet", "wrong-password");
        h.RunUntilOutcome();
        Assert.Equal(ProvisioningState.Started, h.Manager.State);
        Assert.Equal(ProvisioningEventKind.Started, h.Events.All.Last().Kind);
    }

    [Fact]
    public void Store_failure_does_not_break_success()
    {
        var clock = new FakeClock();
        var timers = new ManualTimerService(clock);
        var world = NanoProv.Host.Wifi.SimulatedWifiWorld.CreateDefault();
        var station = new NanoProv.Host.Wifi.SimulatedWifiStation(world, timers);
        var log = new TestLog();
        var manager = new ProvisioningManager(DefaultOptions(), station, new ThrowingStore(), timers, log);
        manager.Start();
        manager.SetConfig(B("HomeNet"), B("homepass"), null, 0);
        manager.ApplyConfig();
        timers.RunUntilIdle(10_000);
        Assert.Equal(ProvisioningState.Succeeded, manager.State);
        Assert.True(log.Contains("credential store save failed"));
    }

    [Fact]
    public void Options_are_validated()
    {
        var o = DefaultOptions();
        o.ConnectionAttempts = 0;
        Assert.Throws<ArgumentException>(() => o.Validate());
        o = DefaultOptions();
        o.ScanMaxEntries = 256;
        Assert.Throws<ArgumentException>(() => o.Validate());
        o = DefaultOptions();
        o.SecurityVersion = 2;
        Assert.Throws<ArgumentException>(() => o.Validate());
        o = DefaultOptions();
        Assert.Throws<ArgumentException>(() => o.AddCustomEndpoint("prov-config", new CallbackEndpoint((_, r) => r)));
        Assert.Throws<ArgumentException>(() => o.AddCustomEndpoint("bad name", new CallbackEndpoint((_, r) => r)));
        o.AddCustomEndpoint("custom-data", new CallbackEndpoint((_, r) => r));
        Assert.Throws<ArgumentException>(() => o.AddCustomEndpoint("custom-data", new CallbackEndpoint((_, r) => r)));
    }

    private sealed class ThrowingStore : ICredentialStore
    {
        public StoredNetwork Load() => null;
        public void Save(StoredNetwork network) => throw new IOException("flash full");
        public void Clear() { }
    }
}
