using System;
using System.Collections;
using System.Threading;
using NanoProv.Platform;

namespace NanoProv.Provisioning
{
    /// <summary>
    /// The provisioning state machine (ESP-IDF wifi_provisioning manager semantics, with the NanoProv improvements):
    /// pending and applied credentials, connection attempts with timeouts and retries, the credential policy
    /// (store only after an IP), scan bookkeeping, reset/reprovision, auto-stop. The endpoints translate the wire
    /// protocol to calls on this class; applications may call it directly too.
    /// <para>
    /// Threading: every public member may be called from any thread. State changes happen under one lock; calls
    /// into the station and the credential store and the <see cref="Changed"/> event are queued and run after that
    /// lock is released, in order, by one thread at a time (the caller, or the thread already dispatching), so
    /// handlers may call back into the manager and no thread ever waits for another one's handler.
    /// </para>
    /// </summary>
    public sealed class ProvisioningManager
    {
        private const string LogSource = "prov";
        private const int ScanWaitBackstopMs = 5000;

        private const int TimerAttemptStart = 1;
        private const int TimerAttemptTimeout = 2;
        private const int TimerDhcpTimeout = 3;
        private const int TimerAutoStop = 4;
        private const int TimerReportStop = 5;
        private const int TimerCleanup = 6;
        private const int TimerScanDeadline = 7;

        private readonly object _sync = new object();
        private readonly ArrayList _deferred = new ArrayList();
        private bool _dispatching;

        private readonly ProvisioningOptions _options;
        private readonly IWifiStation _station;
        private readonly ICredentialStore _store;
        private readonly ITimerService _timers;
        private readonly ILog _log;

        private ProvisioningState _state = ProvisioningState.Idle;
        private WifiProgress _progress = WifiProgress.Connecting;
        private WifiFailureReason _failReason = WifiFailureReason.AuthenticationFailed;
        private int _failRawReason;
        private int _attemptsRemaining;
        private WifiConnectionInfo _connection;
        private byte[] _connectedSsid;

        private WifiConnectRequest _pending;
        private WifiConnectRequest _applied;
        private WifiConnectRequest _attempt;
        private WifiConnectRequest _restoreRequest;
        private int _attemptNumber;
        private bool _attemptAssociated;
        private bool _connectDeferredByScan;
        private bool _stationRetargeted;
        private ITimerHandle _attemptTimer;
        private int _attemptGeneration;

        private ITimerHandle _autoStopTimer;
        private ITimerHandle _reportStopTimer;
        private ITimerHandle _cleanupTimer;
        private int _stopGeneration;
        private bool _reportedConnected;
        private bool _restoreOnStopped;

        private bool _scanning;
        private int _scanGeneration;
        private int _scanStartFailedGeneration;
        private ManualResetEvent _scanDone;
        private ITimerHandle _scanTimer;
        private WifiScanRecord[] _scanResults;
        private int _scanCount;

        /// <summary>Creates a manager in state <see cref="ProvisioningState.Idle"/>.</summary>
        /// <param name="options">Settings (validated here; the manager keeps the object, do not change it afterwards).</param>
        /// <param name="station">The Wi-Fi station.</param>
        /// <param name="store">Where working credentials are kept.</param>
        /// <param name="timers">Timer service for every delay and timeout.</param>
        /// <param name="log">Log sink (null = silent).</param>
        public ProvisioningManager(ProvisioningOptions options, IWifiStation station, ICredentialStore store, ITimerService timers, ILog log)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (station == null)
            {
                throw new ArgumentNullException("station");
            }

            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (timers == null)
            {
                throw new ArgumentNullException("timers");
            }

            options.Validate();
            _options = options;
            _station = station;
            _store = store;
            _timers = timers;
            _log = log;
            _scanResults = new WifiScanRecord[options.ScanMaxEntries];
            _station.StationEvent += OnStationEvent;
            _station.ScanCompleted += OnScanCompleted;
        }

        /// <summary>Raised for every state transition and attempt outcome, in order, outside the manager's lock.</summary>
        public event ProvisioningEventHandler Changed;

        /// <summary>The options the manager runs with.</summary>
        public ProvisioningOptions Options
        {
            get { return _options; }
        }

        /// <summary>Current state.</summary>
        public ProvisioningState State
        {
            get
            {
                lock (_sync)
                {
                    return _state;
                }
            }
        }

        /// <summary>True while provisioning runs (any state but Idle and Stopped).</summary>
        public bool IsRunning
        {
            get
            {
                lock (_sync)
                {
                    return _state != ProvisioningState.Idle && _state != ProvisioningState.Stopped;
                }
            }
        }

        /// <summary>True while a scan runs.</summary>
        public bool ScanInProgress
        {
            get
            {
                lock (_sync)
                {
                    return _scanning;
                }
            }
        }

