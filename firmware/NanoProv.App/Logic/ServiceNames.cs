namespace NanoProv.App
{
    /// <summary>
    /// The provisioning service name (SoftAP SSID and BLE device name): a prefix plus the last three bytes of the station
    /// MAC address in upper-case hex, as ESP-IDF's provisioning example does ("PROV_" + "1A2B3C"). The phone apps list
    /// only devices whose name starts with their prefix filter ("PROV_" by default).
    /// </summary>
    public static class ServiceNames
    {
        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>Builds the name; a missing or short MAC gives prefix + "000000".</summary>
        public static string FromMac(string prefix, byte[] mac)
        {
            char[] suffix = new char[6];
            for (int i = 0; i < 3; i++)
            {
                int value = mac != null && mac.Length >= 3 ? mac[mac.Length - 3 + i] : 0;
                suffix[i * 2] = HexDigits[value >> 4];
                suffix[(i * 2) + 1] = HexDigits[value & 0x0F];
            }

            return (prefix == null ? string.Empty : prefix) + new string(suffix);
        }
    }
}
