using System.Text;
using NanoProv.Host.Wifi;
using NanoProv.Provisioning.Tests.Support;
using NanoProv.Wire;
using static NanoProv.Provisioning.Tests.Support.Harness;

namespace NanoProv.Provisioning.Tests;

/// <summary>
/// Byte-level behaviour of prov-config / prov-scan / prov-ctrl. Expected bytes are the reference encodings of the
/// protocol notes (ESP-IDF device replies, verified with protoc) where one exists.
/// </summary>
public class EndpointTests
{
    internal static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty));

    internal static string ToHex(byte[] data) => data == null ? "null" : Convert.ToHexString(data).ToLowerInvariant();

    private static SimulatedWifiWorld MySsidWorld() => new(new[]
    {
        new SimulatedAccessPoint
        {
            Ssid = B("myssid"), Bssid = Hex("240ac4123456"), Channel = 6, Rssi = -45, AuthMode = AuthModes.Wpa2Psk,
            Password = B("mypassword"), IpAddress = "192.168.1.23",
        },
    });

    private sealed class Device
    {
        public Device(ProvisioningOptions options = null, SimulatedWifiWorld world = null)
        {
            H = new Harness(options, world);
            Config = new ConfigEndpoint(H.Manager, H.Log);
            Scan = new ScanEndpoint(H.Manager, H.Log);
            Ctrl = new CtrlEndpoint(H.Manager, H.Log);
        }

        public Harness H { get; }
        public ConfigEndpoint Config { get; }
        public ScanEndpoint Scan { get; }
        public CtrlEndpoint Ctrl { get; }

        public string ConfigHex(string request) => ToHex(Config.HandleRequest(1, Hex(request)));
        public string ScanHex(string request) => ToHex(Scan.HandleRequest(1, Hex(request)));
        public string CtrlHex(string request) => ToHex(Ctrl.HandleRequest(1, Hex(request)));
    }

    // ---- prov-config -------------------------------------------------------------------------------------

    [Fact]
    public void Reference_provisioning_exchange_is_byte_exact()
    {
        var d = new Device(world: MySsidWorld());
        Assert.Equal("08015a021001", d.ConfigHex("5200")); // GetStatus before Apply: Connecting
        Assert.Equal("08036a00", d.ConfigHex("080262140a066d7973736964120a6d7970617373776f7264"));
        Assert.Equal("08057a00", d.ConfigHex("0804"));
        Assert.Equal("08015a021001", d.ConfigHex("5200"));
        d.H.RunUntilOutcome();
        Assert.Equal("08015a245a220a0c3139322e3136382e312e323310031a066d79737369642206240ac41234562806", d.ConfigHex("5200"));
    }

    [Fact]
    public void Get_status_without_any_payload_is_accepted()
    {
        var d = new Device();
        Assert.Equal("08015a021001", ToHex(d.Config.HandleRequest(1, Array.Empty<byte>()))); // msg 0 omitted, no payload
        Assert.Equal("08015a021001", d.ConfigHex("0800"));
    }

    [Fact]
    public void Attempt_failed_and_connection_failed_encodings()
    {
        var options = DefaultOptions();
        options.ConnectionAttempts = 4;
        var d = new Device(options, MySsidWorld());
        d.ConfigHex("080262130a066d7973736964120977726f6e6770617373"); // wrongpass
        d.ConfigHex("0804");
        d.H.Advance(1000 + 3500);
        Assert.Equal("08015a0610016202 0803".Replace(" ", string.Empty), d.ConfigHex("5200"));
        d.H.RunUntilOutcome();
        Assert.Equal("08015a0410035000", d.ConfigHex("5200"));
    }

    [Fact]
    public void Network_not_found_encoding()
    {
        var options = DefaultOptions();
        options.ConnectionAttempts = 1;
        var d = new Device(options, MySsidWorld());
        d.ConfigHex("0802620c0a0a6f746865722d73736964"); // ssid "other-ssid", open
        d.ConfigHex("0804");
        d.H.RunUntilOutcome();
        Assert.Equal("08015a0410035001", d.ConfigHex("5200"));
    }

    [Fact]
    public void Set_config_without_its_submessage_fails_at_transport_level()
    {
        var d = new Device();
        Assert.Null(d.Config.HandleRequest(1, Hex("0802")));
        Assert.Null(d.Config.HandleRequest(1, Hex("08025200"))); // msg SetConfig but cmd_get_status payload
    }

    [Theory]
    [InlineData("ff")]
    [InlineData("08")]
    [InlineData("0802620a0a")]
    [InlineData("08026214")]
    [InlineData("0a")]
    public void Malformed_protobuf_fails_and_changes_nothing(string request)
    {
        var d = new Device();
        d.ConfigHex("080262140a066d7973736964120a6d7970617373776f7264");
        Assert.Null(d.Config.HandleRequest(1, Hex(request)));
        Assert.Equal("08057a00", d.ConfigHex("0804")); // the earlier SetConfig is intact
    }

    [Fact]
    public void Unknown_config_msg_fails()
    {
        var d = new Device();
        Assert.Null(d.Config.HandleRequest(1, Hex("0806")));
        Assert.Null(d.Config.HandleRequest(1, Hex("0801"))); // a response type sent as a command
    }

    [Fact]
    public void Invalid_arguments_answer_status_4_and_nothing_changes()
    {
        var d = new Device();
        // 33-byte SSID
        var set = new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeCmdSetConfig, CmdSetConfig = new CmdSetConfig { Ssid = new byte[33], Passphrase = B("password") } };
        Assert.Equal("08036a020804", ToHex(d.Config.HandleRequest(1, set.ToByteArray())));
        // 64-character passphrase (a raw hex PSK is rejected like on ESP-IDF)
        set.CmdSetConfig = new CmdSetConfig { Ssid = B("HomeNet"), Passphrase = Encoding.ASCII.GetBytes(new string('a', 64)) };
        Assert.Equal("08036a020804", ToHex(d.Config.HandleRequest(1, set.ToByteArray())));
        // 7-byte passphrase
        set.CmdSetConfig = new CmdSetConfig { Ssid = B("HomeNet"), Passphrase = B("1234567") };
        Assert.Equal("08036a020804", ToHex(d.Config.HandleRequest(1, set.ToByteArray())));
        // 5-byte BSSID
        set.CmdSetConfig = new CmdSetConfig { Ssid = B("HomeNet"), Passphrase = B("homepass"), Bssid = new byte[5] };
        Assert.Equal("08036a020804", ToHex(d.Config.HandleRequest(1, set.ToByteArray())));
        // empty SSID
        set.CmdSetConfig = new CmdSetConfig { Passphrase = B("homepass") };
        Assert.Equal("08036a020804", ToHex(d.Config.HandleRequest(1, set.ToByteArray())));

        Assert.Equal("08057a020805", d.ConfigHex("0804")); // nothing was stored: Apply has nothing to apply
        Assert.Equal(ProvisioningState.Started, d.H.Manager.State);
    }

    [Fact]
    public void Apply_twice_and_apply_without_set_config_answer_5()
    {
        var d = new Device(world: MySsidWorld());
        Assert.Equal("08057a020805", d.ConfigHex("0804"));
        d.ConfigHex("080262140a066d7973736964120a6d7970617373776f7264");
        Assert.Equal("08057a00", d.ConfigHex("0804"));
        d.ConfigHex("080262140a066d7973736964120a6d7970617373776f7264");
        Assert.Equal("08057a020805", d.ConfigHex("0804"));
    }

    [Fact]
    public void Wrong_password_then_right_password_in_the_same_session_over_the_wire()
    {
        var options = DefaultOptions();
        options.ConnectionAttempts = 1;
        var d = new Device(options, MySsidWorld());
        d.ConfigHex("080262130a066d7973736964120977726f6e6770617373");
        d.ConfigHex("0804");
        d.H.RunUntilOutcome();
        Assert.Equal("08015a0410035000", d.ConfigHex("5200"));
        Assert.Equal("08036a00", d.ConfigHex("080262140a066d7973736964120a6d7970617373776f7264"));
        Assert.Equal("08057a00", d.ConfigHex("0804"));
        Assert.Equal("08015a021001", d.ConfigHex("5200"));
        d.H.RunUntilOutcome();
        Assert.StartsWith("08015a245a22", d.ConfigHex("5200"));
    }

    [Fact]
    public void Connected_ssid_is_cut_at_the_first_nul()
    {
        var world = new SimulatedWifiWorld(new[]
        {
            new SimulatedAccessPoint { Ssid = Hex("61620063"), Bssid = new byte[6], Channel = 1, Rssi = -40, AuthMode = 0, IpAddress = "10.1.2.3" },
        });
        var d = new Device(world: world);
        var set = new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeCmdSetConfig, CmdSetConfig = new CmdSetConfig { Ssid = Hex("61620063") } };
        Assert.Equal("08036a00", ToHex(d.Config.HandleRequest(1, set.ToByteArray())));
        d.ConfigHex("0804");
        d.H.RunUntilOutcome();
        var reply = WiFiConfigPayload.Parse(d.Config.HandleRequest(1, Hex("5200")));
        Assert.Equal(Hex("6162"), reply.RespGetStatus.Connected.Ssid);
        Assert.Equal(WifiAuthMode.Open, reply.RespGetStatus.Connected.AuthMode);
    }

    // ---- prov-scan ---------------------------------------------------------------------------------------

    private static byte[] ScanResultRequest(uint start, uint count) =>
        new WiFiScanPayload { Msg = WiFiScanMsgType.TypeCmdScanResult, CmdScanResult = new CmdScanResult { StartIndex = start, Count = count } }.ToByteArray();

    private static SimulatedWifiWorld SevenAps() => new(Enumerable.Range(0, 7).Select(i => new SimulatedAccessPoint
    {
        Ssid = B("AP" + i), Bssid = new byte[] { 0x24, 0x0a, 0xc4, 0, 0, (byte)i }, Channel = 1 + i, Rssi = -40 - (5 * i), AuthMode = 3,
    }));

    [Fact]
    public void Scan_reference_exchange()
    {
        var d = new Device(world: SevenAps());
        var call = Task.Run(() => d.ScanHex("5206080118052078")); // blocking, group 5, 120 ms
        SpinWait.SpinUntil(() => d.H.Station.IsScanning, TimeSpan.FromSeconds(10));
        d.H.Advance(2000);
        Assert.True(call.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal("08015a00", call.Result);
        Assert.Equal("08036a0408011007", d.ScanHex("0802"));

        var page = WiFiScanPayload.Parse(d.Scan.HandleRequest(1, ScanResultRequest(0, 4)));
        Assert.Equal(WiFiScanMsgType.TypeRespScanResult, page.Msg);
        Assert.Equal(Status.Success, page.Status);
        Assert.Equal(new[] { "AP0", "AP1", "AP2", "AP3" }, page.RespScanResult.Entries.Select(e => Encoding.ASCII.GetString(e.Ssid)));
        Assert.Equal(-40, page.RespScanResult.Entries[0].Rssi);
        Assert.Equal(1u, page.RespScanResult.Entries[0].Channel);
        Assert.Equal(WifiAuthMode.WPA2_PSK, page.RespScanResult.Entries[0].Auth);
        Assert.Equal(Hex("240ac4000000"), page.RespScanResult.Entries[0].Bssid);

        page = WiFiScanPayload.Parse(d.Scan.HandleRequest(1, ScanResultRequest(4, 3)));
        Assert.Equal(Status.Success, page.Status);
        Assert.Equal(new[] { "AP4", "AP5", "AP6" }, page.RespScanResult.Entries.Select(e => Encoding.ASCII.GetString(e.Ssid)));
    }

    [Fact]
    public void Scan_paging_bounds_follow_the_capacity()
    {
        var d = new Device(world: SevenAps()); // capacity 16, 7 results
        Assert.Equal("08015a00", d.ScanHex("5200")); // non-blocking ScanStart with default options
        d.H.Settle();
        Assert.Null(d.Scan.HandleRequest(1, ScanResultRequest(16, 0)));   // start_index >= max
        Assert.Null(d.Scan.HandleRequest(1, ScanResultRequest(100, 1)));
        Assert.Null(d.Scan.HandleRequest(1, ScanResultRequest(0, 17)));   // count > max - start
        Assert.Null(d.Scan.HandleRequest(1, ScanResultRequest(10, 7)));
        Assert.Null(d.Scan.HandleRequest(1, ScanResultRequest(1, uint.MaxValue)));

        // Inside the capacity but past the stored results: truncated, status InternalError.
        var page = WiFiScanPayload.Parse(d.Scan.HandleRequest(1, ScanResultRequest(5, 11)));
        Assert.Equal(Status.InternalError, page.Status);
        Assert.Equal(2, page.RespScanResult.Entries.Length);
        page = WiFiScanPayload.Parse(d.Scan.HandleRequest(1, ScanResultRequest(10, 6)));
        Assert.Equal(Status.InternalError, page.Status);
        Assert.True(page.RespScanResult.Entries == null || page.RespScanResult.Entries.Length == 0); // repeated: null = empty
        Assert.Equal("08051005 7a00".Replace(" ", string.Empty), ToHex(d.Scan.HandleRequest(1, ScanResultRequest(10, 6))));

        // count 0 is a valid empty page.
        Assert.Equal("08057a00", ToHex(d.Scan.HandleRequest(1, ScanResultRequest(3, 0))));
    }

    [Fact]
    public void Empty_scan_reports_finished_with_zero_results()
    {
        var d = new Device(world: new SimulatedWifiWorld(Array.Empty<SimulatedAccessPoint>()));
        Assert.Equal("08015a00", d.ScanHex("5200")); // non-blocking, default options
        Assert.Equal("08036a00", d.ScanHex("0802")); // scanning, 0 results: both fields are zero
        d.H.Settle();
        Assert.Equal("08036a020801", d.ScanHex("0802")); // finished, 0 results
        Assert.Equal("08057a00", ToHex(d.Scan.HandleRequest(1, ScanResultRequest(0, 0))));
        Assert.Equal("080510057a00", ToHex(d.Scan.HandleRequest(1, ScanResultRequest(0, 4))));
    }

    [Fact]
    public void Scan_commands_that_need_a_submessage_fail_without_it()
    {
        var d = new Device();
        Assert.Null(d.Scan.HandleRequest(1, Array.Empty<byte>())); // ScanStart (msg 0) without cmd_scan_start
        Assert.Null(d.Scan.HandleRequest(1, Hex("0800")));
        Assert.Null(d.Scan.HandleRequest(1, Hex("0804")));         // ScanResult without cmd_scan_result
        Assert.Equal(0, d.H.Station.ScanCount);
        Assert.Equal("08036a020801", d.ScanHex("0802"));           // ScanStatus needs none
        Assert.Equal("08036a020801", d.ScanHex("08026200"));
    }

    [Theory]
    [InlineData("ff")]
    [InlineData("5206080118")]
    [InlineData("0806")]
    [InlineData("0801")]
    public void Malformed_or_unknown_scan_requests_fail(string request)
    {
        var d = new Device();
        Assert.Null(d.Scan.HandleRequest(1, Hex(request)));
        Assert.Equal(0, d.H.Station.ScanCount);
    }

    [Fact]
    public void Scan_start_while_connecting_answers_5()
    {
        var d = new Device(world: MySsidWorld());
        d.ConfigHex("080262140a066d7973736964120a6d7970617373776f7264");
        d.ConfigHex("0804");
        Assert.Equal("080110055a00", d.ScanHex("5200"));
        Assert.Equal(0, d.H.Station.ScanCount);
    }

    [Fact]
    public void Scan_entry_for_a_32_byte_ssid_and_negative_rssi_is_59_bytes()
    {
        var entry = new SimulatedAccessPoint { Ssid = new byte[32].Select(_ => (byte)'x').ToArray(), Bssid = new byte[] { 1, 2, 3, 4, 5, 6 }, Channel = 11, Rssi = -90, AuthMode = 7 };
        var d = new Device(world: new SimulatedWifiWorld(new[] { entry }));
        d.ScanHex("5200");
        d.H.Settle();
        var reply = d.Scan.HandleRequest(1, ScanResultRequest(0, 1));
        var page = WiFiScanPayload.Parse(reply);
        Assert.Equal(59, page.RespScanResult.Entries[0].ToByteArray().Length + 2); // 2 = tag + length inside RespScanResult
        Assert.Equal(-90, page.RespScanResult.Entries[0].Rssi);
    }

    [Fact]
    public void Raw_auth_modes_above_7_are_passed_through()
    {
        var d = new Device();
        d.ScanHex("5200");
        d.H.Settle();
        var page = WiFiScanPayload.Parse(d.Scan.HandleRequest(1, ScanResultRequest(0, 9)));
        var owe = page.RespScanResult.Entries.Single(e => Encoding.ASCII.GetString(e.Ssid ?? Array.Empty<byte>()) == "Metro-OWE");
        Assert.Equal(9, (int)owe.Auth);
        Assert.Contains(page.RespScanResult.Entries, e => e.Ssid == null || e.Ssid.Length == 0); // the hidden AP
    }

    // ---- prov-ctrl ---------------------------------------------------------------------------------------

    [Fact]
    public void Ctrl_reset_reference_bytes()
    {
        var options = DefaultOptions();
        options.ConnectionAttempts = 1;
        var d = new Device(options, MySsidWorld());
        Assert.Equal("080210056200", d.CtrlHex("0801")); // not in FAIL
        d.ConfigHex("080262130a066d7973736964120977726f6e6770617373");
        d.ConfigHex("0804");
        d.H.RunUntilOutcome();
        Assert.Equal("08026200", d.CtrlHex("0801"));
        Assert.Equal(ProvisioningState.Started, d.H.Manager.State);
        Assert.Equal("08015a021001", d.ConfigHex("5200"));
    }

    [Fact]
    public void Ctrl_reprov_reference_bytes()
    {
        Assert.Equal("080410057200", new Device().CtrlHex("0803"));
        var options = DefaultOptions();
        options.AutoStop = false;
        Assert.Equal("08047200", new Device(options).CtrlHex("0803"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0800")]
    [InlineData("0802")]
    [InlineData("0805")]
    [InlineData("08ffffffff0f")]
    [InlineData("ff")]
    public void Reserved_unknown_or_malformed_ctrl_requests_fail(string request)
    {
        var d = new Device();
        Assert.Null(d.Ctrl.HandleRequest(1, Hex(request)));
        Assert.Equal(ProvisioningState.Started, d.H.Manager.State);
    }

    [Fact]
    public void Ctrl_commands_with_their_empty_submessage_are_accepted_too()
    {
        var options = DefaultOptions();
        options.AutoStop = false;
        var d = new Device(options);
        Assert.Equal("08047200", d.CtrlHex("08036a00")); // cmd_ctrl_reprov = field 13
    }

    // ---- custom endpoint helper ---------------------------------------------------------------------------

    [Fact]
    public void Callback_endpoint_turns_exceptions_into_failures()
    {
        var ok = new CallbackEndpoint((_, r) => Encoding.ASCII.GetBytes("SUCCESS\0"));
        Assert.Equal("5355434345535300", ToHex(ok.HandleRequest(7, B("hello"))));
        var bad = new CallbackEndpoint((_, _) => throw new InvalidOperationException("boom"));
        Assert.Null(bad.HandleRequest(7, B("hello")));
    }
}
