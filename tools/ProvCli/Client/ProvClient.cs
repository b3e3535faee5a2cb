using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using NanoProv.Client.Security;

namespace NanoProv.Client;

/// <summary>
/// High-level client for ESP unified provisioning (protocomm) devices: proto-ver, security handshake,
/// Wi-Fi config/apply/status, scan, reset/reprovision and custom endpoints, over any <see cref="IProvTransport"/>.
/// </summary>
/// <remarks>
/// Typical use:
/// <code>
/// using var client = new ProvClient(new HttpProvTransport("127.0.0.1:8080"),
///     new ProvClientOptions { Sec2Username = "wifiprov", Sec2Password = "abcd1234" });
/// client.Connect();                                    // proto-ver + auto-detected security handshake
/// var result = client.Provision(WifiCredentials.FromText("HomeNet", "secret123"));
/// if (result.Succeeded) ...
/// </code>
/// Requests are byte-identical to esp_prov's. The client is not thread-safe. After any failed exchange the
/// secure session is out of step with the device (Security 1 keystream / Security 2 counter), so every further
/// request throws until <see cref="Connect"/> (or <see cref="EstablishSession"/>) runs again.
/// </remarks>
public sealed class ProvClient : IDisposable
{
    /// <summary>Endpoint names.</summary>
    public static class Endpoints
    {
        /// <summary>Version and capabilities (plaintext).</summary>
        public const string Version = "proto-ver";
        /// <summary>Security handshake.</summary>
        public const string Session = "prov-session";
        /// <summary>Wi-Fi config.</summary>
        public const string Config = "prov-config";
        /// <summary>Wi-Fi scan.</summary>
        public const string Scan = "prov-scan";
        /// <summary>Reset/reprovision.</summary>
        public const string Ctrl = "prov-ctrl";
        /// <summary>The ESP example's custom endpoint.</summary>
        public const string CustomData = "custom-data";
    }

    private readonly IProvTransport _transport;
    private readonly bool _ownsTransport;
    private bool _sessionBroken;

