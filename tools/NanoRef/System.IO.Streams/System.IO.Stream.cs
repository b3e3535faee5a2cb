// NanoRef stub (signatures only) of assembly System.IO.Streams (package nanoFramework.System.IO.Streams 1.1.x).
// Verified against nanoframework/System.IO.Streams System.IO.Streams/{Stream,SeekOrigin}.cs: abstract Stream deriving
// from MarshalByRefObject and IDisposable, abstract CanRead/CanSeek/CanWrite/Length/Position/Flush/Seek/SetLength/
// Read(byte[], int, int)/Write, virtual CanTimeout/ReadTimeout/WriteTimeout (the base getters throw
// InvalidOperationException; network streams override them)/Close/ReadByte/WriteByte, non-virtual Dispose().
// Left out: Read(SpanByte) (the 1.1 line; Span<byte> on the 2.0 preview), CopyTo, MemoryStream/StreamReader/StreamWriter.

namespace System.IO
{
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2
    }

    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract bool CanRead { get; }
        public abstract bool CanSeek { get; }
        public virtual bool CanTimeout { get { throw null; } }
        public abstract bool CanWrite { get; }
        public abstract long Length { get; }
        public abstract long Position { get; set; }
        public virtual int ReadTimeout { get { throw null; } set { } }
        public virtual int WriteTimeout { get { throw null; } set { } }
        public virtual void Close() { }
        public void Dispose() { }
        protected virtual void Dispose(bool disposing) { }
        public abstract void Flush();
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract void SetLength(long value);
        public abstract int Read(byte[] buffer, int offset, int count);
        public virtual int ReadByte() { throw null; }
        public abstract void Write(byte[] buffer, int offset, int count);
        public virtual void WriteByte(byte value) { }
    }
}
