using System.Text;
using NanoProv.Client.Cli;
using NanoProv.Client.Security;
using NanoProv.Client.Tests.Support;

namespace NanoProv.Client.Tests;

/// <summary>The ProvCli command line run in-process: parsing, flows, exit codes and messages.</summary>
[Collection(LoopbackCollection.Name)]
public class CliTests
{
    private sealed record Result(int Code, string Out, string Err)
    {
        public string All => Out + "\n" + Err;
    }

    private static Result Run(FakeDevice device, string stdin, params string[] args)
    {
        var registry = TransportRegistry.CreateWithBuiltIns();
        if (device != null) registry.Register("fake", "in-memory device double", _ => device);
        var o = new StringWriter();
        var e = new StringWriter();
        int code = ProvCliApp.Run(args, new CliEnvironment
        {
            In = new StringReader(stdin ?? ""),
            Out = o,
            Err = e,
            InteractiveConsole = false,
            Transports = registry,
        });
        return new Result(code, o.ToString(), e.ToString());
    }

    /// <summary>Runs a device command against the double ("--transport fake" and fast polling added).</summary>
    private static Result Device(FakeDevice device, string stdin, string command, params string[] args)
    {
        var all = new List<string>(command.Split(' ')) { "--transport", "fake" };
        if (command == "provision" && !args.Contains("--poll-interval")) all.AddRange(new[] { "--poll-interval", "0" });
        all.AddRange(args);
        return Run(device, stdin, all.ToArray());
    }

    private static readonly string[] Sec2 = { "--sec2-user", "wifiprov", "--sec2-password", "abcd1234" };

    // ---------------------------------------------------------------- help and parsing

    [Fact]
    public void Help_lists_the_commands_and_documents_the_exit_codes()
    {
        var r = Run(null, null, "--help");
        Assert.Equal(0, r.Code);
        foreach (var cmd in new[] { "provision", "scan", "status", "reset", "reprov", "custom", "version", "sec2", "qr" })
            Assert.Contains(cmd, r.Out);
        Assert.Contains("Exit codes:", r.Out);
        foreach (var line in ExitCodes.HelpText.Split('\n').Skip(1))
            Assert.Contains(line.Trim(), r.Out);
    }

