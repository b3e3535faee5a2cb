namespace NanoProv.Security
{
    /// <summary>Small byte-array helpers (nanoFramework has no Span, Array.Fill or Buffer.BlockCopy).</summary>
    public static class ByteUtil
    {
        /// <summary>Returns a new array with data[offset..offset+count).</summary>
        public static byte[] Copy(byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            if (count > 0)
            {
                System.Array.Copy(data, offset, copy, 0, count);
            }

            return copy;
        }

        /// <summary>Overwrites the whole array with zeros; null is ignored.</summary>
        public static void Wipe(byte[] data)
        {
            if (data != null)
            {
                System.Array.Clear(data, 0, data.Length);
            }
        }

        /// <summary>Writes <paramref name="value"/> big-endian into buffer[offset..offset+4).</summary>
        public static void WriteUInt32BigEndian(uint value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        /// <summary>Reads a big-endian unsigned 32-bit value from buffer[offset..offset+4).</summary>
        public static uint ReadUInt32BigEndian(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        /// <summary>True when data and the range offset/count describe a valid slice.</summary>
        public static bool IsValidRange(byte[] data, int offset, int count)
        {
            return data != null && offset >= 0 && count >= 0 && offset <= data.Length - count;
        }

        /// <summary>True when two slices have the same length and bytes (not constant-time; for non-secret data).</summary>
        public static bool SameBytes(byte[] a, byte[] b, int bOffset, int bCount)
        {
            if (a == null || a.Length != bCount)
            {
                return false;
            }

            for (int i = 0; i < bCount; i++)
            {
                if (a[i] != b[bOffset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
