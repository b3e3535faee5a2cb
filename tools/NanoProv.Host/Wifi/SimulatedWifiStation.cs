using System.Security.Cryptography;
using NanoProv.Platform;

namespace NanoProv.Host.Wifi;

/// <summary>
/// <see cref="IWifiStation"/> over a <see cref="SimulatedWifiWorld"/>. Every delay is a timer of the given
/// <see cref="ITimerService"/>: with <c>RealTimerService</c> it behaves like a radio in real time (ProvSim), with
/// <c>ManualTimerService</c> it is fully deterministic (tests). Events are raised outside the internal lock.
/// Outcomes: unknown SSID/BSSID → NetworkNotFound (raw 201) after the not-found delay; injected failures
/// (fail_first_attempts) → the AP's raw reason after the auth-failure delay; wrong passphrase → AuthError (raw 15,
/// or 202 for WPA3) after the auth-failure delay; right passphrase → Associated, then GotIp after the DHCP delay
/// (or never, for "dhcp": "timeout"). Open and OWE networks accept any passphrase.
/// </summary>
public sealed class SimulatedWifiStation : IWifiStation
{
    private readonly object _sync = new();
    private readonly SimulatedWifiWorld _world;
    private readonly ITimerService _timers;
    private readonly Action<string> _log;

    private int _generation;
    private ITimerHandle _connectTimer;
    private WifiConnectRequest _current;
    private SimulatedAccessPoint _currentAp;
    private bool _connected;

    private bool _scanning;
    private int _scanGeneration;
    private ITimerHandle _scanTimer;

    /// <summary>Creates a station in <paramref name="world"/>.</summary>
    /// <param name="world">The radio environment.</param>
    /// <param name="timers">Timer service for every delay.</param>
    /// <param name="log">Optional log of what the radio does (never passphrases).</param>
    public SimulatedWifiStation(SimulatedWifiWorld world, ITimerService timers, Action<string> log = null)
    {
        _world = world ?? throw new ArgumentNullException(nameof(world));
        _timers = timers ?? throw new ArgumentNullException(nameof(timers));
        _log = log;
    }

    /// <inheritdoc />
    public event WifiStationEventHandler StationEvent;

    /// <inheritdoc />
    public event WifiScanCompletedHandler ScanCompleted;

    /// <summary>The world this station lives in.</summary>
    public SimulatedWifiWorld World => _world;

    /// <summary>When true, <see cref="StartScan"/> refuses (returns false), like a busy radio.</summary>
    public bool RefuseScans { get; set; }

    /// <summary>Scans started.</summary>
    public int ScanCount { get; private set; }

    /// <summary>Options of the last scan started.</summary>
    public ScanOptions LastScanOptions { get; private set; }

    /// <summary>Connect calls received.</summary>
    public int ConnectCount { get; private set; }

    /// <summary>Disconnect calls received.</summary>
    public int DisconnectCount { get; private set; }

    /// <summary>True while a scan runs.</summary>
    public bool IsScanning
    {
        get
        {
            lock (_sync)
            {
                return _scanning;
            }
        }
    }

