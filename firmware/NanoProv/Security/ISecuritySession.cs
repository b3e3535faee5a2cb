namespace NanoProv.Security
{
    /// <summary>
    /// The security state of one session: its handshake state machine and, once established, its cipher.
    /// Every method returns null on failure and reports a <see cref="SecurityFailure"/> code; a failed call leaves
    /// the state unchanged unless the failure is a credential mismatch (then the handshake starts over).
    /// </summary>
    public interface ISecuritySession
    {
        /// <summary>True when the handshake completed and request endpoints may be used.</summary>
        bool IsEstablished { get; }

        /// <summary>True after a successful first handshake message, while the second one is awaited.</summary>
        bool IsAwaitingSecondHandshakeMessage { get; }

        /// <summary>
        /// True when a byte-identical repeat of the last request, arriving on a new connection, is a client retry that
        /// may be answered from the reply cache (Security 1 keystream, Security 2 counter IV: a new request repeats the
        /// previous ciphertext only by chance, and Protocomm never treats a repeat on the same connection as a retry).
        /// False for Security 0 and the legacy fixed-IV Security 2 mode, where identical polls are normal.
        /// </summary>
        bool RepeatedRequestIsRetry { get; }

        /// <summary>Processes one prov-session message and returns the reply, or null with <paramref name="failure"/> set.</summary>
        byte[] HandleHandshake(byte[] data, int offset, int count, out int failure);

        /// <summary>Decrypts a request for a request endpoint, or returns null with <paramref name="failure"/> set.</summary>
        byte[] Decrypt(byte[] data, int offset, int count, out int failure);

        /// <summary>Encrypts a reply of a request endpoint, or returns null with <paramref name="failure"/> set.</summary>
        byte[] Encrypt(byte[] plaintext, out int failure);

        /// <summary>Clears all key material. The session cannot be used afterwards.</summary>
        void Wipe();
    }
}
