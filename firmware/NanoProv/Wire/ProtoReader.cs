using System;
using System.Collections;
using System.Text;

namespace NanoProv.Wire
{
    /// <summary>
    /// Forward-only protobuf decoder over a byte[] slice. Every read is bounds-checked against the end
    /// of the current (possibly nested) message, so hostile input can only ever produce a
    /// <see cref="ProtoException"/>; no allocation is larger than the remaining input.
    /// Typical use (what the generated MergeFrom methods do):
    /// <code>while (r.NextField()) { switch (r.Field) { case 1: X = r.ReadInt32(); break; default: r.SkipField(); break; } }</code>
    /// </summary>
    public sealed class ProtoReader
    {
        /// <summary>Maximum nesting of length-delimited sub-messages (the top-level message is depth 0).</summary>
        public const int MaxDepth = 16;

        /// <summary>Wire type 0: varint.</summary>
        public const int WireVarint = 0;
        /// <summary>Wire type 1: 64-bit little-endian.</summary>
        public const int WireFixed64 = 1;
        /// <summary>Wire type 2: length-delimited.</summary>
        public const int WireLengthDelimited = 2;
        /// <summary>Wire type 5: 32-bit little-endian.</summary>
        public const int WireFixed32 = 5;

        private static readonly byte[] NoBytes = new byte[0];

        private readonly byte[] _data;
        private readonly int _start;
        private int _pos;
        private int _limit;
        private int _depth;
        private int _tagStart;
        private int _field;
        private int _wireType;

        /// <summary>Creates a reader over <paramref name="count"/> bytes of <paramref name="data"/> starting at <paramref name="offset"/>.</summary>
        /// <exception cref="ProtoException">The buffer is null or the slice lies outside it.</exception>
        public ProtoReader(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ProtoException("no input buffer", 0);
            }

            if (offset < 0 || count < 0 || offset > data.Length || count > data.Length - offset)
            {
                throw new ProtoException("offset/count outside the input buffer", 0);
            }

            _data = data;
            _start = offset;
            _pos = offset;
            _limit = offset + count;
        }

        /// <summary>Field number of the field read by the last successful <see cref="NextField"/>.</summary>
        public int Field
        {
            get { return _field; }
        }

        /// <summary>Wire type (0, 1, 2 or 5) of the field read by the last successful <see cref="NextField"/>.</summary>
        public int WireType
        {
            get { return _wireType; }
        }

        /// <summary>Current position, relative to the first byte of the input slice.</summary>
        public int Offset
        {
            get { return _pos - _start; }
        }

        /// <summary>Current nesting depth (0 while reading the top-level message).</summary>
        public int Depth
        {
            get { return _depth; }
        }

        /// <summary>
        /// Parses a whole top-level message from the slice into <paramref name="message"/>.
        /// </summary>
        /// <exception cref="ProtoException">The input is malformed.</exception>
        public static void ParseInto(IProtoMessage message, byte[] data, int offset, int count)
        {
            ProtoReader reader = new ProtoReader(data, offset, count);
            message.MergeFrom(reader);
        }

        /// <summary>
        /// Reads the next field key. Returns false at the end of the current message.
        /// Rejects field number 0, tags wider than 32 bits, groups (wire types 3 and 4) and wire types 6 and 7.
        /// </summary>
        public bool NextField()
        {
            if (_pos >= _limit)
            {
                return false;
            }

            _tagStart = _pos;
            ulong tag = ReadRawVarint();
            if (tag > 0xFFFFFFFFUL)
            {
                throw Fail("field key wider than 32 bits", _tagStart);
            }

            int wireType = (int)(tag & 7UL);
            int field = (int)(tag >> 3);
            if (field == 0)
            {
                throw Fail("field number 0", _tagStart);
            }

            if (wireType == 3 || wireType == 4)
            {
                throw Fail("groups (wire type 3/4) are not supported", _tagStart);
            }

            if (wireType > 5)
            {
                throw Fail("invalid wire type " + wireType.ToString(), _tagStart);
            }

            _field = field;
            _wireType = wireType;
            return true;
        }

        /// <summary>Skips the value of the current field, whatever its wire type.</summary>
        public void SkipField()
        {
            switch (_wireType)
            {
                case WireVarint:
                    ReadRawVarint();
                    break;
                case WireFixed64:
                    Advance(8);
                    break;
                case WireFixed32:
                    Advance(4);
                    break;
                default:
                    int length = ReadRawLength();
                    _pos += length;
                    break;
            }
        }

        /// <summary>Reads an int32 or enum value (varint; 64-bit values are truncated to the low 32 bits as protobuf specifies).</summary>
        public int ReadInt32()
        {
            Expect(WireVarint);
            return unchecked((int)ReadRawVarint());
        }