    /// <summary>True while the station holds an address.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_sync)
            {
                return _connected;
            }
        }
    }

    /// <summary>The access point the station is connected to (or trying), else null.</summary>
    public SimulatedAccessPoint CurrentAccessPoint
    {
        get
        {
            lock (_sync)
            {
                return _currentAp;
            }
        }
    }

    /// <inheritdoc />
    public bool StartScan(ScanOptions options)
    {
        int generation;
        int duration = _world.Timing.ScanDuration(options);
        lock (_sync)
        {
            if (_scanning || RefuseScans)
            {
                return false;
            }

            _scanning = true;
            generation = ++_scanGeneration;
            ScanCount++;
            LastScanOptions = options;
            _scanTimer = _timers.Schedule(duration, OnScanTimer, generation);
        }

        _log?.Invoke($"radio: scan started ({duration} ms)");
        return true;
    }

    /// <inheritdoc />
    public void Connect(WifiConnectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_sync)
        {
            DropLocked();
            ConnectCount++;
            _current = request;
            int generation = _generation;
            var ap = _world.FindForConnect(request.Ssid, request.Bssid, out int index);
            _currentAp = ap;
            Step step;
            int delay;
            if (ap == null)
            {
                step = new Step(generation, StepKind.Fail, WifiFailureReason.NetworkNotFound, WifiReasonCodes.NoApFound);
                delay = _world.Timing.NotFoundDelayMs;
            }
            else if (_world.CountAttempt(index) <= ap.FailFirstAttempts)
            {
                step = new Step(generation, StepKind.Fail, WifiReasonCodes.ToFailureReason(ap.FailReasonCode), ap.FailReasonCode);
                delay = _world.Timing.AuthFailureDelayMs;
            }
            else if (AuthModes.NeedsPassphrase(ap.AuthMode) && !CryptographicOperations.FixedTimeEquals(request.Passphrase, ap.Password))
            {
                int raw = ap.AuthMode is AuthModes.Wpa3Psk or AuthModes.Wpa2Wpa3Psk ? WifiReasonCodes.AuthFail : WifiReasonCodes.FourWayHandshakeTimeout;
                step = new Step(generation, StepKind.Fail, WifiFailureReason.AuthenticationFailed, raw);
                delay = _world.Timing.AuthFailureDelayMs;
            }
            else
            {
                step = new Step(generation, StepKind.Associate, WifiFailureReason.Other, 0);
                delay = _world.Timing.AssociationDelayMs;
            }

            _connectTimer = _timers.Schedule(delay, OnConnectTimer, step);
        }

        _log?.Invoke("radio: connecting");
    }

    /// <inheritdoc />
    public void Disconnect()
    {
        lock (_sync)
        {
            DisconnectCount++;
            DropLocked();
        }
    }

    /// <summary>Simulates losing an established link (raises Disconnected). Returns false when not connected.</summary>
    public bool DropConnection(int rawReason = WifiReasonCodes.BeaconTimeout)
    {
        WifiConnectRequest request;
        lock (_sync)
        {
            if (!_connected)
            {
                return false;
            }

            request = _current;
            DropLocked();
        }

        Raise(new WifiStationEventArgs(WifiStationEventKind.Disconnected, request, WifiReasonCodes.ToFailureReason(rawReason), rawReason, null));
        return true;
    }

    private void DropLocked()
    {
        _generation++;
        _connectTimer?.Cancel();
        _connectTimer = null;
        _current = null;
        _currentAp = null;
        _connected = false;
    }

    private void OnConnectTimer(object state)
    {
        var step = (Step)state;
        WifiStationEventArgs e;
        lock (_sync)
        {
            if (step.Generation != _generation || _current == null)
            {
                return;
            }

            _connectTimer = null;
            var ap = _currentAp;
            switch (step.Kind)
            {
                case StepKind.Fail:
                    e = new WifiStationEventArgs(WifiStationEventKind.ConnectFailed, _current, step.Reason, step.RawReason, null);
                    _current = null;
                    _currentAp = null;
                    break;
                case StepKind.Associate:
                    e = new WifiStationEventArgs(WifiStationEventKind.Associated, _current, WifiFailureReason.Other, 0, null);
                    if (ap.Dhcp == DhcpBehavior.Assign)
                    {
                        int dhcpDelay = ap.DhcpDelayMs >= 0 ? ap.DhcpDelayMs : _world.Timing.DhcpDelayMs;
                        _connectTimer = _timers.Schedule(dhcpDelay, OnConnectTimer, new Step(step.Generation, StepKind.GotIp, WifiFailureReason.Other, 0));
                    }

                    break;
                default:
                    _connected = true;
                    e = new WifiStationEventArgs(WifiStationEventKind.GotIp, _current, WifiFailureReason.Other, 0,
                        new WifiConnectionInfo(ap.IpAddress, ap.AuthMode, (byte[])ap.Bssid.Clone(), ap.Channel));
                    break;
            }
        }

        _log?.Invoke(e.Kind switch
        {
            WifiStationEventKind.ConnectFailed => $"radio: attempt failed, reason {e.RawReason}",
            WifiStationEventKind.Associated => "radio: associated",
            _ => $"radio: got IP {e.Connection.Ip4Address}",
        });
        Raise(e);
    }

    private void OnScanTimer(object state)
    {
        int generation = (int)state;
        WifiScanRecord[] records;
        lock (_sync)
        {
            if (!_scanning || generation != _scanGeneration)
            {
                return;
            }

            _scanning = false;
            _scanTimer = null;
            records = _world.AccessPoints
                .Select(ap => new WifiScanRecord(ap.Hidden ? Array.Empty<byte>() : (byte[])ap.Ssid.Clone(), (byte[])ap.Bssid.Clone(), ap.Channel, ap.Rssi, ap.AuthMode))
                .ToArray();
        }

        _log?.Invoke($"radio: scan done, {records.Length} access points");
        ScanCompleted?.Invoke(this, new WifiScanCompletedEventArgs(true, records));
    }

    private void Raise(WifiStationEventArgs e) => StationEvent?.Invoke(this, e);

    private enum StepKind
    {
        Fail,
        Associate,
        GotIp,
    }

    private sealed record Step(int Generation, StepKind Kind, WifiFailureReason Reason, int RawReason);
}
