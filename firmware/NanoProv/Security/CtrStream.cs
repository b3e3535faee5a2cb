using System;
using NanoProv.Platform;

namespace NanoProv.Security
{
    /// <summary>
    /// One continuous AES-256-CTR keystream (Security 1). Encryption and decryption are the same XOR and consume
    /// the keystream byte by byte in call order, keeping the position inside a partially used block, exactly like
    /// mbedTLS's <c>nc_off</c>. The initial counter block is the 16-byte device random; the whole 128-bit block is
    /// incremented big-endian.
    /// </summary>
    public sealed class CtrStream
    {
        private readonly ICrypto _crypto;
        private readonly byte[] _key = new byte[32];
        private readonly byte[] _counterBlock = new byte[16];
        private readonly byte[] _keystreamBlock = new byte[16];
        private int _keystreamOffset;
        private long _position;
        private bool _wiped;

        /// <summary>Starts a stream with a 32-byte key and a 16-byte initial counter block (both copied).</summary>
        public CtrStream(ICrypto crypto, byte[] key, byte[] initialCounterBlock)
        {
            if (crypto == null)
            {
                throw new ArgumentNullException("crypto");
            }

            if (key == null || key.Length != 32)
            {
                throw new ArgumentException("key must be 32 bytes");
            }

            if (initialCounterBlock == null || initialCounterBlock.Length != 16)
            {
                throw new ArgumentException("counter block must be 16 bytes");
            }

            _crypto = crypto;
            Array.Copy(key, _key, 32);
            Array.Copy(initialCounterBlock, _counterBlock, 16);
        }

        /// <summary>Number of keystream bytes consumed so far.</summary>
        public long Position { get { return _position; } }

        /// <summary>
        /// XORs data[offset..offset+count) in place with the next count keystream bytes.
        /// Returns <see cref="CryptoStatus.Ok"/> or a negative crypto status (then the stream did not advance).
        /// </summary>
        public int Apply(byte[] data, int offset, int count)
        {
            if (_wiped)
            {
                return CryptoStatus.InternalError;
            }

            if (!ByteUtil.IsValidRange(data, offset, count))
            {
                return CryptoStatus.BadLength;
            }

            if (count == 0)
            {
                return CryptoStatus.Ok;
            }

            int result = _crypto.AesCtrXor(_key, _counterBlock, _keystreamBlock, _keystreamOffset, data, offset, count);
            if (result < 0)
            {
                return result;
            }

            _keystreamOffset = result;
            _position += count;
            return CryptoStatus.Ok;
        }

        /// <summary>Clears the key and stream state; the stream refuses to work afterwards.</summary>
        public void Wipe()
        {
            Array.Clear(_key, 0, _key.Length);
            Array.Clear(_counterBlock, 0, _counterBlock.Length);
            Array.Clear(_keystreamBlock, 0, _keystreamBlock.Length);
            _keystreamOffset = 0;
            _wiped = true;
        }
    }
}
