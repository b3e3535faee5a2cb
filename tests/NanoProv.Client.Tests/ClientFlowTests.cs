using System.Text;
using NanoProv.Client.Security;
using NanoProv.Client.Tests.Support;

namespace NanoProv.Client.Tests;

/// <summary>ProvClient high-level flows against the device double.</summary>
public class ClientFlowTests
{
    private static readonly ProvisionOptions Fast = new() { PollInterval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(10) };

    private static ProvClient Client(FakeDevice d, List<ProvProgress> progress = null, ProvClientOptions o = null) =>
        new(d, new ProvClientOptions
        {
            Security = o?.Security,
            Sec2Patch = o?.Sec2Patch,
            Pop = o?.Pop ?? "abcd1234",
            Sec2Username = o?.Sec2Username ?? "wifiprov",
            Sec2Password = o?.Sec2Password ?? "abcd1234",
            Progress = progress == null ? null : progress.Add,
        });

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Provision_succeeds_with_each_security_scheme(int security)
    {
        var d = new FakeDevice { Security = security };
        using var c = Client(d);
        var info = c.Connect();
        Assert.Equal(security, info.Security);
        var r = c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast);
        Assert.Equal(ProvisionOutcome.Connected, r.Outcome);
        Assert.Equal("HomeNet", r.LastStatus.Connected.Ssid);
        Assert.Equal("homepass1", Encoding.UTF8.GetString(d.LastPassphrase));
        Assert.Equal(new[] { "proto-ver", "prov-session" }, d.Log.Take(2));
    }

    [Fact]
    public void Sec1_without_pop_is_detected_from_no_pop_and_the_pop_is_ignored()
    {
        var d = new FakeDevice { Security = 1, Pop = null };
        var progress = new List<ProvProgress>();
        using var c = Client(d, progress, new ProvClientOptions { Pop = "something" });
        c.Connect();
        Assert.True(c.IsSessionEstablished);
        Assert.Contains(progress, p => p.Step == ProvStep.Warning && p.Message.Contains("no_pop"));
    }

    [Fact]
    public void Sec2_patch_is_taken_from_proto_ver_and_legacy_devices_work()
    {
        var d = new FakeDevice { Security = 2, SecPatchVersion = 0 };
        using var c = Client(d);
        var info = c.Connect();
        Assert.Equal(Sec2Patch.Legacy, info.Sec2Patch);
        Assert.Equal(StationState.Connecting, c.GetWifiStatus().State);

        var d1 = new FakeDevice { Security = 2, SecPatchVersion = 1 };
        using var c1 = Client(d1);
        Assert.Equal(Sec2Patch.Counter, c1.Connect().Sec2Patch);
        Assert.Equal(StationState.Connecting, c1.GetWifiStatus().State);
    }

    [Fact]
    public void Forced_wrong_patch_mode_fails_with_a_clear_message()
    {
        var d = new FakeDevice { Security = 2, SecPatchVersion = 1 };
        using var c = Client(d, o: new ProvClientOptions { Sec2Patch = Sec2Patch.Legacy });
        c.Connect();
        // The request uses the same IV in both modes (counter 1 = nonce), the reply does not.
        var e = Assert.Throws<ProvProtocolException>(() => c.GetWifiStatus());
        Assert.Contains("--sec2-patch", e.Message);
    }

    [Fact]
    public void Missing_sec_ver_falls_back_to_capabilities()
    {
        var d0 = new FakeDevice { Security = 0, AdvertiseSecVer = false };
        using var c0 = Client(d0);
        Assert.Equal(0, c0.Connect().Security);
        var d1 = new FakeDevice { Security = 1, AdvertiseSecVer = false };
        using var c1 = Client(d1);
        Assert.Equal(1, c1.Connect().Security);
    }

    [Fact]
    public void Non_json_proto_ver_needs_an_explicit_security()
    {
        var d = new FakeDevice { Security = 1, ProtoVerOverride = "v1.0" };
        using var c = Client(d);
        var e = Assert.Throws<ProvProtocolException>(() => c.Connect());
        Assert.Contains("--security", e.Message);
        using var c2 = Client(d, o: new ProvClientOptions { Security = 1 });
        Assert.Equal(1, c2.Connect().Security);
    }

    [Fact]
    public void Wrong_pop_and_wrong_password_are_handshake_failures_without_secrets()
    {
        using (var c = Client(new FakeDevice { Security = 1 }, o: new ProvClientOptions { Pop = "not-the-pop" }))
        {
            var e = Assert.Throws<ProvHandshakeException>(() => c.Connect());
            Assert.StartsWith("handshake rejected: wrong PoP/password, or the device is rate-limiting", e.Message);
            Assert.Contains("--pop", e.Message);
            Assert.DoesNotContain("not-the-pop", e.Message);
        }
        using (var c = Client(new FakeDevice { Security = 2 }, o: new ProvClientOptions { Sec2Password = "secret-wrong" }))
        {
            var e = Assert.Throws<ProvHandshakeException>(() => c.Connect());
            Assert.Contains("--sec2-password", e.Message);
            Assert.DoesNotContain("secret-wrong", e.Message);
            Assert.Equal(ProvErrorKind.Handshake, e.Kind);
        }
    }

    [Fact]
    public void Missing_credentials_are_reported_or_prompted()
    {
        var d = new FakeDevice { Security = 2 };
        using (var c = new ProvClient(d, new ProvClientOptions()))
        {
            var e = Assert.Throws<ProvClientException>(() => c.Connect());
            Assert.Equal(ProvErrorKind.MissingCredential, e.Kind);
        }
        var asked = new List<CredentialKind>();
        using (var c = new ProvClient(d, new ProvClientOptions
               {
                   CredentialPrompt = k => { asked.Add(k); return k == CredentialKind.Sec2Username ? "wifiprov" : "abcd1234"; },
               }))
        {
            c.Connect();
            Assert.Equal(new[] { CredentialKind.Sec2Username, CredentialKind.Sec2Password }, asked);
        }
    }

    [Fact]
    public void Wrong_wifi_password_gives_AuthError_with_attempt_progress_then_retry_in_the_same_session_works()
    {
        var d = new FakeDevice();
        var progress = new List<ProvProgress>();
        using var c = Client(d, progress);
        var r1 = c.Provision(WifiCredentials.FromText("HomeNet", "wrongpass"), Fast);
        Assert.Equal(ProvisionOutcome.AuthError, r1.Outcome);
        Assert.Equal(ConnectFailReason.AuthError, r1.LastStatus.FailReason);
        Assert.Contains(progress, p => p.Step == ProvStep.AttemptFailed && p.Message.Contains("1 attempt(s) remaining"));
        Assert.DoesNotContain(progress, p => p.Message.Contains("wrongpass"));

        var r2 = c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast);
        Assert.Equal(ProvisionOutcome.Connected, r2.Outcome);
        Assert.Equal(1, d.SessionsStarted);
        Assert.Equal(2, d.ApplyCount);
    }

    [Fact]
    public void Esp_idf_style_device_refuses_a_second_apply_until_reset()
    {
        var d = new FakeDevice { AllowRetryAfterFailure = false };
        using var c = Client(d);
        Assert.Equal(ProvisionOutcome.AuthError, c.Provision(WifiCredentials.FromText("HomeNet", "wrongpass"), Fast).Outcome);
        var e = Assert.Throws<DeviceRejectedException>(() => c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast));
        Assert.Equal(DeviceStatus.InternalError, e.Status);
        Assert.Contains("reset", e.Message);
        Assert.Equal(DeviceStatus.Success, c.ResetProvisioning());
        Assert.Equal(ProvisionOutcome.Connected, c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast).Outcome);
    }

    [Fact]
    public void Unknown_network_gives_NetworkNotFound()
    {
        using var c = Client(new FakeDevice());
        Assert.Equal(ProvisionOutcome.NetworkNotFound, c.Provision(WifiCredentials.FromText("Nowhere", "whatever1"), Fast).Outcome);
    }

    [Fact]
    public void Endless_connecting_times_out_and_repeated_disconnected_fails()
    {
        using (var c = Client(new FakeDevice { Outcomes = (_, _) => new[] { "Connecting" } }))
        {
            var r = c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"),
                new ProvisionOptions { PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(300) });
            Assert.Equal(ProvisionOutcome.TimedOut, r.Outcome);
            Assert.True(r.StatusPolls >= 2);
        }
        using (var c = Client(new FakeDevice { Outcomes = (_, _) => new[] { "Connecting", "Disconnected" } }))
        {
            var r = c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast);
            Assert.Equal(ProvisionOutcome.Failed, r.Outcome);
            Assert.Equal(4, r.StatusPolls); // Connecting + 3 x Disconnected
        }
    }

    [Fact]
    public void Poll_interval_is_honoured()
    {
        using var c = Client(new FakeDevice { Outcomes = (_, _) => new[] { "Connecting", "Connecting", "Connected" } });
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"),
            new ProvisionOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(10) });
        Assert.Equal(ProvisionOutcome.Connected, r.Outcome);
        Assert.Equal(3, r.StatusPolls);
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(290), $"elapsed {sw.Elapsed}");
    }

    [Fact]
    public void Cancellation_stops_polling()
    {
        using var c = Client(new FakeDevice { Outcomes = (_, _) => new[] { "Connecting" } });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var e = Assert.Throws<ProvClientException>(() => c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"),
            new ProvisionOptions { PollInterval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(30) }, cts.Token));
        Assert.Equal(ProvErrorKind.Cancelled, e.Kind);
    }

    [Fact]
    public void Invalid_credentials_are_refused_before_anything_is_sent()
    {
        var d = new FakeDevice();
        using var c = Client(d);
        foreach (var creds in new[]
                 {
                     WifiCredentials.FromText("", "homepass1"),
                     WifiCredentials.FromText(new string('x', 33), "homepass1"),
                     WifiCredentials.FromText("HomeNet", "short"),
                     WifiCredentials.FromText("HomeNet", new string('p', 64)),
                     WifiCredentials.FromText("HomeNet", "homepass1", new byte[5]),
                 })
        {
            var e = Assert.Throws<ProvClientException>(() => c.Provision(creds, Fast));
            Assert.Equal(ProvErrorKind.InvalidArgument, e.Kind);
            Assert.DoesNotContain("homepass1", e.Message);
        }
        Assert.Empty(d.Log);
    }

    [Fact]
    public void Device_side_invalid_argument_is_a_rejection()
    {
        var d = new FakeDevice { SetConfigStatus = Status.InvalidArgument };
        using var c = Client(d);
        var e = Assert.Throws<DeviceRejectedException>(() => c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast));
        Assert.Equal(DeviceStatus.InvalidArgument, e.Status);
    }

    [Fact]
    public void Scan_pages_through_all_results_strongest_first()
    {
        var d = new FakeDevice();
        for (int i = 0; i < 6; i++) d.Aps.Add(new FakeDevice.Ap("Extra" + i, "password" + i, 1, -90 + i, new byte[6], 3));
        using var c = Client(d);
        c.Connect();
        var list = c.Scan(new ScanOptions { PageSize = 3 });
        Assert.Equal(10, list.Count);
        Assert.Equal("HomeNet", list[0].Ssid);
        Assert.True(list.Zip(list.Skip(1)).All(p => p.First.Rssi >= p.Second.Rssi));
        Assert.Equal(4, d.Log.Count(e => e == "prov-scan") - 2); // start + status + 4 pages
    }

    [Fact]
    public void Scan_needs_the_wifi_scan_capability()
    {
        var d = new FakeDevice { ProtoVerOverride = "{\"prov\":{\"ver\":\"v1.1\",\"sec_ver\":2,\"sec_patch_ver\":1,\"cap\":[]}}" };
        using var c = Client(d);
        c.Connect();
        var e = Assert.Throws<ProvClientException>(() => c.Scan());
        Assert.Equal(ProvErrorKind.VersionMismatch, e.Kind);
    }

    [Fact]
    public void Reset_and_reprov_report_the_device_status()
    {
        using (var c = Client(new FakeDevice()))
        {
            c.Connect();
            Assert.Equal(DeviceStatus.InternalError, c.ResetProvisioning()); // nothing failed yet
        }
        var d = new FakeDevice { ManagerState = "FAIL" };
        using (var c = Client(d))
        {
            c.Connect();
            Assert.Equal(DeviceStatus.Success, c.ResetProvisioning());
            Assert.Equal("STARTED", d.ManagerState);
        }
        using (var c = Client(new FakeDevice { AutoStopDisabled = true }))
        {
            c.Connect();
            Assert.Equal(DeviceStatus.Success, c.Reprovision());
        }
        using (var c = Client(new FakeDevice()))
        {
            c.Connect();
            Assert.Equal(DeviceStatus.InternalError, c.Reprovision());
        }
    }

    [Fact]
    public void Custom_data_round_trips_through_the_session()
    {
        var d = new FakeDevice { CustomHandler = (_, data) => Encoding.UTF8.GetBytes("echo:" + Encoding.UTF8.GetString(data)) };
        using var c = Client(d);
        c.Connect();
        Assert.Equal("echo:hello", Encoding.UTF8.GetString(c.SendCustomData("custom-data", Encoding.UTF8.GetBytes("hello"))));
        var e = Assert.Throws<ProvTransportException>(() => c.SendCustomData("no-such-endpoint", new byte[] { 1 }));
        Assert.Equal(404, e.HttpStatus);
    }

    [Fact]
    public void After_a_failed_exchange_the_session_is_refused_until_reconnect()
    {
        var d = new FakeDevice { Security = 1 };
        using var c = Client(d);
        c.Connect();
        d.NewSession(); // another client took the device's only session
        var e = Assert.Throws<DeviceClosedConnectionException>(() => c.GetWifiStatus());
        Assert.Contains("no longer has this secure session", e.Message);
        var e2 = Assert.Throws<ProvClientException>(() => c.GetWifiStatus());
        Assert.Equal(ProvErrorKind.Protocol, e2.Kind);
        c.Connect();
        Assert.Equal(StationState.Connecting, c.GetWifiStatus().State);
    }

    [Fact]
    public void Malformed_replies_are_protocol_errors()
    {
        var d = new FakeDevice { ReplyOverride = (ep, _) => ep == "prov-config" ? new byte[] { 0xff, 0xff, 0xff } : null };
        using var c = Client(d);
        c.Connect();
        var e = Assert.Throws<ProvProtocolException>(() => c.GetWifiStatus());
        Assert.Contains("malformed reply to GetStatus", e.Message);

        var d2 = new FakeDevice { ReplyOverride = (ep, _) => ep == "prov-config" ? Convert.FromHexString("08036a00") : null };
        using var c2 = Client(d2);
        c2.Connect();
        var e2 = Assert.Throws<ProvProtocolException>(() => c2.GetWifiStatus()); // a SetConfig reply to GetStatus
        Assert.Contains("unexpected reply to GetStatus", e2.Message);
    }

    [Fact]
    public void Expected_version_is_checked()
    {
        using (var c = new ProvClient(new FakeDevice(), new ProvClientOptions { ExpectedVersion = "V1.1", Sec2Username = "wifiprov", Sec2Password = "abcd1234" }))
            c.Connect();
        using (var c = new ProvClient(new FakeDevice(), new ProvClientOptions { ExpectedVersion = "v2.0", Sec2Username = "wifiprov", Sec2Password = "abcd1234" }))
        {
            var e = Assert.Throws<ProvClientException>(() => c.Connect());
            Assert.Equal(ProvErrorKind.VersionMismatch, e.Kind);
        }
    }

    [Fact]
    public void Trace_redacts_the_passphrase_unless_secrets_are_requested()
    {
        foreach (bool secrets in new[] { false, true })
        {
            var lines = new List<string>();
            var d = new FakeDevice { Security = 0 };
            using var c = new ProvClient(d, new ProvClientOptions { Trace = lines.Add, TraceSecrets = secrets });
            c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast);
            string all = string.Join("\n", lines);
            // SetConfig plaintext: "homepass1" starts at offset 15, so the dump shows "mepass1" on its second line.
            string passHex = string.Join(" ", Encoding.ASCII.GetBytes("mepass1").Select(b => b.ToString("x2")));
            Assert.Contains("-> prov-config SetConfig", all);
            Assert.Equal(secrets, all.Contains(passHex));
            Assert.Equal(secrets, all.Contains("mepass1"));
            Assert.Equal(!secrets, all.Contains("redacted"));
        }
    }

    [Fact]
    public void Secret_trace_shows_keys_only_when_enabled()
    {
        foreach (bool secrets in new[] { false, true })
        {
            var lines = new List<string>();
            using var c = new ProvClient(new FakeDevice(), new ProvClientOptions
            {
                Sec2Username = "wifiprov", Sec2Password = "abcd1234", Trace = lines.Add, TraceSecrets = secrets,
            });
            c.Connect();
            Assert.Equal(secrets, lines.Any(l => l.Contains("[secret]") && l.Contains("session key")));
            Assert.DoesNotContain(lines, l => l.Contains("abcd1234"));
        }
    }
}
