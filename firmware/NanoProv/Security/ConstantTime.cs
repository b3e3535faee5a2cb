namespace NanoProv.Security
{
    /// <summary>
    /// Comparisons whose running time does not depend on where (or whether) the inputs differ.
    /// Used for every token, proof and tag the core checks.
    /// </summary>
    public static class ConstantTime
    {
        /// <summary>
        /// Compares <paramref name="count"/> bytes of <paramref name="a"/> (from <paramref name="aOffset"/>)
        /// with <paramref name="b"/> (from <paramref name="bOffset"/>). Every byte is always visited.
        /// Returns false when an argument is null or a range lies outside its buffer.
        /// </summary>
        public static bool AreEqual(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            if (a == null || b == null || count < 0 || aOffset < 0 || bOffset < 0)
            {
                return false;
            }

            if (aOffset > a.Length - count || bOffset > b.Length - count)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i];
            }

            return difference == 0;
        }

        /// <summary>Compares two whole arrays; arrays of different length are unequal.</summary>
        public static bool AreEqual(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            return AreEqual(a, 0, b, 0, a.Length);
        }
    }
}
