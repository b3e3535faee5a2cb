using System;
using System.Text;

namespace NanoProv.Wire
{
    /// <summary>
    /// Protobuf encoder into a caller-sized byte[] slice. Field helpers follow proto3 rules: a zero value
    /// (0, false, null or empty) is not written unless <c>force</c> is true, which generated code passes for
    /// the selected member of a oneof. The static Size* helpers return exactly what the Write* helpers emit,
    /// so a message is sized first and then written into an exact-size array.
    /// </summary>
    public sealed class ProtoWriter
    {
        private readonly byte[] _buffer;
        private readonly int _start;
        private readonly int _end;
        private int _pos;

        /// <summary>Creates a writer over <paramref name="count"/> bytes of <paramref name="buffer"/> starting at <paramref name="offset"/>.</summary>
        public ProtoWriter(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            _buffer = buffer;
            _start = offset;
            _pos = offset;
            _end = offset + count;
        }

        /// <summary>Bytes written so far.</summary>
        public int Length
        {
            get { return _pos - _start; }
        }

        /// <summary>Serializes <paramref name="message"/> into a new array of exactly the right size.</summary>
        public static byte[] Serialize(IProtoMessage message)
        {
            int size = message.CalculateSize();
            byte[] result = new byte[size];
            WriteExact(message, result, 0, size);
            return result;
        }

        /// <summary>
        /// Serializes <paramref name="message"/> into <paramref name="buffer"/> at <paramref name="offset"/>
        /// without allocating; returns the number of bytes written.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The buffer is too small.</exception>
        public static int Serialize(IProtoMessage message, byte[] buffer, int offset)
        {
            int size = message.CalculateSize();
            if (buffer == null || offset < 0 || offset > buffer.Length || size > buffer.Length - offset)
            {
                throw new ArgumentOutOfRangeException("buffer", "buffer too small for the message");
            }

            WriteExact(message, buffer, offset, size);
            return size;
        }

        private static void WriteExact(IProtoMessage message, byte[] buffer, int offset, int size)
        {
            ProtoWriter writer = new ProtoWriter(buffer, offset, size);
            message.WriteTo(writer);
            if (writer._pos != writer._end)
            {
                throw new InvalidOperationException("message changed while it was being serialized");
            }
        }

        // ---- sizes -------------------------------------------------------------------------------

        /// <summary>Encoded size of an unsigned varint.</summary>
        public static int SizeVarint(ulong value)
        {
            int n = 1;
            while (value >= 0x80UL)
            {
                value >>= 7;
                n++;
            }

            return n;
        }

        /// <summary>Encoded size of a field key.</summary>
        public static int SizeTag(int field)
        {
            return SizeVarint((ulong)((uint)field << 3));
        }

        /// <summary>Size of an int32/enum field (negative values take 10 bytes).</summary>
        public static int SizeInt32(int field, int value, bool force)
        {
            if (value == 0 && !force)
            {
                return 0;
            }

            return SizeTag(field) + (value < 0 ? 10 : SizeVarint((ulong)value));
        }

        /// <summary>Size of a uint32 field.</summary>
        public static int SizeUInt32(int field, uint value, bool force)
        {
            if (value == 0 && !force)
            {
                return 0;
            }

            return SizeTag(field) + SizeVarint(value);
        }

        /// <summary>Size of a bool field.</summary>
        public static int SizeBool(int field, bool value, bool force)
        {
            if (!value && !force)
            {
                return 0;
            }

            return SizeTag(field) + 1;
        }

        /// <summary>Size of a bytes field (null counts as empty).</summary>
        public static int SizeBytes(int field, byte[] value, bool force)
        {
            int length = value == null ? 0 : value.Length;
            if (length == 0 && !force)
            {
                return 0;
            }

            return SizeTag(field) + SizeVarint((ulong)length) + length;
        }

        /// <summary>Size of a string field (UTF-8; null counts as empty).</summary>
        public static int SizeString(int field, string value, bool force)
        {
            if ((value == null || value.Length == 0) && !force)
            {
                return 0;
            }

            int length = value == null || value.Length == 0 ? 0 : Encoding.UTF8.GetBytes(value).Length;
            return SizeTag(field) + SizeVarint((ulong)length) + length;
        }

        /// <summary>Size of a sub-message field; a null message is absent and takes 0 bytes.</summary>
        public static int SizeMessage(int field, IProtoMessage value)
        {
            if (value == null)
            {
                return 0;
            }

            int length = value.CalculateSize();
            return SizeTag(field) + SizeVarint((ulong)length) + length;
        }

        // ---- writes ------------------------------------------------------------------------------

        /// <summary>Writes an unsigned varint.</summary>
        public void WriteVarint(ulong value)
        {
            while (value >= 0x80UL)
            {
                WriteByte((byte)(value | 0x80UL));
                value >>= 7;
            }

            WriteByte((byte)value);
        }

        /// <summary>Writes a field key.</summary>
        public void WriteTag(int field, int wireType)
        {
            WriteVarint((ulong)(((uint)field << 3) | (uint)wireType));
        }

        /// <summary>Writes an int32/enum field; negative values are sign-extended to a 10-byte varint.</summary>
        public void WriteInt32(int field, int value, bool force)
        {
            if (value == 0 && !force)
            {
                return;
            }

            WriteTag(field, ProtoReader.WireVarint);
            WriteVarint(unchecked((ulong)(long)value));
        }

        /// <summary>Writes a uint32 field.</summary>
        public void WriteUInt32(int field, uint value, bool force)
        {
            if (value == 0 && !force)
            {
                return;
            }

            WriteTag(field, ProtoReader.WireVarint);
            WriteVarint(value);
        }

        /// <summary>Writes a bool field.</summary>
        public void WriteBool(int field, bool value, bool force)
        {
            if (!value && !force)
            {
                return;
            }

            WriteTag(field, ProtoReader.WireVarint);
            WriteByte(value ? (byte)1 : (byte)0);
        }

        /// <summary>Writes a bytes field (null counts as empty).</summary>
        public void WriteBytes(int field, byte[] value, bool force)
        {
            int length = value == null ? 0 : value.Length;
            if (length == 0 && !force)
            {
                return;
            }

            WriteTag(field, ProtoReader.WireLengthDelimited);
            WriteVarint((ulong)length);
            WriteRaw(value, 0, length);
        }

        /// <summary>Writes a string field as UTF-8 (null counts as empty).</summary>
        public void WriteString(int field, string value, bool force)
        {
            if (value == null || value.Length == 0)
            {
                WriteBytes(field, null, force);
                return;
            }

            WriteBytes(field, Encoding.UTF8.GetBytes(value), true);
        }

        /// <summary>Writes a sub-message field (length prefix, then its fields); null writes nothing.</summary>
        public void WriteMessage(int field, IProtoMessage value)
        {
            if (value == null)
            {
                return;
            }

            WriteTag(field, ProtoReader.WireLengthDelimited);
            WriteVarint((ulong)value.CalculateSize());
            value.WriteTo(this);
        }

        /// <summary>Copies raw bytes.</summary>
        public void WriteRaw(byte[] data, int offset, int count)
        {
            if (count == 0)
            {
                return;
            }

            if (_end - _pos < count)
            {
                throw new InvalidOperationException("protobuf output buffer too small");
            }

            Array.Copy(data, offset, _buffer, _pos, count);
            _pos += count;
        }

        private void WriteByte(byte value)
        {
            if (_pos >= _end)
            {
                throw new InvalidOperationException("protobuf output buffer too small");
            }

            _buffer[_pos++] = value;
        }
    }
}
