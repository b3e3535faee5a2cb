using System;
using System.Threading;
using NanoProv.Platform;

namespace NanoProv.App
{
    /// <summary>Outcome of <see cref="BootConnector.Connect"/>.</summary>
    public sealed class BootConnectResult
    {
        internal BootConnectResult(bool connected, bool timedOut, WifiFailureReason reason, WifiConnectionInfo connection)
        {
            Connected = connected;
            TimedOut = timedOut;
            Reason = reason;
            Connection = connection;
        }

        /// <summary>True when the station got an IPv4 address in time.</summary>
        public bool Connected { get; private set; }

        /// <summary>True when neither an address nor a failure arrived within the timeout.</summary>
        public bool TimedOut { get; private set; }

        /// <summary>Why it failed (when not <see cref="Connected"/> and not <see cref="TimedOut"/>).</summary>
        public WifiFailureReason Reason { get; private set; }

        /// <summary>The connection (when <see cref="Connected"/>).</summary>
        public WifiConnectionInfo Connection { get; private set; }
    }

    /// <summary>
    /// Boot-time connection to the stored network through any <see cref="IWifiStation"/>, bounded by a timeout: the
    /// station's events of this one attempt are awaited, anything else is ignored. On failure or timeout the station is
    /// disconnected, so the firmware stops retrying in the background before provisioning starts.
    /// </summary>
    public sealed class BootConnector
    {
        private const string LogSource = "boot";

        private readonly IWifiStation _station;
        private readonly ILog _log;
        private readonly AutoResetEvent _done = new AutoResetEvent(false);
        private readonly object _sync = new object();
        private WifiConnectRequest _request;
        private WifiStationEventArgs _outcome;

        /// <summary>Creates the connector.</summary>
        public BootConnector(IWifiStation station, ILog log)
        {
            if (station == null)
            {
                throw new ArgumentNullException("station");
            }

            _station = station;
            _log = log;
        }

        /// <summary>
        /// Connects to <paramref name="network"/> and waits at most <paramref name="timeoutMs"/> for an address or a
        /// failure. The passphrase copy made for the attempt is wiped before returning; <paramref name="network"/> is not.
        /// </summary>
        public BootConnectResult Connect(StoredNetwork network, int timeoutMs)
        {
            if (network == null)
            {
                throw new ArgumentNullException("network");
            }

            WifiConnectRequest request = new WifiConnectRequest(network.Ssid, network.Passphrase, network.Bssid, network.Channel);
            lock (_sync)
            {
                _request = request;
                _outcome = null;
            }

            _done.Reset();
            _station.StationEvent += OnStationEvent;
            WifiStationEventArgs outcome;
            try
            {
                _station.Connect(request);
                _done.WaitOne(timeoutMs, false);
                lock (_sync)
                {
                    outcome = _outcome;
                    _request = null;
                }
            }
            finally
            {
                _station.StationEvent -= OnStationEvent;
            }

            BootConnectResult result;
            if (outcome != null && outcome.Kind == WifiStationEventKind.GotIp)
            {
                result = new BootConnectResult(true, false, WifiFailureReason.Other, outcome.Connection);
                Log(LogLevel.Info, "connected to the stored network, IP " + outcome.Connection.Ip4Address);
            }
            else
            {
                _station.Disconnect();
                if (outcome == null)
                {
                    result = new BootConnectResult(false, true, WifiFailureReason.AssociationTimeout, null);
                    Log(LogLevel.Warning, "stored network: no connection within " + timeoutMs.ToString() + " ms");
                }
                else
                {
                    result = new BootConnectResult(false, false, outcome.Reason, null);
                    Log(LogLevel.Warning, "stored network failed: " + Provisioning.ProvisioningManager.ReasonName(outcome.Reason));
                }
            }

            request.Wipe();
            return result;
        }

        private void OnStationEvent(object sender, WifiStationEventArgs e)
        {
            if (e == null)
            {
                return;
            }

            lock (_sync)
            {
                if (e.Request != _request || _outcome != null)
                {
                    return;
                }

                if (e.Kind == WifiStationEventKind.GotIp || e.Kind == WifiStationEventKind.ConnectFailed ||
                    e.Kind == WifiStationEventKind.Disconnected)
                {
                    _outcome = e;
                }
                else
                {
                    return;
                }
            }

            _done.Set();
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, LogSource, message);
            }
        }
    }
}
