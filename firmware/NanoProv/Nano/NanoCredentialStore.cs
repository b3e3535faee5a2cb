using System;
using System.Net.NetworkInformation;
using NanoProv.Platform;

namespace NanoProv.Nano
{
    /// <summary>
    /// <see cref="ICredentialStore"/> over the station's <c>Wireless80211Configuration</c> block, which the ESP32 firmware
    /// keeps in the littlefs "config" partition (plaintext; a full flash erase removes it).
    /// <list type="bullet">
    /// <item>The block of the Wireless80211 interface is selected through <c>NetworkInterface.SpecificConfigId</c>,
    /// never by array position.</item>
    /// <item>Every write ends with an explicit <c>SaveConfiguration()</c>; the connect call is never relied on to persist
    /// anything.</item>
    /// <item><c>Ssid</c> and <c>Password</c> are always non-null ("" for none): the native code faults on null.</item>
    /// <item>Limits of the native block are checked before writing (SSID 1..31 bytes, passphrase at most 63 bytes, both
    /// lossless as text), so a too-long value fails with a clear <see cref="ArgumentException"/> and nothing is written.</item>
    /// <item>Options are written as <c>Enable</c> without <c>AutoConnect</c>: the station stays on (scans work and the
    /// SoftAP runs as AP+STA) but the firmware does not start its own connection at boot; the application connects
    /// explicitly, with a timeout, and falls back to provisioning.</item>
    /// <item>Clearing writes an empty SSID and password (the documented way to erase) and keeps the station enabled.</item>
    /// </list>
    /// BSSID and channel hints are not stored: the nanoFramework block has no fields for them.
    /// </summary>
    public sealed class NanoCredentialStore : ICredentialStore
    {
        private readonly object _sync = new object();

        /// <inheritdoc />
        public StoredNetwork Load()
        {
            lock (_sync)
            {
                Wireless80211Configuration config = StationConfiguration();
                string ssid = config.Ssid;
                if (ssid == null || ssid.Length == 0)
                {
                    return null;
                }

                return new StoredNetwork(NanoText.Encode(ssid), NanoText.Encode(config.Password), null, 0);
            }
        }

        /// <inheritdoc />
        public void Save(StoredNetwork network)
        {
            if (network == null)
            {
                throw new ArgumentNullException("network");
            }

            string problem = NanoText.CheckStorable(network.Ssid, network.Passphrase);
            if (problem != null)
            {
                throw new ArgumentException(problem);
            }

            string ssid;
            string password;
            NanoText.TryDecodeExact(network.Ssid, out ssid);
            NanoText.TryDecodeExact(network.Passphrase, out password);

            lock (_sync)
            {
                Wireless80211Configuration config = StationConfiguration();
                config.Ssid = ssid;
                config.Password = password;
                bool open = password.Length == 0;
                config.Authentication = open ? AuthenticationType.Open : AuthenticationType.WPA2;
                config.Encryption = open ? EncryptionType.None : EncryptionType.WPA2_PSK;
                config.Options = Wireless80211Configuration.ConfigurationOptions.Enable;
                config.SaveConfiguration();
            }
        }

        /// <inheritdoc />
        public void Clear()
        {
            lock (_sync)
            {
                Wireless80211Configuration config = StationConfiguration();
                bool hasSsid = config.Ssid != null && config.Ssid.Length > 0;
                bool hasPassword = config.Password != null && config.Password.Length > 0;
                if (!hasSsid && !hasPassword)
                {
                    return;
                }

                config.Ssid = string.Empty;
                config.Password = string.Empty;
                config.Authentication = AuthenticationType.Open;
                config.Encryption = EncryptionType.None;
                config.Options = Wireless80211Configuration.ConfigurationOptions.Enable;
                config.SaveConfiguration();
            }
        }

        /// <summary>
        /// Makes sure the station configuration has the Enable bit (needed for scanning and for AP+STA while the SoftAP
        /// runs) without touching the stored network. Returns true when the block had to be rewritten; the new mode is
        /// applied when Wi-Fi starts next, that is after a reboot.
        /// </summary>
        public bool EnsureStationEnabled()
        {
            lock (_sync)
            {
                Wireless80211Configuration config = StationConfiguration();
                if ((config.Options & Wireless80211Configuration.ConfigurationOptions.Enable) != 0)
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

                config.Options = Wireless80211Configuration.ConfigurationOptions.Enable;
                config.SaveConfiguration();
                return true;
            }
        }

        /// <summary>The configuration block of the Wireless80211 (station) interface.</summary>
        /// <exception cref="InvalidOperationException">The firmware has no Wi-Fi station interface.</exception>
        public static Wireless80211Configuration StationConfiguration()
        {
            NetworkInterface station = NanoNetwork.FindInterface(NetworkInterfaceType.Wireless80211);
            if (station == null)
            {
                throw new InvalidOperationException("this firmware has no Wi-Fi station interface");
            }

            Wireless80211Configuration[] all = Wireless80211Configuration.GetAllWireless80211Configurations();
            uint id = station.SpecificConfigId;
            if (id >= all.Length)
            {
                throw new InvalidOperationException("the Wi-Fi station interface has no configuration block");
            }

            return all[(int)id];
        }
    }
}
