using System.Numerics;
using System.Security.Cryptography;
using NanoProv.Platform;
using Rfc7748 = Org.BouncyCastle.Math.EC.Rfc7748;

namespace NanoProv.Host.Crypto;

/// <summary>
/// <see cref="ICrypto"/> in managed code: System.Security.Cryptography for SHA-2 and AES,
/// System.Numerics.BigInteger for SRP6a and Portable.BouncyCastle for X25519.
/// It is the reference the native provider (<see cref="NativeCrypto"/>) is checked against.
/// Bad input never throws: every method returns a <see cref="CryptoStatus"/> code. Arguments are
/// checked in a fixed order that the native library follows too, so both providers return the same
/// code for the same bad input: first every null buffer (parameter order), then every length
/// (parameter order; fixed-size inputs give <see cref="CryptoStatus.BadLength"/>, short outputs
/// <see cref="CryptoStatus.BufferTooSmall"/>), then the semantic checks. Outputs are written only on success.
/// BigInteger arithmetic is not constant-time; this provider is for the host, the device runs the native one.
/// </summary>
public sealed class ManagedCrypto : ICrypto
{
    private const int KeyLength = 32;
    private const int BlockLength = 16;
    private const int GcmIvLength = 12;
    private const int GcmTagLength = 16;
    private const int X25519Length = 32;

    /// <inheritdoc />
    public int Sha256(byte[] data, int offset, int count, byte[] digest)
    {
        if (data == null || digest == null) return CryptoStatus.NullArgument;
        if (!InRange(data, offset, count)) return CryptoStatus.BadLength;
        if (digest.Length < 32) return CryptoStatus.BufferTooSmall;
        SHA256.HashData(new ReadOnlySpan<byte>(data, offset, count), digest);
        return CryptoStatus.Ok;
    }

    /// <inheritdoc />
    public int Sha512(byte[] data, int offset, int count, byte[] digest)
    {
        if (data == null || digest == null) return CryptoStatus.NullArgument;
        if (!InRange(data, offset, count)) return CryptoStatus.BadLength;
        if (digest.Length < 64) return CryptoStatus.BufferTooSmall;
        SHA512.HashData(new ReadOnlySpan<byte>(data, offset, count), digest);
        return CryptoStatus.Ok;
    }

    /// <inheritdoc />
    public int X25519PublicKey(byte[] privateKey, byte[] publicKey)
    {
        if (privateKey == null || publicKey == null) return CryptoStatus.NullArgument;
        if (privateKey.Length != X25519Length) return CryptoStatus.BadLength;
        if (publicKey.Length < X25519Length) return CryptoStatus.BufferTooSmall;
        // ScalarMultBase clamps the scalar as RFC 7748 §5 requires.
        Rfc7748.X25519.ScalarMultBase(privateKey, 0, publicKey, 0);
        return CryptoStatus.Ok;
    }

    /// <inheritdoc />
    public int X25519SharedSecret(byte[] privateKey, byte[] peerPublicKey, byte[] sharedSecret)
    {
        if (privateKey == null || peerPublicKey == null || sharedSecret == null) return CryptoStatus.NullArgument;
        if (privateKey.Length != X25519Length || peerPublicKey.Length != X25519Length) return CryptoStatus.BadLength;
        if (sharedSecret.Length < X25519Length) return CryptoStatus.BufferTooSmall;
        var result = new byte[X25519Length];
        try
        {
            // ScalarMult clamps the scalar and masks the top bit of the u-coordinate (RFC 7748 §5).
            Rfc7748.X25519.ScalarMult(privateKey, 0, peerPublicKey, 0, result, 0);
            if (IsAllZero(result)) return CryptoStatus.WeakPublicKey;
            Buffer.BlockCopy(result, 0, sharedSecret, 0, X25519Length);
            return CryptoStatus.Ok;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(result);
        }
    }

    /// <inheritdoc />
    public int AesCtrXor(byte[] key, byte[] counterBlock, byte[] keystreamBlock, int keystreamOffset, byte[] data, int offset, int count)
    {
        if (key == null || counterBlock == null || keystreamBlock == null || data == null) return CryptoStatus.NullArgument;
        if (key.Length != KeyLength || counterBlock.Length != BlockLength || keystreamBlock.Length != BlockLength)
            return CryptoStatus.BadLength;
        if (keystreamOffset < 0 || keystreamOffset >= BlockLength) return CryptoStatus.BadLength;
        if (!InRange(data, offset, count)) return CryptoStatus.BadLength;
        if (count == 0) return keystreamOffset;

        using var aes = Aes.Create();
        aes.Key = key;
        int n = keystreamOffset;
        for (int i = 0; i < count; i++)
        {
            if (n == 0)
            {
                aes.EncryptEcb(counterBlock, keystreamBlock, PaddingMode.None);
                IncrementBigEndian(counterBlock);
            }
            data[offset + i] ^= keystreamBlock[n];
            n = (n + 1) & (BlockLength - 1);
        }
        return n;
    }

