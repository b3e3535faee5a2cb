namespace NanoProv.Provisioning
{
    /// <summary>Small byte-array helpers usable on nanoFramework (no Span, no LINQ).</summary>
    internal static class Bytes
    {
        /// <summary>Returns a copy of <paramref name="source"/>, or an empty array for null.</summary>
        public static byte[] CopyOrEmpty(byte[] source)
        {
            if (source == null)
            {
                return new byte[0];
            }

            byte[] copy = new byte[source.Length];
            System.Array.Copy(source, copy, source.Length);
            return copy;
        }

        /// <summary>Returns a copy of <paramref name="source"/>, or null for null or empty.</summary>
        public static byte[] CopyOrNull(byte[] source)
        {
            return source == null || source.Length == 0 ? null : CopyOrEmpty(source);
        }

        /// <summary>True when both arrays have the same length and content (null equals empty). Not constant time.</summary>
        public static bool AreEqual(byte[] a, byte[] b)
        {
            int la = a == null ? 0 : a.Length;
            int lb = b == null ? 0 : b.Length;
            if (la != lb)
            {
                return false;
            }

            for (int i = 0; i < la; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Overwrites the array with zeros (null is ignored).</summary>
        public static void Wipe(byte[] data)
        {
            if (data != null)
            {
                System.Array.Clear(data, 0, data.Length);
            }
        }

        /// <summary>
        /// Printable form of an SSID for logs: the UTF-8 text when every byte is printable ASCII, else hex.
        /// (SSIDs are not secret; passphrases never go through here.)
        /// </summary>
        public static string SsidForLog(byte[] ssid)
        {
            if (ssid == null)
            {
                return "\"\"";
            }

            bool printable = true;
            for (int i = 0; i < ssid.Length; i++)
            {
                if (ssid[i] < 0x20 || ssid[i] > 0x7E)
                {
                    printable = false;
                    break;
                }
            }

            if (printable)
            {
                return "\"" + System.Text.Encoding.UTF8.GetString(ssid, 0, ssid.Length) + "\"";
            }

            char[] chars = new char[ssid.Length * 2];
            for (int i = 0; i < ssid.Length; i++)
            {
                chars[2 * i] = Platform.HexDigits.Lower(ssid[i] >> 4);
                chars[2 * i + 1] = Platform.HexDigits.Lower(ssid[i] & 0x0F);
            }

            return "hex:" + new string(chars);
        }
    }
}
