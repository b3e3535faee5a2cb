using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using NanoProv.Client.Security;
using Org.BouncyCastle.Crypto.Parameters;

namespace NanoProv.Client.Tests.Support;

/// <summary>
/// A small device-side double of an ESP provisioning device (protocomm + wifi_provisioning), good enough to drive
/// the client and the CLI through every path: Security 0/1/2 handshakes (device math written here, checked
/// against the spec vectors in FakeDeviceTests), prov-config/scan/ctrl state machine, a custom endpoint, and a
/// small simulated Wi-Fi world. Failures are signalled the protocomm way: by "closing" (throwing
/// DeviceClosedConnectionException) without a reply.
/// </summary>
internal sealed class FakeDevice : IProvTransport
{
    public sealed record Ap(string Ssid, string Password, uint Channel, int Rssi, byte[] Bssid, int Auth);

    // ---------------- configuration
    public int Security = 2;
    public string Pop = "abcd1234";                       // Security 1; null = no PoP (advertises no_pop)
    public byte[] Salt = Convert.FromHexString("036ee0c7bcb9eda84c9eac97d93decf4");
    public byte[] Verifier = Srp6a.ComputeVerifier(Convert.FromHexString("036ee0c7bcb9eda84c9eac97d93decf4"),
        Encoding.ASCII.GetBytes("wifiprov"), Encoding.ASCII.GetBytes("abcd1234"));
    public int SecPatchVersion = 1;                       // advertised for Security 2; <0 = omit the field
    public bool AdvertiseSecVer = true;
    public string ProtoVerOverride;                       // raw proto-ver reply
    public bool AutoStopDisabled;
    public bool AllowRetryAfterFailure = true;            // NanoProv behaviour; false = ESP-IDF (needs reset)
    public Func<byte[], byte[], string[]> Outcomes;       // ssid, passphrase -> GetStatus sequence after apply
    public Func<string, byte[], byte[]> CustomHandler = (_, data) => Encoding.ASCII.GetBytes("SUCCESS\0");
    public Func<string, byte[], byte[]> ReplyOverride;    // endpoint, plaintext request -> plaintext reply (null = normal)
    public Status? SetConfigStatus;                       // force a SetConfig status
    public List<Ap> Aps = DefaultAps();

    // Fixed secrets for vector checks (null = random).
    public byte[] Sec1DevicePrivateKey;
    public byte[] Sec1DeviceRandom;
    public byte[] Sec2B;
    public byte[] Sec2Nonce;

    // ---------------- observable state
    public readonly List<string> Log = new();
    public byte[] LastSsid;
    public byte[] LastPassphrase;
    public int ApplyCount;
    public int SessionsStarted;
    public string ManagerState = "STARTED"; // STARTED, APPLIED, FAIL, SUCCESS
    public bool Disposed;

    private DeviceSession _session;
    private string[] _sequence;
    private int _sequenceIndex;

    public string Description => "fake device";

    public static List<Ap> DefaultAps() => new()
    {
        new("HomeNet", "homepass1", 6, -40, Convert.FromHexString("240ac4000006"), 3),
        new("Office", "office-pass", 11, -55, Convert.FromHexString("240ac400000b"), 7),
        new("Cafe", "", 1, -70, Convert.FromHexString("240ac4000001"), 0),
        new("Legacy", "legacykey", 3, -88, Convert.FromHexString("240ac4000003"), 1),
    };

    /// <summary>Forget the security session (what the HTTP layer does when a new session starts).</summary>
    public void NewSession()
    {
        _session = null;
    }

    public string ProtoVerText()
    {
        if (ProtoVerOverride != null) return ProtoVerOverride;
        var caps = new List<string>();
        if (Security == 0) caps.Add("\"no_sec\"");
        else if (Security == 1 && Pop == null) caps.Add("\"no_pop\"");
        caps.Add("\"wifi_scan\"");
        string sec = AdvertiseSecVer ? $",\"sec_ver\":{Security}" : "";
        string patch = AdvertiseSecVer && SecPatchVersion >= 0 ? $",\"sec_patch_ver\":{(Security == 2 ? SecPatchVersion : 0)}" : "";
        return "{\"prov\":{\"ver\":\"v1.1\"" + sec + patch + ",\"cap\":[" + string.Join(",", caps) + "]}}";
    }

