using System;
using System.Text;
using NanoProv.Platform;
using NanoProv.Provisioning;

namespace NanoProv.App
{
    /// <summary>Which transport the firmware provisions over.</summary>
    public enum ProvisioningTransport
    {
        /// <summary>BLE GATT (ESP BLE Provisioning app, esp_prov --transport ble). Needs a *_BLE_* firmware image.</summary>
        Ble = 0,
        /// <summary>SoftAP + HTTP (ESP SoftAP Provisioning app, esp_prov --transport softap). Switching the AP needs a reboot.</summary>
        SoftAp = 1
    }

    /// <summary>
    /// Every setting of the firmware, in one place. Edit <see cref="CreateDefault"/> (or build your own instance) and
    /// redeploy. Nothing here is ever printed except the service name, the transport and the security version.
    /// </summary>
    public sealed class AppConfig
    {
        /// <summary>
        /// DEVELOPMENT ONLY: the salt of the public ESP-IDF example credentials (username "wifiprov", password "abcd1234").
        /// Anyone can provision a device that keeps them. Generate your own with
        /// <c>ProvCli sec2 gen-cred --username wifiprov --password &lt;your password&gt;</c> (or esp_prov's --sec2_gen_cred)
        /// and paste the hex into <see cref="Sec2SaltHex"/> / <see cref="Sec2VerifierHex"/>.
        /// </summary>
        public const string DevSec2SaltHex = "036ee0c7bcb9eda84c9eac97d93decf4";

        /// <summary>DEVELOPMENT ONLY: the SRP verifier of the public ESP-IDF example credentials (see <see cref="DevSec2SaltHex"/>).</summary>
        public const string DevSec2VerifierHex =
            "7c7c85476508946dd636af37d7e8914378cffd616c59d2f83908127238de9e24a470261cdfa903c2b270e7b13224da11" +
            "1d9718dc607208cc9ac90c4827e2ae89aa1625b804d21a9b3a8f37f6e43a712ee127866eadce28ff5446601fb99687dc" +
            "5740a7d46cc97754dc1682f0ed356ac470ad3d90b5819470d7bc65b2d518e02ec3a5f968dd647bb8b73c9cfc00d8717e" +
            "b79a7cb1b7c2c318342932433e0099e98294e3d82ab09629b7df0e5f08334076529132009f972c896c391ec828054417" +
            "3f68028a9f4461d1f5a17e5a70d2c72381cb3868e42c20bc40577617bd08b896bc26eb32466935058c1570d91be9becc" +
            "a938a667f0ad5013197264bf52c234e21b11797472bd345bb1e2fd6673fe716474d04ebc51241940870e9240e621e72d" +
            "4e37762f2ee268c789e8321342068484534ab30c1b4c8d1c519719abae77ffdbecf0109534336bcb3e840fb9d85fb8a0" +
            "b855533e70f718f5ce7b4ebf27cecea8b3be40c5c532293e71649ede8cf675a1e6f653c831a878de5040f762de36b2ba";

        /// <summary>The settings NanoProv.App ships with.</summary>
        public static AppConfig CreateDefault()
        {
            AppConfig c = new AppConfig();

            // Identity: "PROV_" + last 3 bytes of the station MAC (set ServiceName to override).
            c.ServiceNamePrefix = "PROV_";
            c.ServiceName = null;

            // Transport.
            c.Transport = ProvisioningTransport.Ble;
            c.SoftApPassphrase = null;   // null/"" = open access point; or 8..63 characters (the app's "password" field)
            c.SoftApChannel = 1;
            c.SoftApMaxConnections = 4;
            c.HttpPort = 80;

            // Security: 2 = SRP6a + AES-GCM (ESP-IDF default), 1 = X25519 + PoP + AES-CTR, 0 = none (testing only).
            c.SecurityVersion = 2;
            c.ProofOfPossession = null;  // Security 1 only; null = no PoP
            c.Sec2Username = "wifiprov"; // goes into QR payloads only; the device stores salt + verifier
            c.Sec2SaltHex = DevSec2SaltHex;         // !!! REPLACE before shipping (see DevSec2SaltHex)
            c.Sec2VerifierHex = DevSec2VerifierHex; // !!! REPLACE before shipping
            c.Sec2PatchVersion = 1;

            // Timeouts (milliseconds).
            c.BootConnectTimeoutMs = 30000;
            c.ConnectionAttempts = 3;
            c.AttemptTimeoutMs = 25000;  // > 20 s, the time WifiAdapter.Connect itself may block
            c.DhcpTimeoutMs = 15000;
            c.ReprovisionWindowMs = 300000; // after success provisioning stays open 5 min for prov-ctrl reprovisioning
            c.KeepProvisioningWhileConnected = false;

            // Field reset: hold the BOOT button (GPIO0, active low with pull-up) for 3 s.
            c.ResetButtonEnabled = true;
            c.ResetButtonPin = 0;
            c.ResetButtonActiveLow = true;
            c.ResetLongPressMs = 3000;
            c.ResetPollMs = 50;

            c.LogLevel = LogLevel.Info;
            return c;
        }

