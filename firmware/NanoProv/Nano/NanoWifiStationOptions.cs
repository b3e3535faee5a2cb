namespace NanoProv.Nano
{
    /// <summary>Settings of <see cref="NanoWifiStation"/>.</summary>
    public sealed class NanoWifiStationOptions
    {
        /// <summary>ESP-IDF wifi_auth_mode_t value of WPA2-PSK.</summary>
        public const int AuthModeWpa2Psk = 3;

        /// <summary>Creates the defaults.</summary>
        public NanoWifiStationOptions()
        {
            DhcpTimeoutMilliseconds = 15000;
            DisconnectSettleMilliseconds = 2000;
            UnknownAuthMode = AuthModeWpa2Psk;
        }

        /// <summary>
        /// How long the station waits for an IPv4 address after <c>WifiAdapter.Connect</c> reported association
        /// (default 15 s). The provisioning manager has its own DHCP timer; keep this one equal or shorter so the
        /// adapter's <see cref="NanoProv.Platform.WifiFailureReason.DhcpTimeout"/> is what clients see.
        /// </summary>
        public int DhcpTimeoutMilliseconds { get; set; }

        /// <summary>
        /// After dropping the previous connection, how long to wait for the old address to disappear before connecting
        /// (default 2 s). If it lingers, the new address only counts once an address-change event was seen, so a stale
        /// address is never reported as "connected".
        /// </summary>
        public int DisconnectSettleMilliseconds { get; set; }

        /// <summary>
        /// The auth mode reported for scanned networks and for the joined network when a passphrase was used
        /// (default 3, WPA2-PSK). nanoFramework's scan report drops the auth mode the radio knows, so the real value is
        /// not available; WPA2-PSK makes the phone apps always show the passphrase field (an open network then works
        /// with an empty passphrase), whereas reporting "open" would make them skip it for protected networks.
        /// </summary>
        public int UnknownAuthMode { get; set; }
    }
}
