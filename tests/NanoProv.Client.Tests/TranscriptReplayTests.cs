using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NanoProv.Client.Security;
using NanoProv.Client.Tests.Support;

namespace NanoProv.Client.Tests;

/// <summary>
/// Replays every recorded esp_prov session: a scripted device answers with the recorded reply bodies (or closes
/// the connection where the device did), and the client must send byte-identical requests. The client's random
/// secrets are replaced by the values esp_prov printed with -v (Security 1: public key + shared secret;
/// Security 2: A + K), so even handshake messages and ciphertexts are compared byte for byte.
/// </summary>
public class TranscriptReplayTests
{
    public static TheoryData<string> AllTranscripts()
    {
        var data = new TheoryData<string>();
        foreach (var n in Vectors.TranscriptNames()) data.Add(n);
        return data;
    }

    public static TheoryData<string> ProvisioningTranscripts()
    {
        var data = new TheoryData<string>();
        foreach (var n in Vectors.TranscriptNames())
        {
            var t = Vectors.Transcript(n);
            if (t["exchanges"]!.AsArray().Any(x => x!["decoded"]!["summary"]?.ToString().StartsWith("SetConfig") == true))
                data.Add(n);
        }
        return data;
    }

    [Fact]
    public void All_fourteen_transcripts_are_present()
    {
        Assert.Equal(14, Vectors.TranscriptNames().Count());
    }

    [Theory]
    [MemberData(nameof(AllTranscripts))]
    public void Each_exchange_is_reproduced_with_the_low_level_api(string name) => Replay(name, highLevel: false);

    [Theory]
    [MemberData(nameof(ProvisioningTranscripts))]
    public void Provision_flow_reproduces_the_recorded_session(string name) => Replay(name, highLevel: true);

    private static string Arg(string commandLine, string option)
    {
        var m = Regex.Match(commandLine, Regex.Escape(option) + @"\s+(\S+)");
        return m.Success ? m.Groups[1].Value : null;
    }

    private static ProvSecurity RecordedSecurity(JsonNode t, DeviceVersionInfo version)
    {
        int security = (int)t["device"]!["security"]!;
        string cmd = t["esp_prov"]!["command_line"].Str();
        var verbose = t["esp_prov"]!["client_verbose_values"];
        switch (security)
        {
            case 0:
                return new Security0Session();
            case 1:
            {
                string pop = Arg(cmd, "--pop");
                bool noPop = version?.HasCapability("no_pop") == true;
                var keys = new RecordedSec1Keys(verbose!["client_pubkey_hex"].Bytes(), verbose["client_shared_key_hex"].Bytes());
                return new Security1Session(noPop || pop == null ? null : Encoding.UTF8.GetBytes(pop), keys);
            }
            default:
            {
                var keys = new RecordedSec2Keys(verbose!["client_pubkey_hex"].Bytes(), verbose["client_srp_K_hex"].Bytes());
                var patch = version?.SecurityPatchVersion == 1 ? Sec2Patch.Counter : Sec2Patch.Legacy;
                return new Security2Session(Encoding.UTF8.GetBytes(Arg(cmd, "--sec2_username")),
                    Encoding.UTF8.GetBytes(Arg(cmd, "--sec2_pwd")), patch, keys);
            }
        }
    }