        /// <summary>Scan results stored (at most <see cref="ScanMaxEntries"/>).</summary>
        public int ScanResultCount
        {
            get
            {
                lock (_sync)
                {
                    return _scanCount;
                }
            }
        }

        /// <summary>Capacity of the scan result list.</summary>
        public int ScanMaxEntries
        {
            get { return _scanResults.Length; }
        }

        /// <summary>Starts provisioning (from Idle or Stopped). Returns false when it was already running.</summary>
        public bool Start()
        {
            bool started = false;
            lock (_sync)
            {
                if (_state == ProvisioningState.Idle || _state == ProvisioningState.Stopped)
                {
                    CancelAllTimersLocked();
                    WipePendingLocked();
                    WipeAppliedLocked();
                    _progress = WifiProgress.Connecting;
                    _failReason = WifiFailureReason.AuthenticationFailed;
                    _failRawReason = 0;
                    _connection = null;
                    _connectedSsid = null;
                    _reportedConnected = false;
                    _stationRetargeted = false;
                    _restoreOnStopped = false;
                    _scanCount = 0;
                    Array.Clear(_scanResults, 0, _scanResults.Length);
                    ProvisioningState previous = _state;
                    _state = ProvisioningState.Started;
                    EnqueueEvent(NewEvent(ProvisioningEventKind.Started, previous));
                    Log(LogLevel.Info, "provisioning started");
                    started = true;
                }
            }

            RunDeferred();
            return started;
        }

        /// <summary>
        /// Begins stopping (ESP wifi_prov_mgr_stop_provisioning): aborts a running attempt or scan, enters Stopping, and
        /// after <see cref="ProvisioningOptions.StopCleanupDelayMs"/> enters Stopped. Does nothing when not running.
        /// </summary>
        public void Stop()
        {
            lock (_sync)
            {
                BeginStopLocked("stop requested");
            }

            RunDeferred();
        }

        /// <summary>
        /// prov-config SetConfig: validates and keeps the credentials as pending (last one wins). SSID 1..32 bytes,
        /// passphrase empty or 8..63 bytes, BSSID empty or 6 bytes; otherwise InvalidArgument and nothing changes.
        /// A channel outside 1..196 is treated as "any". Arrays are copied.
        /// </summary>
        public ProvisioningResult SetConfig(byte[] ssid, byte[] passphrase, byte[] bssid, int channel)
        {
            int ssidLength = ssid == null ? 0 : ssid.Length;
            int passLength = passphrase == null ? 0 : passphrase.Length;
            int bssidLength = bssid == null ? 0 : bssid.Length;
            if (ssidLength < 1 || ssidLength > 32)
            {
                Log(LogLevel.Warning, "SetConfig rejected: SSID must be 1..32 bytes, got " + ssidLength.ToString());
                return ProvisioningResult.InvalidArgument;
            }

            if (passLength != 0 && (passLength < 8 || passLength > 63))
            {
                Log(LogLevel.Warning, "SetConfig rejected: passphrase must be empty or 8..63 bytes");
                return ProvisioningResult.InvalidArgument;
            }

            if (bssidLength != 0 && bssidLength != 6)
            {
                Log(LogLevel.Warning, "SetConfig rejected: BSSID must be empty or 6 bytes, got " + bssidLength.ToString());
                return ProvisioningResult.InvalidArgument;
            }

            if (channel < 1 || channel > 196)
            {
                channel = 0;
            }

            lock (_sync)
            {
                if (!IsRunningLocked() || _state == ProvisioningState.Stopping)
                {
                    Log(LogLevel.Warning, "SetConfig refused: provisioning is not running");
                    return ProvisioningResult.InternalError;
                }

                WipePendingLocked();
                _pending = new WifiConnectRequest(ssid, passphrase, bssid, channel);
                Log(LogLevel.Info, "SetConfig: SSID " + Bytes.SsidForLog(ssid) + (passLength == 0 ? " (open)" : " (with passphrase)")
                    + (bssidLength == 6 ? " locked to a BSSID" : string.Empty));
            }

            return ProvisioningResult.Ok;
        }

