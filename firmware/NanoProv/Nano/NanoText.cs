using System;
using System.Text;
using NanoProv.Platform;

namespace NanoProv.Nano
{
    /// <summary>
    /// The conversions between the provisioning core (SSIDs and passphrases as bytes) and the nanoFramework networking API
    /// (everything is a <c>string</c>), plus the limits of the native configuration storage. Pure code with no
    /// nanoFramework-only types, so the host tests run it too.
    /// </summary>
    public static class NanoText
    {
        /// <summary>Longest SSID the native configuration block stores: char Ssid[32] including the terminating NUL.</summary>
        public const int MaxStoredSsidBytes = 31;

        /// <summary>Longest passphrase the native configuration block stores: char Password[64] including the NUL.</summary>
        public const int MaxStoredPassphraseBytes = 63;

        /// <summary>
        /// Decodes UTF-8 bytes to a string only when the conversion is lossless: the bytes decode, contain no NUL, and
        /// encode back to exactly the same bytes. nanoFramework hands SSIDs and passwords to the native layer as C
        /// strings, so anything else would silently connect to (or store) a different network name.
        /// </summary>
        /// <returns>False when the bytes cannot travel as a string.</returns>
        public static bool TryDecodeExact(byte[] bytes, out string text)
        {
            text = null;
            if (bytes == null)
            {
                return false;
            }

            if (bytes.Length == 0)
            {
                text = string.Empty;
                return true;
            }

            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == 0)
                {
                    return false;
                }
            }

            string decoded;
            byte[] again;
            try
            {
                decoded = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
                again = Encoding.UTF8.GetBytes(decoded);
            }
            catch (Exception)
            {
                return false;
            }

            if (again.Length != bytes.Length)
            {
                return false;
            }

            for (int i = 0; i < again.Length; i++)
            {
                if (again[i] != bytes[i])
                {
                    return false;
                }
            }

            text = decoded;
            return true;
        }

        /// <summary>UTF-8 bytes of a string (empty array for null).</summary>
        public static byte[] Encode(string text)
        {
            return text == null || text.Length == 0 ? new byte[0] : Encoding.UTF8.GetBytes(text);
        }

        /// <summary>
        /// Removes the NUL padding the nanoFramework scan report leaves on SSIDs (they are decoded from a fixed 33-byte
        /// field) and anything after the first NUL.
        /// </summary>
        public static string CutAtNul(string text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\0')
                {
                    return text.Substring(0, i);
                }
            }

            return text;
        }

        /// <summary>
        /// Parses a BSSID as <c>WifiAvailableNetwork.Bsid</c> formats it ("AA-BB-CC-DD-EE-FF", BitConverter style; ':' is
        /// accepted too). Returns null for anything that is not exactly six hex pairs.
        /// </summary>
        public static byte[] ParseBssid(string text)
        {
            if (text == null || text.Length != 17)
            {
                return null;
            }

            byte[] result = new byte[6];
            for (int i = 0; i < 6; i++)
            {
                int p = i * 3;
                int hi = HexDigits.Value(text[p]);
                int lo = HexDigits.Value(text[p + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }

                if (i < 5 && text[p + 2] != '-' && text[p + 2] != ':')
                {
                    return null;
                }

                result[i] = (byte)((hi << 4) | lo);
            }

            return result;
        }

        /// <summary>True when a NetworkInterface IPv4 text holds a real address (not null, empty or 0.0.0.0).</summary>
        public static bool IsAssignedIPv4(string address)
        {
            return address != null && address.Length >= 7 && address != "0.0.0.0";
        }

        /// <summary>
        /// Checks a network against the native configuration storage: SSID 1..31 bytes, passphrase 0..63 bytes, both
        /// lossless as text (see <see cref="TryDecodeExact"/>). Returns null when it fits, otherwise the reason (never
        /// containing the passphrase).
        /// </summary>
        public static string CheckStorable(byte[] ssid, byte[] passphrase)
        {
            string ignored;
            if (ssid == null || ssid.Length == 0)
            {
                return "SSID is empty";
            }

            if (ssid.Length > MaxStoredSsidBytes)
            {
                return "SSID is " + ssid.Length.ToString() + " bytes; nanoFramework stores at most " + MaxStoredSsidBytes.ToString();
            }

            if (!TryDecodeExact(ssid, out ignored))
            {
                return "SSID is not NUL-free UTF-8 text; nanoFramework passes SSIDs as strings";
            }

            int passLength = passphrase == null ? 0 : passphrase.Length;
            if (passLength > MaxStoredPassphraseBytes)
            {
                return "passphrase is " + passLength.ToString() + " bytes; nanoFramework stores at most " +
                       MaxStoredPassphraseBytes.ToString() + " (a 64-digit hex PSK does not fit)";
            }

            if (passLength > 0 && !TryDecodeExact(passphrase, out ignored))
            {
                return "passphrase is not NUL-free UTF-8 text";
            }

            return null;
        }

        /// <summary>
        /// Maps <c>System.Device.Wifi.WifiConnectionStatus</c> (given as its number: AccessRevoked 0, InvalidCredential 1,
        /// NetworkNotAvailable 2, Success 3, Timeout 4, UnspecifiedFailure 5, UnsupportedAuthenticationProtocol 6) to the
        /// reason of a failed attempt. On ESP32 the native connect reports InvalidCredential for the authentication,
        /// 4-way-handshake, association and beacon-timeout disconnect reasons and NetworkNotAvailable for "no AP found";
        /// nothing finer is exposed, so nothing finer is claimed.
        /// </summary>
        public static WifiFailureReason FailureFromConnectionStatus(int connectionStatus)
        {
            switch (connectionStatus)
            {
                case 0: // AccessRevoked (never produced on ESP32)
                case 1: // InvalidCredential
                case 6: // UnsupportedAuthenticationProtocol (never produced on ESP32)
                    return WifiFailureReason.AuthenticationFailed;
                case 2: // NetworkNotAvailable
                    return WifiFailureReason.NetworkNotFound;
                case 4: // Timeout: Connect gave up after 20 s without association
                    return WifiFailureReason.AssociationTimeout;
                default: // UnspecifiedFailure and anything new
                    return WifiFailureReason.Other;
            }
        }
    }
}
