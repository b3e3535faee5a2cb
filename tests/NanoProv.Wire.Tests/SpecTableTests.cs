using Xunit;

namespace NanoProv.Wire.Tests;

/// <summary>
/// Every row of the reference-encoding table of the unified provisioning fact sheet (§1.11), restated here.
/// Rows that abbreviate key material ("+ 32 bytes") use fixed filler bytes; the header bytes are the spec's.
/// Each row is decoded, checked for the meaning the table gives it, and re-encoded byte-identically;
/// the size-only rows are built from values and checked for their length.
/// </summary>
public class SpecTableTests
{
    private static string Fill(int count, int start) =>
        string.Concat(Enumerable.Range(0, count).Select(i => ((start + i) & 0xFF).ToString("x2")));

    private static readonly string Pub32 = Fill(32, 0x20);
    private static readonly string Rand16 = Fill(16, 0x00);
    private static readonly string Ip = "3139322e3136382e312e3233"; // "192.168.1.23"
    private static readonly string MySsid = "6d7973736964"; // "myssid"
    private static readonly string Bssid = "240ac4000001";

    private static byte[] H(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static void RoundTrip(byte[] wire, Func<byte[], object> parse, Func<object, byte[]> encode)
    {
        object parsed = parse(wire);
        Assert.Equal(Model.Hex(wire), Model.Hex(encode(parsed)));
    }

    [Fact]
    public void Sec0RequestAndResponse()
    {
        byte[] req = H("52 03 a2 01 00");
        SessionData r = SessionData.Parse(req);
        Assert.Equal(SecSchemeVersion.SecScheme0, r.SecVer);
        Assert.Equal(SessionData.ProtoOneofCase.Sec0, r.ProtoCase);
        Assert.Equal(Sec0Payload.PayloadOneofCase.Sc, r.Sec0.PayloadCase);
        Assert.Equal(req, r.ToByteArray());

        byte[] resp = H("52 05 08 01 aa 01 00");
        SessionData s = SessionData.Parse(resp);
        Assert.Equal(Sec0MsgType.S0_Session_Response, s.Sec0.Msg);
        Assert.Equal(Status.Success, s.Sec0.Sr.Status);
        Assert.Equal(resp, s.ToByteArray());
        Assert.Equal(resp, new SessionData { Sec0 = new Sec0Payload { Msg = Sec0MsgType.S0_Session_Response, Sr = new S0SessionResp() } }.ToByteArray());
    }

    [Fact]
    public void Sec1HandshakeMessages()
    {
        byte[] cmd0 = H("10 01 5a 25 a2 01 22 0a 20" + Pub32);
        SessionData a = SessionData.Parse(cmd0);
        Assert.Equal(SecSchemeVersion.SecScheme1, a.SecVer);
        Assert.Equal(Sec1MsgType.Session_Command0, a.Sec1.Msg);
        Assert.Equal(H(Pub32), a.Sec1.Sc0.ClientPubkey);
        Assert.Equal(cmd0, a.ToByteArray());

        byte[] resp0 = H("10 01 5a 39 08 01 aa 01 34 12 20" + Pub32 + "1a 10" + Rand16);
        SessionData b = SessionData.Parse(resp0);
        Assert.Equal(Sec1MsgType.Session_Response0, b.Sec1.Msg);
        Assert.Equal(H(Pub32), b.Sec1.Sr0.DevicePubkey);
        Assert.Equal(H(Rand16), b.Sec1.Sr0.DeviceRandom);
        Assert.Equal(resp0, b.ToByteArray());

        byte[] cmd1 = H("10 01 5a 27 08 02 b2 01 22 12 20" + Pub32);
        SessionData c = SessionData.Parse(cmd1);
        Assert.Equal(Sec1Payload.PayloadOneofCase.Sc1, c.Sec1.PayloadCase);
        Assert.Equal(H(Pub32), c.Sec1.Sc1.ClientVerifyData);
        Assert.Equal(cmd1, c.ToByteArray());

        byte[] resp1 = H("10 01 5a 27 08 03 ba 01 22 1a 20" + Pub32);
        SessionData e = SessionData.Parse(resp1);
        Assert.Equal(Sec1Payload.PayloadOneofCase.Sr1, e.Sec1.PayloadCase);
        Assert.Equal(H(Pub32), e.Sec1.Sr1.DeviceVerifyData);
        Assert.Equal(resp1, e.ToByteArray());
    }

    [Fact]
    public void Sec2MessageSizes()
    {
        byte[] Bytes(int n) => new byte[n];
        var cmd0 = new SessionData
        {
            SecVer = SecSchemeVersion.SecScheme2,
            Sec2 = new Sec2Payload { Sc0 = new S2SessionCmd0 { ClientUsername = System.Text.Encoding.ASCII.GetBytes("wifiprov"), ClientPubkey = Bytes(384) } },
        };
        var resp0 = new SessionData
        {
            SecVer = SecSchemeVersion.SecScheme2,
            Sec2 = new Sec2Payload { Msg = Sec2MsgType.S2Session_Response0, Sr0 = new S2SessionResp0 { DevicePubkey = Bytes(384), DeviceSalt = Bytes(16) } },
        };
        var cmd1 = new SessionData
        {
            SecVer = SecSchemeVersion.SecScheme2,
            Sec2 = new Sec2Payload { Msg = Sec2MsgType.S2Session_Command1, Sc1 = new S2SessionCmd1 { ClientProof = Bytes(64) } },
        };
        var resp1 = new SessionData
        {
            SecVer = SecSchemeVersion.SecScheme2,
            Sec2 = new Sec2Payload { Msg = Sec2MsgType.S2Session_Response1, Sr1 = new S2SessionResp1 { DeviceProof = Bytes(64), DeviceNonce = Bytes(12) } },
        };
        foreach ((SessionData m, int size) in new[] { (cmd0, 406), (resp0, 416), (cmd1, 75), (resp1, 89) })
        {
            byte[] wire = m.ToByteArray();
            Assert.Equal(size, wire.Length);
            RoundTrip(wire, b => SessionData.Parse(b), o => ((SessionData)o).ToByteArray());
        }
    }

    public static IEnumerable<object[]> ConfigRows() => new[]
    {
        new object[] { "GetStatus cmd (empty cmd_get_status)", "52 00" },
        new object[] { "ApplyConfig cmd (no payload)", "08 04" },
        new object[] { "SetConfig myssid/mypassword", "08 02 62 14 0a 06 6d 79 73 73 69 64 12 0a 6d 79 70 61 73 73 77 6f 72 64" },
        new object[] { "RespSetConfig Success", "08 03 6a 00" },
        new object[] { "RespApplyConfig Success", "08 05 7a 00" },
        new object[] { "RespGetStatus Connecting", "08 01 5a 02 10 01" },
        new object[] { "RespGetStatus Connecting + attempt_failed{3}", "08 01 5a 06 10 01 62 02 08 03" },
        new object[] { "RespGetStatus ConnectionFailed/AuthError", "08 01 5a 04 10 03 50 00" },
        new object[] { "RespGetStatus Connected", "08 01 5a 24 5a 22 0a 0c" + Ip + "10 03 1a 06" + MySsid + "22 06" + Bssid + "28 06" },
    };

    [Theory]
    [MemberData(nameof(ConfigRows))]
    public void ConfigRowsRoundTrip(string meaning, string hex)
    {
        Assert.False(string.IsNullOrEmpty(meaning));
        RoundTrip(H(hex), b => WiFiConfigPayload.Parse(b), o => ((WiFiConfigPayload)o).ToByteArray());
    }

    [Fact]
    public void ConfigRowsMeanWhatTheTableSays()
    {
        WiFiConfigPayload get = WiFiConfigPayload.Parse(H("52 00"));
        Assert.Equal(WiFiConfigMsgType.TypeCmdGetStatus, get.Msg);
        Assert.Equal(WiFiConfigPayload.PayloadOneofCase.CmdGetStatus, get.PayloadCase);

        WiFiConfigPayload apply = WiFiConfigPayload.Parse(H("08 04"));
        Assert.Equal(WiFiConfigMsgType.TypeCmdApplyConfig, apply.Msg);
        Assert.Equal(WiFiConfigPayload.PayloadOneofCase.None, apply.PayloadCase);

        var set = new WiFiConfigPayload
        {
            Msg = WiFiConfigMsgType.TypeCmdSetConfig,
            CmdSetConfig = new CmdSetConfig { Ssid = System.Text.Encoding.ASCII.GetBytes("myssid"), Passphrase = System.Text.Encoding.ASCII.GetBytes("mypassword") },
        };
        Assert.Equal("080262140a066d7973736964120a6d7970617373776f7264", Model.Hex(set.ToByteArray()));

        Assert.Equal("08036a00", Model.Hex(new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespSetConfig, RespSetConfig = new RespSetConfig() }.ToByteArray()));
        Assert.Equal("08057a00", Model.Hex(new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespApplyConfig, RespApplyConfig = new RespApplyConfig() }.ToByteArray()));