        /// <summary>
        /// prov-config ApplyConfig: starts trying the pending credentials. Allowed in Started and (NanoProv
        /// improvement) Failed; needs a pending SetConfig. The attempt counter restarts. The pending credentials are
        /// consumed whether or not the command succeeds (as on ESP-IDF).
        /// </summary>
        public ProvisioningResult ApplyConfig()
        {
            ProvisioningResult result;
            lock (_sync)
            {
                if (_pending == null)
                {
                    Log(LogLevel.Warning, "ApplyConfig refused: no SetConfig before");
                    result = ProvisioningResult.InternalError;
                }
                else if (_state != ProvisioningState.Started && _state != ProvisioningState.Failed)
                {
                    Log(LogLevel.Warning, "ApplyConfig refused in state " + StateName(_state));
                    WipePendingLocked();
                    result = ProvisioningResult.InternalError;
                }
                else
                {
                    WipeAppliedLocked();
                    _applied = _pending;
                    _pending = null;
                    _progress = WifiProgress.Connecting;
                    _attemptNumber = 0;
                    _attemptsRemaining = 0;
                    _connection = null;
                    _connectedSsid = null;
                    _restoreRequest = null;
                    ProvisioningState previous = _state;
                    _state = ProvisioningState.CredentialsReceived;
                    ProvisioningEventArgs e = NewEvent(ProvisioningEventKind.CredentialsReceived, previous);
                    e.Ssid = Bytes.CopyOrEmpty(_applied.Ssid);
                    e.MaxAttempts = _options.ConnectionAttempts;
                    EnqueueEvent(e);
                    Log(LogLevel.Info, "credentials applied for SSID " + Bytes.SsidForLog(_applied.Ssid));
                    ScheduleAttemptTimerLocked(TimerAttemptStart, _options.ConnectDelayMs);
                    result = ProvisioningResult.Ok;
                }
            }

            RunDeferred();
            return result;
        }

        /// <summary>
        /// prov-config GetStatus. Like ESP-IDF, a status that reports Connected counts as delivered: with auto-stop the
        /// service then stops after <see cref="ProvisioningOptions.StopDelayAfterReportMs"/> (GetStatus keeps answering
        /// Connected until then). Use <see cref="PeekStatus"/> to read without that side effect.
        /// </summary>
        public ProvisioningStatus GetStatus()
        {
            ProvisioningStatus status;
            lock (_sync)
            {
                status = SnapshotLocked();
                if (_progress == WifiProgress.Connected && _state == ProvisioningState.Succeeded && _options.AutoStop && !_reportedConnected)
                {
                    _reportedConnected = true;
                    _reportStopTimer = _timers.Schedule(_options.StopDelayAfterReportMs, OnTimer, new TimerTicket(TimerReportStop, _stopGeneration));
                }
            }

            RunDeferred();
            return status;
        }

        /// <summary>The status GetStatus would report, without side effects.</summary>
        public ProvisioningStatus PeekStatus()
        {
            lock (_sync)
            {
                return SnapshotLocked();
            }
        }

        /// <summary>
        /// prov-ctrl CtrlReset (ESP wifi_prov_mgr_reset_sm_state_on_failure): only in Failed; back to Started with a
        /// fresh status. The credential store is not touched (it still holds the last working network).
        /// </summary>
        public ProvisioningResult ResetAfterFailure()
        {
            ProvisioningResult result;
            lock (_sync)
            {
                if (_state != ProvisioningState.Failed)
                {
                    Log(LogLevel.Warning, "CtrlReset refused in state " + StateName(_state));
                    result = ProvisioningResult.InternalError;
                }
                else
                {
                    WipePendingLocked();
                    WipeAppliedLocked();
                    _progress = WifiProgress.Connecting;
                    _attemptsRemaining = 0;
                    _state = ProvisioningState.Started;
                    EnqueueEvent(NewEvent(ProvisioningEventKind.Started, ProvisioningState.Failed));
                    Log(LogLevel.Info, "reset after failure: waiting for new credentials");
                    result = ProvisioningResult.Ok;
                }
            }

            RunDeferred();
            return result;
        }

        /// <summary>
        /// prov-ctrl CtrlReprov (ESP wifi_prov_mgr_reset_sm_state_for_reprovision): only when auto-stop is disabled;
        /// aborts a running attempt and returns to Started. A connected station stays connected (and the stored
        /// network stays stored) until new credentials have been verified.
        /// </summary>
        public ProvisioningResult Reprovision()
        {
            ProvisioningResult result;
            lock (_sync)
            {
                if (_options.AutoStop)
                {
                    Log(LogLevel.Warning, "CtrlReprov refused: auto-stop is enabled");
                    result = ProvisioningResult.InternalError;
                }
                else if (!IsRunningLocked() || _state == ProvisioningState.Stopping)
                {
                    Log(LogLevel.Warning, "CtrlReprov refused in state " + StateName(_state));
                    result = ProvisioningResult.InternalError;
                }
                else
                {
                    AbortAttemptLocked();
                    WipePendingLocked();
                    WipeAppliedLocked();
                    _progress = WifiProgress.Connecting;
                    _attemptsRemaining = 0;
                    _connection = null;
                    _connectedSsid = null;
                    ProvisioningState previous = _state;
                    _state = ProvisioningState.Started;
                    EnqueueEvent(NewEvent(ProvisioningEventKind.Started, previous));
                    Log(LogLevel.Info, "reprovisioning: waiting for new credentials");
                    result = ProvisioningResult.Ok;
                }
            }

            RunDeferred();
            return result;
        }

