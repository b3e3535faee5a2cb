using System;
using System.Net;
using System.Net.NetworkInformation;
using System.Threading;
using Iot.Device.DhcpServer;
using nanoFramework.Runtime.Native;
using NanoProv.Platform;

namespace NanoProv.Nano
{
    /// <summary>
    /// The provisioning access point on nanoFramework (ESP32), following the only mode switch the firmware supports:
    /// the Wi-Fi mode (STA, AP, AP+STA) is computed from the saved configuration blocks when Wi-Fi starts at boot, so
    /// turning the access point on or off means "write the configuration, then reboot" (nanoframework.md section 3.2,
    /// as the WiFiAP sample does). Usage:
    /// <code>
    /// NanoSoftAp ap = new NanoSoftAp(settings, log);
    /// if (ap.Enable()) { NanoSoftAp.Reboot(log); }   // first time: configuration written, reboot into AP+STA
    /// ap.StartDhcp();                                 // after the reboot: serve addresses, then start the HTTP server
    /// ...
    /// if (ap.Disable()) { NanoSoftAp.Reboot(log); }  // provisioning over: back to station only
    /// </code>
    /// <list type="bullet">
    /// <item>The AP block of the WirelessAP interface (found by <c>SpecificConfigId</c>) gets the SSID, the optional WPA2
    /// passphrase (an empty password is written for an open AP; the native code faults on null), channel, client limit
    /// and <c>AutoStart</c>; the WirelessAP interface gets a static address. Nothing is written when the blocks already
    /// hold these values, so repeated boots do not wear the flash.</item>
    /// <item>The station block keeps its <c>Enable</c> bit, so the device runs AP+STA: scans work and credentials can be
    /// tried while the phone stays connected to the access point.</item>
    /// <item>The ESP32 firmware has no DHCP server of its own; <see cref="StartDhcp"/> runs the managed
    /// Iot.Device.DhcpServer package on the AP address (a /24 pool, basic DISCOVER/REQUEST handling).</item>
    /// </list>
    /// </summary>
    public sealed class NanoSoftAp
    {
        private const string LogSource = "softap";

        private readonly object _sync = new object();
        private readonly NanoSoftApSettings _settings;
        private readonly ILog _log;
        private DhcpServer _dhcp;

        /// <summary>Creates the access point controller.</summary>
        /// <exception cref="ArgumentException">The settings cannot be stored (see <see cref="NanoSoftApSettings.Validate"/>).</exception>
        public NanoSoftAp(NanoSoftApSettings settings, ILog log)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            string problem = settings.Validate();
            if (problem != null)
            {
                throw new ArgumentException(problem);
            }

            _settings = settings;
            _log = log;
        }

        /// <summary>The settings in use.</summary>
        public NanoSoftApSettings Settings
        {
            get { return _settings; }
        }

        /// <summary>
        /// True when the access point runs right now with the configured address (its block was enabled when Wi-Fi
        /// started and the interface carries the address).
        /// </summary>
        public bool IsRunning
        {
            get
            {
                NetworkInterface ap = NanoNetwork.FindInterface(NetworkInterfaceType.WirelessAP);
                if (ap == null || ap.IPv4Address != _settings.Address)
                {
                    return false;
                }

                WirelessAPConfiguration config = ApConfiguration(ap);
                return (config.Options & WirelessAPConfiguration.ConfigurationOptions.Enable) != 0;
            }
        }

