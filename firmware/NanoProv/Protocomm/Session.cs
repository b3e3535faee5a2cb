using NanoProv.Security;

namespace NanoProv.Protocomm
{
    /// <summary>
    /// One entry of the <see cref="SessionTable"/>: a random id, the peer it belongs to, the connection it was last
    /// seen on, its activity times and (internally) its security state and retry cache.
    /// </summary>
    public sealed class Session
    {
        private ISecuritySession _security;
        private string _cachedEndpoint;
        private byte[] _cachedRequest;
        private string _cachedConnectionId;
        private byte[] _cachedReply;

        internal Session(uint id, string peerId, string connectionId, ISecuritySession security, long now)
        {
            Id = id;
            PeerId = peerId;
            ConnectionId = connectionId;
            _security = security;
            CreatedMilliseconds = now;
            LastActivityMilliseconds = now;
        }

        /// <summary>The session id (the value of the <c>session</c> cookie); never 0 or 0xFFFFFFFF.</summary>
        public uint Id { get; private set; }

        /// <summary>The peer (IP address or BLE link) that created the session.</summary>
        public string PeerId { get; private set; }

        /// <summary>The connection the session was last used on; null after that connection closed.</summary>
        public string ConnectionId { get; internal set; }

        /// <summary>When the session was created (<see cref="NanoProv.Platform.IClock"/> milliseconds).</summary>
        public long CreatedMilliseconds { get; private set; }

        /// <summary>When the session last handled a request.</summary>
        public long LastActivityMilliseconds { get; internal set; }

        /// <summary>True once the security handshake completed (Security 0: once its handshake message was seen).</summary>
        public bool IsEstablished { get { return _security != null && _security.IsEstablished; } }

        /// <summary>True after the session ended; its keys are wiped.</summary>
        public bool HasEnded { get { return _security == null; } }

        internal ISecuritySession Security { get { return _security; } }

        /// <summary>
        /// Returns the cached reply when endpoint and body equal the last successful request and the repeat arrived
        /// on another connection, else null. A client retries only after it lost the connection the reply should
        /// have come back on; a repeat on the same connection is a new request whose ciphertext happens to collide
        /// (Security 1: a short request matches the previous one by chance, 1 in 65,536 for 2 bytes).
        /// </summary>
        internal byte[] CachedReplyFor(string endpoint, byte[] body, int offset, int count, string connectionId)
        {
            if (_cachedReply == null || _cachedEndpoint != endpoint || _cachedConnectionId == connectionId
                || !ByteUtil.SameBytes(_cachedRequest, body, offset, count))
            {
                return null;
            }

            return ByteUtil.Copy(_cachedReply, 0, _cachedReply.Length);
        }

        internal void Remember(string endpoint, byte[] body, int offset, int count, byte[] reply, string connectionId)
        {
            _cachedEndpoint = endpoint;
            _cachedConnectionId = connectionId;
            _cachedRequest = ByteUtil.Copy(body, offset, count);
            _cachedReply = ByteUtil.Copy(reply, 0, reply.Length);
        }

        internal void ForgetCache()
        {
            _cachedEndpoint = null;
            _cachedConnectionId = null;
            _cachedRequest = null;
            _cachedReply = null;
        }

        /// <summary>Ends the session: wipes the security state and the cache.</summary>
        internal void End()
        {
            if (_security != null)
            {
                _security.Wipe();
                _security = null;
            }

            ByteUtil.Wipe(_cachedReply);
            ForgetCache();
            ConnectionId = null;
        }
    }
}