        /// <summary>
        /// prov-scan ScanStart. Refused (InternalError) while credentials are being tried and when not running. A scan
        /// already running is not restarted (Ok). When <paramref name="blocking"/> is true the call returns once the scan
        /// finished, at the latest after <see cref="ProvisioningOptions.ScanTimeoutMs"/> (measured by the timer service;
        /// a real-time backstop of 5 s more guards against a timer service that never fires).
        /// </summary>
        public ProvisioningResult StartScan(ScanOptions options, bool blocking)
        {
            if (options == null)
            {
                options = new ScanOptions(false, 0, 0);
            }

            ManualResetEvent waitFor = null;
            int generation = 0;
            bool startedHere = false;
            lock (_sync)
            {
                if (_scanning)
                {
                    waitFor = _scanDone;
                }
                else if (_state != ProvisioningState.Started && _state != ProvisioningState.Failed && _state != ProvisioningState.Succeeded)
                {
                    Log(LogLevel.Warning, "scan refused in state " + StateName(_state));
                    return ProvisioningResult.InternalError;
                }
                else
                {
                    _scanCount = 0;
                    Array.Clear(_scanResults, 0, _scanResults.Length);
                    _scanning = true;
                    _scanGeneration++;
                    generation = _scanGeneration;
                    startedHere = true;
                    _scanDone = new ManualResetEvent(false);
                    waitFor = _scanDone;
                    _scanTimer = _timers.Schedule(_options.ScanTimeoutMs, OnTimer, new TimerTicket(TimerScanDeadline, generation));
                    Deferred d = new Deferred(Deferred.StationScan);
                    d.Scan = options;
                    d.ScanGeneration = generation;
                    _deferred.Add(d);
                    Log(LogLevel.Info, "scan started" + (options.Passive ? " (passive)" : string.Empty));
                }
            }

            RunDeferred();
            if (blocking && waitFor != null)
            {
                if (!waitFor.WaitOne(_options.ScanTimeoutMs + ScanWaitBackstopMs, false))
                {
                    Log(LogLevel.Warning, "blocking scan: gave up waiting");
                }
            }

            if (startedHere)
            {
                lock (_sync)
                {
                    if (_scanStartFailedGeneration == generation)
                    {
                        return ProvisioningResult.InternalError;
                    }
                }
            }

            return ProvisioningResult.Ok;
        }

        /// <summary>Copies up to <paramref name="count"/> results from <paramref name="startIndex"/>; fewer when the list
        /// is shorter. Results are sorted by RSSI, strongest first (stable for equal RSSI).</summary>
        public WifiScanRecord[] GetScanResults(int startIndex, int count)
        {
            lock (_sync)
            {
                if (startIndex < 0 || count <= 0 || startIndex >= _scanCount)
                {
                    return new WifiScanRecord[0];
                }

                int available = _scanCount - startIndex;
                int n = count < available ? count : available;
                WifiScanRecord[] page = new WifiScanRecord[n];
                Array.Copy(_scanResults, startIndex, page, 0, n);
                return page;
            }
        }

        /// <summary>
        /// Connects the station to the network in the credential store (used after a provisioning run ended without
        /// success). Returns false when nothing is stored. The outcome is only logged.
        /// </summary>
        public bool ConnectStoredNetwork()
        {
            StoredNetwork stored;
            try
            {
                stored = _store.Load();
            }
            catch (Exception ex)
            {
                Log(LogLevel.Error, "credential store load failed: " + ex.GetType().Name);
                return false;
            }

            if (stored == null || stored.Ssid.Length == 0)
            {
                return false;
            }

            WifiConnectRequest request = new WifiConnectRequest(stored.Ssid, stored.Passphrase, stored.Bssid, stored.Channel);
            stored.Wipe();
            lock (_sync)
            {
                if (_attempt != null)
                {
                    request.Wipe();
                    return false;
                }

                _restoreRequest = request;
                Deferred d = new Deferred(Deferred.StationConnect);
                d.Request = request;
                _deferred.Add(d);
                Log(LogLevel.Info, "reconnecting to the stored network " + Bytes.SsidForLog(stored.Ssid));
            }

            RunDeferred();
            return true;
        }

