using NanoProv.Wire;

namespace NanoProv.Security
{
    /// <summary>Parses prov-session messages without letting a malformed message throw.</summary>
    internal static class HandshakeParser
    {
        /// <summary>Returns the parsed message, or null when the bytes are not a valid SessionData.</summary>
        public static SessionData TryParse(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return null;
            }

            try
            {
                return SessionData.Parse(data, offset, count);
            }
            catch (ProtoException)
            {
                return null;
            }
        }
    }
}
