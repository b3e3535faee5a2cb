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

        /// <summary>
        /// True when two different requests can never have the same ciphertext (Security 1 keystream, Security 2
        /// counter IV). Then a byte-identical repeat of the last request is a client retry and may be answered
        /// from the reply cache. False for Security 0 and for the legacy fixed-IV Security 2 mode.
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
