using System;
using NanoProv.Platform;

namespace NanoProv.Security
{
    /// <summary>
    /// The Security 2 data channel (<c>sec_patch_ver</c> 1): AES-256-GCM, no AAD, tag appended, 12-byte IV =
    /// 8-byte random prefix ‖ 32-bit big-endian counter. The counter starts at 1 and goes up by one after every
    /// successful seal and every successful open, so both directions share one sequence. A failed tag check
    /// changes nothing. When the counter has wrapped to 0 the channel refuses to work (the session needs a new
    /// handshake) so an IV is never reused.
    /// </summary>
    public sealed class GcmChannel
    {
        /// <summary>Length of the GCM tag appended to every message.</summary>
        public const int TagLength = 16;

        private readonly ICrypto _crypto;
        private readonly byte[] _key = new byte[32];
        private readonly byte[] _iv = new byte[12];
        private uint _counter;
        private bool _wiped;

        /// <summary>
        /// Creates a channel with a 32-byte key, an 8-byte nonce prefix and the first counter value (1 for a new
        /// session; other values exist for tests of the wrap-around). Key and prefix are copied.
        /// </summary>
        public GcmChannel(ICrypto crypto, byte[] key, byte[] noncePrefix, uint firstCounter)
        {
            if (crypto == null)
            {
                throw new ArgumentNullException("crypto");
            }

            if (key == null || key.Length != 32)
            {
                throw new ArgumentException("key must be 32 bytes");
            }

            if (noncePrefix == null || noncePrefix.Length != 8)
            {
                throw new ArgumentException("nonce prefix must be 8 bytes");
            }

            _crypto = crypto;
            Array.Copy(key, _key, 32);
            Array.Copy(noncePrefix, _iv, 8);
            _counter = firstCounter;
        }

        /// <summary>The counter value the next seal or open will use (0 = exhausted).</summary>
        public uint Counter { get { return _counter; } }

        /// <summary>The 12-byte nonce as sent in <c>device_nonce</c>: prefix ‖ current counter, big-endian.</summary>
        public byte[] CurrentNonce()
        {
            byte[] nonce = new byte[12];
            Array.Copy(_iv, nonce, 8);
            ByteUtil.WriteUInt32BigEndian(_counter, nonce, 8);
            return nonce;
        }

        /// <summary>Encrypts plaintext[offset..offset+count) into ciphertext ‖ tag, or returns null with a failure code.</summary>
        public byte[] Seal(byte[] plaintext, int offset, int count, out int failure)
        {
            if (!Ready(out failure))
            {
                return null;
            }

            if (!ByteUtil.IsValidRange(plaintext, offset, count))
            {
                failure = SecurityFailure.InvalidLength;
                return null;
            }

            byte[] output = new byte[count + TagLength];
            ByteUtil.WriteUInt32BigEndian(_counter, _iv, 8);
            if (_crypto.AesGcmSeal(_key, _iv, plaintext, offset, count, output, 0) != CryptoStatus.Ok)
            {
                failure = SecurityFailure.EncryptFailed;
                return null;
            }

            _counter++;
            failure = SecurityFailure.None;
            return output;
        }

        /// <summary>Decrypts ciphertext ‖ tag, or returns null with a failure code; a failure changes nothing.</summary>
        public byte[] Open(byte[] data, int offset, int count, out int failure)
        {
            if (!Ready(out failure))
            {
                return null;
            }

            if (!ByteUtil.IsValidRange(data, offset, count) || count < TagLength)
            {
                failure = SecurityFailure.DecryptFailed;
                return null;
            }

            byte[] output = new byte[count - TagLength];
            ByteUtil.WriteUInt32BigEndian(_counter, _iv, 8);
            if (_crypto.AesGcmOpen(_key, _iv, data, offset, count, output, 0) != CryptoStatus.Ok)
            {
                failure = SecurityFailure.DecryptFailed;
                return null;
            }

            _counter++;
            failure = SecurityFailure.None;
            return output;
        }

        private bool Ready(out int failure)
        {
            if (_wiped)
            {
                failure = SecurityFailure.NotEstablished;
                return false;
            }

            if (_counter == 0)
            {
                failure = SecurityFailure.CounterExhausted;
                return false;
            }

            failure = SecurityFailure.None;
            return true;
        }

        /// <summary>Clears key and nonce; the channel refuses to work afterwards.</summary>
        public void Wipe()
        {
            Array.Clear(_key, 0, _key.Length);
            Array.Clear(_iv, 0, _iv.Length);
            _counter = 0;
            _wiped = true;
        }
    }
}
