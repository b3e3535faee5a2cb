using System.Numerics;
using System.Security.Cryptography;

namespace NanoProv.Host.Crypto;

/// <summary>
/// The SRP6a parameters of ESP-IDF Security 2: the RFC 5054 3072-bit group (equal to RFC 3526 group 15),
/// g = 5, SHA-512, and the byte rules (PAD to 384 bytes, minimal big-endian encodings).
/// Everything here is immutable and derived once from the published group.
/// </summary>
public static class SrpGroup
{
    /// <summary>Length of N in bytes (PAD target).</summary>
    public const int Length = 384;

    /// <summary>SHA-512 output length.</summary>
    public const int HashLength = 64;

    /// <summary>Largest username / salt the protocol can carry (protobuf field limit used by protocomm).</summary>
    public const int MaxFieldLength = 65535;

    /// <summary>Shortest accepted server secret b (bytes).</summary>
    public const int MinSecretLength = 32;

    private const string NHex =
        "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd" +
        "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed" +
        "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f" +
        "83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b" +
        "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510" +
        "15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7" +
        "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c" +
        "bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff";

    private static readonly byte[] NBytes = Convert.FromHexString(NHex);
    private static readonly byte[] PadGBytes = Pad(new byte[] { 5 });

    /// <summary>The prime modulus N.</summary>
    public static readonly BigInteger N = ToInteger(NBytes);

    /// <summary>The generator g = 5.</summary>
    public static readonly BigInteger G = new BigInteger(5);

    /// <summary>k = H(N || PAD(g)).</summary>
    public static readonly BigInteger K = ToInteger(SHA512.HashData(Concat(NBytes, PadGBytes)));

    private static readonly byte[] HashNXorHashPadGBytes = XorHashes();

    /// <summary>N as 384 big-endian bytes (copy).</summary>
    public static byte[] ModulusBytes => (byte[])NBytes.Clone();

    /// <summary>H(N) XOR H(PAD(g)) (copy), the first M1 input.</summary>
    public static byte[] HashNXorHashPadG => (byte[])HashNXorHashPadGBytes.Clone();

    /// <summary>True when a verifier of this many bytes is accepted (1..384).</summary>
    public static bool IsVerifierLength(int length) => length >= 1 && length <= Length;

    /// <summary>True when a server secret b of this many bytes is accepted (32..384).</summary>
    public static bool IsSecretLength(int length) => length >= MinSecretLength && length <= Length;

    /// <summary>Unsigned big-endian bytes to an integer.</summary>
    public static BigInteger ToInteger(ReadOnlySpan<byte> bigEndian) => new BigInteger(bigEndian, isUnsigned: true, isBigEndian: true);

    /// <summary>Minimal unsigned big-endian encoding (no leading zero bytes; zero encodes as one 0x00 byte).</summary>
    public static byte[] Minimal(BigInteger value) => value.ToByteArray(isUnsigned: true, isBigEndian: true);

    /// <summary>Left-pads a big-endian byte string with zeros to 384 bytes (inputs longer than 384 are returned as is).</summary>
    public static byte[] Pad(byte[] value)
    {
        if (value.Length >= Length) return (byte[])value.Clone();
        var padded = new byte[Length];
        Buffer.BlockCopy(value, 0, padded, Length - value.Length, value.Length);
        return padded;
    }

    /// <summary>PAD(value) for an integer below N.</summary>
    public static byte[] Pad(BigInteger value) => Pad(Minimal(value));

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var r = new byte[a.Length + b.Length];
        Buffer.BlockCopy(a, 0, r, 0, a.Length);
        Buffer.BlockCopy(b, 0, r, a.Length, b.Length);
        return r;
    }

    private static byte[] XorHashes()
    {
        byte[] hn = SHA512.HashData(NBytes);
        byte[] hg = SHA512.HashData(PadGBytes);
        for (int i = 0; i < hn.Length; i++) hn[i] ^= hg[i];
        return hn;
    }
}
