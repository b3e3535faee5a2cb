using System;
using NanoProv.Platform;

namespace NanoProv.Security
{
    /// <summary>
    /// The legacy Security 2 data channel (<c>sec_patch_ver</c> 0, ESP-IDF before March 2025): AES-256-GCM with one
    /// fixed 16-byte random IV for every message in both directions. Offered only for old clients: reusing the IV
    /// is weak, which is why the counter mode (<see cref="GcmChannel"/>) is the default.
    /// </summary>
    public sealed class LegacyGcmChannel
    {
        /// <summary>Length of the legacy IV sent as <c>device_nonce</c>.</summary>
        public const int IvLength = 16;

        private readonly ICrypto _crypto;
        private readonly byte[] _key = new byte[32];
        private readonly byte[] _iv = new byte[IvLength];
        private bool _wiped;

        /// <summary>Creates the channel with a 32-byte key and the 16-byte IV (both copied).</summary>
        public LegacyGcmChannel(ICrypto crypto, byte[] key, byte[] iv)
        {
            if (crypto == null)
            {
                throw new ArgumentNullException("crypto");
            }

            if (key == null || key.Length != 32)
            {
                throw new ArgumentException("key must be 32 bytes");
            }

            if (iv == null || iv.Length != IvLength)
            {
                throw new ArgumentException("iv must be 16 bytes");
            }

            _crypto = crypto;
            Array.Copy(key, _key, 32);
            Array.Copy(iv, _iv, IvLength);
        }

        /// <summary>Encrypts into ciphertext ‖ tag, or returns null with a failure code.</summary>
        public byte[] Seal(byte[] plaintext, int offset, int count, out int failure)
        {
            if (_wiped)
            {
                failure = SecurityFailure.NotEstablished;
                return null;
            }

            byte[] output = new byte[count + GcmEngine.TagLength];
            if (GcmEngine.Seal(_crypto, _key, _iv, plaintext, offset, count, output, 0) != CryptoStatus.Ok)
            {
                failure = SecurityFailure.EncryptFailed;
                return null;
            }

            failure = SecurityFailure.None;
            return output;
        }

        /// <summary>Decrypts ciphertext ‖ tag, or returns null with a failure code.</summary>
        public byte[] Open(byte[] data, int offset, int count, out int failure)
        {
            if (_wiped)
            {
                failure = SecurityFailure.NotEstablished;
                return null;
            }

            if (!ByteUtil.IsValidRange(data, offset, count) || count < GcmEngine.TagLength)
            {
                failure = SecurityFailure.DecryptFailed;
                return null;
            }

            byte[] output = new byte[count - GcmEngine.TagLength];
            if (GcmEngine.Open(_crypto, _key, _iv, data, offset, count, output, 0) != CryptoStatus.Ok)
            {
                failure = SecurityFailure.DecryptFailed;
                return null;
            }

            failure = SecurityFailure.None;
            return output;
        }

        /// <summary>Clears key and IV.</summary>
        public void Wipe()
        {
            Array.Clear(_key, 0, _key.Length);
            Array.Clear(_iv, 0, _iv.Length);
            _wiped = true;
        }
    }
}
