namespace NanoProv.Security
{
    /// <summary>
    /// Reason codes for a request that failed. They travel in <c>ProtocommReply.FailureReason</c> and in
    /// security events, so the application and the log can tell failures apart. They never carry secrets.
    /// On the wire every failure looks the same: a transport-level failure without a protobuf reply.
    /// </summary>
    public static class SecurityFailure
    {
        /// <summary>No failure.</summary>
        public const int None = 0;
        /// <summary>The request body is empty, too large, or offset/count lie outside the buffer.</summary>
        public const int InvalidLength = 1;
        /// <summary>The handshake message is not valid protobuf, has the wrong <c>sec_ver</c>, or the wrong oneof member.</summary>
        public const int MalformedMessage = 2;
        /// <summary>A key, proof, username or verify token has the wrong length or value (A = 0 mod N, low-order X25519 key).</summary>
        public const int InvalidParameters = 3;
        /// <summary>A handshake message arrived in the wrong state (Command1 before Command0, or after the handshake).</summary>
        public const int OutOfOrder = 4;
        /// <summary>Wrong proof of possession (Security 1) or wrong SRP proof, i.e. wrong username or password (Security 2).</summary>
        public const int CredentialsMismatch = 5;
        /// <summary>Handshakes are refused for a while after repeated credential mismatches.</summary>
        public const int BackoffActive = 6;
        /// <summary>Encrypted data arrived before the handshake finished.</summary>
        public const int NotEstablished = 7;
        /// <summary>The ciphertext failed authentication (GCM tag) or is shorter than a tag.</summary>
        public const int DecryptFailed = 8;
        /// <summary>The GCM message counter is used up; the session needs a new handshake.</summary>
        public const int CounterExhausted = 9;
        /// <summary>The endpoint handler reported a failure (returned null or threw).</summary>
        public const int HandlerFailed = 10;
        /// <summary>The reply could not be encrypted.</summary>
        public const int EncryptFailed = 11;
        /// <summary>The session table is full and no session is idle long enough to be evicted.</summary>
        public const int TooManySessions = 12;
        /// <summary>The crypto provider reported an internal error.</summary>
        public const int CryptoError = 13;
        /// <summary>No endpoint with that name is registered.</summary>
        public const int UnknownEndpoint = 14;
    }
}
