using System;
using System.Net.NetworkInformation;
using NanoProv.Nano;
using NanoProv.Platform;
using NanoProv.Provisioning;

namespace NanoProv.App
{
    /// <summary>
    /// The flashable firmware's boot flow:
    /// <list type="number">
    /// <item>stored network? connect with a timeout (<see cref="BootConnector"/>);</item>
    /// <item>on failure or with nothing stored: start provisioning with the configured transport and security
    /// (SoftAP: the first time, configure the access point and reboot into AP+STA mode);</item>
    /// <item>after success provisioning stays open for <see cref="AppConfig.ReprovisionWindowMs"/>, so the phone app
    /// can send prov-ctrl reprovisioning and apply other credentials, then stops (SoftAP: access point off, reboot);</item>
    /// <item>a long press on the field-reset button erases the stored network and restarts provisioning, at any
    /// time, without a reboot (unless the SoftAP has to come up first).</item>
    /// </list>
    /// Nothing secret is logged: not the passphrase, PoP, salt, verifier or keys.
    /// </summary>
    public sealed class FirmwareApp
    {
        private const string LogSource = "app";

        private readonly object _sync = new object();
        private readonly AppConfig _config;
        private NanoLog _log;
        private NanoClock _clock;
        private NanoTimerService _timers;
        private NanoWifiStation _station;
        private NanoCredentialStore _store;
        private ProvisioningService _service;
        private ITransportHost _transport;
        private FieldResetButton _button;
        private ITimerHandle _windowTimer;
        private string _serviceName;
        private bool _provisioning;
        private bool _restartAfterStop;

        /// <summary>Creates the application for a configuration (see <see cref="AppConfig.CreateDefault"/>).</summary>
        public FirmwareApp(AppConfig config)
        {
            if (config == null)
            {
                throw new ArgumentNullException("config");
            }

            _config = config;
        }

        /// <summary>The provisioning service (after <see cref="Run"/>), for custom endpoints or diagnostics.</summary>
        public ProvisioningService Service
        {
            get { return _service; }
        }

        /// <summary>Runs the boot flow and returns; provisioning, the button and Wi-Fi keep running on their own threads.</summary>
        public void Run()
        {
            _log = new NanoLog(_config.LogLevel);
            string problem = _config.Validate();
            if (problem != null)
            {
                _log.Write(LogLevel.Error, LogSource, "invalid configuration: " + problem);
                throw new InvalidOperationException(problem);
            }

            _clock = new NanoClock();
            _timers = new NanoTimerService(_log);
            _station = new NanoWifiStation(null, _log);
            _store = new NanoCredentialStore();
            _serviceName = _config.ResolveServiceName(NanoNetwork.MacAddress(NetworkInterfaceType.Wireless80211));

            _log.Write(LogLevel.Info, LogSource, "NanoProv: service " + _serviceName + ", transport " +
                (_config.Transport == ProvisioningTransport.Ble ? "BLE" : "SoftAP") + ", security " + _config.SecurityVersion.ToString());
            if (_config.UsesDevelopmentCredentials)
            {
                _log.Write(LogLevel.Warning, LogSource,
                    "!!! DEVELOPMENT CREDENTIALS: Security 2 uses the public ESP-IDF example salt/verifier (user wifiprov). " +
                    "Anyone can provision this device. Replace Sec2SaltHex/Sec2VerifierHex in AppConfig before shipping. !!!");
            }

            _service = new ProvisioningService(_config.ToProvisioningOptions(_serviceName), new NativeCrypto(), new NanoRandom(),
                _clock, _log, _station, _store, _timers);
            _service.Changed += OnProvisioningChanged;
            _transport = CreateTransport();
            StartButton();

            StoredNetwork stored = LoadStored();
            bool connected = false;
            if (BootPolicy.First(stored != null) == BootStep.ConnectStored)
            {
                BootConnectResult result = new BootConnector(_station, _log).Connect(stored, _config.BootConnectTimeoutMs);
                stored.Wipe();
                connected = result.Connected;
            }
            else
            {
                _log.Write(LogLevel.Info, LogSource, "no stored network");
            }

            if (BootPolicy.ProvisionAfterConnect(connected, _config.KeepProvisioningWhileConnected))
            {
                StartProvisioning();
            }
            else if (_transport.Retire())
            {
                // A SoftAP left over from an earlier provisioning run: switch it off.
                NanoSoftAp.Reboot(_log);
            }
        }

        private ITransportHost CreateTransport()
        {
            if (_config.Transport == ProvisioningTransport.Ble)
            {
                return new BleTransportHost(_service, _serviceName, _clock, _log);
            }

            NanoSoftApSettings ap = new NanoSoftApSettings();
            ap.Ssid = _serviceName;
            ap.Passphrase = _config.SoftApPassphrase;
            ap.Channel = _config.SoftApChannel;
            ap.MaxConnections = _config.SoftApMaxConnections;
            return new SoftApTransportHost(_service, ap, _config.HttpPort, _clock, _log);
        }

