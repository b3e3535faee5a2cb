using System;
using NanoProv.Platform;

namespace NanoProv.Transports
{
    /// <summary>
    /// A 128-bit Bluetooth UUID, kept as the 16 bytes in the order they travel over the air
    /// (little-endian: byte 0 is the last byte of the canonical string, byte 15 the first).
    /// Immutable; compares by value. Portable (no System.Guid, whose byte order differs between runtimes).
    /// </summary>
    public sealed class BleUuid
    {
        /// <summary>Length of a UUID in bytes.</summary>
        public const int Length = 16;

        /// <summary>Length of the canonical text form ("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx").</summary>
        public const int TextLength = 36;

        private static readonly BleUuid BaseUuid = Parse("00000000-0000-1000-8000-00805f9b34fb");

        private readonly byte[] _bytes;

        private BleUuid(byte[] littleEndianBytes)
        {
            _bytes = littleEndianBytes;
        }

        /// <summary>
        /// Wraps a copy of 16 bytes given in over-the-air (little-endian) order.
        /// </summary>
        /// <exception cref="ArgumentNullException">bytes is null.</exception>
        /// <exception cref="ArgumentException">offset/length do not leave 16 bytes.</exception>
        public static BleUuid FromLittleEndian(byte[] bytes, int offset)
        {
            if (bytes == null)
            {
                throw new ArgumentNullException("bytes");
            }

            if (offset < 0 || offset + Length > bytes.Length)
            {
                throw new ArgumentException("a UUID needs 16 bytes");
            }

            byte[] copy = new byte[Length];
            Array.Copy(bytes, offset, copy, 0, Length);
            return new BleUuid(copy);
        }

        /// <summary>
        /// The Bluetooth base UUID with a 16-bit short id (0000xxxx-0000-1000-8000-00805f9b34fb),
        /// for example 0x2901 (Characteristic User Description).
        /// </summary>
        public static BleUuid FromShortId(ushort shortId)
        {
            return BaseUuid.WithShortId(shortId);
        }

        /// <summary>
        /// Parses the canonical 36-character form (hex digits in either case, dashes at 8, 13, 18, 23).
        /// </summary>
        /// <exception cref="ArgumentNullException">text is null.</exception>
        /// <exception cref="ArgumentException">text is not a canonical UUID.</exception>
        public static BleUuid Parse(string text)
        {
            BleUuid result = TryParse(text);
            if (result == null)
            {
                if (text == null)
                {
                    throw new ArgumentNullException("text");
                }

                throw new ArgumentException("not a UUID of the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
            }

            return result;
        }

        /// <summary>Parses the canonical form; returns null when the text is not a UUID.</summary>
        public static BleUuid TryParse(string text)
        {
            if (text == null || text.Length != TextLength)
            {
                return null;
            }

            byte[] bytes = new byte[Length];
            int byteIndex = Length - 1;
            int i = 0;
            while (i < TextLength)
            {
                if (i == 8 || i == 13 || i == 18 || i == 23)
                {
                    if (text[i] != '-')
                    {
                        return null;
                    }

                    i++;
                    continue;
                }

                int high = HexDigits.Value(text[i]);
                int low = HexDigits.Value(text[i + 1]);
                if (high < 0 || low < 0)
                {
                    return null;
                }

                bytes[byteIndex] = (byte)((high << 4) | low);
                byteIndex--;
                i += 2;
            }

            return new BleUuid(bytes);
        }

        /// <summary>
        /// The 16-bit value at bytes 12–13 (little-endian), i.e. the low 16 bits of the first group of the text form.
        /// For a characteristic of the provisioning service it is the endpoint id (0xFF51 for prov-session).
        /// </summary>
        public ushort ShortId
        {
            get { return (ushort)(_bytes[12] | (_bytes[13] << 8)); }
        }

        /// <summary>
        /// A copy of this UUID with bytes 12–13 replaced by <paramref name="shortId"/> (little-endian),
        /// which is how ESP-IDF derives each endpoint's characteristic UUID from the service UUID.
        /// </summary>
        public BleUuid WithShortId(ushort shortId)
        {
            byte[] copy = new byte[Length];
            Array.Copy(_bytes, copy, Length);
            copy[12] = (byte)(shortId & 0xFF);
            copy[13] = (byte)(shortId >> 8);
            return new BleUuid(copy);
        }

        /// <summary>A copy of the 16 bytes in over-the-air (little-endian) order.</summary>
        public byte[] ToLittleEndianBytes()
        {
            byte[] copy = new byte[Length];
            Array.Copy(_bytes, copy, Length);
            return copy;
        }

        /// <summary>Copies the 16 over-the-air bytes into <paramref name="destination"/> at <paramref name="offset"/>.</summary>
        public void CopyTo(byte[] destination, int offset)
        {
            Array.Copy(_bytes, 0, destination, offset, Length);
        }

        /// <summary>True when the 16 bytes at <paramref name="offset"/> are this UUID in over-the-air order.</summary>
        public bool Matches(byte[] littleEndianBytes, int offset)
        {
            if (littleEndianBytes == null || offset < 0 || offset + Length > littleEndianBytes.Length)
            {
                return false;
            }

            for (int i = 0; i < Length; i++)
            {
                if (littleEndianBytes[offset + i] != _bytes[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The canonical lower-case text form, for example "1775244d-6b43-439b-877c-060f2d9bed07".</summary>
        public override string ToString()
        {
            char[] text = new char[TextLength];
            int pos = 0;
            for (int byteIndex = Length - 1; byteIndex >= 0; byteIndex--)
            {
                if (pos == 8 || pos == 13 || pos == 18 || pos == 23)
                {
                    text[pos++] = '-';
                }

                byte b = _bytes[byteIndex];
                text[pos++] = HexDigits.Lower(b >> 4);
                text[pos++] = HexDigits.Lower(b & 0x0F);
            }

            return new string(text);
        }

        /// <summary>Value equality.</summary>
        public override bool Equals(object obj)
        {
            BleUuid other = obj as BleUuid;
            return other != null && Matches(other._bytes, 0);
        }

        /// <summary>Hash of the bytes.</summary>
        public override int GetHashCode()
        {
            int hash = 17;
            for (int i = 0; i < Length; i++)
            {
                hash = (hash * 31) + _bytes[i];
            }

            return hash;
        }
    }
}
