namespace NanoProv.Platform
{
    /// <summary>
    /// Source of cryptographically strong random bytes (the ESP32 hardware RNG on the device).
    /// Every secret the core creates (session ids, X25519 private keys, SRP secrets, GCM nonces)
    /// is drawn through this port, so tests can inject recorded values.
    /// </summary>
    public interface IRandom
    {
        /// <summary>Fills <paramref name="count"/> bytes of <paramref name="buffer"/> starting at <paramref name="offset"/>.</summary>
        void Fill(byte[] buffer, int offset, int count);
    }
}
