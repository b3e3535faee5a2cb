using System;
using NanoProv.Platform;
using NanoProv.Protocomm;
using NanoProv.Wire;

namespace NanoProv.Provisioning
{
    /// <summary>
    /// The <c>prov-scan</c> endpoint: ScanStart, ScanStatus, ScanResult (protocol WiFiScanPayload; status in field 2
    /// of the payload). ScanStart and ScanResult need their submessage; a ScanResult page outside the result capacity
    /// (start_index ≥ max, or count &gt; max − start_index) fails at transport level like ESP-IDF; a page that runs past
    /// the stored results is truncated and answered with InternalError.
    /// </summary>
    public sealed class ScanEndpoint : IRequestHandler
    {
        private readonly ProvisioningManager _manager;
        private readonly ILog _log;

        /// <summary>Creates the endpoint over a manager.</summary>
        public ScanEndpoint(ProvisioningManager manager, ILog log)
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
            WiFiScanPayload command;
            try
            {
                command = WiFiScanPayload.Parse(request == null ? new byte[0] : request);
            }
            catch (ProtoException)
            {
                Log(LogLevel.Warning, "malformed prov-scan request");
                return null;
            }

            WiFiScanPayload reply = new WiFiScanPayload();
            switch (command.Msg)
            {
                case WiFiScanMsgType.TypeCmdScanStart:
                    if (command.PayloadCase != WiFiScanPayload.PayloadOneofCase.CmdScanStart || command.CmdScanStart == null)
                    {
                        Log(LogLevel.Warning, "ScanStart without cmd_scan_start");
                        return null;
                    }

                    CmdScanStart start = command.CmdScanStart;
                    ScanOptions options = new ScanOptions(start.Passive, ClampToInt(start.GroupChannels), ClampToInt(start.PeriodMs));
                    ProvisioningResult startResult = _manager.StartScan(options, start.Blocking);
                    reply.Msg = WiFiScanMsgType.TypeRespScanStart;
                    reply.Status = (Status)(int)startResult;
                    reply.RespScanStart = new RespScanStart();
                    break;

                case WiFiScanMsgType.TypeCmdScanStatus:
                    RespScanStatus scanStatus = new RespScanStatus();
                    scanStatus.ScanFinished = !_manager.ScanInProgress;
                    scanStatus.ResultCount = (uint)_manager.ScanResultCount;
                    reply.Msg = WiFiScanMsgType.TypeRespScanStatus;
                    reply.Status = Status.Success;
                    reply.RespScanStatus = scanStatus;
                    break;

                case WiFiScanMsgType.TypeCmdScanResult:
                    if (command.PayloadCase != WiFiScanPayload.PayloadOneofCase.CmdScanResult || command.CmdScanResult == null)
                    {
                        Log(LogLevel.Warning, "ScanResult without cmd_scan_result");
                        return null;
                    }

                    uint max = (uint)_manager.ScanMaxEntries;
                    uint first = command.CmdScanResult.StartIndex;
                    uint count = command.CmdScanResult.Count;
                    if (first >= max || count > max - first)
                    {
                        Log(LogLevel.Warning, "ScanResult page outside the result capacity");
                        return null;
                    }

                    WifiScanRecord[] records = _manager.GetScanResults((int)first, (int)count);
                    WiFiScanResult[] entries = new WiFiScanResult[records.Length];
                    for (int i = 0; i < records.Length; i++)
                    {
                        entries[i] = ToEntry(records[i]);
                    }

                    RespScanResult page = new RespScanResult();
                    page.Entries = entries;
                    reply.Msg = WiFiScanMsgType.TypeRespScanResult;
                    reply.Status = records.Length < (int)count ? Status.InternalError : Status.Success;
                    reply.RespScanResult = page;
                    break;

                default:
                    Log(LogLevel.Warning, "unknown prov-scan msg " + ((int)command.Msg).ToString());
                    return null;
            }

            return reply.ToByteArray();
        }

        private static WiFiScanResult ToEntry(WifiScanRecord record)
        {
            WiFiScanResult entry = new WiFiScanResult();
            entry.Ssid = ConfigEndpoint.TrimAtNul(record.Ssid);
            entry.Channel = record.Channel < 0 ? 0u : (uint)record.Channel;
            entry.Rssi = record.Rssi;
            entry.Bssid = record.Bssid;
            entry.Auth = (WifiAuthMode)record.AuthMode;
            return entry;
        }

        private static int ClampToInt(uint value)
        {
            return value > 0x7FFFFFFF ? 0x7FFFFFFF : (int)value;
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, "prov-scan", message);
            }
        }
    }
}