        private void OnStationEvent(object sender, WifiStationEventArgs e)
        {
            if (e == null)
            {
                return;
            }

            lock (_sync)
            {
                if (e.Request == null || e.Request != _attempt)
                {
                    NoteForeignStationEventLocked(e);
                }
                else if (e.Kind == WifiStationEventKind.Associated)
                {
                    if (!_attemptAssociated)
                    {
                        _attemptAssociated = true;
                        Log(LogLevel.Info, "attempt " + _attemptNumber.ToString() + ": associated, waiting for an address");
                        ScheduleAttemptTimerLocked(TimerDhcpTimeout, _options.DhcpTimeoutMs);
                    }
                }
                else if (e.Kind == WifiStationEventKind.GotIp)
                {
                    SucceedLocked(e.Connection);
                }
                else if (e.Kind == WifiStationEventKind.ConnectFailed)
                {
                    AttemptFailedLocked(e.Reason, e.RawReason, false);
                }
                else if (e.Kind == WifiStationEventKind.Disconnected)
                {
                    AttemptFailedLocked(WifiFailureReason.ConnectionLost, e.RawReason, false);
                }
            }

            RunDeferred();
        }

        private void NoteForeignStationEventLocked(WifiStationEventArgs e)
        {
            if (e.Request != null && e.Request == _restoreRequest)
            {
                if (e.Kind == WifiStationEventKind.GotIp)
                {
                    Log(LogLevel.Info, "back on the stored network, IP " + (e.Connection == null ? "?" : e.Connection.Ip4Address));
                    _restoreRequest.Wipe();
                    _restoreRequest = null;
                }
                else if (e.Kind == WifiStationEventKind.ConnectFailed)
                {
                    Log(LogLevel.Warning, "reconnecting to the stored network failed, reason " + e.RawReason.ToString());
                    _restoreRequest.Wipe();
                    _restoreRequest = null;
                }

                return;
            }

            if (e.Kind == WifiStationEventKind.Disconnected && _state == ProvisioningState.Succeeded)
            {
                Log(LogLevel.Warning, "station lost the provisioned network, reason " + e.RawReason.ToString());
            }
        }

        private void OnScanCompleted(object sender, WifiScanCompletedEventArgs e)
        {
            lock (_sync)
            {
                if (!_scanning)
                {
                    return;
                }

                if (e != null)
                {
                    WifiScanRecord[] results = e.Results;
                    for (int i = 0; i < results.Length; i++)
                    {
                        if (results[i] != null)
                        {
                            InsertScanResultLocked(results[i]);
                        }
                    }

                    if (!e.Succeeded)
                    {
                        Log(LogLevel.Warning, "scan reported an error");
                    }
                }

                Log(LogLevel.Info, "scan finished: " + _scanCount.ToString() + " networks kept");
                FinishScanLocked();
            }

            RunDeferred();
        }

        private void InsertScanResultLocked(WifiScanRecord record)
        {
            int position = _scanCount;
            for (int i = 0; i < _scanCount; i++)
            {
                if (_scanResults[i].Rssi < record.Rssi)
                {
                    position = i;
                    break;
                }
            }

            int capacity = _scanResults.Length;
            if (position >= capacity)
            {
                return;
            }

            int last = _scanCount < capacity ? _scanCount : capacity - 1;
            for (int i = last; i > position; i--)
            {
                _scanResults[i] = _scanResults[i - 1];
            }

            _scanResults[position] = record;
            if (_scanCount < capacity)
            {
                _scanCount++;
            }
        }

        private void FinishScanLocked()
        {
            _scanning = false;
            if (_scanTimer != null)
            {
                _scanTimer.Cancel();
                _scanTimer = null;
            }

            if (_scanDone != null)
            {
                _scanDone.Set();
            }

            if (_connectDeferredByScan)
            {
                _connectDeferredByScan = false;
                if (_state == ProvisioningState.CredentialsReceived && _attempt == null)
                {
                    StartAttemptLocked();
                }
            }
        }

        private void OnTimer(object state)
        {
            TimerTicket ticket = state as TimerTicket;
            if (ticket == null)
            {
                return;
            }

            lock (_sync)
            {
                switch (ticket.Kind)
                {
                    case TimerAttemptStart:
                        if (ticket.Generation == _attemptGeneration && _state == ProvisioningState.CredentialsReceived && _attempt == null)
                        {
                            _attemptTimer = null;
                            StartAttemptLocked();
                        }

                        break;
                    case TimerAttemptTimeout:
                    case TimerDhcpTimeout:
                        if (ticket.Generation == _attemptGeneration && _attempt != null)
                        {
                            _attemptTimer = null;
                            WifiFailureReason reason = ticket.Kind == TimerDhcpTimeout ? WifiFailureReason.DhcpTimeout : WifiFailureReason.AssociationTimeout;
                            AttemptFailedLocked(reason, 0, true);
                        }

                        break;
                    case TimerAutoStop:
                    case TimerReportStop:
                        if (ticket.Generation == _stopGeneration && _state == ProvisioningState.Succeeded)
                        {
                            BeginStopLocked(ticket.Kind == TimerAutoStop ? "auto-stop after success" : "auto-stop after the status was reported");
                        }

                        break;
                    case TimerCleanup:
                        if (ticket.Generation == _stopGeneration && _state == ProvisioningState.Stopping)
                        {
                            _cleanupTimer = null;
                            _state = ProvisioningState.Stopped;
                            EnqueueEvent(NewEvent(ProvisioningEventKind.Stopped, ProvisioningState.Stopping));
                            Log(LogLevel.Info, "provisioning stopped");
                            if (_restoreOnStopped)
                            {
                                _restoreOnStopped = false;
                                _deferred.Add(new Deferred(Deferred.ConnectStored));
                            }
                        }

                        break;
                    case TimerScanDeadline:
                        if (ticket.Generation == _scanGeneration && _scanning)
                        {
                            _scanTimer = null;
                            Log(LogLevel.Warning, "scan did not finish in time; reporting what was found");
                            FinishScanLocked();
                        }

                        break;
                }
            }

            RunDeferred();
        }

