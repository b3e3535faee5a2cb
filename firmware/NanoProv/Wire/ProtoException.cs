using System;

namespace NanoProv.Wire
{
    /// <summary>
    /// The single error raised for malformed protobuf input: truncated data, overlong varints,
    /// lengths past the end of the buffer, invalid or mismatched wire types, field number 0,
    /// invalid UTF-8 in a string field, or nesting deeper than <see cref="ProtoReader.MaxDepth"/>.
    /// Parsers never let IndexOutOfRange, NullReference or Overflow exceptions escape.
    /// </summary>
    public class ProtoException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What is wrong (never contains payload bytes).</param>
        /// <param name="offset">Byte position of the problem, relative to the first byte handed to the parser.</param>
        public ProtoException(string message, int offset)
            : base(message + " (at offset " + offset.ToString() + ")")
        {
            Offset = offset;
        }

        /// <summary>
        /// Byte position of the problem, counted from the first byte handed to the parser
        /// (the <c>offset</c> argument of <c>Parse(data, offset, count)</c> is position 0).
        /// </summary>
        public int Offset { get; private set; }
    }
}