    private static int ExpectedStatus(JsonNode x)
    {
        var m = Regex.Match(x["decoded"]!["summary"]?.ToString() ?? "", @"status (\d+)");
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    private static void Replay(string name, bool highLevel)
    {
        var t = Vectors.Transcript(name);
        var ex = t["exchanges"]!.AsArray().Select(x => x!).ToList();
        var scenario = t["device"]!["scenario"]!;
        var steps = ex.Select(x => new ScriptedTransport.Step(
            x["path"].Str().TrimStart('/'),
            x["request"]!["body_hex"].Bytes(),
            x["response"]!["status"] == null ? null : x["response"]!["body_hex"].Bytes(),
            $"seq {x["seq"]}")).ToList();
        var transport = new ScriptedTransport(steps);
        var progress = new List<ProvProgress>();
        using var client = new ProvClient(transport, new ProvClientOptions { Progress = progress.Add });
        DeviceVersionInfo version = null;
        byte[] appliedSsid = null;

        int i = 0;
        while (i < ex.Count)
        {
            var x = ex[i];
            string path = x["path"].Str().TrimStart('/');
            var decoded = x["decoded"]!;
            switch (path)
            {
                case "proto-ver":
                {
                    version = client.GetVersion(x["request"]!["body_ascii"].Str());
                    Assert.True(version.IsJson);
                    Assert.Equal("v1.1", version.ProvVersion);
                    Assert.Equal((int)t["device"]!["security"]!, version.SecurityVersion);
                    Assert.Contains("wifi_scan", version.Capabilities);
                    i++;
                    break;
                }
                case "prov-session":
                {
                    var security = RecordedSecurity(t, version);
                    bool rejected = ex.Skip(i).Take(security.HandshakeSteps).Any(s => s["response"]!["status"] == null);
                    if (rejected)
                    {
                        var e = Assert.Throws<ProvHandshakeException>(() => client.EstablishSession(security));
                        Assert.Contains("handshake rejected: wrong PoP/password, or the device is rate-limiting", e.Message);
                        Assert.False(client.IsSessionEstablished);
                    }
                    else
                    {
                        client.EstablishSession(security);
                        Assert.True(client.IsSessionEstablished);
                    }
                    i += security.HandshakeSteps;
                    break;
                }
                case "prov-config":
                {
                    var plain = WiFiConfigPayload.Parser.ParseFrom(decoded["request_plaintext_hex"]?.Bytes() ?? x["request"]!["body_hex"].Bytes());
                    if (highLevel && plain.Msg == WiFiConfigMsgType.TypeCmdSetConfig)
                    {
                        var creds = new WifiCredentials { Ssid = plain.CmdSetConfig.Ssid.ToByteArray(), Passphrase = plain.CmdSetConfig.Passphrase.ToByteArray() };
                        appliedSsid = creds.Ssid;
                        var result = client.Provision(creds, new ProvisionOptions { PollInterval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(30) });
                        var final = scenario["status_after_apply"]!.AsArray().Last()!.Str();
                        var expectedOutcome = final switch
                        {
                            "Connected" => ProvisionOutcome.Connected,
                            "ConnectionFailed:AuthError" => ProvisionOutcome.AuthError,
                            "ConnectionFailed:NetworkNotFound" => ProvisionOutcome.NetworkNotFound,
                            _ => throw new InvalidOperationException(final),
                        };
                        Assert.Equal(expectedOutcome, result.Outcome);
                        if (result.Succeeded) CheckConnected(result.LastStatus, scenario, appliedSsid);
                        Assert.Contains(progress, p => p.Step == (result.Succeeded ? ProvStep.Connected : ProvStep.Failed));
                        // esp_prov keeps polling a few times after a failure; we stop at the first final answer.
                        Assert.All(ex.Skip(transport.Position), rest => Assert.Equal("GetStatus -> " + final, rest["decoded"]!["summary"].Str()));
                        i = ex.Count;
                        break;
                    }
                    switch (plain.Msg)
                    {
                        case WiFiConfigMsgType.TypeCmdSetConfig:
                            appliedSsid = plain.CmdSetConfig.Ssid.ToByteArray();
                            Assert.Equal((DeviceStatus)ExpectedStatus(x), client.SetWifiConfig(new WifiCredentials
                            {
                                Ssid = appliedSsid,
                                Passphrase = plain.CmdSetConfig.Passphrase.ToByteArray(),
                            }));
                            break;
                        case WiFiConfigMsgType.TypeCmdApplyConfig:
                            Assert.Equal((DeviceStatus)ExpectedStatus(x), client.ApplyWifiConfig());
                            break;
                        case WiFiConfigMsgType.TypeCmdGetStatus:
                        {
                            var s = client.GetWifiStatus();
                            string summary = decoded["summary"].Str();
                            if (summary.EndsWith("-> Connected"))
                            {
                                Assert.Equal(StationState.Connected, s.State);
                                CheckConnected(s, scenario, appliedSsid);
                            }
                            else if (summary.EndsWith("-> Connecting"))
                            {
                                Assert.Equal(StationState.Connecting, s.State);
                                Assert.Null(s.AttemptsRemaining);
                            }
                            else if (summary.EndsWith("ConnectionFailed:AuthError"))
                            {
                                Assert.Equal(StationState.ConnectionFailed, s.State);
                                Assert.Equal(ConnectFailReason.AuthError, s.FailReason);
                            }
                            else
                            {
                                throw new InvalidOperationException("unhandled summary " + summary);
                            }
                            break;
                        }
                        default:
                            throw new InvalidOperationException("unhandled config message " + plain.Msg);
                    }
                    i++;
                    break;
                }
                case "prov-scan":
                {
                    var plain = WiFiScanPayload.Parser.ParseFrom(decoded["request_plaintext_hex"].Bytes());
                    var aps = scenario["aps"]!.AsArray();
                    if (highLevel)
                    {
                        Assert.Equal(WiFiScanMsgType.TypeCmdScanStart, plain.Msg);
                        var entries = client.Scan(new ScanOptions
                        {
                            Blocking = plain.CmdScanStart.Blocking,
                            Passive = plain.CmdScanStart.Passive,
                            GroupChannels = plain.CmdScanStart.GroupChannels,
                            PeriodMs = plain.CmdScanStart.PeriodMs,
                        });
                        CheckAps(entries, aps);
                        i = transport.Position;
                        break;
                    }
                    switch (plain.Msg)
                    {
                        case WiFiScanMsgType.TypeCmdScanStart:
                            Assert.Equal(DeviceStatus.Success, client.StartScan(new ScanOptions
                            {
                                Blocking = plain.CmdScanStart.Blocking,
                                Passive = plain.CmdScanStart.Passive,
                                GroupChannels = plain.CmdScanStart.GroupChannels,
                                PeriodMs = plain.CmdScanStart.PeriodMs,
                            }));
                            break;
                        case WiFiScanMsgType.TypeCmdScanStatus:
                        {
                            var st = client.GetScanStatus();
                            Assert.True(st.Finished);
                            Assert.Equal((uint)aps.Count, st.ResultCount);
                            break;
                        }
                        case WiFiScanMsgType.TypeCmdScanResult:
                        {
                            var page = client.GetScanResults(plain.CmdScanResult.StartIndex, plain.CmdScanResult.Count);
                            Assert.Equal(DeviceStatus.Success, page.Status);
                            CheckAps(page.Entries, aps);
                            break;
                        }
                    }
                    i++;
                    break;
                }
                case "prov-ctrl":
                {
                    var plain = WiFiCtrlPayload.Parser.ParseFrom(decoded["request_plaintext_hex"].Bytes());
                    var status = plain.Msg == WiFiCtrlMsgType.TypeCmdCtrlReset ? client.ResetProvisioning() : client.Reprovision();
                    Assert.Equal((DeviceStatus)ExpectedStatus(x), status);
                    i++;
                    break;
                }
                default:
                {
                    byte[] reply = client.SendCustomData(path, decoded["request_plaintext_hex"].Bytes());
                    Assert.Equal(decoded["response_plaintext_hex"].Bytes(), reply);
                    Assert.Equal("SUCCESS\0", Encoding.ASCII.GetString(reply));
                    i++;
                    break;
                }
            }
        }
        if (!highLevel) Assert.Equal(0, transport.Remaining);
    }

    private static void CheckConnected(WifiStatus s, JsonNode scenario, byte[] ssid)
    {
        var info = scenario["connected_info"]!;
        Assert.NotNull(s.Connected);
        Assert.Equal(info["ip4_addr"].Str(), s.Connected.Ip4Address);
        Assert.Equal(info["bssid_hex"].Bytes(), s.Connected.Bssid);
        Assert.Equal((int)info["channel"]!, s.Connected.Channel);
        Assert.Equal(info["auth_mode"].Str(), ProvNames.AuthModeName(s.Connected.AuthMode));
        Assert.Equal(ssid, s.Connected.SsidBytes);
    }

    private static void CheckAps(IReadOnlyList<ScanEntry> entries, JsonArray aps)
    {
        Assert.Equal(aps.Count, entries.Count);
        for (int k = 0; k < aps.Count; k++)
        {
            var ap = aps[k]!;
            Assert.Equal(ap["ssid"].Str(), entries[k].Ssid);
            Assert.Equal((uint)ap["channel"]!, entries[k].Channel);
            Assert.Equal((int)ap["rssi"]!, entries[k].Rssi);
            Assert.Equal(ap["bssid_hex"].Bytes(), entries[k].Bssid);
            Assert.Equal(ap["auth"].Str(), ProvNames.AuthModeName(entries[k].Auth));
        }
    }
}