        /// <summary>
        /// Writes the access point configuration (and keeps the station enabled). Returns true when a reboot is needed to
        /// bring the access point up with these settings; false when it already runs with them.
        /// </summary>
        public bool Enable()
        {
            lock (_sync)
            {
                bool wasRunning = IsRunning;
                NetworkInterface ap = NanoNetwork.FindInterface(NetworkInterfaceType.WirelessAP);
                if (ap == null)
                {
                    throw new InvalidOperationException("this firmware has no SoftAP interface");
                }

                bool changed = false;
                if (ap.IPv4Address != _settings.Address || ap.IPv4SubnetMask != _settings.SubnetMask)
                {
                    ap.EnableStaticIPv4(_settings.Address, _settings.SubnetMask, _settings.Address);
                    changed = true;
                }

                WirelessAPConfiguration config = ApConfiguration(ap);
                string password = _settings.Passphrase == null ? string.Empty : _settings.Passphrase;
                bool open = password.Length == 0;
                AuthenticationType auth = open ? AuthenticationType.Open : AuthenticationType.WPA2;
                EncryptionType encryption = open ? EncryptionType.None : EncryptionType.WPA2_PSK;
                WirelessAPConfiguration.ConfigurationOptions options = WirelessAPConfiguration.ConfigurationOptions.AutoStart;
                if (config.Ssid != _settings.Ssid || (config.Password == null ? string.Empty : config.Password) != password ||
                    config.Authentication != auth || config.Encryption != encryption || config.Options != options ||
                    config.Channel != (byte)_settings.Channel || config.MaxConnections != (byte)_settings.MaxConnections)
                {
                    config.Ssid = _settings.Ssid;
                    config.Password = password;
                    config.Authentication = auth;
                    config.Encryption = encryption;
                    config.Channel = (byte)_settings.Channel;
                    config.MaxConnections = (byte)_settings.MaxConnections;
                    config.Options = options;
                    config.SaveConfiguration();
                    changed = true;
                }

                if (new NanoCredentialStore().EnsureStationEnabled())
                {
                    changed = true;
                }

                bool rebootNeeded = changed || !wasRunning;
                Log(LogLevel.Info, rebootNeeded
                    ? "access point " + _settings.Ssid + (open ? " (open)" : " (WPA2)") + " configured; a reboot brings it up"
                    : "access point " + _settings.Ssid + " is up");
                return rebootNeeded;
            }
        }

        /// <summary>
        /// Turns the access point off in the saved configuration. Returns true when something changed, that is when a
        /// reboot is needed to take it down (the running access point stays until then).
        /// </summary>
        public bool Disable()
        {
            lock (_sync)
            {
                StopDhcp();
                NetworkInterface ap = NanoNetwork.FindInterface(NetworkInterfaceType.WirelessAP);
                if (ap == null)
                {
                    return false;
                }

                WirelessAPConfiguration config = ApConfiguration(ap);
                if ((config.Options & WirelessAPConfiguration.ConfigurationOptions.Enable) == 0)
                {
                    return false;
                }

                if (config.Ssid == null)
                {
                    config.Ssid = string.Empty;
                }

                if (config.Password == null)
                {
                    config.Password = string.Empty;
                }

                config.Options = WirelessAPConfiguration.ConfigurationOptions.None;
                config.SaveConfiguration();
                Log(LogLevel.Info, "access point disabled; it goes down at the next reboot");
                return true;
            }
        }

        /// <summary>
        /// Starts the DHCP server for access point clients (phones need an address before they can reach the HTTP
        /// server). Returns false when the access point is not running or the server could not bind.
        /// </summary>
        public bool StartDhcp()
        {
            lock (_sync)
            {
                if (_dhcp != null)
                {
                    return true;
                }

                if (!IsRunning)
                {
                    Log(LogLevel.Warning, "DHCP not started: the access point is not running");
                    return false;
                }

                DhcpServer server = new DhcpServer();
                bool started = server.Start(IPAddress.Parse(_settings.Address), IPAddress.Parse(_settings.SubnetMask), (ushort)_settings.DhcpLeaseSeconds);
                if (!started)
                {
                    Log(LogLevel.Error, "DHCP server could not start");
                    return false;
                }

                _dhcp = server;
                Log(LogLevel.Info, "DHCP server on " + _settings.Address);
                return true;
            }
        }

        /// <summary>Stops the DHCP server (does nothing when it is not running).</summary>
        public void StopDhcp()
        {
            lock (_sync)
            {
                if (_dhcp != null)
                {
                    _dhcp.Stop();
                    _dhcp = null;
                }
            }
        }

        /// <summary>Reboots the device after a short pause that lets the last log lines and flash writes finish.</summary>
        public static void Reboot(ILog log)
        {
            if (log != null)
            {
                log.Write(LogLevel.Info, LogSource, "rebooting to apply the Wi-Fi mode");
            }

            Thread.Sleep(500);
            Power.RebootDevice();
        }

        private static WirelessAPConfiguration ApConfiguration(NetworkInterface ap)
        {
            WirelessAPConfiguration[] all = WirelessAPConfiguration.GetAllWirelessAPConfigurations();
            uint id = ap.SpecificConfigId;
            if (id >= all.Length)
            {
                throw new InvalidOperationException("the SoftAP interface has no configuration block");
            }

            return all[(int)id];
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