        private void StartAttemptLocked()
        {
            if (_scanning)
            {
                _connectDeferredByScan = true;
                Log(LogLevel.Info, "connection attempt waits for the running scan");
                return;
            }

            _attemptNumber++;
            _attemptAssociated = false;
            _stationRetargeted = true;
            WifiConnectRequest request = new WifiConnectRequest(_applied.Ssid, _applied.Passphrase, _applied.Bssid, _applied.Channel);
            _attempt = request;
            ScheduleAttemptTimerLocked(TimerAttemptTimeout, _options.AttemptTimeoutMs);
            ProvisioningEventArgs e = NewEvent(ProvisioningEventKind.Connecting, _state);
            e.Ssid = Bytes.CopyOrEmpty(_applied.Ssid);
            e.Attempt = _attemptNumber;
            e.MaxAttempts = _options.ConnectionAttempts;
            EnqueueEvent(e);
            Log(LogLevel.Info, "attempt " + _attemptNumber.ToString() + " of " + _options.ConnectionAttempts.ToString() + " to " + Bytes.SsidForLog(_applied.Ssid));
            Deferred d = new Deferred(Deferred.StationConnect);
            d.Request = request;
            _deferred.Add(d);
        }

        private void AttemptFailedLocked(WifiFailureReason reason, int rawReason, bool disconnectStation)
        {
            WifiConnectRequest failed = _attempt;
            _attempt = null;
            CancelAttemptTimerLocked();
            if (disconnectStation)
            {
                _deferred.Add(new Deferred(Deferred.StationDisconnect));
            }

            if (failed != null)
            {
                failed.Wipe();
            }

            _failReason = reason;
            _failRawReason = rawReason;
            int remaining = _options.ConnectionAttempts - _attemptNumber;
            if (remaining > 0)
            {
                _progress = WifiProgress.AttemptFailed;
                _attemptsRemaining = remaining;
                ProvisioningEventArgs e = NewEvent(ProvisioningEventKind.AttemptFailed, _state);
                e.Ssid = Bytes.CopyOrEmpty(_applied.Ssid);
                e.Attempt = _attemptNumber;
                e.MaxAttempts = _options.ConnectionAttempts;
                e.AttemptsRemaining = remaining;
                e.Reason = reason;
                e.RawReason = rawReason;
                EnqueueEvent(e);
                Log(LogLevel.Warning, "attempt " + _attemptNumber.ToString() + " failed (" + ReasonName(reason) + ", raw " + rawReason.ToString() + "), " + remaining.ToString() + " left");
                ScheduleAttemptTimerLocked(TimerAttemptStart, _options.RetryDelayMs);
                return;
            }

            _progress = WifiProgress.Failed;
            _attemptsRemaining = 0;
            ProvisioningEventArgs fail = NewEvent(ProvisioningEventKind.Failed, _state);
            fail.Ssid = Bytes.CopyOrEmpty(_applied.Ssid);
            fail.Attempt = _attemptNumber;
            fail.MaxAttempts = _options.ConnectionAttempts;
            fail.Reason = reason;
            fail.RawReason = rawReason;
            _state = ProvisioningState.Failed;
            EnqueueEvent(fail);
            Log(LogLevel.Warning, "connection failed after " + _attemptNumber.ToString() + " attempts (" + ReasonName(reason) + "); new credentials are accepted");
            WipeAppliedLocked();
            if (!disconnectStation)
            {
                _deferred.Add(new Deferred(Deferred.StationDisconnect));
            }
        }

