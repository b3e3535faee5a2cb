using System;
using System.Collections;
using NanoProv.Platform;
using NanoProv.Protocomm;
using NanoProv.Security;

namespace NanoProv.Provisioning
{
    /// <summary>
    /// The one-call composition root used by the firmware application, the simulator and the tests: builds the
    /// security scheme, <see cref="NanoProv.Protocomm.Protocomm"/> (with the proto-ver JSON), the
    /// <see cref="ProvisioningManager"/> and the prov-config / prov-scan / prov-ctrl endpoints from
    /// <see cref="ProvisioningOptions"/> and the platform ports. Transports attach to <see cref="Protocomm"/>.
    /// <para>
    /// Life cycle: <see cref="Start"/> registers the endpoints and starts the manager; when the manager reaches
    /// Stopped (auto-stop, <see cref="Stop"/>) the provisioning and custom endpoints are removed again, so a request
    /// then gets "unknown endpoint". The application stops its transports on the <see cref="ProvisioningEventKind.Stopped"/>
    /// event. <see cref="Start"/> may be called again later (provisioning restarts without a reboot).
    /// </para>
    /// </summary>
    public sealed class ProvisioningService
    {
        private readonly object _sync = new object();
        private readonly ProvisioningOptions _options;
        private readonly ICredentialStore _store;
        private readonly ILog _log;
        private readonly Protocomm.Protocomm _protocomm;
        private readonly ProvisioningManager _manager;
        private readonly ConfigEndpoint _config;
        private readonly ScanEndpoint _scan;
        private readonly CtrlEndpoint _ctrl;
        private readonly ArrayList _custom = new ArrayList();
        private bool _endpointsRegistered;

        /// <summary>Builds the service. Throws <see cref="ArgumentException"/> for invalid options.</summary>
        /// <param name="options">Settings; validated here. Keep them unchanged afterwards.</param>
        /// <param name="crypto">Crypto primitives (Security 1/2).</param>
        /// <param name="random">Random source (session ids, keys).</param>
        /// <param name="clock">Monotonic clock (session expiry, back-off).</param>
        /// <param name="log">Log sink (may be null).</param>
        /// <param name="station">The Wi-Fi station.</param>
        /// <param name="store">The credential store.</param>
        /// <param name="timers">Timer service.</param>
        public ProvisioningService(ProvisioningOptions options, ICrypto crypto, IRandom random, IClock clock, ILog log,
            IWifiStation station, ICredentialStore store, ITimerService timers)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            options.Validate();
            if (options.SecurityVersion != 0 && crypto == null)
            {
                throw new ArgumentNullException("crypto");
            }

            _options = options;
            _store = store;
            _log = log;

            ProtocommOptions protocommOptions = new ProtocommOptions();
            protocommOptions.MaxSessions = options.SessionCapacity;
            protocommOptions.SessionIdleTimeoutMilliseconds = options.SessionIdleTimeoutMs;
            if (protocommOptions.MinIdleBeforeEvictionMilliseconds > options.SessionIdleTimeoutMs)
            {
                protocommOptions.MinIdleBeforeEvictionMilliseconds = options.SessionIdleTimeoutMs;
            }

            ISecurityScheme security = CreateSecurity(options, crypto);
            _protocomm = new Protocomm.Protocomm(protocommOptions, security, random, clock, log);
            VersionInfo version = VersionInfo.ForScheme(security);
            AppInfo[] apps = options.AppInfos;
            for (int i = 0; i < apps.Length; i++)
            {
                version.AddAppInfo(apps[i].Label, apps[i].Version, apps[i].Capabilities);
            }

            _protocomm.SetVersionInfo(version);

            _manager = new ProvisioningManager(options, station, store, timers, log);
            _manager.Changed += OnManagerChanged;
            _config = new ConfigEndpoint(_manager, log);
            _scan = new ScanEndpoint(_manager, log);
            _ctrl = new CtrlEndpoint(_manager, log);

            CustomEndpointRegistration[] customs = options.CustomEndpoints;
            for (int i = 0; i < customs.Length; i++)
            {
                _custom.Add(customs[i]);
            }
        }

        /// <summary>Raised for every provisioning transition (forwarded from <see cref="Manager"/>), after the service
        /// has reacted to it (endpoints are already removed when Stopped is raised).</summary>
        public event ProvisioningEventHandler Changed;

        /// <summary>The protocomm core the transports talk to.</summary>
        public Protocomm.Protocomm Protocomm
        {
            get { return _protocomm; }
        }

        /// <summary>The provisioning state machine.</summary>
        public ProvisioningManager Manager
        {
            get { return _manager; }
        }

        /// <summary>The options the service was built with.</summary>
        public ProvisioningOptions Options
        {
            get { return _options; }
        }