    public byte[] Send(string endpoint, byte[] body)
    {
        Log.Add(endpoint);
        if (body == null || body.Length == 0) throw Close(endpoint);
        switch (endpoint)
        {
            case "proto-ver":
                return Encoding.UTF8.GetBytes(ProtoVerText());
            case "prov-session":
                return HandleSession(body);
            case "prov-config":
            case "prov-scan":
            case "prov-ctrl":
            case "custom-data":
                break;
            default:
                throw new ProvTransportException($"the device has no endpoint '{endpoint}' (HTTP 404 Not Found)", httpStatus: 404);
        }
        if (_session == null || !_session.Established) throw Close(endpoint);
        byte[] plain;
        try
        {
            plain = _session.Decrypt(body);
        }
        catch (ProvProtocolException)
        {
            throw Close(endpoint);
        }
        byte[] reply = ReplyOverride?.Invoke(endpoint, plain);
        if (reply == null)
        {
            reply = endpoint switch
            {
                "prov-config" => HandleConfig(plain),
                "prov-scan" => HandleScan(plain),
                "prov-ctrl" => HandleCtrl(plain),
                _ => CustomHandler(endpoint, plain),
            };
        }
        if (reply == null) throw Close(endpoint);
        return _session.Encrypt(reply);
    }

    private static DeviceClosedConnectionException Close(string endpoint) => new(endpoint);

    // ---------------- security

    private abstract class DeviceSession
    {
        public bool Established;
        public abstract byte[] Handle(byte[] request); // null = close
        public abstract byte[] Encrypt(byte[] p);
        public abstract byte[] Decrypt(byte[] c);
    }

    private byte[] HandleSession(byte[] body)
    {
        SessionData msg;
        try
        {
            msg = SessionData.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException)
        {
            throw Close("prov-session");
        }
        // A Cmd0 (re)starts the handshake on the current session.
        bool isCmd0 = (Security == 1 && msg.Sec1?.PayloadCase == Sec1Payload.PayloadOneofCase.Sc0)
                      || (Security == 2 && msg.Sec2?.PayloadCase == Sec2Payload.PayloadOneofCase.Sc0)
                      || Security == 0;
        if (isCmd0 || _session == null)
        {
            _session = Security switch
            {
                0 => new Sec0Device(),
                1 => new Sec1Device(this),
                _ => new Sec2Device(this),
            };
            SessionsStarted++;
        }
        byte[] reply = _session.Handle(body);
        if (reply == null)
        {
            _session = null;
            throw Close("prov-session");
        }
        return reply;
    }

    private sealed class Sec0Device : DeviceSession
    {
        public override byte[] Handle(byte[] request)
        {
            var m = SessionData.Parser.ParseFrom(request);
            if (m.SecVer != SecSchemeVersion.SecScheme0) return null;
            Established = true;
            return new SessionData
            {
                SecVer = SecSchemeVersion.SecScheme0,
                Sec0 = new Sec0Payload { Msg = Sec0MsgType.S0SessionResponse, Sr = new S0SessionResp() },
            }.ToByteArray();
        }

        public override byte[] Encrypt(byte[] p) => p;
        public override byte[] Decrypt(byte[] c) => c;
    }

    private sealed class Sec1Device : DeviceSession
    {
        private readonly FakeDevice _d;
        private byte[] _devicePub, _clientPub;
        private AesCtrStream _ctr;
        private int _state; // 0 await cmd0, 1 await cmd1

        public Sec1Device(FakeDevice d) => _d = d;

