using System;
using NanoProv.Platform;

namespace NanoProv.Security
{
    /// <summary>
    /// AES-256-GCM for IVs of any length (NIST SP 800-38D), built on the AES block function that
    /// <see cref="ICrypto.AesCtrXor"/> provides. <see cref="ICrypto.AesGcmSeal"/> only takes 12-byte IVs; the legacy
    /// Security 2 mode (<c>sec_patch_ver</c> 0) uses a 16-byte IV, whose pre-counter block J0 is derived with GHASH.
    /// No AAD; the 16-byte tag follows the ciphertext. Slow (bit-serial GHASH) but only used by the legacy mode.
    /// </summary>
    public static class GcmEngine
    {
        /// <summary>Length of the authentication tag.</summary>
        public const int TagLength = 16;

        private const ulong ReductionConstant = 0xE100000000000000UL;

        /// <summary>
        /// Encrypts input[inputOffset..+count) and writes ciphertext ‖ tag to output[outputOffset..).
        /// Returns <see cref="CryptoStatus.Ok"/> or a negative status.
        /// </summary>
        public static int Seal(ICrypto crypto, byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            int status = CheckArguments(crypto, key, iv);
            if (status != CryptoStatus.Ok)
            {
                return status;
            }

            if (!ByteUtil.IsValidRange(input, inputOffset, count) || !ByteUtil.IsValidRange(output, outputOffset, count + TagLength))
            {
                return CryptoStatus.BadLength;
            }

            byte[] hashKey = new byte[16];
            byte[] preCounter = new byte[16];
            byte[] tag = new byte[16];
            try
            {
                status = Prepare(crypto, key, iv, hashKey, preCounter);
                if (status != CryptoStatus.Ok)
                {
                    return status;
                }

                byte[] ciphertext = new byte[count];
                Array.Copy(input, inputOffset, ciphertext, 0, count);
                status = CounterMode(crypto, key, preCounter, ciphertext);
                if (status != CryptoStatus.Ok)
                {
                    return status;
                }

                status = ComputeTag(crypto, key, hashKey, preCounter, ciphertext, 0, count, tag);
                if (status != CryptoStatus.Ok)
                {
                    return status;
                }

                Array.Copy(ciphertext, 0, output, outputOffset, count);
                Array.Copy(tag, 0, output, outputOffset + count, TagLength);
                return CryptoStatus.Ok;
            }
            finally
            {
                Array.Clear(hashKey, 0, 16);
            }
        }

        /// <summary>
        /// Checks the tag of input[inputOffset..+count) = ciphertext ‖ tag in constant time and, only when it
        /// verifies, writes count − 16 plaintext bytes to output[outputOffset..). Returns
        /// <see cref="CryptoStatus.AuthenticationFailed"/> on a bad tag (output untouched).
        /// </summary>
        public static int Open(ICrypto crypto, byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            int status = CheckArguments(crypto, key, iv);
            if (status != CryptoStatus.Ok)
            {
                return status;
            }

            if (!ByteUtil.IsValidRange(input, inputOffset, count) || count < TagLength
                || !ByteUtil.IsValidRange(output, outputOffset, count - TagLength))
            {
                return CryptoStatus.BadLength;
            }

            int length = count - TagLength;
            byte[] hashKey = new byte[16];
            byte[] preCounter = new byte[16];
            byte[] expectedTag = new byte[16];
            try
            {
                status = Prepare(crypto, key, iv, hashKey, preCounter);
                if (status != CryptoStatus.Ok)
                {
                    return status;
                }

                status = ComputeTag(crypto, key, hashKey, preCounter, input, inputOffset, length, expectedTag);
                if (status != CryptoStatus.Ok)
                {
                    return status;
                }

                if (!ConstantTime.AreEqual(expectedTag, 0, input, inputOffset + length, TagLength))
                {
                    return CryptoStatus.AuthenticationFailed;
                }

                byte[] plaintext = new byte[length];
                Array.Copy(input, inputOffset, plaintext, 0, length);
                status = CounterMode(crypto, key, preCounter, plaintext);
                if (status != CryptoStatus.Ok)
                {
                    return status;
                }

                Array.Copy(plaintext, 0, output, outputOffset, length);
                return CryptoStatus.Ok;
            }
            finally
            {
                Array.Clear(hashKey, 0, 16);
            }
        }

        private static int CheckArguments(ICrypto crypto, byte[] key, byte[] iv)
        {
            if (crypto == null || key == null || iv == null)
            {
                return CryptoStatus.NullArgument;
            }

            if (key.Length != 32 || iv.Length == 0)
            {
                return CryptoStatus.BadLength;
            }

            return CryptoStatus.Ok;
        }

        /// <summary>H = E(K, 0^128); J0 = IV ‖ 0^31 ‖ 1 for 12-byte IVs, else GHASH(IV ‖ pad ‖ 0^64 ‖ [len(IV)]64).</summary>
        private static int Prepare(ICrypto crypto, byte[] key, byte[] iv, byte[] hashKey, byte[] preCounter)
        {
            int status = EncryptBlock(crypto, key, new byte[16], hashKey);
            if (status != CryptoStatus.Ok)
            {
                return status;
            }

            if (iv.Length == 12)
            {
                Array.Copy(iv, preCounter, 12);
                preCounter[15] = 1;
                return CryptoStatus.Ok;
            }

            ulong yHigh = 0;
            ulong yLow = 0;
            ulong hHigh = ReadUInt64(hashKey, 0);
            ulong hLow = ReadUInt64(hashKey, 8);
            Absorb(iv, 0, iv.Length, hHigh, hLow, ref yHigh, ref yLow);
            AbsorbBlock(0, (ulong)iv.Length * 8, hHigh, hLow, ref yHigh, ref yLow);
            WriteUInt64(yHigh, preCounter, 0);
            WriteUInt64(yLow, preCounter, 8);
            return CryptoStatus.Ok;
        }

