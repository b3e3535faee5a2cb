using System;
using System.Collections;
using NanoProv.Protocomm;

namespace NanoProv.Provisioning
{
    /// <summary>
    /// Everything <see cref="ProvisioningService"/> and <see cref="ProvisioningManager"/> can be configured with.
    /// Set the properties, then hand the object over; <see cref="Validate"/> is called by the service and the
    /// manager and throws <see cref="ArgumentException"/> naming the first bad setting. Times are milliseconds.
    /// </summary>
    public sealed class ProvisioningOptions
    {
        private readonly ArrayList _appInfos = new ArrayList();
        private readonly ArrayList _customEndpoints = new ArrayList();

        /// <summary>Creates options with the documented defaults.</summary>
        public ProvisioningOptions()
        {
            ServiceName = "PROV_NANO";
            SecurityVersion = 2;
            Sec2Username = "wifiprov";
            Sec2PatchVersion = 1;
            SessionCapacity = 4;
            SessionIdleTimeoutMs = 120000;
            ScanMaxEntries = 16;
            ScanTimeoutMs = 15000;
            ConnectionAttempts = 3;
            ConnectDelayMs = 1000;
            AttemptTimeoutMs = 20000;
            DhcpTimeoutMs = 15000;
            RetryDelayMs = 1000;
            AutoStop = true;
            AutoStopDelayMs = 30000;
            StopDelayAfterReportMs = 5000;
            StopCleanupDelayMs = 1000;
            ReconnectStoredNetworkOnStop = true;
        }

        /// <summary>Service name: SoftAP SSID / BLE device name (apps filter on the prefix "PROV_"). Default "PROV_NANO".</summary>
        public string ServiceName { get; set; }

        /// <summary>Security scheme 0, 1 or 2. Default 2.</summary>
        public int SecurityVersion { get; set; }

        /// <summary>Security 1 proof of possession; null = no PoP (the device then advertises "no_pop"). Secret.</summary>
        public byte[] ProofOfPossession { get; set; }

        /// <summary>Security 2 username (informational: QR payloads; the device only stores salt and verifier). Default "wifiprov".</summary>
        public string Sec2Username { get; set; }

        /// <summary>Security 2 SRP salt (required for security 2).</summary>
        public byte[] Sec2Salt { get; set; }

        /// <summary>Security 2 SRP verifier (required for security 2).</summary>
        public byte[] Sec2Verifier { get; set; }

        /// <summary>Security 2 patch version: 1 = counter IV (current clients, default), 0 = legacy static IV.</summary>
        public int Sec2PatchVersion { get; set; }

        /// <summary>Concurrent secure sessions kept by protocomm. Default 4.</summary>
        public int SessionCapacity { get; set; }

        /// <summary>Idle time after which a session expires. Default 120000.</summary>
        public int SessionIdleTimeoutMs { get; set; }

        /// <summary>Scan results kept (ESP CONFIG_WIFI_PROV_SCAN_MAX_ENTRIES), 1..255. Default 16.</summary>
        public int ScanMaxEntries { get; set; }

        /// <summary>Upper bound of one scan; a scan still running then is declared finished with what it has,
        /// and a blocking ScanStart returns. Default 15000.</summary>
        public int ScanTimeoutMs { get; set; }

        /// <summary>Connection attempts per ApplyConfig (1..100). Default 3. The counter restarts at every Apply.</summary>
        public int ConnectionAttempts { get; set; }

        /// <summary>Delay between the ApplyConfig reply and the first attempt (lets the reply leave before the
        /// radio changes channel). Default 1000.</summary>
        public int ConnectDelayMs { get; set; }

        /// <summary>Time allowed for association in one attempt. Default 20000.</summary>
        public int AttemptTimeoutMs { get; set; }

        /// <summary>Time allowed between association and an IPv4 address. Default 15000.</summary>
        public int DhcpTimeoutMs { get; set; }

        /// <summary>Pause before the next attempt after a failed one. Default 1000.</summary>
        public int RetryDelayMs { get; set; }

        /// <summary>Stop provisioning automatically after success. Default true. When false, CtrlReprov is allowed.</summary>
        public bool AutoStop { get; set; }

        /// <summary>With AutoStop: time from getting an IP to stopping, even if no client asked for the status. Default 30000.</summary>
        public int AutoStopDelayMs { get; set; }

        /// <summary>With AutoStop: time from the first GetStatus that reported Connected to stopping (GetStatus keeps
        /// answering Connected meanwhile). Default 5000.</summary>
        public int StopDelayAfterReportMs { get; set; }

        /// <summary>Time spent in Stopping before endpoints are removed (the last reply must get out). Default 1000.</summary>
        public int StopCleanupDelayMs { get; set; }

        /// <summary>When provisioning stops without success after the station was pointed at other credentials,
        /// reconnect to the network in the credential store (the previous working network). Default true.</summary>
        public bool ReconnectStoredNetworkOnStop { get; set; }