        WiFiConfigPayload attempt = WiFiConfigPayload.Parse(H("08 01 5a 06 10 01 62 02 08 03"));
        Assert.Equal(WifiStationState.Connecting, attempt.RespGetStatus.StaState);
        Assert.Equal(3u, attempt.RespGetStatus.AttemptFailed.AttemptsRemaining);

        WiFiConfigPayload failed = WiFiConfigPayload.Parse(H("08 01 5a 04 10 03 50 00"));
        Assert.Equal(WifiStationState.ConnectionFailed, failed.RespGetStatus.StaState);
        Assert.Equal(RespGetStatus.StateOneofCase.FailReason, failed.RespGetStatus.StateCase);
        Assert.Equal(WifiConnectFailedReason.AuthError, failed.RespGetStatus.FailReason);

        var connected = new WiFiConfigPayload
        {
            Msg = WiFiConfigMsgType.TypeRespGetStatus,
            RespGetStatus = new RespGetStatus
            {
                StaState = WifiStationState.Connected,
                Connected = new WifiConnectedState { Ip4Addr = "192.168.1.23", AuthMode = WifiAuthMode.WPA2_PSK, Ssid = H(MySsid), Bssid = H(Bssid), Channel = 6 },
            },
        };
        Assert.Equal(Model.Hex(H("08 01 5a 24 5a 22 0a 0c" + Ip + "10 03 1a 06" + MySsid + "22 06" + Bssid + "28 06")), Model.Hex(connected.ToByteArray()));
    }

    public static IEnumerable<object[]> ScanAndCtrlRows() => new[]
    {
        new object[] { "scan", "ScanStart (blocking, group 5, 120 ms)", "52 06 08 01 18 05 20 78" },
        new object[] { "scan", "RespScanStart", "08 01 5a 00" },
        new object[] { "scan", "RespScanStatus finished, 7 results", "08 03 6a 04 08 01 10 07" },
        new object[] { "ctrl", "CtrlReset cmd", "08 01" },
        new object[] { "ctrl", "RespCtrlReset", "08 02 62 00" },
        new object[] { "ctrl", "RespCtrlReprov", "08 04 72 00" },
    };

    [Theory]
    [MemberData(nameof(ScanAndCtrlRows))]
    public void ScanAndCtrlRowsRoundTrip(string endpoint, string meaning, string hex)
    {
        Assert.False(string.IsNullOrEmpty(meaning));
        if (endpoint == "scan")
        {
            RoundTrip(H(hex), b => WiFiScanPayload.Parse(b), o => ((WiFiScanPayload)o).ToByteArray());
        }
        else
        {
            RoundTrip(H(hex), b => WiFiCtrlPayload.Parse(b), o => ((WiFiCtrlPayload)o).ToByteArray());
        }
    }

    [Fact]
    public void ScanAndCtrlRowsMeanWhatTheTableSays()
    {
        var start = new WiFiScanPayload { CmdScanStart = new CmdScanStart { Blocking = true, GroupChannels = 5, PeriodMs = 120 } };
        Assert.Equal("52060801180520" + "78", Model.Hex(start.ToByteArray()));
        Assert.Equal("08015a00", Model.Hex(new WiFiScanPayload { Msg = WiFiScanMsgType.TypeRespScanStart, RespScanStart = new RespScanStart() }.ToByteArray()));
        WiFiScanPayload status = WiFiScanPayload.Parse(H("08 03 6a 04 08 01 10 07"));
        Assert.True(status.RespScanStatus.ScanFinished);
        Assert.Equal(7u, status.RespScanStatus.ResultCount);

        Assert.Equal("0801", Model.Hex(new WiFiCtrlPayload { Msg = WiFiCtrlMsgType.TypeCmdCtrlReset }.ToByteArray()));
        Assert.Equal("08026200", Model.Hex(new WiFiCtrlPayload { Msg = WiFiCtrlMsgType.TypeRespCtrlReset, RespCtrlReset = new RespCtrlReset() }.ToByteArray()));
        Assert.Equal("08047200", Model.Hex(new WiFiCtrlPayload { Msg = WiFiCtrlMsgType.TypeRespCtrlReprov, RespCtrlReprov = new RespCtrlReprov() }.ToByteArray()));
    }

    [Fact]
    public void ScanEntryWith32ByteSsidAndRssiMinus90Takes59Bytes()
    {
        var entry = new WiFiScanResult { Ssid = new byte[32], Channel = 11, Rssi = -90, Bssid = H(Bssid), Auth = WifiAuthMode.WPA2_PSK };
        var page = new RespScanResult { Entries = new[] { entry, entry, entry, entry } };
        byte[] wire = page.ToByteArray();
        Assert.Equal(4 * 59, wire.Length);
        RespScanResult back = RespScanResult.Parse(wire);
        Assert.Equal(4, back.Entries.Length);
        Assert.Equal(-90, back.Entries[3].Rssi);
        Assert.Equal(wire, back.ToByteArray());

        // "4 entries ~ 241 bytes before encryption": the whole prov-scan response.
        var response = new WiFiScanPayload { Msg = WiFiScanMsgType.TypeRespScanResult, RespScanResult = page };
        Assert.Equal(241, response.ToByteArray().Length);
    }
}
