namespace NanoProv.Platform
{
    /// <summary>
    /// Hexadecimal digits for the few places that read or print hex text (UUIDs, BSSIDs, configuration constants,
    /// logs). nanoFramework has no Convert.FromHexString / ToHexString.
    /// </summary>
    public static class HexDigits
    {
        /// <summary>The value 0..15 of a hex digit (either case), or -1 when <paramref name="c"/> is not one.</summary>
        public static int Value(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        /// <summary>The lower-case hex digit of a value 0..15.</summary>
        public static char Lower(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }
    }
}
