namespace NanoProv.Protocomm
{
    /// <summary>
    /// Where a request came from. HTTP: <see cref="ConnectionId"/> is unique per TCP connection, <see cref="PeerId"/> is
    /// the remote IP address, and the cookie comes from <c>Cookie: session=&lt;u32&gt;</c>. BLE: both ids are
    /// <c>"ble:&lt;connection handle&gt;"</c> and there is no cookie.
    /// </summary>
    public sealed class RequestOrigin
    {
        private uint _cookieSessionId;

        /// <summary>Creates an origin without a session cookie.</summary>
        public RequestOrigin(string connectionId, string peerId)
        {
            ConnectionId = connectionId;
            PeerId = peerId;
        }

        /// <summary>Creates an origin that carries the session cookie <paramref name="cookieSessionId"/>.</summary>
        public RequestOrigin(string connectionId, string peerId, uint cookieSessionId)
            : this(connectionId, peerId)
        {
            CookieSessionId = cookieSessionId;
        }

        /// <summary>Identifies the transport connection (TCP connection or BLE link).</summary>
        public string ConnectionId { get; private set; }

        /// <summary>Identifies the remote device (IP address or BLE link).</summary>
        public string PeerId { get; private set; }

        /// <summary>True when the request carried a <c>session=&lt;u32&gt;</c> cookie.</summary>
        public bool HasCookie { get; set; }

        /// <summary>The session id named by the cookie; setting it also sets <see cref="HasCookie"/>.</summary>
        public uint CookieSessionId
        {
            get { return _cookieSessionId; }
            set
            {
                _cookieSessionId = value;
                HasCookie = true;
            }
        }

        /// <summary>
        /// Finds <c>session=&lt;decimal u32&gt;</c> in a Cookie header value (several cookies may be joined with ';').
        /// Returns false when there is no such cookie or its value is not a decimal number that fits in 32 bits.
        /// </summary>
        public static bool TryParseSessionCookie(string cookieHeader, out uint sessionId)
        {
            sessionId = 0;
            if (cookieHeader == null)
            {
                return false;
            }

            string[] parts = cookieHeader.Split(';');
            for (int i = 0; i < parts.Length; i++)
            {
                string part = parts[i].Trim();
                if (part.Length > 8 && part.Substring(0, 8) == "session=")
                {
                    if (TryParseDecimal(part.Substring(8).Trim(), out sessionId))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool TryParseDecimal(string text, out uint value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 10)
            {
                return false;
            }

            ulong result = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                result = (result * 10) + (ulong)(c - '0');
            }

            if (result > 0xFFFFFFFFUL)
            {
                return false;
            }

            value = (uint)result;
            return true;
        }
    }
}
