using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using NanoProv.Platform;

namespace NanoProv.Nano
{
    /// <summary>
    /// <see cref="IWifiStation"/> over <c>System.Device.Wifi.WifiAdapter</c> (ESP32), written around what the firmware
    /// really does (nanoframework.md section 2.1):
    /// <list type="bullet">
    /// <item><c>WifiAdapter.Connect</c> blocks its thread for up to 20 s, so every attempt runs on its own worker thread
    /// and <see cref="Connect"/> returns at once.</item>
    /// <item>Its "Success" means associated, not addressed: the adapter reports
    /// <see cref="WifiStationEventKind.Associated"/>, then waits (bounded by
    /// <see cref="NanoWifiStationOptions.DhcpTimeoutMilliseconds"/>) for an IPv4 address on the Wireless80211 interface,
    /// woken early by <c>NetworkChange.NetworkAddressChanged</c>, and only then reports
    /// <see cref="WifiStationEventKind.GotIp"/>. An address left over from the previous connection never counts.</item>
    /// <item>Failures are mapped honestly (<see cref="NanoText.FailureFromConnectionStatus"/>): InvalidCredential gives
    /// AuthenticationFailed, NetworkNotAvailable gives NetworkNotFound, Timeout gives AssociationTimeout, anything else
    /// Other. The raw ESP-IDF reason code is not exposed by nanoFramework, so RawReason is 0.</item>
    /// <item>After any connect the firmware keeps reconnecting on every disconnect until <c>Disconnect()</c> is called;
    /// a failed attempt therefore ends with <c>Disconnect()</c> before ConnectFailed is raised. A successful connection
    /// keeps that behaviour on purpose: the device rejoins by itself after the access point reboots.</item>
    /// <item>Scans use <c>ScanAsync</c> (passive, about 6 to 7 s for all channels; the scan options cannot be applied on
    /// nanoFramework). SSIDs lose their NUL padding, BSSIDs are parsed from "AA-BB-..", the channel is unknown (0) and
    /// the auth mode is <see cref="NanoWifiStationOptions.UnknownAuthMode"/>.</item>
    /// <item>SSIDs and passphrases travel as strings (the nanoFramework API has no byte form); values that are not
    /// lossless NUL-free UTF-8 fail with reason Other instead of joining a different network.</item>
    /// </list>
    /// </summary>
    public sealed class NanoWifiStation : IWifiStation
    {
        private const string LogSource = "wifi";
        private const int AddressPollMilliseconds = 500;

        private readonly object _sync = new object();
        private readonly NanoWifiStationOptions _options;
        private readonly ILog _log;
        private readonly AutoResetEvent _addressChanged = new AutoResetEvent(false);

        private WifiAdapter _adapter;
        private int _generation;
        private WifiConnectRequest _current;
        private bool _connected;
        private bool _scanning;

        /// <summary>Creates the station adapter; the radio is touched on first use.</summary>
        /// <param name="options">Settings; null means defaults.</param>
        /// <param name="log">Log sink (may be null); never receives passphrases.</param>
        public NanoWifiStation(NanoWifiStationOptions options, ILog log)
        {
            _options = options ?? new NanoWifiStationOptions();
            _log = log;
            NetworkChange.NetworkAddressChanged += OnAddressChanged;
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
        }

        /// <inheritdoc />
        public event WifiStationEventHandler StationEvent;

        /// <inheritdoc />
        public event WifiScanCompletedHandler ScanCompleted;

        /// <summary>True while the station holds an address obtained by the last successful attempt.</summary>
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

        /// <inheritdoc />
        public bool StartScan(ScanOptions options)
        {
            lock (_sync)
            {
                if (_scanning)
                {
                    return false;
                }

                _scanning = true;
            }

            try
            {
                Adapter().ScanAsync();
                return true;
            }
            catch (Exception ex)
            {
                lock (_sync)
                {
                    _scanning = false;
                }

                // InvalidOperationException: station not started (SoftAP-only mode) or a connect is running.
                Log(LogLevel.Warning, "scan could not start: " + ex.GetType().Name);
                return false;
            }
        }

        /// <inheritdoc />
        public void Connect(WifiConnectRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException("request");
            }

            int generation;
            lock (_sync)
            {
                generation = ++_generation;
                _current = request;
                _connected = false;
            }

            AttemptRunner runner = new AttemptRunner(this, request, generation);
            Thread worker = new Thread(runner.Run);
            worker.Start();
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            lock (_sync)
            {
                _generation++;
                _current = null;
                _connected = false;
            }