        public override byte[] Handle(byte[] request)
        {
            var m = SessionData.Parser.ParseFrom(request);
            if (m.SecVer != SecSchemeVersion.SecScheme1 || m.ProtoCase != SessionData.ProtoOneofCase.Sec1) return null;
            if (m.Sec1.PayloadCase == Sec1Payload.PayloadOneofCase.Sc0)
            {
                _clientPub = m.Sec1.Sc0.ClientPubkey.ToByteArray();
                if (_clientPub.Length != 32) return null;
                byte[] priv = _d.Sec1DevicePrivateKey ?? RandomNumberGenerator.GetBytes(32);
                var key = new X25519PrivateKeyParameters(priv, 0);
                _devicePub = key.GeneratePublicKey().GetEncoded();
                byte[] shared = new byte[32];
                key.GenerateSecret(new X25519PublicKeyParameters(_clientPub, 0), shared, 0);
                if (!string.IsNullOrEmpty(_d.Pop))
                {
                    byte[] h = SHA256.HashData(Encoding.UTF8.GetBytes(_d.Pop));
                    for (int i = 0; i < 32; i++) shared[i] ^= h[i];
                }
                byte[] random = _d.Sec1DeviceRandom ?? RandomNumberGenerator.GetBytes(16);
                _ctr = new AesCtrStream(shared, random);
                _state = 1;
                return new SessionData
                {
                    SecVer = SecSchemeVersion.SecScheme1,
                    Sec1 = new Sec1Payload
                    {
                        Msg = Sec1MsgType.SessionResponse0,
                        Sr0 = new SessionResp0 { DevicePubkey = ByteString.CopyFrom(_devicePub), DeviceRandom = ByteString.CopyFrom(random) },
                    },
                }.ToByteArray();
            }
            if (m.Sec1.PayloadCase == Sec1Payload.PayloadOneofCase.Sc1 && _state == 1)
            {
                byte[] verify = m.Sec1.Sc1.ClientVerifyData.ToByteArray();
                if (verify.Length != 32) return null;
                if (!CryptographicOperations.FixedTimeEquals(_ctr.Transform(verify), _devicePub)) return null; // wrong PoP
                byte[] deviceVerify = _ctr.Transform(_clientPub);
                _state = 2;
                Established = true;
                return new SessionData
                {
                    SecVer = SecSchemeVersion.SecScheme1,
                    Sec1 = new Sec1Payload
                    {
                        Msg = Sec1MsgType.SessionResponse1,
                        Sr1 = new SessionResp1 { DeviceVerifyData = ByteString.CopyFrom(deviceVerify) },
                    },
                }.ToByteArray();
            }
            return null;
        }

        public override byte[] Encrypt(byte[] p) => _ctr.Transform(p);
        public override byte[] Decrypt(byte[] c) => _ctr.Transform(c);
    }

    private sealed class Sec2Device : DeviceSession
    {
        private readonly FakeDevice _d;
        private byte[] _a, _bPub, _k, _username;
        private Sec2Cipher _cipher;
        private int _state;

        public Sec2Device(FakeDevice d) => _d = d;

        public override byte[] Handle(byte[] request)
        {
            var m = SessionData.Parser.ParseFrom(request);
            if (m.SecVer != SecSchemeVersion.SecScheme2 || m.ProtoCase != SessionData.ProtoOneofCase.Sec2) return null;
            if (m.Sec2.PayloadCase == Sec2Payload.PayloadOneofCase.Sc0)
            {
                _username = m.Sec2.Sc0.ClientUsername.ToByteArray();
                _a = m.Sec2.Sc0.ClientPubkey.ToByteArray();
                if (_a.Length != 384 || _username.Length == 0) return null;
                BigInteger aInt = Srp6a.FromBytes(_a);
                if (aInt % Srp6a.N == 0) return null;
                BigInteger b = Srp6a.FromBytes(_d.Sec2B ?? RandomNumberGenerator.GetBytes(32));
                BigInteger v = Srp6a.FromBytes(_d.Verifier);
                BigInteger bInt = (Srp6a.K * v + BigInteger.ModPow(Srp6a.G, b, Srp6a.N)) % Srp6a.N;
                _bPub = Srp6a.ToBytes(bInt);
                BigInteger u = Srp6a.ComputeU(_a, _bPub);
                if (u.IsZero) return null;
                BigInteger s = BigInteger.ModPow(aInt * BigInteger.ModPow(v, u, Srp6a.N) % Srp6a.N, b, Srp6a.N);
                _k = SHA512.HashData(Srp6a.ToBytes(s));
                _state = 1;
                return new SessionData
                {
                    SecVer = SecSchemeVersion.SecScheme2,
                    Sec2 = new Sec2Payload
                    {
                        Msg = Sec2MsgType.S2SessionResponse0,
                        Sr0 = new S2SessionResp0 { DevicePubkey = ByteString.CopyFrom(_bPub), DeviceSalt = ByteString.CopyFrom(_d.Salt) },
                    },
                }.ToByteArray();
            }
            if (m.Sec2.PayloadCase == Sec2Payload.PayloadOneofCase.Sc1 && _state == 1)
            {
                byte[] m1 = m.Sec2.Sc1.ClientProof.ToByteArray();
                byte[] expected = Srp6a.ComputeM1(_username, _d.Salt, _a, _bPub, _k);
                if (m1.Length != 64 || !CryptographicOperations.FixedTimeEquals(m1, expected)) return null; // wrong password
                byte[] m2 = Srp6a.ComputeM2(_a, m1, _k);
                byte[] nonce = _d.Sec2Nonce ?? RandomNumberGenerator.GetBytes(8).Concat(new byte[] { 0, 0, 0, 1 }).ToArray();
                var patch = _d.SecPatchVersion == 0 ? Sec2Patch.Legacy : Sec2Patch.Counter;
                _cipher = new Sec2Cipher(_k[..32], nonce, patch);
                _state = 2;
                Established = true;
                return new SessionData
                {
                    SecVer = SecSchemeVersion.SecScheme2,
                    Sec2 = new Sec2Payload
                    {
                        Msg = Sec2MsgType.S2SessionResponse1,
                        Sr1 = new S2SessionResp1 { DeviceProof = ByteString.CopyFrom(m2), DeviceNonce = ByteString.CopyFrom(nonce) },
                    },
                }.ToByteArray();
            }
            return null;
        }

