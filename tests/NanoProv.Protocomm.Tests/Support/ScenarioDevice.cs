using System.Text;
using System.Text.Json.Nodes;
using NanoProv.Wire;

namespace NanoProv.Protocomm.Tests.Support;

/// <summary>
/// Test-only stand-in for the provisioning manager: request handlers for prov-config, prov-scan, prov-ctrl and
/// custom-data that follow a transcript's <c>device.scenario</c>, built with the generated wire classes.
/// (The real ProvisioningManager is another area's work.)
/// </summary>
public sealed class ScenarioDevice
{
    private readonly JsonNode _scenario;
    private readonly string[] _statusAfterApply;
    private byte[] _ssid;
    private bool _applied;
    private int _statusReads;

    public ScenarioDevice(JsonNode scenario)
    {
        _scenario = scenario;
        _statusAfterApply = scenario["status_after_apply"]!.AsArray().Select(n => (string)n!).ToArray();
    }

    public List<string> CustomData { get; } = new();

    public void RegisterOn(NanoProv.Protocomm.Protocomm protocomm)
    {
        protocomm.RegisterEndpoint(EndpointNames.Config, new Handler(Config));
        protocomm.RegisterEndpoint(EndpointNames.Scan, new Handler(Scan));
        protocomm.RegisterEndpoint(EndpointNames.Ctrl, new Handler(Ctrl));
        protocomm.RegisterEndpoint("custom-data", new Handler(Custom));
    }

    private byte[] Config(byte[] request)
    {
        var payload = WiFiConfigPayload.Parse(request);
        var reply = new WiFiConfigPayload();
        switch (payload.Msg)
        {
            case WiFiConfigMsgType.TypeCmdGetStatus:
                reply.Msg = WiFiConfigMsgType.TypeRespGetStatus;
                reply.RespGetStatus = Status();
                break;
            case WiFiConfigMsgType.TypeCmdSetConfig:
                if (payload.CmdSetConfig == null)
                    return null;
                _ssid = payload.CmdSetConfig.Ssid;
                reply.Msg = WiFiConfigMsgType.TypeRespSetConfig;
                reply.RespSetConfig = new RespSetConfig { Status = NanoProv.Wire.Status.Success };
                break;
            case WiFiConfigMsgType.TypeCmdApplyConfig:
                _applied = true;
                reply.Msg = WiFiConfigMsgType.TypeRespApplyConfig;
                reply.RespApplyConfig = new RespApplyConfig { Status = NanoProv.Wire.Status.Success };
                break;
            default:
                return null;
        }
        return reply.ToByteArray();
    }

    private RespGetStatus Status()
    {
        string state = "Connecting";
        if (_applied)
        {
            state = _statusAfterApply[Math.Min(_statusReads, _statusAfterApply.Length - 1)];
            _statusReads++;
        }

        var status = new RespGetStatus { Status = NanoProv.Wire.Status.Success };
        switch (state)
        {
            case "Connecting":
                status.StaState = WifiStationState.Connecting;
                break;
            case "Connected":
                var info = _scenario["connected_info"]!;
                status.StaState = WifiStationState.Connected;
                status.Connected = new WifiConnectedState
                {
                    Ip4Addr = (string)info["ip4_addr"],
                    AuthMode = Enum.Parse<WifiAuthMode>((string)info["auth_mode"]!),
                    Ssid = _ssid,
                    Bssid = Hex.Bytes((string)info["bssid_hex"]!),
                    Channel = (int)info["channel"]!,
                };
                break;
            default:
                if (!state.StartsWith("ConnectionFailed:", StringComparison.Ordinal))
                    throw new InvalidOperationException("unknown scenario state " + state);
                status.StaState = WifiStationState.ConnectionFailed;
                status.FailReason = Enum.Parse<WifiConnectFailedReason>(state.Substring("ConnectionFailed:".Length));
                break;
        }
        return status;
    }

    private byte[] Scan(byte[] request)
    {
        var payload = WiFiScanPayload.Parse(request);
        var aps = _scenario["aps"]!.AsArray();
        var reply = new WiFiScanPayload { Status = NanoProv.Wire.Status.Success };
        switch (payload.Msg)
        {
            case WiFiScanMsgType.TypeCmdScanStart:
                if (payload.CmdScanStart == null)
                    return null;
                reply.Msg = WiFiScanMsgType.TypeRespScanStart;
                reply.RespScanStart = new RespScanStart();
                break;
            case WiFiScanMsgType.TypeCmdScanStatus:
                reply.Msg = WiFiScanMsgType.TypeRespScanStatus;
                reply.RespScanStatus = new RespScanStatus { ScanFinished = true, ResultCount = (uint)aps.Count };
                break;
            case WiFiScanMsgType.TypeCmdScanResult:
                var page = payload.CmdScanResult;
                if (page == null || page.StartIndex + page.Count > aps.Count)
                    return null;
                reply.Msg = WiFiScanMsgType.TypeRespScanResult;
                reply.RespScanResult = new RespScanResult
                {
                    Entries = Enumerable.Range((int)page.StartIndex, (int)page.Count).Select(i => new WiFiScanResult
                    {
                        Ssid = Encoding.UTF8.GetBytes((string)aps[i]!["ssid"]!),
                        Channel = (uint)(int)aps[i]!["channel"]!,
                        Rssi = (int)aps[i]!["rssi"]!,
                        Bssid = Hex.Bytes((string)aps[i]!["bssid_hex"]!),
                        Auth = Enum.Parse<WifiAuthMode>((string)aps[i]!["auth"]!),
                    }).ToArray(),
                };
                break;
            default:
                return null;
        }
        return reply.ToByteArray();
    }

    private byte[] Ctrl(byte[] request)
    {
        var payload = WiFiCtrlPayload.Parse(request);
        var reply = new WiFiCtrlPayload();
        switch (payload.Msg)
        {
            case WiFiCtrlMsgType.TypeCmdCtrlReset:
                reply.Msg = WiFiCtrlMsgType.TypeRespCtrlReset;
                reply.Status = (string)_scenario["manager_state"] == "FAIL" ? NanoProv.Wire.Status.Success : NanoProv.Wire.Status.InternalError;
                reply.RespCtrlReset = new RespCtrlReset();
                break;
            case WiFiCtrlMsgType.TypeCmdCtrlReprov:
                reply.Msg = WiFiCtrlMsgType.TypeRespCtrlReprov;
                reply.Status = (bool)_scenario["auto_stop_disabled"]! ? NanoProv.Wire.Status.Success : NanoProv.Wire.Status.InternalError;
                reply.RespCtrlReprov = new RespCtrlReprov();
                break;
            default:
                return null;
        }
        return reply.ToByteArray();
    }

    private byte[] Custom(byte[] request)
    {
        CustomData.Add(Encoding.UTF8.GetString(request));
        return "SUCCESS\0"u8.ToArray();
    }

    private sealed class Handler : IRequestHandler
    {
        private readonly Func<byte[], byte[]> _handle;

        public Handler(Func<byte[], byte[]> handle) => _handle = handle;

        public byte[] HandleRequest(uint sessionId, byte[] request) => _handle(request);
    }
}
