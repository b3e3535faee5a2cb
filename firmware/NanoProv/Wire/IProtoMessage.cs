namespace NanoProv.Wire
{
    /// <summary>
    /// The codec contract every generated message class implements (explicitly, so it does not clutter
    /// the message's public surface). <see cref="ProtoReader"/> and <see cref="ProtoWriter"/> use it to
    /// handle nested messages with one shared piece of code instead of per-field code.
    /// </summary>
    public interface IProtoMessage
    {
        /// <summary>Number of bytes <see cref="WriteTo"/> will produce.</summary>
        int CalculateSize();

        /// <summary>Writes the fields in ascending field-number order (proto3 zero values omitted).</summary>
        void WriteTo(ProtoWriter writer);

        /// <summary>Reads fields until the reader's current message ends, merging them into this instance.</summary>
        void MergeFrom(ProtoReader reader);
    }
}
