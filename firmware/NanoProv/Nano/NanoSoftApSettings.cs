namespace NanoProv.Nano
{
    /// <summary>What <see cref="NanoSoftAp"/> configures: the provisioning access point and the network it serves.</summary>
    public sealed class NanoSoftApSettings
    {
        /// <summary>Creates settings with ESP-IDF's SoftAP defaults (192.168.4.1/24, channel 1, up to 4 clients).</summary>
        public NanoSoftApSettings()
        {
            Address = "192.168.4.1";
            SubnetMask = "255.255.255.0";
            Channel = 1;
            MaxConnections = 4;
            DhcpLeaseSeconds = 1200;
        }

        /// <summary>The access point name (normally the service name "PROV_xxxxxx"); 1..31 characters.</summary>
        public string Ssid { get; set; }

        /// <summary>
        /// Optional WPA2 passphrase (8..63 printable ASCII characters); null or empty runs an open access point, like
        /// ESP-IDF's SoftAP scheme without a service key. Secret: never logged.
        /// </summary>
        public string Passphrase { get; set; }

        /// <summary>Address of the device on its own network, also the DHCP server and gateway (default 192.168.4.1).</summary>
        public string Address { get; set; }

        /// <summary>Subnet mask of the access point network (default 255.255.255.0; the DHCP package serves a /24).</summary>
        public string SubnetMask { get; set; }

        /// <summary>Wi-Fi channel 1..13 (default 1). In AP+STA mode the radio follows the station's channel once it joins.</summary>
        public int Channel { get; set; }

        /// <summary>Simultaneous clients 1..10 (default 4; the firmware caps it at ESP-IDF's limit).</summary>
        public int MaxConnections { get; set; }

        /// <summary>DHCP lease time offered to clients, in seconds (default 1200).</summary>
        public int DhcpLeaseSeconds { get; set; }

        /// <summary>
        /// Returns null when the settings can be written to the nanoFramework AP configuration block, otherwise why not
        /// (never containing the passphrase). The block's own validation (SSID shorter than 32 characters, passphrase
        /// 8..63 unless open, MaxConnections at least 1) would otherwise throw only at SaveConfiguration.
        /// </summary>
        public string Validate()
        {
            if (Ssid == null || Ssid.Length == 0 || Ssid.Length > 31)
            {
                return "SoftAP SSID must be 1..31 characters";
            }

            if (NanoText.Encode(Ssid).Length > NanoText.MaxStoredSsidBytes)
            {
                return "SoftAP SSID must be at most 31 bytes in UTF-8";
            }

            if (Passphrase != null && Passphrase.Length > 0)
            {
                if (Passphrase.Length < 8 || Passphrase.Length > 63)
                {
                    return "SoftAP passphrase must be 8..63 characters (or empty for an open access point)";
                }

                for (int i = 0; i < Passphrase.Length; i++)
                {
                    char c = Passphrase[i];
                    if (c < ' ' || c > '~')
                    {
                        return "SoftAP passphrase must be printable ASCII (WPA2 passphrase rules)";
                    }
                }
            }

            if (!IsDottedQuad(Address) || !IsDottedQuad(SubnetMask))
            {
                return "SoftAP address and subnet mask must be dotted IPv4 addresses";
            }

            if (Channel < 1 || Channel > 13)
            {
                return "SoftAP channel must be 1..13";
            }

            if (MaxConnections < 1 || MaxConnections > 10)
            {
                return "SoftAP MaxConnections must be 1..10";
            }

            if (DhcpLeaseSeconds < 60 || DhcpLeaseSeconds > 65535)
            {
                return "DHCP lease must be 60..65535 seconds";
            }

            return null;
        }

        /// <summary>True for four decimal numbers 0..255 separated by dots.</summary>
        public static bool IsDottedQuad(string text)
        {
            if (text == null || text.Length < 7 || text.Length > 15)
            {
                return false;
            }

            int parts = 0;
            int value = -1;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == '.')
                {
                    if (value < 0 || value > 255)
                    {
                        return false;
                    }

                    parts++;
                    value = -1;
                    continue;
                }

                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }

            return parts == 4;
        }
    }
}