        private void SucceedLocked(WifiConnectionInfo connection)
        {
            WifiConnectRequest succeeded = _attempt;
            _attempt = null;
            CancelAttemptTimerLocked();
            if (connection == null)
            {
                connection = new WifiConnectionInfo(string.Empty, 0, null, 0);
            }

            _connection = connection;
            _connectedSsid = Bytes.CopyOrEmpty(_applied.Ssid);
            _progress = WifiProgress.Connected;
            _stationRetargeted = false;
            ProvisioningState previous = _state;
            _state = ProvisioningState.Succeeded;

            Deferred save = new Deferred(Deferred.SaveCredentials);
            save.Network = new StoredNetwork(_applied.Ssid, _applied.Passphrase, _applied.Bssid, _applied.Channel);
            _deferred.Add(save);
            if (succeeded != null)
            {
                succeeded.Wipe();
            }

            ProvisioningEventArgs e = NewEvent(ProvisioningEventKind.Connected, previous);
            e.Ssid = Bytes.CopyOrEmpty(_applied.Ssid);
            e.Attempt = _attemptNumber;
            e.MaxAttempts = _options.ConnectionAttempts;
            e.Connection = connection;
            EnqueueEvent(e);
            Log(LogLevel.Info, "connected to " + Bytes.SsidForLog(_applied.Ssid) + ", IP " + connection.Ip4Address);
            WipeAppliedLocked();
            if (_options.AutoStop)
            {
                _autoStopTimer = _timers.Schedule(_options.AutoStopDelayMs, OnTimer, new TimerTicket(TimerAutoStop, _stopGeneration));
            }
        }

        private void BeginStopLocked(string why)
        {
            if (!IsRunningLocked() || _state == ProvisioningState.Stopping)
            {
                return;
            }

            bool retargeted = _stationRetargeted || _attempt != null;
            AbortAttemptLocked();
            CancelAllTimersLocked();
            if (_scanning)
            {
                FinishScanLocked();
            }

            WipePendingLocked();
            WipeAppliedLocked();
            ProvisioningState previous = _state;
            _restoreOnStopped = previous != ProvisioningState.Succeeded && retargeted && _options.ReconnectStoredNetworkOnStop;
            _state = ProvisioningState.Stopping;
            _stopGeneration++;
            EnqueueEvent(NewEvent(ProvisioningEventKind.Stopping, previous));
            Log(LogLevel.Info, "stopping: " + why);
            _cleanupTimer = _timers.Schedule(_options.StopCleanupDelayMs, OnTimer, new TimerTicket(TimerCleanup, _stopGeneration));
        }

        private void AbortAttemptLocked()
        {
            CancelAttemptTimerLocked();
            _connectDeferredByScan = false;
            if (_attempt != null)
            {
                _attempt.Wipe();
                _attempt = null;
                _deferred.Add(new Deferred(Deferred.StationDisconnect));
            }
        }

        private void ScheduleAttemptTimerLocked(int kind, int delayMs)
        {
            CancelAttemptTimerLocked();
            _attemptTimer = _timers.Schedule(delayMs, OnTimer, new TimerTicket(kind, _attemptGeneration));
        }

        private void CancelAttemptTimerLocked()
        {
            _attemptGeneration++;
            if (_attemptTimer != null)
            {
                _attemptTimer.Cancel();
                _attemptTimer = null;
            }
        }

        private void CancelAllTimersLocked()
        {
            CancelAttemptTimerLocked();
            _stopGeneration++;
            if (_autoStopTimer != null)
            {
                _autoStopTimer.Cancel();
                _autoStopTimer = null;
            }

            if (_reportStopTimer != null)
            {
                _reportStopTimer.Cancel();
                _reportStopTimer = null;
            }

            if (_cleanupTimer != null)
            {
                _cleanupTimer.Cancel();
                _cleanupTimer = null;
            }
        }

        private void WipePendingLocked()
        {
            if (_pending != null)
            {
                _pending.Wipe();
                _pending = null;
            }
        }

        private void WipeAppliedLocked()
        {
            if (_applied != null)
            {
                _applied.Wipe();
                _applied = null;
            }
        }

        private bool IsRunningLocked()
        {
            return _state != ProvisioningState.Idle && _state != ProvisioningState.Stopped;
        }

        private ProvisioningStatus SnapshotLocked()
        {
            return new ProvisioningStatus(_state, _progress, _attemptsRemaining, _failReason, _failRawReason,
                _progress == WifiProgress.Connected ? _connection : null,
                _progress == WifiProgress.Connected ? Bytes.CopyOrEmpty(_connectedSsid) : null);
        }

        private ProvisioningEventArgs NewEvent(ProvisioningEventKind kind, ProvisioningState previous)
        {
            return new ProvisioningEventArgs(kind, _state, previous);
        }

        private void EnqueueEvent(ProvisioningEventArgs e)
        {
            Deferred d = new Deferred(Deferred.RaiseEvent);
            d.Event = e;
            _deferred.Add(d);
        }

