using System.Runtime.CompilerServices;
using NanoProv.Platform;

namespace NanoProv.Nano
{
    /// <summary>
    /// <see cref="ICrypto"/> on the device: every primitive runs natively in the firmware (native-interop/src,
    /// over ESP-IDF's mbedTLS with the ESP32 AES/SHA/MPI accelerators) through nanoFramework interop.
    /// The externs take only byte arrays and ints and return an int status (or a length), and write into
    /// caller-allocated arrays; the native glue is native-interop/nanoframework/NanoProv_Crypto_NanoProv_Nano_NativeCrypto.cpp.
    /// Null arrays and offset/count ranges are checked here first (same codes as the host providers);
    /// the native side checks them again and does every other check.
    /// </summary>
    /// <remarks>
    /// This class is the whole of the NanoProv.Crypto assembly, on purpose: MetadataProcessor's native checksum
    /// covers every method of an interop assembly, so keeping the externs out of the NanoProv library means only a
    /// change to this class (its methods, their order or the extern signatures) needs regenerated stubs
    /// (native-interop/nanoframework/NanoProv_Crypto.h/.cpp) and a rebuilt nanoCLR image. Do not add other types here.
    /// </remarks>
    public sealed class NativeCrypto : ICrypto
    {
        /// <summary>Creates the provider (stateless; one instance can be shared).</summary>
        public NativeCrypto()
        {
        }

        /// <inheritdoc />
        public int Sha256(byte[] data, int offset, int count, byte[] digest)
        {
            if (data == null || digest == null) return CryptoStatus.NullArgument;
            if (!InRange(data, offset, count)) return CryptoStatus.BadLength;
            return NativeSha256(data, offset, count, digest);
        }

        /// <inheritdoc />
        public int Sha512(byte[] data, int offset, int count, byte[] digest)
        {
            if (data == null || digest == null) return CryptoStatus.NullArgument;
            if (!InRange(data, offset, count)) return CryptoStatus.BadLength;
            return NativeSha512(data, offset, count, digest);
        }

        /// <inheritdoc />
        public int X25519PublicKey(byte[] privateKey, byte[] publicKey)
        {
            if (privateKey == null || publicKey == null) return CryptoStatus.NullArgument;
            return NativeX25519PublicKey(privateKey, publicKey);
        }

        /// <inheritdoc />
        public int X25519SharedSecret(byte[] privateKey, byte[] peerPublicKey, byte[] sharedSecret)
        {
            if (privateKey == null || peerPublicKey == null || sharedSecret == null) return CryptoStatus.NullArgument;
            return NativeX25519SharedSecret(privateKey, peerPublicKey, sharedSecret);
        }

        /// <inheritdoc />
        public int AesCtrXor(byte[] key, byte[] counterBlock, byte[] keystreamBlock, int keystreamOffset, byte[] data, int offset, int count)
        {
            if (key == null || counterBlock == null || keystreamBlock == null || data == null) return CryptoStatus.NullArgument;
            if (!InRange(data, offset, count)) return CryptoStatus.BadLength;
            return NativeAesCtrXor(key, counterBlock, keystreamBlock, keystreamOffset, data, offset, count);
        }

        /// <inheritdoc />
        public int AesGcmSeal(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            if (key == null || iv == null || input == null || output == null) return CryptoStatus.NullArgument;
            if (!InRange(input, inputOffset, count)) return CryptoStatus.BadLength;
            if (outputOffset < 0 || outputOffset > output.Length) return CryptoStatus.BadLength;
            if (input == output && inputOffset != outputOffset)
            {
                // Only exact in-place sealing is allowed natively; seal a shifted overlap from a copy.
                byte[] copy = new byte[count];
                System.Array.Copy(input, inputOffset, copy, 0, count);
                return NativeAesGcmSeal(key, iv, copy, 0, count, output, outputOffset);
            }
            return NativeAesGcmSeal(key, iv, input, inputOffset, count, output, outputOffset);
        }

        /// <inheritdoc />
        public int AesGcmOpen(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
        {
            if (key == null || iv == null || input == null || output == null) return CryptoStatus.NullArgument;
            if (!InRange(input, inputOffset, count)) return CryptoStatus.BadLength;
            if (outputOffset < 0 || outputOffset > output.Length) return CryptoStatus.BadLength;
            return NativeAesGcmOpen(key, iv, input, inputOffset, count, output, outputOffset);
        }

        /// <inheritdoc />
        public int SrpServerPublicKey(byte[] verifier, byte[] secret, byte[] publicKey)
        {
            if (verifier == null || secret == null || publicKey == null) return CryptoStatus.NullArgument;
            return NativeSrpServerPublicKey(verifier, secret, publicKey);
        }

        /// <inheritdoc />
        public int SrpServerSessionKey(byte[] verifier, byte[] secret, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey)
        {
            if (verifier == null || secret == null || clientPublicKey == null || serverPublicKey == null || sessionKey == null)
            {
                return CryptoStatus.NullArgument;
            }
            return NativeSrpServerSessionKey(verifier, secret, clientPublicKey, serverPublicKey, sessionKey);
        }

        /// <inheritdoc />
        public int SrpServerVerifyProof(byte[] username, byte[] salt, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey, byte[] clientProof, byte[] serverProof)
        {
            if (username == null || salt == null || clientPublicKey == null || serverPublicKey == null || sessionKey == null
                || clientProof == null || serverProof == null)
            {
                return CryptoStatus.NullArgument;
            }
            return NativeSrpServerVerifyProof(username, salt, clientPublicKey, serverPublicKey, sessionKey, clientProof, serverProof);
        }

        /// <inheritdoc />
        public int SrpCreateVerifier(byte[] username, byte[] password, byte[] salt, byte[] verifier)
        {
            if (username == null || password == null || salt == null || verifier == null) return CryptoStatus.NullArgument;
            return NativeSrpCreateVerifier(username, password, salt, verifier);
        }

        private static bool InRange(byte[] buffer, int offset, int count)
        {
            return offset >= 0 && count >= 0 && offset <= buffer.Length - count;
        }

        // ---- native methods (order and signatures are part of the interop checksum) ----------------

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSha256(byte[] data, int offset, int count, byte[] digest);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSha512(byte[] data, int offset, int count, byte[] digest);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeX25519PublicKey(byte[] privateKey, byte[] publicKey);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeX25519SharedSecret(byte[] privateKey, byte[] peerPublicKey, byte[] sharedSecret);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeAesCtrXor(byte[] key, byte[] counterBlock, byte[] keystreamBlock, int keystreamOffset, byte[] data, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeAesGcmSeal(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeAesGcmOpen(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSrpServerPublicKey(byte[] verifier, byte[] secret, byte[] publicKey);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSrpServerSessionKey(byte[] verifier, byte[] secret, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSrpServerVerifyProof(byte[] username, byte[] salt, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey, byte[] clientProof, byte[] serverProof);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSrpCreateVerifier(byte[] username, byte[] password, byte[] salt, byte[] verifier);
    }
}