        /// <summary>Application labels for proto-ver, in the order added.</summary>
        public AppInfo[] AppInfos
        {
            get
            {
                AppInfo[] result = new AppInfo[_appInfos.Count];
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = (AppInfo)_appInfos[i];
                }

                return result;
            }
        }

        /// <summary>Custom endpoints, in the order added (BLE assigns 0xFF54, 0xFF55, ... in this order).</summary>
        public CustomEndpointRegistration[] CustomEndpoints
        {
            get
            {
                CustomEndpointRegistration[] result = new CustomEndpointRegistration[_customEndpoints.Count];
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = (CustomEndpointRegistration)_customEndpoints[i];
                }

                return result;
            }
        }

        /// <summary>Adds an application label to the proto-ver JSON (ESP wifi_prov_mgr_set_app_info).</summary>
        public void AddAppInfo(string label, string version, string[] capabilities)
        {
            if (label == null || label.Length == 0 || label == "prov")
            {
                throw new ArgumentException("app info label must be non-empty and not \"prov\"");
            }

            _appInfos.Add(new AppInfo(label, version == null ? string.Empty : version, capabilities));
        }

        /// <summary>Adds a custom endpoint registered with the standard ones at start.</summary>
        public void AddCustomEndpoint(string name, IRequestHandler handler)
        {
            EndpointNameRules.Check(name);
            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            for (int i = 0; i < _customEndpoints.Count; i++)
            {
                if (((CustomEndpointRegistration)_customEndpoints[i]).Name == name)
                {
                    throw new ArgumentException("custom endpoint registered twice: " + name);
                }
            }

            _customEndpoints.Add(new CustomEndpointRegistration(name, handler));
        }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
        public void Validate()
        {
            if (ServiceName == null || ServiceName.Length == 0 || ServiceName.Length > 32)
            {
                throw new ArgumentException("ServiceName must be 1..32 characters");
            }

            if (SecurityVersion < 0 || SecurityVersion > 2)
            {
                throw new ArgumentException("SecurityVersion must be 0, 1 or 2");
            }

            if (SecurityVersion == 2)
            {
                if (Sec2Salt == null || Sec2Salt.Length == 0 || Sec2Verifier == null || Sec2Verifier.Length == 0)
                {
                    throw new ArgumentException("security 2 needs Sec2Salt and Sec2Verifier");
                }

                if (Sec2PatchVersion != 0 && Sec2PatchVersion != 1)
                {
                    throw new ArgumentException("Sec2PatchVersion must be 0 or 1");
                }
            }

            CheckRange(SessionCapacity, 1, 64, "SessionCapacity");
            CheckRange(SessionIdleTimeoutMs, 1000, 86400000, "SessionIdleTimeoutMs");
            CheckRange(ScanMaxEntries, 1, 255, "ScanMaxEntries");
            CheckRange(ScanTimeoutMs, 100, 600000, "ScanTimeoutMs");
            CheckRange(ConnectionAttempts, 1, 100, "ConnectionAttempts");
            CheckRange(ConnectDelayMs, 0, 60000, "ConnectDelayMs");
            CheckRange(AttemptTimeoutMs, 100, 600000, "AttemptTimeoutMs");
            CheckRange(DhcpTimeoutMs, 100, 600000, "DhcpTimeoutMs");
            CheckRange(RetryDelayMs, 0, 600000, "RetryDelayMs");
            CheckRange(AutoStopDelayMs, 0, 3600000, "AutoStopDelayMs");
            CheckRange(StopDelayAfterReportMs, 0, 3600000, "StopDelayAfterReportMs");
            CheckRange(StopCleanupDelayMs, 0, 60000, "StopCleanupDelayMs");
        }

        private static void CheckRange(int value, int min, int max, string name)
        {
            if (value < min || value > max)
            {
                throw new ArgumentException(name + " must be between " + min.ToString() + " and " + max.ToString());
            }
        }
    }

    /// <summary>Rules for custom endpoint names.</summary>
    internal static class EndpointNameRules
    {
        /// <summary>Throws when the name is empty, too long, has characters other than letters, digits, '-', '_', '.',
        /// or is one of the standard endpoint names.</summary>
        public static void Check(string name)
        {
            if (name == null || name.Length == 0 || name.Length > 64)
            {
                throw new ArgumentException("endpoint name must be 1..64 characters");
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok)
                {
                    throw new ArgumentException("endpoint name may only contain letters, digits, '-', '_' and '.': " + name);
                }
            }

            if (name == EndpointNames.ProtoVer || name == EndpointNames.Session || name == EndpointNames.Config
                || name == EndpointNames.Scan || name == EndpointNames.Ctrl)
            {
                throw new ArgumentException("endpoint name is reserved: " + name);
            }
        }
    }
}