    /// <summary>Creates a client over <paramref name="transport"/> (disposed with the client when <paramref name="ownsTransport"/>).</summary>
    public ProvClient(IProvTransport transport, ProvClientOptions options = null, bool ownsTransport = true)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _ownsTransport = ownsTransport;
        Options = options ?? new ProvClientOptions();
    }

    /// <summary>
    /// Convenience: a client over <see cref="HttpProvTransport"/> to <paramref name="hostPort"/>
    /// (e.g. "127.0.0.1:8080" or "192.168.4.1:80").
    /// </summary>
    public static ProvClient ForHttp(string hostPort, ProvClientOptions options = null, HttpTransportOptions httpOptions = null) =>
        new(new HttpProvTransport(hostPort, httpOptions), options);

    /// <summary>The transport.</summary>
    public IProvTransport Transport => _transport;

    /// <summary>The options.</summary>
    public ProvClientOptions Options { get; }

    /// <summary>The last proto-ver reply (null before <see cref="GetVersion"/>).</summary>
    public DeviceVersionInfo DeviceVersion { get; private set; }

    /// <summary>The current security session (null before a handshake).</summary>
    public ProvSecurity Security { get; private set; }

    /// <summary>True when a session is established and usable.</summary>
    public bool IsSessionEstablished => Security != null && Security.IsEstablished && !_sessionBroken;

    // ------------------------------------------------------------------ session

    /// <summary>Asks proto-ver (plaintext, never disturbs the session) and parses the reply.</summary>
    public DeviceVersionInfo GetVersion(string requestBody = null)
    {
        byte[] body = Encoding.UTF8.GetBytes(requestBody ?? Options.VersionRequestBody ?? "---");
        if (body.Length == 0) body = Encoding.ASCII.GetBytes("---"); // HTTP devices reject empty bodies
        TraceLine($"-> {Endpoints.Version} \"{Encoding.UTF8.GetString(body)}\"");
        byte[] reply;
        try
        {
            reply = _transport.Send(Endpoints.Version, body);
        }
        catch (DeviceClosedConnectionException e)
        {
            throw new DeviceClosedConnectionException(Endpoints.Version,
                "the device closed the connection without answering proto-ver: it is not (or no longer) in provisioning mode", e);
        }
        var info = DeviceVersionInfo.Parse(reply);
        TraceLine($"<- {Endpoints.Version} {Encoding.UTF8.GetString(reply).Replace("\n", " ").Replace("\t", "")}");
        DeviceVersion = info;
        return info;
    }

    /// <summary>
    /// proto-ver, optional version check (<see cref="ProvClientOptions.ExpectedVersion"/>), security selection
    /// (<see cref="CreateSecurity"/>) and handshake.
    /// </summary>
    public SessionInfo Connect()
    {
        Report(ProvStep.Version, $"Asking {_transport.Description} for its protocol version (proto-ver)");
        var version = GetVersion();
        Report(ProvStep.Version, "Device: " + version.Summary());
        CheckExpectedVersion(version);
        var security = CreateSecurity(version);
        EstablishSession(security);
        return new SessionInfo
        {
            Version = version,
            Security = security.Version,
            Sec2Patch = (security as Security2Session)?.Patch,
            Description = security.Description,
        };
    }

    /// <summary>Throws <see cref="ProvErrorKind.VersionMismatch"/> when the expected version is set and differs.</summary>
    public void CheckExpectedVersion(DeviceVersionInfo version)
    {
        if (Options.ExpectedVersion != null && !version.MatchesVersion(Options.ExpectedVersion))
            throw new ProvClientException(ProvErrorKind.VersionMismatch,
                $"protocol version mismatch: the device reports '{(version.IsJson ? version.ProvVersion : version.RawText.Trim())}', " +
                $"expected '{Options.ExpectedVersion}'");
    }

    /// <summary>
    /// Chooses and creates the security session: <see cref="ProvClientOptions.Security"/> when set, else proto-ver's
    /// sec_ver, else the no_sec capability (0) or Security 1. Security 1 honours no_pop; Security 2 picks the IV
    /// rule from sec_patch_ver unless <see cref="ProvClientOptions.Sec2Patch"/> is set. Missing credentials are
    /// asked from <see cref="ProvClientOptions.CredentialPrompt"/>.
    /// </summary>
    public ProvSecurity CreateSecurity(DeviceVersionInfo version)
    {
        int sec;
        if (Options.Security.HasValue)
        {
            sec = Options.Security.Value;
            if (version?.SecurityVersion is int advertised && advertised != sec)
                Report(ProvStep.Warning, $"the device advertises Security {advertised}, but Security {sec} was requested; trying Security {sec}");
        }
        else if (version?.SecurityVersion is int advertised)
        {
            sec = advertised;
        }
        else if (version != null && version.IsJson)
        {
            sec = version.HasCapability("no_sec") ? 0 : 1;
            Report(ProvStep.Warning, $"the device does not report sec_ver; chose Security {sec} from its capabilities");
        }
        else
        {
            throw new ProvProtocolException(
                "cannot detect the device's security scheme: its proto-ver reply is not JSON. Pass --security 0, 1 or 2.");
        }

        switch (sec)
        {
            case 0:
                return new Security0Session();
            case 1:
            {
                string pop;
                if (version != null && version.HasCapability("no_pop"))
                {
                    if (!string.IsNullOrEmpty(Options.Pop))
                        Report(ProvStep.Warning, "the device has no proof of possession (no_pop); ignoring the given PoP");
                    pop = null;
                }
                else
                {
                    pop = Options.Pop ?? Options.CredentialPrompt?.Invoke(CredentialKind.Pop);
                    if (pop == null)
                        throw new ProvClientException(ProvErrorKind.MissingCredential,
                            "this device uses Security 1 with a proof of possession (PoP): pass --pop");
                }
                return new Security1Session(pop == null ? null : Encoding.UTF8.GetBytes(pop));
            }
            case 2:
            {
                string user = Options.Sec2Username ?? Options.CredentialPrompt?.Invoke(CredentialKind.Sec2Username);
                if (string.IsNullOrEmpty(user))
                    throw new ProvClientException(ProvErrorKind.MissingCredential,
                        "this device uses Security 2: pass --sec2-user and --sec2-password");
                string password = Options.Sec2Password ?? Options.CredentialPrompt?.Invoke(CredentialKind.Sec2Password);
                if (password == null)
                    throw new ProvClientException(ProvErrorKind.MissingCredential,
                        "this device uses Security 2: pass --sec2-password");
                Sec2Patch patch;
                if (Options.Sec2Patch.HasValue)
                {
                    patch = Options.Sec2Patch.Value;
                }
                else if (version?.SecurityPatchVersion is int pv && pv >= 1)
                {
                    patch = Sec2Patch.Counter;
                    if (pv > 1) Report(ProvStep.Warning, $"unknown sec_patch_ver {pv}; using the counter IV mode of patch 1");
                }
                else
                {
                    patch = Sec2Patch.Legacy;
                    Report(ProvStep.Warning,
                        "the device does not report sec_patch_ver 1: using the legacy static-IV AES-GCM mode (patch 0). " +
                        "Pass --sec2-patch 1 to force the counter mode.");
                }
                return new Security2Session(user, password, patch);
            }
            default:
                throw new ProvProtocolException($"unsupported security scheme {sec} (this client knows 0, 1 and 2)");
        }
    }

    /// <summary>Runs the prov-session handshake with <paramref name="security"/> and makes it the current session.</summary>
    public void EstablishSession(ProvSecurity security)
    {
        if (security == null) throw new ArgumentNullException(nameof(security));
        Security?.Dispose();
        Security = security;
        _sessionBroken = false;
        if (Options.TraceSecrets && Options.Trace != null) security.SecretTrace = s => TraceLine("   [secret] " + s);
        Report(ProvStep.Handshake, $"Starting {security.Description} handshake");

        byte[] request = security.CreateHandshakeRequest();
        int step = 1;
        while (request != null)
        {
            TraceMessage($"-> {Endpoints.Session} handshake step {step}/{security.HandshakeSteps}", request, null, false);
            byte[] reply;
            try
            {
                reply = _transport.Send(Endpoints.Session, request);
            }
            catch (DeviceClosedConnectionException e)
            {
                _sessionBroken = true;
                throw new ProvHandshakeException(HandshakeRejectedMessage(security, step), e);
            }
            catch
            {
                _sessionBroken = true;
                throw;
            }
            TraceMessage($"<- {Endpoints.Session} handshake step {step}/{security.HandshakeSteps}", reply, null, false);
            try
            {
                request = security.HandleHandshakeResponse(reply);
            }
            catch
            {
                _sessionBroken = true;
                throw;
            }
            step++;
        }
        Report(ProvStep.SessionEstablished, $"Secure session established: {security.Description}");
    }

    private static string HandshakeRejectedMessage(ProvSecurity security, int step)
    {
        string what = security.Version switch
        {
            0 => "Security 0 has no secret, so the device probably uses another security scheme (omit --security to auto-detect)",
            1 when step == 1 => "the device closed the connection at the first message: check --security (omit it to auto-detect) and wait a moment before retrying",
            1 => "check --pop (the proof of possession printed or labelled on the device)",
            2 when step == 1 => "the device closed the connection at the first message: check --security (omit it to auto-detect), and that it has Security 2 credentials; wait a moment before retrying",
            _ => "check --sec2-user and --sec2-password",
        };
        return $"handshake rejected: wrong PoP/password, or the device is rate-limiting (the device closed the connection " +
               $"during step {step} of the Security {security.Version} handshake). Hint: {what}.";
    }

    // ------------------------------------------------------------------ prov-config

    /// <summary>SetConfig (no client-side validation; see <see cref="WifiCredentials.Validate"/>).</summary>
    public DeviceStatus SetWifiConfig(WifiCredentials credentials)
    {
        if (credentials == null) throw new ArgumentNullException(nameof(credentials));
        var cmd = new CmdSetConfig
        {
            Ssid = ByteString.CopyFrom(credentials.Ssid ?? Array.Empty<byte>()),
            Passphrase = ByteString.CopyFrom(credentials.Passphrase ?? Array.Empty<byte>()),
            Bssid = ByteString.CopyFrom(credentials.Bssid ?? Array.Empty<byte>()),
            Channel = credentials.Channel,
        };
        var request = new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeCmdSetConfig, CmdSetConfig = cmd };
        var reply = ExchangeConfig(request, "SetConfig", sensitive: true);
        ExpectMsg(reply.Msg == WiFiConfigMsgType.TypeRespSetConfig, reply.PayloadCase is WiFiConfigPayload.PayloadOneofCase.None or WiFiConfigPayload.PayloadOneofCase.RespSetConfig,
            "SetConfig", reply.Msg.ToString(), reply.PayloadCase.ToString());
        return (DeviceStatus)(reply.RespSetConfig?.Status ?? global::Status.Success);
    }

    /// <summary>ApplyConfig (sent without payload, as esp_prov does).</summary>
    public DeviceStatus ApplyWifiConfig()
    {
        var request = new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeCmdApplyConfig };
        var reply = ExchangeConfig(request, "ApplyConfig", sensitive: false);
        ExpectMsg(reply.Msg == WiFiConfigMsgType.TypeRespApplyConfig, reply.PayloadCase is WiFiConfigPayload.PayloadOneofCase.None or WiFiConfigPayload.PayloadOneofCase.RespApplyConfig,
            "ApplyConfig", reply.Msg.ToString(), reply.PayloadCase.ToString());
        return (DeviceStatus)(reply.RespApplyConfig?.Status ?? global::Status.Success);
    }

    /// <summary>GetStatus.</summary>
    public WifiStatus GetWifiStatus()
    {
        var request = new WiFiConfigPayload { Msg = WiFiConfigMsgType.TypeCmdGetStatus, CmdGetStatus = new CmdGetStatus() };
        var reply = ExchangeConfig(request, "GetStatus", sensitive: false);
        ExpectMsg(reply.Msg == WiFiConfigMsgType.TypeRespGetStatus, reply.PayloadCase is WiFiConfigPayload.PayloadOneofCase.None or WiFiConfigPayload.PayloadOneofCase.RespGetStatus,
            "GetStatus", reply.Msg.ToString(), reply.PayloadCase.ToString());
        var r = reply.RespGetStatus ?? new RespGetStatus();
        ConnectedInfo connected = null;
        if (r.StateCase == RespGetStatus.StateOneofCase.Connected)
        {
            var c = r.Connected;
            connected = new ConnectedInfo
            {
                Ip4Address = c.Ip4Addr,
                AuthMode = (AuthMode)(int)c.AuthMode,
                SsidBytes = c.Ssid.ToByteArray(),
                Bssid = c.Bssid.ToByteArray(),
                Channel = c.Channel,
            };
        }
        return new WifiStatus
        {
            Status = (DeviceStatus)r.Status,
            State = (StationState)(int)r.StaState,
            FailReason = r.StateCase == RespGetStatus.StateOneofCase.FailReason ? (ConnectFailReason)(int)r.FailReason : null,
            AttemptsRemaining = r.StateCase == RespGetStatus.StateOneofCase.AttemptFailed ? r.AttemptFailed.AttemptsRemaining : null,
            Connected = connected,
        };
    }

    private WiFiConfigPayload ExchangeConfig(WiFiConfigPayload request, string label, bool sensitive)
    {
        byte[] reply = Exchange(Endpoints.Config, request.ToByteArray(), label, sensitive);
        return ParseReply(WiFiConfigPayload.Parser, reply, label);
    }

    // ------------------------------------------------------------------ prov-scan

    /// <summary>ScanStart. Returns the payload status.</summary>
    public DeviceStatus StartScan(ScanOptions options = null)
    {
        options ??= new ScanOptions();
        var request = new WiFiScanPayload
        {
            Msg = WiFiScanMsgType.TypeCmdScanStart,
            CmdScanStart = new CmdScanStart
            {
                Blocking = options.Blocking,
                Passive = options.Passive,
                GroupChannels = options.GroupChannels,
                PeriodMs = options.PeriodMs,
            },
        };
        var reply = ExchangeScan(request, "ScanStart");
        ExpectMsg(reply.Msg == WiFiScanMsgType.TypeRespScanStart, reply.PayloadCase is WiFiScanPayload.PayloadOneofCase.None or WiFiScanPayload.PayloadOneofCase.RespScanStart,
            "ScanStart", reply.Msg.ToString(), reply.PayloadCase.ToString());
        return (DeviceStatus)reply.Status;
    }

    /// <summary>ScanStatus (sent without payload, as esp_prov does).</summary>
    public ScanStatusInfo GetScanStatus()
    {
        var request = new WiFiScanPayload { Msg = WiFiScanMsgType.TypeCmdScanStatus };
        var reply = ExchangeScan(request, "ScanStatus");
        ExpectMsg(reply.Msg == WiFiScanMsgType.TypeRespScanStatus, reply.PayloadCase is WiFiScanPayload.PayloadOneofCase.None or WiFiScanPayload.PayloadOneofCase.RespScanStatus,
            "ScanStatus", reply.Msg.ToString(), reply.PayloadCase.ToString());
        var r = reply.RespScanStatus ?? new RespScanStatus();
        return new ScanStatusInfo { Status = (DeviceStatus)reply.Status, Finished = r.ScanFinished, ResultCount = r.ResultCount };
    }

    /// <summary>ScanResult(start_index, count).</summary>
    public ScanPage GetScanResults(uint startIndex, uint count)
    {
        var request = new WiFiScanPayload
        {
            Msg = WiFiScanMsgType.TypeCmdScanResult,
            CmdScanResult = new CmdScanResult { StartIndex = startIndex, Count = count },
        };
        var reply = ExchangeScan(request, "ScanResult");
        ExpectMsg(reply.Msg == WiFiScanMsgType.TypeRespScanResult, reply.PayloadCase is WiFiScanPayload.PayloadOneofCase.None or WiFiScanPayload.PayloadOneofCase.RespScanResult,
            "ScanResult", reply.Msg.ToString(), reply.PayloadCase.ToString());
        var entries = new List<ScanEntry>();
        if (reply.RespScanResult != null)
        {
            foreach (var e in reply.RespScanResult.Entries)
            {
                entries.Add(new ScanEntry
                {
                    SsidBytes = e.Ssid.ToByteArray(),
                    Channel = e.Channel,
                    Rssi = e.Rssi,
                    Bssid = e.Bssid.ToByteArray(),
                    Auth = (AuthMode)(int)e.Auth,
                });
            }
        }
        return new ScanPage { Status = (DeviceStatus)reply.Status, Entries = entries };
    }

    /// <summary>
    /// Complete scan: ScanStart, ScanStatus until finished, then the results in pages of
    /// <see cref="ScanOptions.PageSize"/>. Returns the entries in device order (strongest first).
    /// </summary>
    public IReadOnlyList<ScanEntry> Scan(ScanOptions options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ScanOptions();
        if (options.PageSize == 0) throw new ProvClientException(ProvErrorKind.InvalidArgument, "the scan page size must be at least 1");
        if (DeviceVersion != null && DeviceVersion.IsJson && !DeviceVersion.HasCapability("wifi_scan"))
            throw new ProvClientException(ProvErrorKind.VersionMismatch,
                "the device does not advertise the wifi_scan capability, so it cannot scan; pass --ssid instead");

        Report(ProvStep.Scan, $"Asking the device to scan for Wi-Fi networks ({(options.Passive ? "passive" : "active")}, " +
                              $"{(options.GroupChannels == 0 ? "all channels at once" : options.GroupChannels + " channels per group")})");
        var started = StartScan(options);
        if (started != DeviceStatus.Success)
            throw new DeviceRejectedException(started,
                $"the device refused to start a scan (status {started}); it cannot scan while it is trying credentials");

        var sw = Stopwatch.StartNew();
        ScanStatusInfo status;
        while (true)
        {
            status = GetScanStatus();
            if (status.Finished) break;
            if (sw.Elapsed >= options.Timeout)
                throw new ProvTimeoutException($"the device's scan did not finish within {options.Timeout.TotalSeconds:0.#} s");
            Wait(options.PollInterval, cancellationToken);
        }

        var all = new List<ScanEntry>();
        uint start = 0;
        while (start < status.ResultCount)
        {
            uint n = Math.Min(options.PageSize, status.ResultCount - start);
            var page = GetScanResults(start, n);
            all.AddRange(page.Entries);
            if (page.Status != DeviceStatus.Success || page.Entries.Count < n) break;
            start += n;
        }
        Report(ProvStep.Scan, $"The device found {all.Count} network(s)");
        return all;
    }

    private WiFiScanPayload ExchangeScan(WiFiScanPayload request, string label)
    {
        byte[] reply = Exchange(Endpoints.Scan, request.ToByteArray(), label, sensitive: false);
        return ParseReply(WiFiScanPayload.Parser, reply, label);
    }

    // ------------------------------------------------------------------ prov-ctrl

    /// <summary>CtrlReset: after a failed attempt, return the device to "waiting for credentials". 5 = refused (not failed).</summary>
    public DeviceStatus ResetProvisioning() => Control(WiFiCtrlMsgType.TypeCmdCtrlReset, WiFiCtrlMsgType.TypeRespCtrlReset, "CtrlReset");

    /// <summary>CtrlReprov: accept new credentials although provisioned. 5 = refused (auto-stop enabled).</summary>
    public DeviceStatus Reprovision() => Control(WiFiCtrlMsgType.TypeCmdCtrlReprov, WiFiCtrlMsgType.TypeRespCtrlReprov, "CtrlReprov");

    private DeviceStatus Control(WiFiCtrlMsgType cmd, WiFiCtrlMsgType expected, string label)
    {
        var request = new WiFiCtrlPayload { Msg = cmd };
        byte[] raw = Exchange(Endpoints.Ctrl, request.ToByteArray(), label, sensitive: false);
        var reply = ParseReply(WiFiCtrlPayload.Parser, raw, label);
        ExpectMsg(reply.Msg == expected, true, label, reply.Msg.ToString(), reply.PayloadCase.ToString());
        var status = (DeviceStatus)reply.Status;
        Report(ProvStep.Control, $"{label}: device answered {status}");
        return status;
    }

    // ------------------------------------------------------------------ custom

    /// <summary>Sends application data to a custom endpoint (through the session cipher) and returns the reply.</summary>
    public byte[] SendCustomData(string endpoint, byte[] data)
    {
        if (string.IsNullOrEmpty(endpoint)) endpoint = Endpoints.CustomData;
        if (data == null || data.Length == 0)
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "custom data must not be empty (devices reject empty requests)");
        Report(ProvStep.Custom, $"Sending {data.Length} byte(s) to '{endpoint}'");
        return Exchange(endpoint, data, "custom data", sensitive: false);
    }

    // ------------------------------------------------------------------ high level

    /// <summary>
    /// SetConfig → ApplyConfig → poll GetStatus until Connected, ConnectionFailed, or the timeout. Connects first
    /// if no session is established. Reports attempt_failed progress. Rejections by the device
    /// (status ≠ Success) throw <see cref="DeviceRejectedException"/>; the Wi-Fi outcome is the result.
    /// </summary>
    public ProvisionResult Provision(WifiCredentials credentials, ProvisionOptions options = null, CancellationToken cancellationToken = default)
    {
        if (credentials == null) throw new ArgumentNullException(nameof(credentials));
        options ??= new ProvisionOptions();
        if (options.ValidateCredentials)
        {
            string problem = credentials.Validate();
            if (problem != null) throw new ProvClientException(ProvErrorKind.InvalidArgument, "invalid Wi-Fi credentials: " + problem);
        }
        if (!IsSessionEstablished) Connect();

        string ssid = ProvNames.SsidText(credentials.Ssid);
        Report(ProvStep.SetConfig, $"Sending Wi-Fi credentials for \"{ssid}\"" +
                                   (credentials.Bssid?.Length == 6 ? $" (BSSID {ProvNames.MacText(credentials.Bssid)})" : "") +
                                   (credentials.Channel != 0 ? $" (channel {credentials.Channel})" : ""));
        var setStatus = SetWifiConfig(credentials);
        if (setStatus != DeviceStatus.Success)
            throw new DeviceRejectedException(setStatus, setStatus == DeviceStatus.InvalidArgument
                ? "the device rejected the Wi-Fi credentials as invalid (SSID 1-32 bytes, passphrase empty or 8-63 bytes, BSSID 6 bytes)"
                : $"the device refused the Wi-Fi credentials (status {setStatus})");
        Report(ProvStep.SetConfig, "Device accepted the credentials");

        var applyStatus = ApplyWifiConfig();
        if (applyStatus != DeviceStatus.Success)
            throw new DeviceRejectedException(applyStatus,
                $"the device refused to apply the credentials (status {applyStatus}): it already applied credentials in this " +
                "provisioning run. After a failure send 'reset' (CtrlReset); to replace working credentials use 'reprov'");
        Report(ProvStep.ApplyConfig, $"Credentials applied; waiting for the device to join \"{ssid}\" (timeout {options.Timeout.TotalSeconds:0.#} s)");

        var sw = Stopwatch.StartNew();
        WifiStatus last = null;
        int polls = 0;
        int disconnectedStreak = 0;
        uint? lastAttempts = null;
        while (true)
        {
            TimeSpan remaining = options.Timeout - sw.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                Report(ProvStep.Failed, $"No result within {options.Timeout.TotalSeconds:0.#} s (last state: {last?.ToString() ?? "none"})");
                return new ProvisionResult { Outcome = ProvisionOutcome.TimedOut, LastStatus = last, StatusPolls = polls, Elapsed = sw.Elapsed };
            }
            Wait(options.PollInterval < remaining ? options.PollInterval : remaining, cancellationToken);
            try
            {
                last = GetWifiStatus();
            }
            catch (ProvTransportException e)
            {
                throw new ProvTransportException(
                    "lost the connection to the device while waiting for the Wi-Fi result: " + e.Message +
                    ". The device may have joined the network on another channel and dropped its SoftAP; reconnect and run 'status'.", e,
                    e.HttpStatus);
            }
            polls++;
            switch (last.State)
            {
                case StationState.Connected:
                    Report(ProvStep.Connected, last.ToString());
                    return new ProvisionResult { Outcome = ProvisionOutcome.Connected, LastStatus = last, StatusPolls = polls, Elapsed = sw.Elapsed };
                case StationState.ConnectionFailed:
                    Report(ProvStep.Failed, last.ToString());
                    return new ProvisionResult
                    {
                        Outcome = last.FailReason switch
                        {
                            ConnectFailReason.AuthError => ProvisionOutcome.AuthError,
                            ConnectFailReason.NetworkNotFound => ProvisionOutcome.NetworkNotFound,
                            _ => ProvisionOutcome.Failed,
                        },
                        LastStatus = last, StatusPolls = polls, Elapsed = sw.Elapsed,
                    };
                case StationState.Connecting:
                    disconnectedStreak = 0;
                    if (last.AttemptsRemaining.HasValue && last.AttemptsRemaining != lastAttempts)
                        Report(ProvStep.AttemptFailed, $"A connection attempt failed; the device will retry ({last.AttemptsRemaining.Value} attempt(s) remaining)");
                    else
                        Report(ProvStep.Status, $"Still connecting ({sw.Elapsed.TotalSeconds:0} s)");
                    lastAttempts = last.AttemptsRemaining;
                    break;
                case StationState.Disconnected:
                    disconnectedStreak++;
                    Report(ProvStep.Status, "Device reports Disconnected");
                    if (disconnectedStreak >= Math.Max(1, options.DisconnectedPollsBeforeFailure))
                    {
                        Report(ProvStep.Failed, "The device keeps reporting Disconnected");
                        return new ProvisionResult { Outcome = ProvisionOutcome.Failed, LastStatus = last, StatusPolls = polls, Elapsed = sw.Elapsed };
                    }
                    break;
                default:
                    Report(ProvStep.Failed, last.ToString());
                    return new ProvisionResult { Outcome = ProvisionOutcome.Failed, LastStatus = last, StatusPolls = polls, Elapsed = sw.Elapsed };
            }
        }
    }

    // ------------------------------------------------------------------ plumbing

    /// <summary>
    /// Encrypts <paramref name="plaintext"/>, sends it to <paramref name="endpoint"/> and decrypts the reply.
    /// Low-level access for tests and custom protocols.
    /// </summary>
    public byte[] Exchange(string endpoint, byte[] plaintext, string label = null, bool sensitive = false)
    {
        label ??= endpoint;
        if (Security == null || !Security.IsEstablished)
            throw new InvalidOperationException("no secure session: call Connect() (or EstablishSession) first");
        if (_sessionBroken)
            throw new ProvClientException(ProvErrorKind.Protocol,
                "the secure session is out of step with the device after an earlier failure; start a new session (Connect)");

        byte[] wire = Security.Encrypt(plaintext);
        TraceMessage($"-> {endpoint} {label}", plaintext, Security.Version == 0 ? null : wire, sensitive);
        byte[] reply;
        try
        {
            reply = _transport.Send(endpoint, wire);
        }
        catch (DeviceClosedConnectionException e)
        {
            _sessionBroken = true;
            throw new DeviceClosedConnectionException(endpoint,
                $"the device closed the connection without replying to {label} on '{endpoint}': it rejected the request or no " +
                "longer has this secure session (it restarted, the session expired, or another client started a new one). Run the command again.", e);
        }
        catch
        {
            _sessionBroken = true;
            throw;
        }
        byte[] plain;
        try
        {
            plain = Security.Decrypt(reply);
        }
        catch
        {
            _sessionBroken = true;
            throw;
        }
        TraceMessage($"<- {endpoint} {label}", plain, Security.Version == 0 ? null : reply, false);
        return plain;
    }

    private T ParseReply<T>(MessageParser<T> parser, byte[] data, string label) where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(data);
        }
        catch (InvalidProtocolBufferException e)
        {
            _sessionBroken = true;
            throw new ProvProtocolException(
                $"malformed reply to {label}: {e.Message} (with Security 1 this also happens when the keys do not match)", e);
        }
    }

    private void ExpectMsg(bool msgOk, bool payloadOk, string label, string msg, string payload)
    {
        if (!msgOk || !payloadOk)
        {
            _sessionBroken = true;
            throw new ProvProtocolException($"unexpected reply to {label}: msg {msg}, payload {payload}");
        }
    }

    private static void Wait(TimeSpan delay, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) throw new ProvClientException(ProvErrorKind.Cancelled, "cancelled");
        if (delay > TimeSpan.Zero && ct.WaitHandle.WaitOne(delay))
            throw new ProvClientException(ProvErrorKind.Cancelled, "cancelled");
    }

    private void Report(ProvStep step, string message) => Options.Progress?.Invoke(new ProvProgress(step, message));

    private void TraceLine(string line) => Options.Trace?.Invoke(line);

    private void TraceMessage(string header, byte[] plaintext, byte[] wire, bool sensitive)
    {
        if (Options.Trace == null) return;
        bool redact = sensitive && !Options.TraceSecrets;
        var sb = new StringBuilder(header);
        sb.Append($" ({plaintext.Length} bytes{(wire != null ? $", {wire.Length} on the wire" : "")})");
        if (redact)
        {
            sb.Append("\n    [plaintext redacted: it contains the Wi-Fi passphrase; --verbose-secrets shows it]");
        }
        else
        {
            sb.Append('\n').Append(Hex.Dump(plaintext));
        }
        if (wire != null)
        {
            sb.Append("\n    wire:\n").Append(Hex.Dump(wire, "      "));
        }
        Options.Trace(sb.ToString());
    }

    /// <summary>Disposes the session (wiping keys) and, when owned, the transport.</summary>
    public void Dispose()
    {
        Security?.Dispose();
        Security = null;
        if (_ownsTransport) _transport.Dispose();
    }
}
