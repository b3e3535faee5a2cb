using Xunit;

namespace NanoProv.Wire.Tests;

/// <summary>The generated-class contract: oneof selection rules, zero omission, null-as-empty, Parse overloads.</summary>
public class GeneratedApiTests
{
    [Fact]
    public void SettingAMessageMemberSelectsItAndNullClearsOnlyTheSelectedOne()
    {
        var p = new WiFiConfigPayload();
        Assert.Equal(WiFiConfigPayload.PayloadOneofCase.None, p.PayloadCase);

        var get = new CmdGetStatus();
        p.CmdGetStatus = get;
        Assert.Equal(WiFiConfigPayload.PayloadOneofCase.CmdGetStatus, p.PayloadCase);
        Assert.Same(get, p.CmdGetStatus);

        p.CmdSetConfig = null; // not selected: no effect
        Assert.Equal(WiFiConfigPayload.PayloadOneofCase.CmdGetStatus, p.PayloadCase);

        var set = new CmdSetConfig { Channel = 6 };
        p.CmdSetConfig = set; // switching members replaces the old one
        Assert.Equal(WiFiConfigPayload.PayloadOneofCase.CmdSetConfig, p.PayloadCase);
        Assert.Null(p.CmdGetStatus);
        Assert.Same(set, p.CmdSetConfig);

        p.CmdSetConfig = null; // selected: clears
        Assert.Equal(WiFiConfigPayload.PayloadOneofCase.None, p.PayloadCase);
        Assert.Null(p.CmdSetConfig);
        Assert.Empty(p.ToByteArray());

        p.RespApplyConfig = new RespApplyConfig();
        p.ClearPayload();
        Assert.Equal(WiFiConfigPayload.PayloadOneofCase.None, p.PayloadCase);
        Assert.Null(p.RespApplyConfig);
    }

    [Fact]
    public void ScalarOneofMemberIsSelectedByAnyValueIncludingZero()
    {
        var r = new RespGetStatus();
        Assert.Equal(WifiConnectFailedReason.AuthError, r.FailReason); // reads as default, but...
        Assert.Equal(RespGetStatus.StateOneofCase.None, r.StateCase);  // ...is not selected
        Assert.Empty(r.ToByteArray());

        r.FailReason = WifiConnectFailedReason.AuthError;
        Assert.Equal(RespGetStatus.StateOneofCase.FailReason, r.StateCase);
        Assert.Equal("5000", Model.Hex(r.ToByteArray()));

        r.Connected = new WifiConnectedState();
        Assert.Equal(RespGetStatus.StateOneofCase.Connected, r.StateCase);
        Assert.Equal("5a00", Model.Hex(r.ToByteArray()));

        r.FailReason = (WifiConnectFailedReason)9; // unknown values are kept
        Assert.Null(r.Connected);
        Assert.Equal(9, (int)RespGetStatus.Parse(r.ToByteArray()).FailReason);

        r.ClearState();
        Assert.Equal(RespGetStatus.StateOneofCase.None, r.StateCase);
        Assert.Equal((WifiConnectFailedReason)0, r.FailReason);
    }

    [Fact]
    public void OneofCaseValuesAreFieldNumbers()
    {
        Assert.Equal(10, (int)SessionData.ProtoOneofCase.Sec0);
        Assert.Equal(12, (int)SessionData.ProtoOneofCase.Sec2);
        Assert.Equal(23, (int)Sec1Payload.PayloadOneofCase.Sr1);
        Assert.Equal(15, (int)WiFiScanPayload.PayloadOneofCase.RespScanResult);
        Assert.Equal(11, (int)WiFiCtrlPayload.PayloadOneofCase.CmdCtrlReset);
        Assert.Equal(12, (int)RespGetStatus.StateOneofCase.AttemptFailed);
    }

    [Fact]
    public void ZeroValuesAreOmittedAndNullMeansEmpty()
    {
        var e = new WiFiScanResult { Ssid = new byte[0], Channel = 0, Rssi = 0, Bssid = null, Auth = WifiAuthMode.Open };
        Assert.Empty(e.ToByteArray());
        var s = new WifiConnectedState { Ip4Addr = "" };
        Assert.Empty(s.ToByteArray());
        Assert.Empty(new RespScanResult { Entries = new WiFiScanResult[0] }.ToByteArray());
        Assert.Empty(new CmdScanStart { Blocking = false, Passive = false }.ToByteArray());

        // An entry with only zero fields is still one (empty) element of the repeated field.
        Assert.Equal("0a00", Model.Hex(new RespScanResult { Entries = new[] { new WiFiScanResult() } }.ToByteArray()));
    }

    [Fact]
    public void ParsedEmptyBytesAndStringsAreEmptyNotNull()
    {
        // Present-but-empty values parse to empty (not null); absent ones stay null. Both encode to nothing.
        CmdSetConfig c = CmdSetConfig.Parse(Convert.FromHexString("0a00"));
        Assert.NotNull(c.Ssid);
        Assert.Empty(c.Ssid);
        Assert.Null(c.Passphrase);
        WifiConnectedState w = WifiConnectedState.Parse(Convert.FromHexString("0a00"));
        Assert.Equal("", w.Ip4Addr);
        Assert.Empty(c.ToByteArray());
    }

    [Fact]
    public void RepeatedFieldsAccumulateAndDuplicateSingularFieldsFollowProtobufMergeRules()
    {
        // Two resp_scan_result occurrences merge: their entries are concatenated (protobuf merge semantics).
        var first = new WiFiScanPayload { RespScanResult = new RespScanResult { Entries = new[] { new WiFiScanResult { Channel = 1 }, new WiFiScanResult { Channel = 2 } } } };
        var second = new WiFiScanPayload { RespScanResult = new RespScanResult { Entries = new[] { new WiFiScanResult { Channel = 3 } } } };
        byte[] wire = first.ToByteArray().Concat(second.ToByteArray()).ToArray();
        WiFiScanPayload merged = WiFiScanPayload.Parse(wire);
        Assert.Equal(new uint[] { 1, 2, 3 }, merged.RespScanResult.Entries.Select(x => x.Channel).ToArray());

        // Singular scalars: last one wins.
        Assert.Equal(WifiAuthMode.WPA3_PSK, WiFiScanResult.Parse(Convert.FromHexString("28032806")).Auth);
    }

    [Fact]
    public void ParseOverloadsAgree()
    {
        byte[] wire = Convert.FromHexString("10015a270803ba01221a20" + new string('1', 64));
        byte[] framed = new byte[wire.Length + 10];
        Array.Copy(wire, 0, framed, 4, wire.Length);
        Assert.Equal(SessionData.Parse(wire).ToByteArray(), SessionData.Parse(framed, 4, wire.Length).ToByteArray());
        Assert.Equal(wire, SessionData.Parse(wire).ToByteArray());
    }

    [Fact]
    public void SerializeIntoACallerBuffer()
    {
        var m = new SessionData { SecVer = SecSchemeVersion.SecScheme1, Sec1 = new Sec1Payload { Sc0 = new SessionCmd0 { ClientPubkey = new byte[32] } } };
        byte[] buffer = new byte[100];
        int n = ProtoWriter.Serialize(m, buffer, 10);
        Assert.Equal(m.ToByteArray(), buffer.Skip(10).Take(n).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtoWriter.Serialize(m, new byte[n - 1], 0));
    }
}
