using System;
using NanoProv.Platform;
using NanoProv.Protocomm;
using NanoProv.Wire;

namespace NanoProv.Provisioning
{
    /// <summary>
    /// The <c>prov-config</c> endpoint: GetStatus, SetConfig, ApplyConfig (protocol WiFiConfigPayload).
    /// Dispatches on <c>msg</c>; the reply has <c>msg</c> + 1 and the status inside the response submessage.
    /// GetStatus and ApplyConfig need no payload; SetConfig without <c>cmd_set_config</c>, an unknown <c>msg</c> or
    /// malformed protobuf make the request fail at transport level (null).
    /// </summary>
    public sealed class ConfigEndpoint : IRequestHandler
    {
        private readonly ProvisioningManager _manager;
        private readonly ILog _log;

        /// <summary>Creates the endpoint over a manager.</summary>
        public ConfigEndpoint(ProvisioningManager manager, ILog log)
        {
            if (manager == null)
            {
                throw new ArgumentNullException("manager");
            }

            _manager = manager;
            _log = log;
        }

        /// <inheritdoc />
        public byte[] HandleRequest(uint sessionId, byte[] request)
        {
            WiFiConfigPayload command;
            try
            {
                command = WiFiConfigPayload.Parse(request == null ? new byte[0] : request);
            }
            catch (ProtoException)
            {
                Log(LogLevel.Warning, "malformed prov-config request");
                return null;
            }

            WiFiConfigPayload reply = new WiFiConfigPayload();
            switch (command.Msg)
            {
                case WiFiConfigMsgType.TypeCmdGetStatus:
                    reply.Msg = WiFiConfigMsgType.TypeRespGetStatus;
                    reply.RespGetStatus = BuildStatus(_manager.GetStatus());
                    break;

                case WiFiConfigMsgType.TypeCmdSetConfig:
                    if (command.PayloadCase != WiFiConfigPayload.PayloadOneofCase.CmdSetConfig || command.CmdSetConfig == null)
                    {
                        Log(LogLevel.Warning, "SetConfig without cmd_set_config");
                        return null;
                    }

                    CmdSetConfig set = command.CmdSetConfig;
                    ProvisioningResult setResult = _manager.SetConfig(set.Ssid, set.Passphrase, set.Bssid, set.Channel);
                    reply.Msg = WiFiConfigMsgType.TypeRespSetConfig;
                    RespSetConfig setReply = new RespSetConfig();
                    setReply.Status = (Status)(int)setResult;
                    reply.RespSetConfig = setReply;
                    break;

                case WiFiConfigMsgType.TypeCmdApplyConfig:
                    ProvisioningResult applyResult = _manager.ApplyConfig();
                    reply.Msg = WiFiConfigMsgType.TypeRespApplyConfig;
                    RespApplyConfig applyReply = new RespApplyConfig();
                    applyReply.Status = (Status)(int)applyResult;
                    reply.RespApplyConfig = applyReply;
                    break;

                default:
                    Log(LogLevel.Warning, "unknown prov-config msg " + ((int)command.Msg).ToString());
                    return null;
            }

            return reply.ToByteArray();
        }

        /// <summary>Maps a manager status onto RespGetStatus exactly as ESP-IDF does (see the protocol notes).</summary>
        public static RespGetStatus BuildStatus(ProvisioningStatus status)
        {
            RespGetStatus response = new RespGetStatus();
            response.Status = Status.Success;
            switch (status.Progress)
            {
                case WifiProgress.Connected:
                    response.StaState = WifiStationState.Connected;
                    WifiConnectedState connected = new WifiConnectedState();
                    WifiConnectionInfo info = status.Connection;
                    connected.Ip4Addr = info == null ? string.Empty : info.Ip4Address;
                    connected.AuthMode = info == null ? WifiAuthMode.Open : (WifiAuthMode)info.AuthMode;
                    connected.Ssid = TrimAtNul(status.Ssid);
                    connected.Bssid = info == null ? null : info.Bssid;
                    connected.Channel = info == null ? 0 : info.Channel;
                    response.Connected = connected;
                    break;

                case WifiProgress.AttemptFailed:
                    response.StaState = WifiStationState.Connecting;
                    WifiAttemptFailed attempt = new WifiAttemptFailed();
                    attempt.AttemptsRemaining = (uint)status.AttemptsRemaining;
                    response.AttemptFailed = attempt;
                    break;

                case WifiProgress.Failed:
                    response.StaState = WifiStationState.ConnectionFailed;
                    response.FailReason = status.Reason == WifiFailureReason.NetworkNotFound
                        ? WifiConnectFailedReason.NetworkNotFound
                        : WifiConnectFailedReason.AuthError;
                    break;

                default:
                    response.StaState = WifiStationState.Connecting;
                    break;
            }

            return response;
        }

        /// <summary>SSID bytes up to the first NUL (what ESP-IDF reports).</summary>
        internal static byte[] TrimAtNul(byte[] ssid)
        {
            if (ssid == null)
            {
                return null;
            }

            for (int i = 0; i < ssid.Length; i++)
            {
                if (ssid[i] == 0)
                {
                    byte[] trimmed = new byte[i];
                    Array.Copy(ssid, trimmed, i);
                    return trimmed;
                }
            }

            return ssid;
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, "prov-config", message);
            }
        }
    }
}