        private void StartButton()
        {
            if (!_config.ResetButtonEnabled)
            {
                return;
            }

            try
            {
                _button = new FieldResetButton(_config.ResetButtonPin, _config.ResetButtonActiveLow, _config.ResetLongPressMs,
                    _config.ResetPollMs, _log);
                _button.LongPress += OnLongPress;
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, LogSource, "field-reset button unavailable: " + ex.GetType().Name);
            }
        }

        private StoredNetwork LoadStored()
        {
            try
            {
                return _store.Load();
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Error, LogSource, "reading the stored network failed: " + ex.GetType().Name);
                return null;
            }
        }

        private void StartProvisioning()
        {
            lock (_sync)
            {
                if (_provisioning)
                {
                    return;
                }

                _provisioning = true;
            }

            try
            {
                if (!_transport.Prepare())
                {
                    _log.Write(LogLevel.Info, LogSource, "provisioning needs the access point: rebooting into AP+STA mode");
                    NanoSoftAp.Reboot(_log);
                    return;
                }

                _service.Start();
                _transport.Start();
                _log.Write(LogLevel.Info, LogSource, "provisioning: waiting for a client on " + _serviceName);
            }
            catch (Exception ex)
            {
                // A radio that cannot be (re)started in this run is brought back by a clean boot; with no stored network
                // the next boot starts provisioning again.
                _log.Write(LogLevel.Error, LogSource, "starting provisioning failed: " + ex.GetType().Name + "; rebooting");
                NanoSoftAp.Reboot(_log);
            }
        }

        private void OnProvisioningChanged(object sender, ProvisioningEventArgs e)
        {
            switch (e.Kind)
            {
                case ProvisioningEventKind.Connected:
                    _log.Write(LogLevel.Info, LogSource, "provisioned, IP " + (e.Connection == null ? "?" : e.Connection.Ip4Address));
                    OpenReprovisionWindow();
                    break;
                case ProvisioningEventKind.Failed:
                    _log.Write(LogLevel.Warning, LogSource, "credentials failed: " + ProvisioningManager.ReasonName(e.Reason) +
                        "; waiting for new ones");
                    break;
                case ProvisioningEventKind.Started:
                    if (e.PreviousState != ProvisioningState.Idle && e.PreviousState != ProvisioningState.Stopped)
                    {
                        CancelReprovisionWindow();
                        _log.Write(LogLevel.Info, LogSource, "reprovisioning: waiting for new credentials");
                    }

                    break;
                case ProvisioningEventKind.Stopped:
                    OnProvisioningStopped();
                    break;
            }
        }

        private void OpenReprovisionWindow()
        {
            if (_config.KeepProvisioningWhileConnected || _config.ReprovisionWindowMs == 0)
            {
                return; // stays open for good, or the manager's auto-stop ends it
            }

            lock (_sync)
            {
                if (_windowTimer != null)
                {
                    _windowTimer.Cancel();
                }

                _windowTimer = _timers.Schedule(_config.ReprovisionWindowMs, CloseReprovisionWindow, null);
            }

            _log.Write(LogLevel.Info, LogSource, "reprovisioning possible for " + (_config.ReprovisionWindowMs / 1000).ToString() + " s");
        }

        private void CancelReprovisionWindow()
        {
            lock (_sync)
            {
                if (_windowTimer != null)
                {
                    _windowTimer.Cancel();
                    _windowTimer = null;
                }
            }
        }

        private void CloseReprovisionWindow(object state)
        {
            lock (_sync)
            {
                _windowTimer = null;
            }

            if (_service.Manager.State == ProvisioningState.Succeeded)
            {
                _log.Write(LogLevel.Info, LogSource, "reprovisioning window closed; stopping provisioning");
                _service.Stop();
            }
        }

        private void OnProvisioningStopped()
        {
            bool restart;
            lock (_sync)
            {
                _provisioning = false;
                restart = _restartAfterStop;
                _restartAfterStop = false;
            }

            if (restart)
            {
                _transport.Stop();
                StartProvisioning();
                return;
            }

            if (_transport.Retire())
            {
                NanoSoftAp.Reboot(_log);
            }
        }

        private void OnLongPress(object sender, EventArgs e)
        {
            _log.Write(LogLevel.Warning, LogSource, "field reset: erasing the stored network and restarting provisioning");
            CancelReprovisionWindow();
            try
            {
                _store.Clear();
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Error, LogSource, "erasing the stored network failed: " + ex.GetType().Name);
            }

            _station.Disconnect();
            bool stopFirst;
            lock (_sync)
            {
                stopFirst = _provisioning;
                if (stopFirst)
                {
                    _restartAfterStop = true;
                }
            }

            if (stopFirst)
            {
                _service.Stop(); // Stopped restarts it with fresh sessions (OnProvisioningStopped)
            }
            else
            {
                StartProvisioning();
            }
        }
    }
}
