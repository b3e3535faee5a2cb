using NanoProv.Platform;

namespace NanoProv.App
{
    /// <summary>Hex text to bytes for the configuration constants (nanoFramework has no Convert.FromHexString).</summary>
    public static class HexText
    {
        /// <summary>Parses an even number of hex digits (whitespace ignored). Throws <see cref="System.FormatException"/> otherwise.</summary>
        public static byte[] Parse(string hex)
        {
            if (hex == null)
            {
                throw new System.FormatException("hex text is null");
            }

            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (!IsSpace(hex[i]))
                {
                    if (HexDigits.Value(hex[i]) < 0)
                    {
                        throw new System.FormatException("not a hex digit at position " + i.ToString());
                    }

                    digits++;
                }
            }

            if ((digits & 1) != 0)
            {
                throw new System.FormatException("odd number of hex digits");
            }

            byte[] result = new byte[digits / 2];
            int n = 0;
            int high = -1;
            for (int i = 0; i < hex.Length; i++)
            {
                if (IsSpace(hex[i]))
                {
                    continue;
                }

                int v = HexDigits.Value(hex[i]);
                if (high < 0)
                {
                    high = v;
                }
                else
                {
                    result[n++] = (byte)((high << 4) | v);
                    high = -1;
                }
            }

            return result;
        }

        private static bool IsSpace(char c)
        {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
    }
}