            StopRadioRetries();
        }

        private WifiAdapter Adapter()
        {
            lock (_sync)
            {
                if (_adapter == null)
                {
                    WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                    if (adapters == null || adapters.Length == 0)
                    {
                        throw new InvalidOperationException("this firmware has no Wi-Fi adapter");
                    }

                    _adapter = adapters[0];
                    _adapter.AvailableNetworksChanged += OnScanCompleted;
                }

                return _adapter;
            }
        }

        private void RunAttempt(WifiConnectRequest request, int generation)
        {
            string ssid;
            string password;
            if (!NanoText.TryDecodeExact(request.Ssid, out ssid) || ssid.Length == 0 ||
                !NanoText.TryDecodeExact(request.Passphrase, out password))
            {
                Log(LogLevel.Warning, "SSID or passphrase cannot be handed to nanoFramework as text");
                Fail(request, generation, WifiFailureReason.Other);
                return;
            }

            WifiAdapter adapter;
            try
            {
                adapter = Adapter();
            }
            catch (Exception ex)
            {
                Log(LogLevel.Error, "no Wi-Fi adapter: " + ex.GetType().Name);
                Fail(request, generation, WifiFailureReason.Other);
                return;
            }

            // Drop whatever ran before (this also stops the firmware's reconnect loop of an earlier attempt).
            StopRadioRetries();
            bool addressCleared = WaitForNoAddress(generation);
            _addressChanged.Reset();
            if (!IsCurrent(generation))
            {
                return;
            }

            WifiConnectionResult result;
            try
            {
                // Automatic: the firmware rejoins after a link loss. Persistence is the credential store's job.
                result = adapter.Connect(ssid, WifiReconnectionKind.Automatic, password);
            }
            catch (Exception ex)
            {
                Log(LogLevel.Warning, "WifiAdapter.Connect threw " + ex.GetType().Name);
                StopRadioRetriesIfCurrent(generation);
                Fail(request, generation, WifiFailureReason.Other);
                return;
            }

            if (!IsCurrent(generation))
            {
                return;
            }

            if (result.ConnectionStatus != WifiConnectionStatus.Success)
            {
                WifiFailureReason reason = NanoText.FailureFromConnectionStatus((int)result.ConnectionStatus);
                Log(LogLevel.Info, "connect failed, status " + ((int)result.ConnectionStatus).ToString());
                StopRadioRetriesIfCurrent(generation);
                Fail(request, generation, reason);
                return;
            }

            Raise(request, generation, new WifiStationEventArgs(WifiStationEventKind.Associated, request, WifiFailureReason.Other, 0, null));
            string address = WaitForAddress(generation, addressCleared);
            if (!IsCurrent(generation))
            {
                return;
            }

            if (address == null)
            {
                Log(LogLevel.Info, "associated but no IPv4 address in time");
                StopRadioRetriesIfCurrent(generation);
                Fail(request, generation, WifiFailureReason.DhcpTimeout);
                return;
            }

            lock (_sync)
            {
                if (generation != _generation)
                {
                    return;
                }

                _connected = true;
            }

            int authMode = request.Passphrase.Length == 0 ? 0 : _options.UnknownAuthMode;
            WifiConnectionInfo info = new WifiConnectionInfo(address, authMode, request.Bssid, request.Channel);
            Raise(request, generation, new WifiStationEventArgs(WifiStationEventKind.GotIp, request, WifiFailureReason.Other, 0, info));
        }

        /// <summary>Polls until the station has no address (true) or the settle time is over (false).</summary>
        private bool WaitForNoAddress(int generation)
        {
            long deadline = Environment.TickCount64 + _options.DisconnectSettleMilliseconds;
            while (IsCurrent(generation))
            {
                if (NanoNetwork.StationAddress() == null)
                {
                    return true;
                }

                long left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    return false;
                }

                Thread.Sleep(left < 100 ? (int)left : 100);
            }