        /// <summary>Prefix of the generated service name (the ESP apps filter on "PROV_").</summary>
        public string ServiceNamePrefix { get; set; }

        /// <summary>Fixed service name (1..29 characters), or null to build it from the prefix and the MAC address.</summary>
        public string ServiceName { get; set; }

        /// <summary>BLE or SoftAP.</summary>
        public ProvisioningTransport Transport { get; set; }

        /// <summary>Optional WPA2 passphrase of the SoftAP (8..63 characters); null or empty for an open access point.</summary>
        public string SoftApPassphrase { get; set; }

        /// <summary>SoftAP channel (1..13).</summary>
        public int SoftApChannel { get; set; }

        /// <summary>SoftAP client limit (1..10).</summary>
        public int SoftApMaxConnections { get; set; }

        /// <summary>HTTP port of the SoftAP transport (80 for the apps and esp_prov).</summary>
        public int HttpPort { get; set; }

        /// <summary>Security scheme 0, 1 or 2.</summary>
        public int SecurityVersion { get; set; }

        /// <summary>Security 1 proof of possession (text), or null for none.</summary>
        public string ProofOfPossession { get; set; }

        /// <summary>Security 2 username (informational).</summary>
        public string Sec2Username { get; set; }

        /// <summary>Security 2 salt as hex.</summary>
        public string Sec2SaltHex { get; set; }

        /// <summary>Security 2 verifier as hex.</summary>
        public string Sec2VerifierHex { get; set; }

        /// <summary>Security 2 patch version (1 for current clients, 0 for legacy ones).</summary>
        public int Sec2PatchVersion { get; set; }

        /// <summary>How long the boot-time connection to the stored network may take before provisioning starts.</summary>
        public int BootConnectTimeoutMs { get; set; }

        /// <summary>Connection attempts per set of received credentials.</summary>
        public int ConnectionAttempts { get; set; }

        /// <summary>Association timeout of one attempt (keep it above the 20 s nanoFramework's connect may block).</summary>
        public int AttemptTimeoutMs { get; set; }

        /// <summary>Time from association to an IPv4 address.</summary>
        public int DhcpTimeoutMs { get; set; }

        /// <summary>
        /// After a successful provisioning, how long provisioning stays open so a client can send prov-ctrl
        /// reprovisioning (CtrlReprov) and apply other credentials; 0 stops right after success (ESP-IDF's auto-stop,
        /// CtrlReprov then answers "invalid state").
        /// </summary>
        public int ReprovisionWindowMs { get; set; }

        /// <summary>
        /// When true, provisioning also runs after a successful boot-time connection (the device stays discoverable and
        /// accepts CtrlReprov / new credentials while connected). With SoftAP this keeps the access point up.
        /// </summary>
        public bool KeepProvisioningWhileConnected { get; set; }

        /// <summary>Whether the field-reset button is watched.</summary>
        public bool ResetButtonEnabled { get; set; }

        /// <summary>GPIO number of the field-reset button (GPIO0 = BOOT button on most ESP32 boards).</summary>
        public int ResetButtonPin { get; set; }

        /// <summary>True when the button pulls the pin low (an internal pull-up is enabled).</summary>
        public bool ResetButtonActiveLow { get; set; }

        /// <summary>How long the button must be held to reset (default 3000 ms).</summary>
        public int ResetLongPressMs { get; set; }