        public override byte[] Encrypt(byte[] p) => _cipher.Encrypt(p);
        public override byte[] Decrypt(byte[] c) => _cipher.Decrypt(c);
    }

    // ---------------- wifi_provisioning

    private string[] DefaultOutcomes(byte[] ssid, byte[] pass)
    {
        var ap = Aps.FirstOrDefault(a => Encoding.UTF8.GetBytes(a.Ssid).AsSpan().SequenceEqual(ssid));
        if (ap == null) return new[] { "Connecting", "AttemptFailed:1", "NetworkNotFound" };
        if (ap.Password != Encoding.UTF8.GetString(pass)) return new[] { "Connecting", "AttemptFailed:1", "AuthError" };
        return new[] { "Connecting", "Connected" };
    }

    private byte[] HandleConfig(byte[] plain)
    {
        var req = WiFiConfigPayload.Parser.ParseFrom(plain);
        switch (req.Msg)
        {
            case WiFiConfigMsgType.TypeCmdSetConfig:
            {
                if (req.PayloadCase != WiFiConfigPayload.PayloadOneofCase.CmdSetConfig) return null;
                var c = req.CmdSetConfig;
                var status = SetConfigStatus ?? Status.Success;
                if (c.Ssid.Length == 0 || c.Ssid.Length > 32 || c.Passphrase.Length > 63 || (c.Bssid.Length != 0 && c.Bssid.Length != 6))
                    status = Status.InvalidArgument;
                if (status == Status.Success)
                {
                    LastSsid = c.Ssid.ToByteArray();
                    LastPassphrase = c.Passphrase.ToByteArray();
                }
                return new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespSetConfig, RespSetConfig = new RespSetConfig { Status = status } }.ToByteArray();
            }
            case WiFiConfigMsgType.TypeCmdApplyConfig:
            {
                bool ok = LastSsid != null && (ManagerState == "STARTED" || (ManagerState == "FAIL" && AllowRetryAfterFailure));
                if (ok)
                {
                    ApplyCount++;
                    ManagerState = "APPLIED";
                    _sequence = (Outcomes ?? DefaultOutcomes)(LastSsid, LastPassphrase);
                    _sequenceIndex = 0;
                }
                return new WiFiConfigPayload
                {
                    Msg = WiFiConfigMsgType.TypeRespApplyConfig,
                    RespApplyConfig = new RespApplyConfig { Status = ok ? Status.Success : Status.InternalError },
                }.ToByteArray();
            }
            case WiFiConfigMsgType.TypeCmdGetStatus:
            {
                string state = "Connecting";
                if (_sequence != null)
                {
                    state = _sequence[Math.Min(_sequenceIndex, _sequence.Length - 1)];
                    _sequenceIndex++;
                }
                var r = new RespGetStatus();
                if (state == "Connected")
                {
                    ManagerState = "SUCCESS";
                    r.StaState = WifiStationState.Connected;
                    var ap = Aps.FirstOrDefault(a => Encoding.UTF8.GetBytes(a.Ssid).AsSpan().SequenceEqual(LastSsid));
                    r.Connected = new WifiConnectedState
                    {
                        Ip4Addr = "192.168.1.23",
                        AuthMode = (WifiAuthMode)(ap?.Auth ?? 3),
                        Ssid = ByteString.CopyFrom(LastSsid),
                        Bssid = ByteString.CopyFrom(ap?.Bssid ?? Convert.FromHexString("240ac4123456")),
                        Channel = (int)(ap?.Channel ?? 6),
                    };
                }
                else if (state == "AuthError" || state == "NetworkNotFound")
                {
                    ManagerState = "FAIL";
                    r.StaState = WifiStationState.ConnectionFailed;
                    r.FailReason = state == "AuthError" ? WifiConnectFailedReason.AuthError : WifiConnectFailedReason.NetworkNotFound;
                }
                else if (state.StartsWith("AttemptFailed:"))
                {
                    r.StaState = WifiStationState.Connecting;
                    r.AttemptFailed = new WifiAttemptFailed { AttemptsRemaining = uint.Parse(state.Substring(14)) };
                }
                else if (state == "Disconnected")
                {
                    r.StaState = WifiStationState.Disconnected;
                }
                else
                {
                    r.StaState = WifiStationState.Connecting;
                }
                return new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeRespGetStatus, RespGetStatus = r }.ToByteArray();
            }
            default:
                return null;
        }
    }

    private byte[] HandleScan(byte[] plain)
    {
        var req = WiFiScanPayload.Parser.ParseFrom(plain);
        var sorted = Aps.OrderByDescending(a => a.Rssi).ToList();
        switch (req.Msg)
        {
            case WiFiScanMsgType.TypeCmdScanStart:
                if (req.PayloadCase != WiFiScanPayload.PayloadOneofCase.CmdScanStart) return null;
                return new WiFiScanPayload
                {
                    Msg = WiFiScanMsgType.TypeRespScanStart,
                    Status = ManagerState == "APPLIED" ? Status.InternalError : Status.Success,
                    RespScanStart = new RespScanStart(),
                }.ToByteArray();
            case WiFiScanMsgType.TypeCmdScanStatus:
                return new WiFiScanPayload
                {
                    Msg = WiFiScanMsgType.TypeRespScanStatus,
                    RespScanStatus = new RespScanStatus { ScanFinished = true, ResultCount = (uint)sorted.Count },
                }.ToByteArray();
            case WiFiScanMsgType.TypeCmdScanResult:
            {
                if (req.PayloadCase != WiFiScanPayload.PayloadOneofCase.CmdScanResult) return null;
                uint start = req.CmdScanResult.StartIndex, count = req.CmdScanResult.Count;
                const uint max = 16;
                if (start >= max || count > max - start) return null;
                var resp = new RespScanResult();
                var status = Status.Success;
                for (uint i = start; i < start + count; i++)
                {
                    if (i >= sorted.Count)
                    {
                        status = Status.InternalError;
                        break;
                    }
                    var ap = sorted[(int)i];
                    resp.Entries.Add(new WiFiScanResult
                    {
                        Ssid = ByteString.CopyFromUtf8(ap.Ssid),
                        Channel = ap.Channel,
                        Rssi = ap.Rssi,
                        Bssid = ByteString.CopyFrom(ap.Bssid),
                        Auth = (WifiAuthMode)ap.Auth,
                    });
                }
                return new WiFiScanPayload { Msg = WiFiScanMsgType.TypeRespScanResult, Status = status, RespScanResult = resp }.ToByteArray();
            }
            default:
                return null;
        }
    }

    private byte[] HandleCtrl(byte[] plain)
    {
        var req = WiFiCtrlPayload.Parser.ParseFrom(plain);
        switch (req.Msg)
        {
            case WiFiCtrlMsgType.TypeCmdCtrlReset:
            {
                bool ok = ManagerState == "FAIL";
                if (ok)
                {
                    ManagerState = "STARTED";
                    LastSsid = null;
                    _sequence = null;
                }
                return new WiFiCtrlPayload
                {
                    Msg = WiFiCtrlMsgType.TypeRespCtrlReset,
                    Status = ok ? Status.Success : Status.InternalError,
                    RespCtrlReset = new RespCtrlReset(),
                }.ToByteArray();
            }
            case WiFiCtrlMsgType.TypeCmdCtrlReprov:
            {
                bool ok = AutoStopDisabled;
                if (ok)
                {
                    ManagerState = "STARTED";
                    _sequence = null;
                }
                return new WiFiCtrlPayload
                {
                    Msg = WiFiCtrlMsgType.TypeRespCtrlReprov,
                    Status = ok ? Status.Success : Status.InternalError,
                    RespCtrlReprov = new RespCtrlReprov(),
                }.ToByteArray();
            }
            default:
                return null;
        }
    }

    public void Dispose() => Disposed = true;
}