    /// <inheritdoc />
    public int AesGcmSeal(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
    {
        if (key == null || iv == null || input == null || output == null) return CryptoStatus.NullArgument;
        if (key.Length != KeyLength || iv.Length != GcmIvLength) return CryptoStatus.BadLength;
        if (!InRange(input, inputOffset, count)) return CryptoStatus.BadLength;
        if (outputOffset < 0 || outputOffset > output.Length) return CryptoStatus.BadLength;
        if (output.Length - outputOffset < (long)count + GcmTagLength) return CryptoStatus.BufferTooSmall;

        byte[] plain = new ReadOnlySpan<byte>(input, inputOffset, count).ToArray();
        byte[] cipher = new byte[count];
        byte[] tag = new byte[GcmTagLength];
        try
        {
            using var gcm = new AesGcm(key, GcmTagLength);
            gcm.Encrypt(iv, plain, cipher, tag);
            Buffer.BlockCopy(cipher, 0, output, outputOffset, count);
            Buffer.BlockCopy(tag, 0, output, outputOffset + count, GcmTagLength);
            return CryptoStatus.Ok;
        }
        catch (CryptographicException)
        {
            return CryptoStatus.InternalError;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <inheritdoc />
    public int AesGcmOpen(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
    {
        if (key == null || iv == null || input == null || output == null) return CryptoStatus.NullArgument;
        if (key.Length != KeyLength || iv.Length != GcmIvLength) return CryptoStatus.BadLength;
        if (!InRange(input, inputOffset, count)) return CryptoStatus.BadLength;
        if (count < GcmTagLength) return CryptoStatus.BadLength;
        if (outputOffset < 0 || outputOffset > output.Length) return CryptoStatus.BadLength;
        int plainLength = count - GcmTagLength;
        if (output.Length - outputOffset < plainLength) return CryptoStatus.BufferTooSmall;

        byte[] cipher = new ReadOnlySpan<byte>(input, inputOffset, plainLength).ToArray();
        byte[] tag = new ReadOnlySpan<byte>(input, inputOffset + plainLength, GcmTagLength).ToArray();
        byte[] plain = new byte[plainLength];
        try
        {
            using var gcm = new AesGcm(key, GcmTagLength);
            gcm.Decrypt(iv, cipher, tag, plain); // the tag comparison inside is constant-time
            Buffer.BlockCopy(plain, 0, output, outputOffset, plainLength);
            return CryptoStatus.Ok;
        }
        catch (AuthenticationTagMismatchException)
        {
            return CryptoStatus.AuthenticationFailed;
        }
        catch (CryptographicException)
        {
            return CryptoStatus.AuthenticationFailed;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <inheritdoc />
    public int SrpServerPublicKey(byte[] verifier, byte[] secret, byte[] publicKey)
    {
        if (verifier == null || secret == null || publicKey == null) return CryptoStatus.NullArgument;
        if (!SrpGroup.IsVerifierLength(verifier.Length) || !SrpGroup.IsSecretLength(secret.Length)) return CryptoStatus.BadLength;
        if (publicKey.Length < SrpGroup.Length) return CryptoStatus.BufferTooSmall;

        BigInteger v = SrpGroup.ToInteger(verifier) % SrpGroup.N;
        if (v.IsZero) return CryptoStatus.BadLength;
        BigInteger b = SrpGroup.ToInteger(secret);
        BigInteger bigB = (SrpGroup.K * v + BigInteger.ModPow(SrpGroup.G, b, SrpGroup.N)) % SrpGroup.N;
        if (bigB.IsZero) return CryptoStatus.InternalError;
        byte[] minimal = SrpGroup.Minimal(bigB);
        Buffer.BlockCopy(minimal, 0, publicKey, 0, minimal.Length);
        return minimal.Length;
    }

    /// <inheritdoc />
    public int SrpServerSessionKey(byte[] verifier, byte[] secret, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey)
    {
        if (verifier == null || secret == null || clientPublicKey == null || serverPublicKey == null || sessionKey == null)
            return CryptoStatus.NullArgument;
        if (!SrpGroup.IsVerifierLength(verifier.Length) || !SrpGroup.IsSecretLength(secret.Length)) return CryptoStatus.BadLength;
        if (clientPublicKey.Length != SrpGroup.Length) return CryptoStatus.BadLength;
        if (serverPublicKey.Length < 1 || serverPublicKey.Length > SrpGroup.Length) return CryptoStatus.BadLength;
        if (sessionKey.Length < SrpGroup.HashLength) return CryptoStatus.BufferTooSmall;

        BigInteger v = SrpGroup.ToInteger(verifier) % SrpGroup.N;
        if (v.IsZero) return CryptoStatus.BadLength;
        BigInteger a = SrpGroup.ToInteger(clientPublicKey) % SrpGroup.N;
        if (a.IsZero) return CryptoStatus.SrpBadPublicKey;

        // u = H(PAD(A) || PAD(B)); A is already 384 bytes.
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        h.AppendData(clientPublicKey);
        h.AppendData(SrpGroup.Pad(serverPublicKey));
        BigInteger u = SrpGroup.ToInteger(h.GetHashAndReset());
        if (u.IsZero) return CryptoStatus.SrpZeroScrambler;

        BigInteger b = SrpGroup.ToInteger(secret);
        BigInteger s = BigInteger.ModPow(a * BigInteger.ModPow(v, u, SrpGroup.N) % SrpGroup.N, b, SrpGroup.N);
        byte[] sBytes = SrpGroup.Minimal(s);
        try
        {
            SHA512.HashData(sBytes, new Span<byte>(sessionKey, 0, SrpGroup.HashLength));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sBytes);
        }
        return CryptoStatus.Ok;
    }

    /// <inheritdoc />
    public int SrpServerVerifyProof(byte[] username, byte[] salt, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey, byte[] clientProof, byte[] serverProof)
    {
        if (username == null || salt == null || clientPublicKey == null || serverPublicKey == null || sessionKey == null
            || clientProof == null || serverProof == null)
            return CryptoStatus.NullArgument;
        if (username.Length < 1 || username.Length > SrpGroup.MaxFieldLength) return CryptoStatus.BadLength;
        if (salt.Length < 1 || salt.Length > SrpGroup.MaxFieldLength) return CryptoStatus.BadLength;
        if (clientPublicKey.Length != SrpGroup.Length) return CryptoStatus.BadLength;
        if (serverPublicKey.Length < 1 || serverPublicKey.Length > SrpGroup.Length) return CryptoStatus.BadLength;
        if (sessionKey.Length != SrpGroup.HashLength || clientProof.Length != SrpGroup.HashLength) return CryptoStatus.BadLength;
        if (serverProof.Length < SrpGroup.HashLength) return CryptoStatus.BufferTooSmall;

        byte[] expected;
        using (var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512))
        {
            h.AppendData(SrpGroup.HashNXorHashPadG);
            h.AppendData(SHA512.HashData(username));
            h.AppendData(salt);
            h.AppendData(clientPublicKey);
            h.AppendData(serverPublicKey);
            h.AppendData(sessionKey);
            expected = h.GetHashAndReset();
        }
        bool match = CryptographicOperations.FixedTimeEquals(expected, clientProof);
        CryptographicOperations.ZeroMemory(expected);
        if (!match) return CryptoStatus.AuthenticationFailed;

        using (var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512))
        {
            h.AppendData(clientPublicKey);
            h.AppendData(clientProof);
            h.AppendData(sessionKey);
            h.GetHashAndReset(new Span<byte>(serverProof, 0, SrpGroup.HashLength));
        }
        return CryptoStatus.Ok;
    }

    /// <inheritdoc />
    public int SrpCreateVerifier(byte[] username, byte[] password, byte[] salt, byte[] verifier)
    {
        if (username == null || password == null || salt == null || verifier == null) return CryptoStatus.NullArgument;
        if (username.Length < 1 || username.Length > SrpGroup.MaxFieldLength) return CryptoStatus.BadLength;
        if (salt.Length < 1 || salt.Length > SrpGroup.MaxFieldLength) return CryptoStatus.BadLength;
        if (verifier.Length < SrpGroup.Length) return CryptoStatus.BufferTooSmall;

        // x = H(s || minimal(H(I || ":" || p))): esp_prov turns the inner digest into an integer and back,
        // so its leading zero bytes (if any) are not hashed. The salt is hashed as stored.
        byte[] inner;
        using (var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512))
        {
            h.AppendData(username);
            h.AppendData(new byte[] { (byte)':' });
            h.AppendData(password);
            inner = h.GetHashAndReset();
        }
        int skip = 0;
        while (skip < inner.Length - 1 && inner[skip] == 0) skip++;
        byte[] xBytes;
        using (var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512))
        {
            h.AppendData(salt);
            h.AppendData(inner, skip, inner.Length - skip);
            xBytes = h.GetHashAndReset();
        }
        BigInteger x = SrpGroup.ToInteger(xBytes);
        CryptographicOperations.ZeroMemory(inner);
        CryptographicOperations.ZeroMemory(xBytes);
        byte[] v = SrpGroup.Minimal(BigInteger.ModPow(SrpGroup.G, x, SrpGroup.N));
        Buffer.BlockCopy(v, 0, verifier, 0, v.Length);
        return v.Length;
    }

    private static bool InRange(byte[] buffer, int offset, int count)
        => offset >= 0 && count >= 0 && offset <= buffer.Length - count;

    private static bool IsAllZero(byte[] value)
    {
        int acc = 0;
        foreach (byte b in value) acc |= b;
        return acc == 0;
    }

    private static void IncrementBigEndian(byte[] counter)
    {
        for (int i = counter.Length - 1; i >= 0; i--)
        {
            if (++counter[i] != 0) break;
        }
    }
}
