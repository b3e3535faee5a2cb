namespace NanoProv.Protocomm
{
    /// <summary>What a <see cref="SecurityEventArgs"/> reports.</summary>
    public enum SecurityEventKind
    {
        /// <summary>A new session was created (its id will be sent in Set-Cookie).</summary>
        SessionCreated = 0,
        /// <summary>The handshake of a session completed.</summary>
        SessionEstablished = 1,
        /// <summary>A handshake message carried a key, proof or username of the wrong size or value.</summary>
        InvalidParameters = 2,
        /// <summary>Wrong PoP (Security 1) or wrong username/password (Security 2).</summary>
        CredentialsMismatch = 3,
        /// <summary>A request could not be decrypted (GCM tag failure, truncated ciphertext) or its cipher is exhausted.</summary>
        DecryptFailed = 4,
        /// <summary>A handshake message was refused because the brute-force back-off is active.</summary>
        HandshakeRejectedBackoff = 5,
        /// <summary>Too many credential mismatches: the back-off started or grew (see <see cref="SecurityEventArgs.BackoffMilliseconds"/>).</summary>
        BackoffStarted = 6,
        /// <summary>A session ended after being idle for the configured time; its keys were wiped.</summary>
        SessionExpired = 7,
        /// <summary>An idle session was evicted to make room for a new one; its keys were wiped.</summary>
        SessionEvicted = 8,
        /// <summary>A cookie-less request on a new connection continued the peer's established session.</summary>
        SessionMigrated = 9,
        /// <summary>A session ended (BLE disconnect or application request); its keys were wiped.</summary>
        SessionEnded = 10,
        /// <summary>A malformed or out-of-order handshake message, or data before the handshake.</summary>
        ProtocolError = 11,
        /// <summary>The endpoint handler failed or the reply could not be encrypted.</summary>
        HandlerFailed = 12,
        /// <summary>The session table is full of sessions in use; the new session was refused.</summary>
        TooManySessions = 13,
        /// <summary>A byte-identical retry of the last request was answered from the cache.</summary>
        RetryAnswered = 14,
        /// <summary>A request named no registered endpoint, or its body was empty or too large.</summary>
        RequestRejected = 15
    }
}