    [Theory]
    [InlineData("provision")]
    [InlineData("scan")]
    [InlineData("status")]
    [InlineData("reset")]
    [InlineData("reprov")]
    [InlineData("custom")]
    [InlineData("version")]
    [InlineData("sec2 gen-cred")]
    [InlineData("qr")]
    public void Every_command_has_help(string command)
    {
        var r = Run(null, null, command.Split(' ').Append("--help").ToArray());
        Assert.Equal(0, r.Code);
        Assert.Contains("Usage:", r.Out);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bogus")]
    [InlineData("provision --security 3")]
    [InlineData("provision --sec2-patch 2")]
    [InlineData("provision --transport carrier-pigeon")]
    [InlineData("provision --timeout 0")]
    [InlineData("provision --timeout abc")]
    [InlineData("provision --channel -1")]
    [InlineData("provision --poll-interval -1")]
    [InlineData("scan --page-size -2")]
    [InlineData("sec2 gen-cred --username u")]
    [InlineData("sec2 gen-cred --username u --password p --salt-len 0")]
    [InlineData("qr")]
    [InlineData("qr --name PROV_1 --transport usb")]
    public void Bad_arguments_exit_2(string args)
    {
        var r = Run(new FakeDevice(), null, args.Length == 0 ? Array.Empty<string>() : args.Split(' '));
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains("error:", r.Err);
    }

    [Fact]
    public void Invalid_values_found_after_parsing_also_exit_2()
    {
        Assert.Equal(2, Device(new FakeDevice(), null, "provision", Sec2.Concat(new[] { "--ssid", "HomeNet", "--passphrase", "homepass1", "--bssid", "zz" }).ToArray()).Code);
        Assert.Equal(2, Device(new FakeDevice(), null, "provision", Sec2.Concat(new[] { "--ssid", "HomeNet", "--passphrase", "short" }).ToArray()).Code);
        Assert.Equal(2, Run(null, null, new[] { "provision", "--host", "nohost:99999", "--ssid", "HomeNet", "--passphrase", "homepass1" }).Code);
        Assert.Equal(2, Device(new FakeDevice(), null, "custom", Sec2).Code);
        Assert.Equal(2, Device(new FakeDevice(), null, "custom", Sec2.Concat(new[] { "--data", "a", "--data-hex", "61" }).ToArray()).Code);
        Assert.Equal(2, Device(new FakeDevice(), null, "custom", Sec2.Concat(new[] { "--data-hex", "6" }).ToArray()).Code);
    }

    // ---------------------------------------------------------------- provision

    [Fact]
    public void Provision_sec2_success_exits_0_and_shows_each_step()
    {
        var d = new FakeDevice { Security = 2 };
        var r = Device(d, null, "provision", Sec2.Concat(new[] { "--ssid", "HomeNet", "--passphrase", "homepass1" }).ToArray());
        Assert.Equal(0, r.Code);
        foreach (var tag in new[] { "[proto-ver", "[session", "[config", "[apply", "[connected" }) Assert.Contains(tag, r.Out);
        Assert.Contains("Provisioning succeeded", r.Out);
        Assert.Contains("192.168.1.23", r.Out);
        Assert.Equal("HomeNet", Encoding.UTF8.GetString(d.LastSsid));
    }

    [Fact]
    public void Provision_sec1_and_sec0_succeed()
    {
        Assert.Equal(0, Device(new FakeDevice { Security = 1 }, null, "provision", "--pop", "abcd1234", "--ssid", "HomeNet", "--passphrase", "homepass1").Code);
        Assert.Equal(0, Device(new FakeDevice { Security = 1, Pop = null }, null, "provision", "--ssid", "HomeNet", "--passphrase", "homepass1").Code);
        Assert.Equal(0, Device(new FakeDevice { Security = 0 }, null, "provision", "--ssid", "HomeNet", "--passphrase", "homepass1").Code);
        Assert.Equal(0, Device(new FakeDevice { Security = 2, SecPatchVersion = 0 }, null, "provision",
            Sec2.Concat(new[] { "--ssid", "HomeNet", "--passphrase", "homepass1" }).ToArray()).Code);
    }

    [Fact]
    public void Provision_with_bssid_and_channel_sends_them()
    {
        var d = new FakeDevice();
        byte[] seen = null;
        d.ReplyOverride = (ep, plain) =>
        {
            if (ep == "prov-config" && plain[1] == 2) seen = plain;
            return null;
        };
        var r = Device(d, null, "provision", Sec2.Concat(new[] { "--ssid", "HomeNet", "--passphrase", "homepass1", "--bssid", "24:0a:c4:00:00:06", "--channel", "6" }).ToArray());
        Assert.Equal(0, r.Code);
        var cmd = WiFiConfigPayload.Parser.ParseFrom(seen).CmdSetConfig;
        Assert.Equal(Convert.FromHexString("240ac4000006"), cmd.Bssid.ToByteArray());
        Assert.Equal(6, cmd.Channel);
    }

    [Fact]
    public void Wrong_wifi_passphrase_exits_5()
    {
        var r = Device(new FakeDevice(), null, "provision", Sec2.Concat(new[] { "--ssid", "HomeNet", "--passphrase", "wrongpass" }).ToArray());
        Assert.Equal(ExitCodes.WifiAuthFailed, r.Code);
        Assert.Contains("[retry", r.Out);
        Assert.Contains("passphrase is wrong", r.Err);
    }

    [Fact]
    public void Unknown_network_exits_6()
    {
        var r = Device(new FakeDevice(), null, "provision", Sec2.Concat(new[] { "--ssid", "Nowhere", "--passphrase", "whatever1" }).ToArray());
        Assert.Equal(ExitCodes.WifiNetworkNotFound, r.Code);
        Assert.Contains("could not find the network \"Nowhere\"", r.Err);
    }

    [Fact]
    public void No_result_before_the_timeout_exits_7()
    {
        var d = new FakeDevice { Outcomes = (_, _) => new[] { "Connecting" } };
        var r = Device(d, null, "provision", Sec2.Concat(new[] { "--ssid", "HomeNet", "--passphrase", "homepass1", "--timeout", "0.5", "--poll-interval", "0.1" }).ToArray());
        Assert.Equal(ExitCodes.Timeout, r.Code);
        Assert.Contains("--timeout", r.Err);
    }

    [Fact]
    public void Disconnected_exits_10()
    {
        var d = new FakeDevice { Outcomes = (_, _) => new[] { "Disconnected" } };
        Assert.Equal(ExitCodes.ProvisioningFailed, Device(d, null, "provision", Sec2.Concat(new[] { "--ssid", "HomeNet", "--passphrase", "homepass1" }).ToArray()).Code);
    }

    [Fact]
    public void Wrong_pop_or_password_exits_4_with_the_handshake_message()
    {
        var r1 = Device(new FakeDevice { Security = 1 }, null, "provision", "--pop", "bad-pop-value", "--ssid", "HomeNet", "--passphrase", "homepass1");
        Assert.Equal(ExitCodes.Handshake, r1.Code);
        Assert.Contains("handshake rejected: wrong PoP/password, or the device is rate-limiting", r1.Err);
        var r2 = Device(new FakeDevice(), null, "provision", "--sec2-user", "wifiprov", "--sec2-password", "bad-password-value", "--ssid", "HomeNet", "--passphrase", "homepass1");
        Assert.Equal(ExitCodes.Handshake, r2.Code);
        Assert.Contains("handshake rejected", r2.Err);
    }

    [Fact]
    public void Missing_credentials_exit_2_and_can_come_from_stdin()
    {
        var r = Device(new FakeDevice(), "", "provision", "--sec2-user", "wifiprov", "--ssid", "HomeNet", "--passphrase", "homepass1");
        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains("--sec2-password", r.Err);

        var ok = Device(new FakeDevice(), "abcd1234\n", "provision", "--sec2-user", "wifiprov", "--ssid", "HomeNet", "--passphrase", "homepass1");
        Assert.Equal(0, ok.Code);

        var pop = Device(new FakeDevice { Security = 1 }, "abcd1234\nhomepass1\n", "provision", "--ssid", "HomeNet");
        Assert.Equal(0, pop.Code);

        var noPass = Device(new FakeDevice(), "", "provision", Sec2.Concat(new[] { "--ssid", "HomeNet" }).ToArray());
        Assert.Equal(ExitCodes.Usage, noPass.Code);
        Assert.Contains("--passphrase", noPass.Err);
    }

    [Fact]
    public void Without_ssid_the_network_is_picked_from_the_device_scan()
    {
        var d = new FakeDevice();
        var r = Device(d, "2\noffice-pass\n", "provision", Sec2);
        Assert.Equal(0, r.Code);
        Assert.Contains("HomeNet", r.Out);
        Assert.Contains("Legacy", r.Out);
        Assert.Contains("WPA2_WPA3_PSK", r.Out);
        Assert.Equal("Office", Encoding.UTF8.GetString(d.LastSsid));

        var open = new FakeDevice();
        Assert.Equal(0, Device(open, "3\n", "provision", Sec2).Code); // Cafe is open: no passphrase prompt
        Assert.Equal("Cafe", Encoding.UTF8.GetString(open.LastSsid));
        Assert.Empty(open.LastPassphrase);

        var typed = new FakeDevice();
        Assert.Equal(0, Device(typed, "HomeNet\nhomepass1\n", "provision", Sec2).Code);
        Assert.Equal("HomeNet", Encoding.UTF8.GetString(typed.LastSsid));

        Assert.Equal(ExitCodes.Usage, Device(new FakeDevice(), "", "provision", Sec2).Code);

        var hidden = new FakeDevice();
        hidden.Aps.Add(new FakeDevice.Ap("", "", 4, -30, Convert.FromHexString("240ac4000004"), 3));
        hidden.Aps.Add(new FakeDevice.Ap("Secret", "secretpass", 4, -95, Convert.FromHexString("240ac4000004"), 3));
        var h = Device(hidden, "1\nSecret\nsecretpass\n", "provision", Sec2);
        Assert.Contains("(hidden)", h.Out);
        Assert.Equal(0, h.Code);
        Assert.Equal("Secret", Encoding.UTF8.GetString(hidden.LastSsid));
    }

    [Fact]
    public void Device_rejections_exit_8_and_malformed_replies_exit_9()
    {
        var rejecting = new FakeDevice { SetConfigStatus = Status.InternalError };
        Assert.Equal(ExitCodes.DeviceRejected, Device(rejecting, null, "provision", Sec2.Concat(new[] { "--ssid", "HomeNet", "--passphrase", "homepass1" }).ToArray()).Code);

        var garbage = new FakeDevice { ReplyOverride = (ep, _) => ep == "prov-config" ? new byte[] { 0x0a, 0x05 } : null };
        var r = Device(garbage, null, "status", Sec2);
        Assert.Equal(ExitCodes.Protocol, r.Code);
        Assert.Contains("malformed reply", r.Err);
    }

    [Fact]
    public void Transport_failures_exit_3()
    {
        var registry = TransportRegistry.CreateWithBuiltIns();
        registry.Register("broken", "always fails", _ => new ThrowingTransport());
        var err = new StringWriter();
        int code = ProvCliApp.Run(new[] { "status", "--transport", "broken" }, new CliEnvironment
        {
            In = new StringReader(""), Out = new StringWriter(), Err = err, InteractiveConsole = false, Transports = registry,
        });
        Assert.Equal(ExitCodes.Transport, code);
        Assert.Contains("network is down", err.ToString());

        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        var r = Run(null, null, "status", "--host", "127.0.0.1:" + port);
        Assert.Equal(ExitCodes.Transport, r.Code);
        Assert.Contains("connection refused", r.Err);
    }

    private sealed class ThrowingTransport : IProvTransport
    {
        public string Description => "broken";
        public byte[] Send(string endpoint, byte[] body) => throw new ProvTransportException("the network is down");
        public void Dispose() { }
    }

    [Fact]
    public void Ctrl_c_while_waiting_exits_130()
    {
        var d = new FakeDevice { Outcomes = (_, _) => new[] { "Connecting" } };
        var registry = TransportRegistry.CreateWithBuiltIns();
        registry.Register("fake", "double", _ => d);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var err = new StringWriter();
        int code = ProvCliApp.Run(
            new[] { "provision", "--transport", "fake", "--ssid", "HomeNet", "--passphrase", "homepass1", "--poll-interval", "0.05" }
                .Concat(Sec2).ToArray(),
            new CliEnvironment { In = new StringReader(""), Out = new StringWriter(), Err = err, InteractiveConsole = false, Transports = registry, Cancellation = cts.Token });
        Assert.Equal(ExitCodes.Cancelled, code);
    }

    [Fact]
    public void Ctrl_c_during_a_blocked_network_read_exits_130()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice()) { Stall = true };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int code = ProvCliApp.Run(new[] { "version", "--host", server.Host, "--timeout", "30" },
            new CliEnvironment { In = new StringReader(""), Out = new StringWriter(), Err = new StringWriter(), InteractiveConsole = false, Cancellation = cts.Token });
        Assert.Equal(ExitCodes.Cancelled, code);
        // Cancelled, not timed out: well before the 30 s network timeout (a loose bound, not a speed target).
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(25), $"took {sw.Elapsed}");
    }

    // ---------------------------------------------------------------- other device commands

    [Fact]
    public void Scan_lists_networks()
    {
        var r = Device(new FakeDevice(), null, "scan", Sec2.Concat(new[] { "--page-size", "3", "--group-channels", "0", "--passive" }).ToArray());
        Assert.Equal(0, r.Code);
        var lines = r.Out.Split('\n');
        int home = Array.FindIndex(lines, l => l.Contains("HomeNet"));
        int legacy = Array.FindIndex(lines, l => l.Contains("Legacy"));
        Assert.True(home >= 0 && legacy > home);
        Assert.Contains("24:0a:c4:00:00:06", r.Out);
    }

    [Fact]
    public void Status_exit_codes_follow_the_station_state()
    {
        Assert.Equal(ExitCodes.NotConnected, Device(new FakeDevice(), null, "status", Sec2).Code);
        var failed = new FakeDevice { ReplyOverride = (ep, _) => ep == "prov-config" ? Convert.FromHexString("08015a0410035000") : null };
        Assert.Equal(ExitCodes.WifiAuthFailed, Device(failed, null, "status", Sec2).Code);
        var notFound = new FakeDevice { ReplyOverride = (ep, _) => ep == "prov-config" ? Convert.FromHexString("08015a0410035001") : null };
        Assert.Equal(ExitCodes.WifiNetworkNotFound, Device(notFound, null, "status", Sec2).Code);
        var connected = new FakeDevice
        {
            ReplyOverride = (ep, _) => ep == "prov-config"
                ? Convert.FromHexString("08015a245a220a0c3139322e3136382e312e323310031a066d79737369642206240ac41234562806")
                : null,
        };
        var r = Device(connected, null, "status", Sec2);
        Assert.Equal(0, r.Code);
        Assert.Contains("myssid", r.Out);
    }

    [Fact]
    public void Reset_and_reprov_exit_0_or_8()
    {
        var r = Device(new FakeDevice(), null, "reset", Sec2);
        Assert.Equal(ExitCodes.DeviceRejected, r.Code);
        Assert.Contains("only allowed after a failed connection attempt", r.Err);
        Assert.Equal(0, Device(new FakeDevice { ManagerState = "FAIL" }, null, "reset", Sec2).Code);
        var rp = Device(new FakeDevice(), null, "reprov", Sec2);
        Assert.Equal(ExitCodes.DeviceRejected, rp.Code);
        Assert.Contains("auto-stop", rp.Err);
        Assert.Equal(0, Device(new FakeDevice { AutoStopDisabled = true }, null, "reprov", Sec2).Code);
    }

    [Fact]
    public void Custom_sends_text_or_hex_and_prints_the_reply()
    {
        byte[] got = null;
        var d = new FakeDevice { CustomHandler = (_, data) => { got = data; return Encoding.ASCII.GetBytes("SUCCESS\0"); } };
        var r = Device(d, null, "custom", Sec2.Concat(new[] { "--data", "hello" }).ToArray());
        Assert.Equal(0, r.Code);
        Assert.Equal("hello", Encoding.UTF8.GetString(got));
        Assert.Contains("\"SUCCESS\\0\"", r.Out);
        Assert.Contains("5355434345535300", r.Out);
        Assert.Equal(0, Device(d, null, "custom", Sec2.Concat(new[] { "--data-hex", "010203" }).ToArray()).Code);
        Assert.Equal(new byte[] { 1, 2, 3 }, got);
        var missing = Device(d, null, "custom", Sec2.Concat(new[] { "--endpoint", "other-endpoint", "--data", "x" }).ToArray());
        Assert.Equal(ExitCodes.Transport, missing.Code);
        Assert.Contains("404", missing.Err);
    }

    [Fact]
    public void Version_prints_the_reply_and_checks_the_expected_version()
    {
        var r = Device(new FakeDevice(), null, "version");
        Assert.Equal(0, r.Code);
        Assert.Contains("v1.1", r.Out);
        Assert.Contains("sec_patch_ver 1", r.Out);
        Assert.Contains("wifi_scan", r.Out);
        Assert.Equal(0, Device(new FakeDevice(), null, "version", "--expect-ver", "v1.1").Code);
        var bad = Device(new FakeDevice(), null, "version", "--expect-ver", "v9.9");
        Assert.Equal(ExitCodes.Protocol, bad.Code);
        Assert.Contains("mismatch", bad.Err);
        Assert.Equal(ExitCodes.Protocol, Device(new FakeDevice(), null, "provision", Sec2.Concat(new[] { "--expect-ver", "v2", "--ssid", "x", "--passphrase", "" }).ToArray()).Code);
    }

    // ---------------------------------------------------------------- secrets never leak

    [Fact]
    public void No_secret_appears_in_any_output_even_verbose()
    {
        const string pop = "pop-7f3a91", pass = "pw-4d2c88e1", wifi = "wifi-9b7e55aa";
        var runs = new List<Result>
        {
            Device(new FakeDevice { Security = 1, Pop = pop }, null, "provision", "--pop", pop, "--ssid", "HomeNet", "--passphrase", wifi, "-v"),
            Device(new FakeDevice { Security = 1 }, null, "provision", "--pop", pop, "--ssid", "HomeNet", "--passphrase", wifi, "-v"),
            Device(new FakeDevice(), null, "provision", "--sec2-user", "wifiprov", "--sec2-password", pass, "--ssid", "HomeNet", "--passphrase", wifi, "-v"),
            Device(new FakeDevice { Verifier = Srp6a.ComputeVerifier(new FakeDevice().Salt, Encoding.ASCII.GetBytes("wifiprov"), Encoding.ASCII.GetBytes(pass)) },
                null, "provision", "--sec2-user", "wifiprov", "--sec2-password", pass, "--ssid", "HomeNet", "--passphrase", wifi, "--verbose"),
            Device(new FakeDevice { Security = 0 }, null, "provision", "--ssid", "HomeNet", "--passphrase", wifi, "--verbose"),
            Device(new FakeDevice { Security = 0 }, null, "provision", "--ssid", "Nowhere", "--passphrase", wifi),
            Device(new FakeDevice { Security = 0 }, null, "provision", "--ssid", "HomeNet", "--passphrase", "short"),
        };
        Assert.Contains(runs, r => r.Code == ExitCodes.Handshake);
        Assert.Contains(runs, r => r.Code == ExitCodes.WifiAuthFailed);
        Assert.Contains(runs, r => r.Code == ExitCodes.WifiNetworkNotFound);
        foreach (var r in runs)
        {
            foreach (var secret in new[] { pop, pass, wifi, "short" })
                Assert.DoesNotContain(secret, r.All);
            Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.ASCII.GetBytes(wifi))[..16], r.All.Replace(" ", ""));
        }
        // Positive control: --verbose-secrets does show the passphrase message.
        var shown = Device(new FakeDevice { Security = 0 }, null, "provision", "--ssid", "HomeNet", "--passphrase", "homepass1", "-v", "--verbose-secrets");
        Assert.Equal(0, shown.Code);
        // "homepass1" starts at offset 15 of the SetConfig plaintext: "omepass1" opens the dump's second line.
        Assert.Contains("0010  6f 6d 65 70 61 73 73 31", shown.All);
        Assert.Contains("[secret]", Device(new FakeDevice(), null, "status", Sec2.Concat(new[] { "-v", "--verbose-secrets" }).ToArray()).All);
    }

    // ---------------------------------------------------------------- over real loopback HTTP

    [Theory]
    [InlineData(false, false, 0)]
    [InlineData(true, false, 0)]
    [InlineData(true, true, ExitCodes.Handshake)]
    public void Provision_over_loopback_http(bool newConnection, bool noCookies, int expected)
    {
        using var server = new LoopbackHttpDevice(new FakeDevice { Security = 2 });
        var args = new List<string> { "provision", "--host", server.Host, "--ssid", "HomeNet", "--passphrase", "homepass1", "--poll-interval", "0" };
        args.AddRange(Sec2);
        if (newConnection) args.Add("--new-connection-per-request");
        if (noCookies) args.Add("--no-cookies");
        var r = Run(null, null, args.ToArray());
        Assert.Equal(expected, r.Code);
        Assert.Equal(newConnection ? server.Requests.Count : 1, server.Connections);
    }

    // ---------------------------------------------------------------- sec2 gen-cred

    private static string Field(string output, string label) =>
        output.Split('\n').First(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();

    [Fact]
    public void Gen_cred_with_the_official_salt_reproduces_the_official_verifier()
    {
        var v = Vectors.Load("sec2.json")["credentials"]!;
        var r = Run(null, null, "sec2", "gen-cred", "--username", "wifiprov", "--password", "abcd1234", "--salt", v["salt_hex"].Str());
        Assert.Equal(0, r.Code);
        Assert.Equal(v["salt_hex"].Str(), Field(r.Out, "salt (hex):"));
        Assert.Equal(v["verifier_hex"].Str(), Field(r.Out, "verifier (hex):"));
        Assert.Contains("static const char sec2_salt[] = {\n    0x03, 0x6e, 0xe0, 0xc7,", r.Out);
        Assert.Contains("static const char sec2_verifier[] = {\n    0x7c, 0x7c, 0x85, 0x47,", r.Out);
        Assert.Contains("static readonly byte[] Sec2Verifier = new byte[] {", r.Out);
        Assert.DoesNotContain("abcd1234", r.Out);
    }

    [Fact]
    public void Gen_cred_random_output_verifies_with_the_srp_math()
    {
        var r = Run(null, null, "sec2", "gen-cred", "--sec2-user", "alice", "--sec2-password", "correct horse");
        Assert.Equal(0, r.Code);
        byte[] salt = Convert.FromHexString(Field(r.Out, "salt (hex):"));
        byte[] verifier = Convert.FromHexString(Field(r.Out, "verifier (hex):"));
        Assert.InRange(salt.Length, 1, 16);
        Assert.NotEqual(0, salt[0]);
        Assert.Equal(Srp6a.ComputeVerifier(salt, Encoding.UTF8.GetBytes("alice"), Encoding.UTF8.GetBytes("correct horse")), verifier);
        Assert.NotEqual(Srp6a.ComputeVerifier(salt, Encoding.UTF8.GetBytes("alice"), Encoding.UTF8.GetBytes("wrong horse")), verifier);

        // A device holding these credentials accepts the client with the same password.
        var d = new FakeDevice { Salt = salt, Verifier = verifier };
        Assert.Equal(0, Device(d, null, "status", "--sec2-user", "alice", "--sec2-password", "correct horse").Code is 0 or ExitCodes.NotConnected ? 0 : 1);
        Assert.Equal(ExitCodes.Handshake, Device(new FakeDevice { Salt = salt, Verifier = verifier }, null, "status", "--sec2-user", "alice", "--sec2-password", "wrong horse").Code);
    }

    [Fact]
    public void Gen_cred_salts_are_minimal_and_never_start_with_zero()
    {
        int shorter = 0;
        for (int i = 0; i < 600; i++)
        {
            var c = Sec2Credentials.Generate("u", "p", 2);
            Assert.NotEqual(0, c.Salt[0]);
            Assert.InRange(c.Salt.Length, 1, 2);
            if (c.Salt.Length < 2) shorter++;
        }
        Assert.InRange(shorter, 0, 20); // ~1 in 256 is one byte shorter, like esp_prov
        var r = Run(null, null, "sec2", "gen-cred", "--username", "u", "--password", "p", "--salt-len", "4");
        Assert.InRange(Convert.FromHexString(Field(r.Out, "salt (hex):")).Length, 1, 4);
        var bad = Run(null, null, "sec2", "gen-cred", "--username", "u", "--password", "p", "--salt", "00ab");
        Assert.Equal(ExitCodes.Usage, bad.Code);
        Assert.Contains("0x00", bad.Err);
    }

    [Fact]
    public void Gen_cred_warns_about_credentials_where_esp_prov_and_esp_idf_disagree()
    {
        string ambiguous = Enumerable.Range(0, 100000).Select(i => "pw" + i)
            .First(p => Srp6a.InnerHash(Encoding.ASCII.GetBytes("wifiprov"), Encoding.ASCII.GetBytes(p))[0] == 0);
        var r = Run(null, null, "sec2", "gen-cred", "--username", "wifiprov", "--password", ambiguous);
        Assert.Equal(0, r.Code);
        Assert.Contains("warning", r.Err);
        var normal = Run(null, null, "sec2", "gen-cred", "--username", "wifiprov", "--password", "abcd1234");
        Assert.DoesNotContain("warning", normal.Err);
    }

    // ---------------------------------------------------------------- qr

    [Theory]
    [InlineData("--name PROV_FC2FB4 --security 0", "{\"ver\":\"v1\",\"name\":\"PROV_FC2FB4\",\"transport\":\"softap\",\"security\":0}")]
    [InlineData("--name PROV_FC2FB4 --security 1 --pop abcd1234", "{\"ver\":\"v1\",\"name\":\"PROV_FC2FB4\",\"pop\":\"abcd1234\",\"transport\":\"softap\"}")]
    [InlineData("--name PROV_FC2FB4 --security 1", "{\"ver\":\"v1\",\"name\":\"PROV_FC2FB4\",\"transport\":\"softap\"}")]
    [InlineData("--name PROV_FC2FB4 --username wifiprov --sec2-password abcd1234", "{\"ver\":\"v1\",\"name\":\"PROV_FC2FB4\",\"username\":\"wifiprov\",\"pop\":\"abcd1234\",\"transport\":\"softap\"}")]
    [InlineData("--name PROV_FC2FB4 --username wifiprov --pop abcd1234 --transport ble", "{\"ver\":\"v1\",\"name\":\"PROV_FC2FB4\",\"username\":\"wifiprov\",\"pop\":\"abcd1234\",\"transport\":\"ble\"}")]
    public void Qr_payload_has_the_esp_key_order(string args, string expected)
    {
        var r = Run(null, null, ("qr " + args + " --no-terminal").Split(' '));
        Assert.Equal(0, r.Code);
        Assert.Equal(expected, Field(r.Out, "QR payload:"));
        Assert.Contains(Uri.EscapeDataString(expected), r.Out);
    }

    [Fact]
    public void Qr_draws_in_the_terminal_and_writes_a_png()
    {
        string png = Path.Combine(Path.GetTempPath(), $"provcli-qr-{Guid.NewGuid():N}.png");
        try
        {
            var r = Run(null, null, "qr", "--name", "PROV_123456", "--security", "1", "--pop", "abcd1234", "--png", png);
            Assert.Equal(0, r.Code);
            Assert.Contains("█", r.Out);
            byte[] bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4e, 0x47 }, bytes[..4]);
        }
        finally
        {
            File.Delete(png);
        }
        Assert.Equal(ExitCodes.Usage, Run(null, null, "qr", "--name", "PROV_1", "--security", "2").Code);
    }
}