        /// <summary>True when the credential store holds a network (ESP wifi_prov_mgr_is_provisioned).</summary>
        public bool IsProvisioned
        {
            get
            {
                StoredNetwork stored = _store.Load();
                return stored != null && stored.Ssid.Length > 0;
            }
        }

        /// <summary>Registers the endpoints and starts provisioning. Returns false when it was already running.</summary>
        public bool Start()
        {
            lock (_sync)
            {
                if (_manager.IsRunning)
                {
                    return false;
                }

                RegisterEndpointsLocked();
            }

            return _manager.Start();
        }

        /// <summary>Stops provisioning (asynchronously: Stopping, then Stopped after the cleanup delay).</summary>
        public void Stop()
        {
            _manager.Stop();
        }

        /// <summary>
        /// Adds an application endpoint (payload format is the application's; it goes through the session cipher like
        /// prov-config). May be called before or after <see cref="Start"/>; BLE assigns characteristic ids in the
        /// order of registration, so register every custom endpoint before the BLE transport is built.
        /// </summary>
        public void RegisterCustomEndpoint(string name, IRequestHandler handler)
        {
            EndpointNameRules.Check(name);
            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            lock (_sync)
            {
                for (int i = 0; i < _custom.Count; i++)
                {
                    if (((CustomEndpointRegistration)_custom[i]).Name == name)
                    {
                        _custom[i] = new CustomEndpointRegistration(name, handler);
                        if (_endpointsRegistered)
                        {
                            _protocomm.RegisterEndpoint(name, handler);
                        }

                        return;
                    }
                }

                _custom.Add(new CustomEndpointRegistration(name, handler));
                if (_endpointsRegistered)
                {
                    _protocomm.RegisterEndpoint(name, handler);
                }
            }
        }

        /// <summary>Removes an application endpoint. Returns false when no such endpoint was registered.</summary>
        public bool UnregisterCustomEndpoint(string name)
        {
            lock (_sync)
            {
                for (int i = 0; i < _custom.Count; i++)
                {
                    if (((CustomEndpointRegistration)_custom[i]).Name == name)
                    {
                        _custom.RemoveAt(i);
                        if (_endpointsRegistered)
                        {
                            _protocomm.UnregisterEndpoint(name);
                        }

                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Names of the custom endpoints in registration order.</summary>
        public string[] CustomEndpointNames
        {
            get
            {
                lock (_sync)
                {
                    string[] names = new string[_custom.Count];
                    for (int i = 0; i < names.Length; i++)
                    {
                        names[i] = ((CustomEndpointRegistration)_custom[i]).Name;
                    }

                    return names;
                }
            }
        }

        /// <summary>Builds the security scheme the options ask for.</summary>
        public static ISecurityScheme CreateSecurity(ProvisioningOptions options, ICrypto crypto)
        {
            switch (options.SecurityVersion)
            {
                case 0:
                    return new Security0();
                case 1:
                    byte[] pop = options.ProofOfPossession == null || options.ProofOfPossession.Length == 0 ? null : options.ProofOfPossession;
                    return new Security1(crypto, pop);
                default:
                    return new Security2(crypto, options.Sec2Salt, options.Sec2Verifier,
                        options.Sec2PatchVersion == 0 ? Security2Mode.Patch0Legacy : Security2Mode.Patch1);
            }
        }

        private void RegisterEndpointsLocked()
        {
            if (_endpointsRegistered)
            {
                return;
            }

            _protocomm.RegisterEndpoint(EndpointNames.Config, _config);
            _protocomm.RegisterEndpoint(EndpointNames.Scan, _scan);
            _protocomm.RegisterEndpoint(EndpointNames.Ctrl, _ctrl);
            for (int i = 0; i < _custom.Count; i++)
            {
                CustomEndpointRegistration r = (CustomEndpointRegistration)_custom[i];
                _protocomm.RegisterEndpoint(r.Name, r.Handler);
            }

            _endpointsRegistered = true;
        }

        private void UnregisterEndpointsLocked()
        {
            if (!_endpointsRegistered)
            {
                return;
            }

            _protocomm.UnregisterEndpoint(EndpointNames.Config);
            _protocomm.UnregisterEndpoint(EndpointNames.Scan);
            _protocomm.UnregisterEndpoint(EndpointNames.Ctrl);
            for (int i = 0; i < _custom.Count; i++)
            {
                _protocomm.UnregisterEndpoint(((CustomEndpointRegistration)_custom[i]).Name);
            }

            _endpointsRegistered = false;
        }

        private void OnManagerChanged(object sender, ProvisioningEventArgs e)
        {
            if (e.Kind == ProvisioningEventKind.Stopped)
            {
                lock (_sync)
                {
                    if (!_manager.IsRunning)
                    {
                        UnregisterEndpointsLocked();
                    }
                }
            }

            ProvisioningEventHandler handler = Changed;
            if (handler != null)
            {
                handler(this, e);
            }
        }
    }
}
