namespace NanoProv.Platform
{
    /// <summary>
    /// Result codes shared by every <see cref="ICrypto"/> implementation and by the native C API
    /// (native-interop/include/nanoprov_crypto.h uses the same numbers).
    /// Non-negative values mean success (some calls return a length); negative values are errors.
    /// </summary>
    public static class CryptoStatus
    {
        /// <summary>Success.</summary>
        public const int Ok = 0;
        /// <summary>A required buffer was null.</summary>
        public const int NullArgument = -1;
        /// <summary>An input or output has the wrong length, or offset/count are outside the buffer.</summary>
        public const int BadLength = -2;
        /// <summary>Authentication failed: GCM tag mismatch or SRP proof mismatch.</summary>
        public const int AuthenticationFailed = -3;
        /// <summary>The SRP client public key A is 0 modulo N.</summary>
        public const int SrpBadPublicKey = -4;
        /// <summary>The SRP scrambling parameter u is 0.</summary>
        public const int SrpZeroScrambler = -5;
        /// <summary>X25519 produced the all-zero shared secret (low-order peer key).</summary>
        public const int WeakPublicKey = -6;
        /// <summary>The random number generator failed.</summary>
        public const int RandomFailed = -7;
        /// <summary>The underlying crypto library reported an internal error.</summary>
        public const int InternalError = -8;
        /// <summary>An output buffer is too small.</summary>
        public const int BufferTooSmall = -9;
    }
}