            return false;
        }

        /// <summary>
        /// Waits for the station's IPv4 address. When the old address was still present before connecting, an address
        /// only counts after an address-change event, so a lingering old address is never reported.
        /// </summary>
        private string WaitForAddress(int generation, bool addressCleared)
        {
            long deadline = Environment.TickCount64 + _options.DhcpTimeoutMilliseconds;
            bool changed = false;
            while (IsCurrent(generation))
            {
                string address = NanoNetwork.StationAddress();
                if (address != null && (addressCleared || changed))
                {
                    return address;
                }

                long left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    return null;
                }

                int wait = left < AddressPollMilliseconds ? (int)left : AddressPollMilliseconds;
                if (_addressChanged.WaitOne(wait, false))
                {
                    changed = true;
                }
            }

            return null;
        }

        private void OnScanCompleted(WifiAdapter sender, object e)
        {
            lock (_sync)
            {
                if (!_scanning)
                {
                    return; // a scan somebody else started
                }

                _scanning = false;
            }

            WifiScanRecord[] records = null;
            bool succeeded = true;
            try
            {
                records = ToRecords(sender.NetworkReport.AvailableNetworks);
            }
            catch (Exception ex)
            {
                succeeded = false;
                Log(LogLevel.Warning, "reading the scan report failed: " + ex.GetType().Name);
            }

            WifiScanCompletedHandler handler = ScanCompleted;
            if (handler != null)
            {
                handler(this, new WifiScanCompletedEventArgs(succeeded, records));
            }
        }

        private WifiScanRecord[] ToRecords(WifiAvailableNetwork[] networks)
        {
            if (networks == null)
            {
                return new WifiScanRecord[0];
            }

            WifiScanRecord[] records = new WifiScanRecord[networks.Length];
            for (int i = 0; i < networks.Length; i++)
            {
                WifiAvailableNetwork n = networks[i];
                byte[] ssid = NanoText.Encode(NanoText.CutAtNul(n.Ssid));
                byte[] bssid = NanoText.ParseBssid(n.Bsid);
                int rssi = (int)n.NetworkRssiInDecibelMilliwatts;
                records[i] = new WifiScanRecord(ssid, bssid, 0, rssi, _options.UnknownAuthMode);
            }

            return records;
        }

        private void OnAddressChanged(object sender, EventArgs e)
        {
            _addressChanged.Set();
            CheckLinkLoss();
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            _addressChanged.Set();
            CheckLinkLoss();
        }

        /// <summary>Reports Disconnected once when an established connection lost its address.</summary>
        private void CheckLinkLoss()
        {
            WifiConnectRequest request;
            int generation;
            lock (_sync)
            {
                if (!_connected || _current == null)
                {
                    return;
                }

                request = _current;
                generation = _generation;
            }

            if (NanoNetwork.StationAddress() != null)
            {
                return;
            }

            lock (_sync)
            {
                if (generation != _generation || !_connected)
                {
                    return;
                }

                _connected = false;
            }

            Log(LogLevel.Info, "station lost its address; the firmware keeps reconnecting");
            Raise(request, generation, new WifiStationEventArgs(WifiStationEventKind.Disconnected, request, WifiFailureReason.ConnectionLost, 0, null));
        }

        private bool IsCurrent(int generation)
        {
            lock (_sync)
            {
                return generation == _generation;
            }
        }

        private void Fail(WifiConnectRequest request, int generation, WifiFailureReason reason)
        {
            Raise(request, generation, new WifiStationEventArgs(WifiStationEventKind.ConnectFailed, request, reason, 0, null));
        }

        private void Raise(WifiConnectRequest request, int generation, WifiStationEventArgs e)
        {
            if (!IsCurrent(generation))
            {
                return; // the attempt was abandoned (Connect or Disconnect came later)
            }

            WifiStationEventHandler handler = StationEvent;
            if (handler != null)
            {
                handler(this, e);
            }
        }

        private void StopRadioRetriesIfCurrent(int generation)
        {
            if (IsCurrent(generation))
            {
                StopRadioRetries();
            }
        }

        private void StopRadioRetries()
        {
            try
            {
                Adapter().Disconnect();
            }
            catch (Exception ex)
            {
                Log(LogLevel.Warning, "WifiAdapter.Disconnect threw " + ex.GetType().Name);
            }
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, LogSource, message);
            }
        }

        /// <summary>Carries one attempt to its worker thread (ThreadStart takes no arguments).</summary>
        private sealed class AttemptRunner
        {
            private readonly NanoWifiStation _owner;
            private readonly WifiConnectRequest _request;
            private readonly int _generation;

            public AttemptRunner(NanoWifiStation owner, WifiConnectRequest request, int generation)
            {
                _owner = owner;
                _request = request;
                _generation = generation;
            }

            public void Run()
            {
                try
                {
                    _owner.RunAttempt(_request, _generation);
                }
                catch (Exception ex)
                {
                    _owner.Log(LogLevel.Error, "connection attempt crashed: " + ex.GetType().Name);
                    _owner.Fail(_request, _generation, WifiFailureReason.Other);
                }
            }
        }
    }
}
