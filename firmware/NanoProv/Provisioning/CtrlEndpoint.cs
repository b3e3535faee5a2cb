using System;
using NanoProv.Platform;
using NanoProv.Protocomm;
using NanoProv.Wire;

namespace NanoProv.Provisioning
{
    /// <summary>
    /// The <c>prov-ctrl</c> endpoint: CtrlReset (only after a failure) and CtrlReprov (only with auto-stop disabled).
    /// Status in field 2 of WiFiCtrlPayload, empty response submessage, <c>msg</c> + 1. Commands need no payload;
    /// TypeCtrlReserved, unknown values and malformed protobuf fail at transport level.
    /// </summary>
    public sealed class CtrlEndpoint : IRequestHandler
    {
        private readonly ProvisioningManager _manager;
        private readonly ILog _log;

        /// <summary>Creates the endpoint over a manager.</summary>
        public CtrlEndpoint(ProvisioningManager manager, ILog log)
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
            WiFiCtrlPayload command;
            try
            {
                command = WiFiCtrlPayload.Parse(request == null ? new byte[0] : request);
            }
            catch (ProtoException)
            {
                Log(LogLevel.Warning, "malformed prov-ctrl request");
                return null;
            }

            WiFiCtrlPayload reply = new WiFiCtrlPayload();
            switch (command.Msg)
            {
                case WiFiCtrlMsgType.TypeCmdCtrlReset:
                    reply.Status = (Status)(int)_manager.ResetAfterFailure();
                    reply.Msg = WiFiCtrlMsgType.TypeRespCtrlReset;
                    reply.RespCtrlReset = new RespCtrlReset();
                    break;

                case WiFiCtrlMsgType.TypeCmdCtrlReprov:
                    reply.Status = (Status)(int)_manager.Reprovision();
                    reply.Msg = WiFiCtrlMsgType.TypeRespCtrlReprov;
                    reply.RespCtrlReprov = new RespCtrlReprov();
                    break;

                default:
                    Log(LogLevel.Warning, "unknown prov-ctrl msg " + ((int)command.Msg).ToString());
                    return null;
            }

            return reply.ToByteArray();
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, "prov-ctrl", message);
            }
        }
    }
}