        /// <summary>XORs data with E(K, inc32(J0)), E(K, inc32²(J0)), ...</summary>
        private static int CounterMode(ICrypto crypto, byte[] key, byte[] preCounter, byte[] data)
        {
            byte[] counter = new byte[16];
            byte[] keystream = new byte[16];
            Array.Copy(preCounter, counter, 16);
            for (int position = 0; position < data.Length; position += 16)
            {
                Increment32(counter);
                int status = EncryptBlock(crypto, key, counter, keystream);
                if (status != CryptoStatus.Ok)
                {
                    return status;
                }

                int blockLength = data.Length - position < 16 ? data.Length - position : 16;
                for (int i = 0; i < blockLength; i++)
                {
                    data[position + i] ^= keystream[i];
                }
            }

            Array.Clear(keystream, 0, 16);
            return CryptoStatus.Ok;
        }

        /// <summary>T = E(K, J0) XOR GHASH(C ‖ pad ‖ [0]64 ‖ [len(C)]64) (no AAD).</summary>
        private static int ComputeTag(ICrypto crypto, byte[] key, byte[] hashKey, byte[] preCounter, byte[] ciphertext, int offset, int count, byte[] tag)
        {
            ulong hHigh = ReadUInt64(hashKey, 0);
            ulong hLow = ReadUInt64(hashKey, 8);
            ulong yHigh = 0;
            ulong yLow = 0;
            Absorb(ciphertext, offset, count, hHigh, hLow, ref yHigh, ref yLow);
            AbsorbBlock(0, (ulong)count * 8, hHigh, hLow, ref yHigh, ref yLow);

            int status = EncryptBlock(crypto, key, preCounter, tag);
            if (status != CryptoStatus.Ok)
            {
                return status;
            }

            WriteUInt64(ReadUInt64(tag, 0) ^ yHigh, tag, 0);
            WriteUInt64(ReadUInt64(tag, 8) ^ yLow, tag, 8);
            return CryptoStatus.Ok;
        }

        /// <summary>Feeds data, zero-padded to whole blocks, into the GHASH state Y.</summary>
        private static void Absorb(byte[] data, int offset, int count, ulong hHigh, ulong hLow, ref ulong yHigh, ref ulong yLow)
        {
            byte[] block = new byte[16];
            for (int position = 0; position < count; position += 16)
            {
                int blockLength = count - position < 16 ? count - position : 16;
                Array.Clear(block, 0, 16);
                Array.Copy(data, offset + position, block, 0, blockLength);
                AbsorbBlock(ReadUInt64(block, 0), ReadUInt64(block, 8), hHigh, hLow, ref yHigh, ref yLow);
            }
        }

        /// <summary>Y = (Y XOR X) · H in GF(2^128) with the GCM bit order (bit 0 = most significant bit of byte 0).</summary>
        private static void AbsorbBlock(ulong xHigh, ulong xLow, ulong hHigh, ulong hLow, ref ulong yHigh, ref ulong yLow)
        {
            xHigh ^= yHigh;
            xLow ^= yLow;
            ulong zHigh = 0;
            ulong zLow = 0;
            ulong vHigh = hHigh;
            ulong vLow = hLow;
            for (int i = 0; i < 128; i++)
            {
                ulong bit = i < 64 ? (xHigh >> (63 - i)) & 1UL : (xLow >> (127 - i)) & 1UL;
                ulong mask = 0UL - bit;
                zHigh ^= vHigh & mask;
                zLow ^= vLow & mask;
                ulong carry = 0UL - (vLow & 1UL);
                vLow = (vLow >> 1) | (vHigh << 63);
                vHigh = (vHigh >> 1) ^ (ReductionConstant & carry);
            }

            yHigh = zHigh;
            yLow = zLow;
        }

        private static int EncryptBlock(ICrypto crypto, byte[] key, byte[] input, byte[] output)
        {
            byte[] counter = new byte[16];
            byte[] keystream = new byte[16];
            Array.Copy(input, counter, 16);
            Array.Clear(output, 0, 16);
            int result = crypto.AesCtrXor(key, counter, keystream, 0, output, 0, 16);
            Array.Clear(keystream, 0, 16);
            return result < 0 ? result : CryptoStatus.Ok;
        }

        private static void Increment32(byte[] counter)
        {
            for (int i = 15; i >= 12; i--)
            {
                counter[i]++;
                if (counter[i] != 0)
                {
                    return;
                }
            }
        }

        private static ulong ReadUInt64(byte[] buffer, int offset)
        {
            ulong value = 0;
            for (int i = 0; i < 8; i++)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }

        private static void WriteUInt64(ulong value, byte[] buffer, int offset)
        {
            for (int i = 7; i >= 0; i--)
            {
                buffer[offset + i] = (byte)value;
                value >>= 8;
            }
        }
    }
}