        /// <summary>Button sampling period.</summary>
        public int ResetPollMs { get; set; }

        /// <summary>Lowest log level printed.</summary>
        public LogLevel LogLevel { get; set; }

        /// <summary>True while the development salt/verifier are configured.</summary>
        public bool UsesDevelopmentCredentials
        {
            get { return SecurityVersion == 2 && Sec2SaltHex == DevSec2SaltHex && Sec2VerifierHex == DevSec2VerifierHex; }
        }

        /// <summary>The service name for a device with this station MAC address.</summary>
        public string ResolveServiceName(byte[] stationMac)
        {
            return ServiceName != null && ServiceName.Length > 0 ? ServiceName : ServiceNames.FromMac(ServiceNamePrefix, stationMac);
        }

        /// <summary>Returns null when the configuration is usable, otherwise the first problem (never a secret value).</summary>
        public string Validate()
        {
            if (SecurityVersion < 0 || SecurityVersion > 2)
            {
                return "SecurityVersion must be 0, 1 or 2";
            }

            if (SecurityVersion == 2)
            {
                try
                {
                    byte[] salt = HexText.Parse(Sec2SaltHex);
                    byte[] verifier = HexText.Parse(Sec2VerifierHex);
                    if (salt.Length < 8 || salt.Length > 64)
                    {
                        return "Sec2SaltHex must hold 8..64 bytes";
                    }

                    if (verifier.Length < 1 || verifier.Length > 384)
                    {
                        return "Sec2VerifierHex must hold 1..384 bytes (3072-bit SRP)";
                    }
                }
                catch (FormatException)
                {
                    return "Sec2SaltHex / Sec2VerifierHex must be hex text";
                }
            }

            if (ServiceName != null && (ServiceName.Length == 0 || ServiceName.Length > 29))
            {
                return "ServiceName must be 1..29 characters (BLE advertising and SoftAP SSID limits)";
            }

            if (ServiceName == null && (ServiceNamePrefix == null || ServiceNamePrefix.Length > 23))
            {
                return "ServiceNamePrefix must be 0..23 characters";
            }

            if (Transport != ProvisioningTransport.Ble && Transport != ProvisioningTransport.SoftAp)
            {
                return "Transport must be Ble or SoftAp";
            }

            if (BootConnectTimeoutMs < 1000)
            {
                return "BootConnectTimeoutMs must be at least 1000";
            }

            if (AttemptTimeoutMs <= 20000)
            {
                return "AttemptTimeoutMs must be above 20000: nanoFramework's WifiAdapter.Connect may block for 20 s";
            }

            if (ReprovisionWindowMs < 0)
            {
                return "ReprovisionWindowMs must be 0 or more";
            }

            if (ResetButtonEnabled && (ResetButtonPin < 0 || ResetLongPressMs < 500 || ResetPollMs < 10 || ResetPollMs > ResetLongPressMs))
            {
                return "reset button: pin >= 0, long press >= 500 ms, poll period 10 ms..long press";
            }

            return null;
        }

        /// <summary>The provisioning options for this configuration (validated by the service when it is built).</summary>
        public ProvisioningOptions ToProvisioningOptions(string serviceName)
        {
            ProvisioningOptions o = new ProvisioningOptions();
            o.ServiceName = serviceName;
            o.SecurityVersion = SecurityVersion;
            if (SecurityVersion == 1 && ProofOfPossession != null && ProofOfPossession.Length > 0)
            {
                o.ProofOfPossession = Encoding.UTF8.GetBytes(ProofOfPossession);
            }

            if (SecurityVersion == 2)
            {
                o.Sec2Username = Sec2Username;
                o.Sec2Salt = HexText.Parse(Sec2SaltHex);
                o.Sec2Verifier = HexText.Parse(Sec2VerifierHex);
                o.Sec2PatchVersion = Sec2PatchVersion;
            }

            o.ConnectionAttempts = ConnectionAttempts;
            o.AttemptTimeoutMs = AttemptTimeoutMs;
            o.DhcpTimeoutMs = DhcpTimeoutMs;

            // With a reprovisioning window the application stops provisioning itself when the window closes.
            o.AutoStop = ReprovisionWindowMs == 0 && !KeepProvisioningWhileConnected;
            return o;
        }
    }
}
