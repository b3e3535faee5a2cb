using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace NanoProv.Client.Security;

/// <summary>
/// SRP-6a as used by ESP Security 2: RFC 5054 3072-bit group, g = 5, SHA-512 everywhere, with the byte
/// serialisation rules the device uses:
/// <list type="bullet">
/// <item>k = H(N ‖ PAD(g)); u = H(PAD(A) ‖ PAD(B)), PAD = left-pad with zeros to 384 bytes.</item>
/// <item>x = H(s ‖ H(I ‖ ":" ‖ p)) with the inner digest in minimal form (leading zero bytes dropped), which
/// is what esp_prov does (it turns the digest into an integer); ESP-IDF's on-device generator hashes all 64 bytes.
/// The two agree unless the inner digest starts with 0x00 (1 in 256 username/password pairs); see
/// <see cref="InnerHashIsAmbiguous"/>.</item>
/// <item>The salt is hashed exactly as received (esp_prov drops its leading zero bytes; the device does not).</item>
/// <item>A is sent as exactly 384 bytes (the device requires it); K = H(minimal(S)).</item>
/// <item>M1 = H((H(N) XOR H(PAD(g))) ‖ H(I) ‖ s ‖ A ‖ B ‖ K) with B exactly as the device sent it
/// (minimal); M2 = H(A ‖ M1 ‖ K).</item>
/// </list>
/// </summary>
public static class Srp6a
{
    /// <summary>Length of N (and of PAD()) in bytes.</summary>
    public const int Length = 384;

    private const string NHex =
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
        "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
        "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
        "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
        "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
        "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

    /// <summary>The group prime N (384 bytes, big-endian).</summary>
    public static byte[] NBytes { get; } = Convert.FromHexString(NHex);

    /// <summary>N as an integer.</summary>
    public static BigInteger N { get; } = FromBytes(NBytes);

    /// <summary>The generator (5).</summary>
    public static BigInteger G { get; } = new BigInteger(5);

    /// <summary>k = H(N ‖ PAD(g)).</summary>
    public static BigInteger K { get; } = FromBytes(Hash(NBytes, Pad(ToBytes(G))));

    /// <summary>H(N) XOR H(PAD(g)) (64 bytes), the first M1 component.</summary>
    public static byte[] HashNXorHashG { get; } = Xor(SHA512.HashData(NBytes), SHA512.HashData(Pad(ToBytes(G))));

    /// <summary>Unsigned big-endian bytes to integer.</summary>
    public static BigInteger FromBytes(byte[] bytes) => new BigInteger(bytes, isUnsigned: true, isBigEndian: true);

    /// <summary>Integer to minimal unsigned big-endian bytes (zero gives one 0x00 byte).</summary>
    public static byte[] ToBytes(BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value));
        return value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Left-pads to 384 bytes.</summary>
    public static byte[] Pad(byte[] value)
    {
        if (value.Length > Length) throw new ArgumentException("value longer than N");
        if (value.Length == Length) return value;
        var padded = new byte[Length];
        Buffer.BlockCopy(value, 0, padded, Length - value.Length, value.Length);
        return padded;
    }

    /// <summary>Drops leading zero bytes (keeps at least one byte).</summary>
    public static byte[] Minimal(byte[] value)
    {
        int i = 0;
        while (i < value.Length - 1 && value[i] == 0) i++;
        return i == 0 ? value : value.AsSpan(i).ToArray();
    }

    /// <summary>SHA-512 over the concatenation of the parts.</summary>
    public static byte[] Hash(params byte[][] parts)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        foreach (var p in parts) h.AppendData(p);
        return h.GetHashAndReset();
    }

    /// <summary>H(I ‖ ":" ‖ p), the inner digest of x.</summary>
    public static byte[] InnerHash(byte[] username, byte[] password) =>
        Hash(username, Encoding.ASCII.GetBytes(":"), password);

    /// <summary>
    /// True when H(I ‖ ":" ‖ p) starts with 0x00: esp_prov (minimal digest) and ESP-IDF's on-device generator
    /// (full digest) then derive different verifiers. Such credentials should be avoided.
    /// </summary>
    public static bool InnerHashIsAmbiguous(byte[] username, byte[] password) => InnerHash(username, password)[0] == 0;

    /// <summary>x = H(s ‖ minimal(H(I ‖ ":" ‖ p))) with s exactly as given.</summary>
    public static BigInteger ComputeX(byte[] salt, byte[] username, byte[] password)
    {
        byte[] inner = InnerHash(username, password);
        byte[] x = Hash(salt, Minimal(inner));
        CryptographicOperations.ZeroMemory(inner);
        return FromBytes(x);
    }

    /// <summary>v = g^x mod N in minimal big-endian form.</summary>
    public static byte[] ComputeVerifier(byte[] salt, byte[] username, byte[] password) =>
        ToBytes(BigInteger.ModPow(G, ComputeX(salt, username, password), N));

    /// <summary>A = g^a mod N, padded to 384 bytes (callers re-roll a when A would be shorter).</summary>
    public static byte[] ComputeA(BigInteger a) => ToBytes(BigInteger.ModPow(G, a, N));

    /// <summary>u = H(PAD(A) ‖ PAD(B)).</summary>
    public static BigInteger ComputeU(byte[] a, byte[] b) => FromBytes(Hash(Pad(Minimal(a)), Pad(Minimal(b))));

    /// <summary>
    /// Client premaster secret S = (B − k·g^x)^(a + u·x) mod N. Throws <see cref="ProvHandshakeException"/> when
    /// B mod N == 0 or u == 0 (SRP-6a safety checks).
    /// </summary>
    public static BigInteger ComputeClientS(BigInteger a, byte[] aBytes, byte[] bBytes, byte[] salt, byte[] username, byte[] password)
    {
        BigInteger b = FromBytes(bBytes);
        if (b % N == 0) throw new ProvHandshakeException("the device sent an invalid SRP public key (B mod N = 0)");
        BigInteger u = ComputeU(aBytes, bBytes);
        if (u.IsZero) throw new ProvHandshakeException("SRP scrambling parameter u is zero; refusing the session");
        BigInteger x = ComputeX(salt, username, password);
        BigInteger v = BigInteger.ModPow(G, x, N);
        BigInteger baseValue = (b - K * v) % N;
        if (baseValue.Sign < 0) baseValue += N;
        return BigInteger.ModPow(baseValue, a + u * x, N);
    }

    /// <summary>K = H(minimal(S)).</summary>
    public static byte[] ComputeSessionKey(BigInteger s) => SHA512.HashData(ToBytes(s));

    /// <summary>M1 = H((H(N) XOR H(PAD(g))) ‖ H(I) ‖ s ‖ A ‖ B ‖ K), every part exactly as given.</summary>
    public static byte[] ComputeM1(byte[] username, byte[] salt, byte[] a, byte[] b, byte[] k) =>
        Hash(HashNXorHashG, SHA512.HashData(username), salt, a, b, k);

    /// <summary>M2 = H(A ‖ M1 ‖ K).</summary>
    public static byte[] ComputeM2(byte[] a, byte[] m1, byte[] k) => Hash(a, m1, k);

    private static byte[] Xor(byte[] x, byte[] y)
    {
        var r = new byte[x.Length];
        for (int i = 0; i < r.Length; i++) r[i] = (byte)(x[i] ^ y[i]);
        return r;
    }
}
