namespace NanoProv.Platform
{
    /// <summary>
    /// The cryptographic primitives Security 1 and Security 2 need. On the device they run natively
    /// over mbedTLS (nanoFramework interop); on the host either the same C code through P/Invoke or a
    /// managed implementation. Every method returns a <see cref="CryptoStatus"/> code (or a length),
    /// never throws for bad input, and writes into caller-allocated buffers. Secrets are passed in by the
    /// caller (drawn from <see cref="IRandom"/>), so the same inputs always give the same outputs.
    /// All multi-byte integers of SRP are big-endian; X25519 keys are RFC 7748 little-endian strings.
    /// Conventions every implementation follows: arguments are checked in a fixed order (null buffers, then
    /// lengths, then output sizes, then semantic checks such as A mod N); outputs are written only on success;
    /// the SRP secret b is 32..384 bytes; username and salt are 1..65535 bytes; a verifier that is 0 mod N is
    /// rejected with <see cref="CryptoStatus.BadLength"/>.
    /// </summary>
    public interface ICrypto
    {
        /// <summary>SHA-256 of data[offset..offset+count) into digest[0..32).</summary>
        int Sha256(byte[] data, int offset, int count, byte[] digest);

        /// <summary>SHA-512 of data[offset..offset+count) into digest[0..64).</summary>
        int Sha512(byte[] data, int offset, int count, byte[] digest);

        /// <summary>Derives the 32-byte X25519 public key of a 32-byte private key.</summary>
        int X25519PublicKey(byte[] privateKey, byte[] publicKey);

        /// <summary>
        /// X25519(privateKey, peerPublicKey) into sharedSecret (32 bytes).
        /// Returns <see cref="CryptoStatus.WeakPublicKey"/> when the result is all zeros.
        /// </summary>
        int X25519SharedSecret(byte[] privateKey, byte[] peerPublicKey, byte[] sharedSecret);

        /// <summary>
        /// AES-256-CTR: XORs data[offset..offset+count) in place with the keystream. The stream state lives in
        /// the caller's buffers: <paramref name="counterBlock"/> (16 bytes, the next counter block, incremented
        /// big-endian over all 128 bits), <paramref name="keystreamBlock"/> (16 bytes, the current keystream block)
        /// and <paramref name="keystreamOffset"/> (0..15, bytes of keystreamBlock already used; 0 means a new
        /// block is generated first). Start a stream with counterBlock = IV and keystreamOffset = 0.
        /// Returns the new keystream offset (0..15) or a negative status.
        /// </summary>
        int AesCtrXor(byte[] key, byte[] counterBlock, byte[] keystreamBlock, int keystreamOffset, byte[] data, int offset, int count);

        /// <summary>
        /// AES-256-GCM encryption with a 12-byte IV and no AAD: writes count bytes of ciphertext followed by the
        /// 16-byte tag to output[outputOffset..). Returns <see cref="CryptoStatus.Ok"/>.
        /// </summary>
        int AesGcmSeal(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset);

        /// <summary>
        /// AES-256-GCM decryption of input[inputOffset..inputOffset+count) = ciphertext ‖ 16-byte tag.
        /// Writes count − 16 plaintext bytes to output[outputOffset..) only when the tag verifies (checked in
        /// constant time); otherwise output is untouched and <see cref="CryptoStatus.AuthenticationFailed"/> is returned.
        /// </summary>
        int AesGcmOpen(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset);

        /// <summary>
        /// SRP6a (RFC 5054 3072-bit group, g = 5, SHA-512): B = (k·v + g^b) mod N, written minimal big-endian
        /// at the start of <paramref name="publicKey"/> (at least 384 bytes). Returns the length of B (1..384).
        /// </summary>
        int SrpServerPublicKey(byte[] verifier, byte[] secret, byte[] publicKey);

        /// <summary>
        /// SRP6a session key K = H(S), S = (A·v^u)^b mod N, u = H(PAD(A) ‖ PAD(B)). A must be exactly 384 bytes;
        /// B is the minimal encoding returned by <see cref="SrpServerPublicKey"/>. Rejects A mod N == 0
        /// (<see cref="CryptoStatus.SrpBadPublicKey"/>) and u == 0 (<see cref="CryptoStatus.SrpZeroScrambler"/>).
        /// Writes 64 bytes to sessionKey.
        /// </summary>
        int SrpServerSessionKey(byte[] verifier, byte[] secret, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey);

        /// <summary>
        /// Checks the client proof M1 = H((H(N) XOR H(PAD(g))) ‖ H(I) ‖ s ‖ A ‖ B ‖ K) in constant time and, when it
        /// matches, writes the device proof M2 = H(A ‖ M1 ‖ K) (64 bytes). Returns
        /// <see cref="CryptoStatus.AuthenticationFailed"/> on mismatch (serverProof untouched).
        /// </summary>
        int SrpServerVerifyProof(byte[] username, byte[] salt, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey, byte[] clientProof, byte[] serverProof);

        /// <summary>
        /// Computes the SRP6a verifier v = g^x mod N, x = H(s ‖ minimal(H(I ‖ ":" ‖ p))), into verifier (at least
        /// 384 bytes), minimal big-endian. Leading zero bytes of the inner hash are dropped, as esp_prov does, so
        /// verifiers made here work with esp_prov and the phone apps. Returns its length.
        /// </summary>
        int SrpCreateVerifier(byte[] username, byte[] password, byte[] salt, byte[] verifier);
    }
}