        /// <summary>Reads a uint32 value (varint, truncated to the low 32 bits).</summary>
        public uint ReadUInt32()
        {
            Expect(WireVarint);
            return unchecked((uint)ReadRawVarint());
        }

        /// <summary>Reads a bool value (any non-zero varint is true).</summary>
        public bool ReadBool()
        {
            Expect(WireVarint);
            return ReadRawVarint() != 0UL;
        }

        /// <summary>Reads a bytes value. A zero-length value gives a shared empty array.</summary>
        public byte[] ReadBytes()
        {
            Expect(WireLengthDelimited);
            int length = ReadRawLength();
            if (length == 0)
            {
                return NoBytes;
            }

            byte[] value = new byte[length];
            Array.Copy(_data, _pos, value, 0, length);
            _pos += length;
            return value;
        }

        /// <summary>Reads a string value; the bytes must be well-formed UTF-8.</summary>
        public string ReadString()
        {
            Expect(WireLengthDelimited);
            int length = ReadRawLength();
            if (length == 0)
            {
                return string.Empty;
            }

            CheckUtf8(_pos, length);
            string value = Encoding.UTF8.GetString(_data, _pos, length);
            _pos += length;
            return value;
        }

        /// <summary>
        /// Reads a length-delimited sub-message into <paramref name="message"/> (merging into its current content)
        /// and returns <paramref name="message"/>.
        /// </summary>
        public IProtoMessage ReadMessage(IProtoMessage message)
        {
            Expect(WireLengthDelimited);
            int headerStart = _tagStart;
            int length = ReadRawLength();
            if (_depth >= MaxDepth)
            {
                throw Fail("messages nested deeper than " + MaxDepth.ToString() + " levels", headerStart);
            }

            int outerLimit = _limit;
            _limit = _pos + length;
            _depth++;
            message.MergeFrom(this);
            _depth--;
            _limit = outerLimit;
            return message;
        }

        /// <summary>
        /// Returns <paramref name="existing"/> (may be null) followed by the elements of <paramref name="added"/>
        /// (may be null) as an array of <paramref name="elementType"/>. Used for repeated message fields.
        /// </summary>
        public static Array AppendArray(Array existing, ArrayList added, Type elementType)
        {
            if (added == null || added.Count == 0)
            {
                return existing;
            }

            Array tail = added.ToArray(elementType);
            if (existing == null || existing.Length == 0)
            {
                return tail;
            }

            Array result = Array.CreateInstance(elementType, existing.Length + tail.Length);
            Array.Copy(existing, 0, result, 0, existing.Length);
            Array.Copy(tail, 0, result, existing.Length, tail.Length);
            return result;
        }

        private void Expect(int wireType)
        {
            if (_wireType != wireType)
            {
                throw Fail("field " + _field.ToString() + " has wire type " + _wireType.ToString() + ", expected " + wireType.ToString(), _tagStart);
            }
        }

        private void Advance(int count)
        {
            if (_limit - _pos < count)
            {
                throw Fail("truncated fixed-width value", _pos);
            }

            _pos += count;
        }

        private ulong ReadRawVarint()
        {
            int start = _pos;
            ulong result = 0;
            int shift = 0;
            for (int i = 0; i < 10; i++)
            {
                if (_pos >= _limit)
                {
                    throw Fail("truncated varint", start);
                }

                byte b = _data[_pos++];
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }

                shift += 7;
            }

            throw Fail("varint longer than 10 bytes", start);
        }

        private int ReadRawLength()
        {
            int start = _pos;
            ulong length = ReadRawVarint();
            if (length > (ulong)(_limit - _pos))
            {
                throw Fail("length runs past the end of the message", start);
            }

            return (int)length;
        }

        private void CheckUtf8(int index, int count)
        {
            int end = index + count;
            int i = index;
            while (i < end)
            {
                int b = _data[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int extra;
                int min;
                int cp;
                if ((b & 0xE0) == 0xC0)
                {
                    extra = 1;
                    min = 0x80;
                    cp = b & 0x1F;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    extra = 2;
                    min = 0x800;
                    cp = b & 0x0F;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    extra = 3;
                    min = 0x10000;
                    cp = b & 0x07;
                }
                else
                {
                    throw Fail("invalid UTF-8 in string field", i);
                }

                if (end - i <= extra)
                {
                    throw Fail("truncated UTF-8 sequence in string field", i);
                }

                for (int k = 1; k <= extra; k++)
                {
                    int c = _data[i + k];
                    if ((c & 0xC0) != 0x80)
                    {
                        throw Fail("invalid UTF-8 in string field", i);
                    }

                    cp = (cp << 6) | (c & 0x3F);
                }

                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    throw Fail("invalid UTF-8 in string field", i);
                }

                i += extra + 1;
            }
        }

        private ProtoException Fail(string message, int absolutePosition)
        {
            return new ProtoException(message, absolutePosition - _start);
        }
    }
}