        /// <summary>
        /// Runs station/store calls and raises events queued under the lock, in order, without holding it. Only one
        /// thread dispatches at a time; a call made while another thread (or an outer frame of this one) is
        /// dispatching returns at once and the dispatcher picks the work up, so no thread ever waits here.
        /// </summary>
        private void RunDeferred()
        {
            lock (_sync)
            {
                if (_dispatching)
                {
                    return;
                }

                _dispatching = true;
            }

            bool done = false;
            try
            {
                while (true)
                {
                    Deferred d;
                    lock (_sync)
                    {
                        if (_deferred.Count == 0)
                        {
                            _dispatching = false;
                            done = true;
                            return;
                        }

                        d = (Deferred)_deferred[0];
                        _deferred.RemoveAt(0);
                    }

                    Execute(d);
                }
            }
            finally
            {
                if (!done)
                {
                    lock (_sync)
                    {
                        _dispatching = false;
                    }
                }
            }
        }

        private void Execute(Deferred d)
        {
            switch (d.Kind)
            {
                case Deferred.RaiseEvent:
                    ProvisioningEventHandler handler = Changed;
                    if (handler != null)
                    {
                        try
                        {
                            handler(this, d.Event);
                        }
                        catch (Exception ex)
                        {
                            Log(LogLevel.Error, "event handler threw " + ex.GetType().Name);
                        }
                    }

                    break;
                case Deferred.StationConnect:
                    try
                    {
                        _station.Connect(d.Request);
                    }
                    catch (Exception ex)
                    {
                        Log(LogLevel.Error, "station connect threw " + ex.GetType().Name);
                        lock (_sync)
                        {
                            if (_attempt == d.Request)
                            {
                                AttemptFailedLocked(WifiFailureReason.Other, 0, false);
                            }
                        }
                    }

                    break;
                case Deferred.StationDisconnect:
                    try
                    {
                        _station.Disconnect();
                    }
                    catch (Exception ex)
                    {
                        Log(LogLevel.Error, "station disconnect threw " + ex.GetType().Name);
                    }

                    break;
                case Deferred.StationScan:
                    bool started;
                    try
                    {
                        started = _station.StartScan(d.Scan);
                    }
                    catch (Exception ex)
                    {
                        Log(LogLevel.Error, "station scan threw " + ex.GetType().Name);
                        started = false;
                    }

                    if (!started)
                    {
                        lock (_sync)
                        {
                            if (_scanning && _scanGeneration == d.ScanGeneration)
                            {
                                Log(LogLevel.Warning, "the station could not start a scan");
                                _scanStartFailedGeneration = d.ScanGeneration;
                                FinishScanLocked();
                            }
                        }
                    }

                    break;
                case Deferred.SaveCredentials:
                    try
                    {
                        _store.Save(d.Network);
                        Log(LogLevel.Info, "credentials stored");
                    }
                    catch (Exception ex)
                    {
                        Log(LogLevel.Error, "credential store save failed: " + ex.GetType().Name);
                    }
                    finally
                    {
                        d.Network.Wipe();
                    }

                    break;
                case Deferred.ConnectStored:
                    ConnectStoredNetwork();
                    break;
            }
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, LogSource, message);
            }
        }

        /// <summary>Short English name of a state (enum names are not available at run time on nanoFramework).</summary>
        public static string StateName(ProvisioningState state)
        {
            switch (state)
            {
                case ProvisioningState.Idle: return "Idle";
                case ProvisioningState.Started: return "Started";
                case ProvisioningState.CredentialsReceived: return "CredentialsReceived";
                case ProvisioningState.Failed: return "Failed";
                case ProvisioningState.Succeeded: return "Succeeded";
                case ProvisioningState.Stopping: return "Stopping";
                case ProvisioningState.Stopped: return "Stopped";
                default: return "?";
            }
        }

        /// <summary>Short English name of a failure reason.</summary>
        public static string ReasonName(WifiFailureReason reason)
        {
            switch (reason)
            {
                case WifiFailureReason.AuthenticationFailed: return "authentication failed";
                case WifiFailureReason.NetworkNotFound: return "network not found";
                case WifiFailureReason.AssociationTimeout: return "association timeout";
                case WifiFailureReason.DhcpTimeout: return "no IP address (DHCP timeout)";
                case WifiFailureReason.ConnectionLost: return "connection lost";
                default: return "other";
            }
        }

        private sealed class TimerTicket
        {
            public TimerTicket(int kind, int generation)
            {
                Kind = kind;
                Generation = generation;
            }

            public int Kind;
            public int Generation;
        }

        private sealed class Deferred
        {
            public const int RaiseEvent = 0;
            public const int StationConnect = 1;
            public const int StationDisconnect = 2;
            public const int StationScan = 3;
            public const int SaveCredentials = 4;
            public const int ConnectStored = 5;

            public Deferred(int kind)
            {
                Kind = kind;
            }

            public int Kind;
            public ProvisioningEventArgs Event;
            public WifiConnectRequest Request;
            public ScanOptions Scan;
            public int ScanGeneration;
            public StoredNetwork Network;
        }
    }
}
