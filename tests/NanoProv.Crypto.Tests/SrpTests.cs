using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using NanoProv.Host.Crypto;
using NanoProv.Platform;
using Xunit;

namespace NanoProv.Crypto.Tests;

/// <summary>SRP6a server of ESP-IDF Security 2 against sec2.json (main, 383-byte B, 383-byte S).</summary>
public class SrpTests
{
    public static IEnumerable<object[]> Providers => Tests.Providers.All;

    public static IEnumerable<object[]> Cases()
    {
        foreach (var p in Tests.Providers.All)
            foreach (var name in VectorFiles.Sec2Cases)
                yield return new object[] { p[0], name };
    }

    private static JsonCredentials Creds => new();

    private sealed class JsonCredentials
    {
        public byte[] User => VectorFiles.Sec2.HexAt("credentials", "username_hex");
        public byte[] Salt => VectorFiles.Sec2.HexAt("credentials", "salt_hex");
        public byte[] Verifier => VectorFiles.Sec2.HexAt("credentials", "verifier_hex");
    }

    [Fact]
    public void Group_constants_match_the_vectors()
    {
        var g = VectorFiles.Sec2.GetProperty("group");
        Assert.Equal(g.Str("N_hex"), Hex.Of(SrpGroup.ModulusBytes));
        Assert.Equal(VectorFiles.Sec2.Str("constants", "k_hex"), Hex.Of(SrpGroup.Pad(SrpGroup.K), 320, 64));
        Assert.Equal(VectorFiles.Sec2.Str("constants", "H_N_xor_H_PAD_g_hex"), Hex.Of(SrpGroup.HashNXorHashPadG));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Verifier_for_wifiprov_abcd1234(string provider)
    {
        var c = Tests.Providers.Get(provider);
        var v = new byte[400];
        int n = c.SrpCreateVerifier(Encoding.ASCII.GetBytes("wifiprov"), Encoding.ASCII.GetBytes("abcd1234"), Creds.Salt, v);
        Assert.Equal(384, n);
        Assert.Equal(Hex.Of(Creds.Verifier), Hex.Of(v, 0, n));
        Assert.StartsWith("7c7c85476508946d", Hex.Of(v));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Server_side_of_the_handshake(string provider, string name)
    {
        var c = Tests.Providers.Get(provider);
        var t = VectorFiles.Sec2.GetProperty(name);
        byte[] b = t.HexAt("inputs", "b_hex");
        byte[] a = t.HexAt("values", "A_hex");

        var pub = new byte[384];
        int bLen = c.SrpServerPublicKey(Creds.Verifier, b, pub);
        Assert.Equal(t.IntAt("values", "B_length"), bLen);
        byte[] bigB = pub[..bLen];
        Assert.Equal(t.Str("values", "B_hex"), Hex.Of(bigB));

        var k = new byte[64];
        Assert.Equal(CryptoStatus.Ok, c.SrpServerSessionKey(Creds.Verifier, b, a, bigB, k));
        Assert.Equal(t.Str("values", "K_hex"), Hex.Of(k));
        Assert.Equal(t.Str("values", "aes_key_hex"), Hex.Of(k, 0, 32));

        var m2 = new byte[64];
        Assert.Equal(CryptoStatus.Ok, c.SrpServerVerifyProof(Creds.User, Creds.Salt, a, bigB, k, t.HexAt("values", "M1_hex"), m2));
        Assert.Equal(t.Str("values", "M2_hex"), Hex.Of(m2));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Wrong_proof_is_refused_and_m2_untouched(string provider, string name)
    {
        var c = Tests.Providers.Get(provider);
        var t = VectorFiles.Sec2.GetProperty(name);
        byte[] a = t.HexAt("values", "A_hex");
        byte[] bigB = t.HexAt("values", "B_hex");
        byte[] k = t.HexAt("values", "K_hex");
        byte[] m1 = t.HexAt("values", "M1_hex");
        foreach (int pos in new[] { 0, 31, 63 })
        {
            byte[] bad = (byte[])m1.Clone();
            bad[pos] ^= 0x80;
            var m2 = Enumerable.Repeat((byte)0x33, 64).ToArray();
            Assert.Equal(CryptoStatus.AuthenticationFailed, c.SrpServerVerifyProof(Creds.User, Creds.Salt, a, bigB, k, bad, m2));
            Assert.All(m2, x => Assert.Equal(0x33, x));
        }
        // A different username changes H(I) and therefore M1.
        Assert.Equal(CryptoStatus.AuthenticationFailed,
            c.SrpServerVerifyProof(Encoding.ASCII.GetBytes("wifiprow"), Creds.Salt, a, bigB, k, m1, new byte[64]));
        // The 384-byte padded B is not what the device sent when B is 383 bytes: M1 hashes B as sent.
        if (bigB.Length == 383)
            Assert.Equal(CryptoStatus.AuthenticationFailed,
                c.SrpServerVerifyProof(Creds.User, Creds.Salt, a, SrpGroup.Pad(bigB), k, m1, new byte[64]));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Client_public_key_zero_mod_n_is_refused(string provider)
    {
        var c = Tests.Providers.Get(provider);
        byte[] b = VectorFiles.Sec2.HexAt("main", "inputs", "b_hex");
        byte[] bigB = VectorFiles.Sec2.HexAt("main", "values", "B_hex");
        var k = Enumerable.Repeat((byte)0x77, 64).ToArray();
        Assert.Equal(CryptoStatus.SrpBadPublicKey, c.SrpServerSessionKey(Creds.Verifier, b, new byte[384], bigB, k));
        Assert.Equal(CryptoStatus.SrpBadPublicKey, c.SrpServerSessionKey(Creds.Verifier, b, SrpGroup.ModulusBytes, bigB, k));
        Assert.All(k, x => Assert.Equal(0x77, x));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Random_round_trips_with_an_independent_client(string provider)
    {
        var c = Tests.Providers.Get(provider);
        var rng = new Random(2024);
        for (int i = 0; i < 8; i++)
        {
            byte[] user = new byte[1 + rng.Next(20)]; rng.NextBytes(user);
            byte[] pass = new byte[rng.Next(20)]; rng.NextBytes(pass);
            byte[] salt = new byte[16]; rng.NextBytes(salt); salt[0] |= 1;
            byte[] aSecret = new byte[32]; rng.NextBytes(aSecret);
            byte[] bSecret = new byte[32]; rng.NextBytes(bSecret);

            var vBuf = new byte[384];
            int vLen = c.SrpCreateVerifier(user, pass, salt, vBuf);
            Assert.InRange(vLen, 300, 384);
            byte[] v = vBuf[..vLen];
            var bBuf = new byte[384];
            int bLen = c.SrpServerPublicKey(v, bSecret, bBuf);
            Assert.InRange(bLen, 300, 384);
            byte[] bigB = bBuf[..bLen];

            var client = TestSrpClient.Run(user, pass, salt, aSecret, bigB);
            var k = new byte[64];
            Assert.Equal(CryptoStatus.Ok, c.SrpServerSessionKey(v, bSecret, client.A, bigB, k));
            Assert.Equal(Hex.Of(client.K), Hex.Of(k));
            var m2 = new byte[64];
            Assert.Equal(CryptoStatus.Ok, c.SrpServerVerifyProof(user, salt, client.A, bigB, k, client.M1, m2));
            Assert.Equal(Hex.Of(client.M2), Hex.Of(m2));
        }
    }
}

/// <summary>
/// A deliberately separate SRP6a client written straight from the spec formulas (esp_prov style:
/// A padded to 384 bytes, x from the minimal inner hash) so server results are checked against a second computation.
/// </summary>
internal static class TestSrpClient
{
    public sealed record Result(byte[] A, byte[] K, byte[] M1, byte[] M2);

    public static Result Run(byte[] user, byte[] pass, byte[] salt, byte[] aSecret, byte[] bigB)
    {
        BigInteger n = SrpGroup.N, g = 5;
        BigInteger a = SrpGroup.ToInteger(aSecret);
        byte[] bigA = SrpGroup.Pad(BigInteger.ModPow(g, a, n));
        BigInteger u = SrpGroup.ToInteger(SHA512.HashData(Cat(bigA, SrpGroup.Pad(bigB))));
        byte[] inner = SHA512.HashData(Cat(user, new[] { (byte)':' }, pass));
        BigInteger x = SrpGroup.ToInteger(SHA512.HashData(Cat(salt, SrpGroup.Minimal(SrpGroup.ToInteger(inner)))));
        BigInteger k = SrpGroup.ToInteger(SHA512.HashData(Cat(SrpGroup.ModulusBytes, SrpGroup.Pad(new byte[] { 5 }))));
        BigInteger bVal = SrpGroup.ToInteger(bigB);
        BigInteger baseVal = ((bVal - k * BigInteger.ModPow(g, x, n)) % n + n) % n;
        BigInteger s = BigInteger.ModPow(baseVal, a + u * x, n);
        byte[] key = SHA512.HashData(SrpGroup.Minimal(s));
        byte[] hn = SHA512.HashData(SrpGroup.ModulusBytes);
        byte[] hg = SHA512.HashData(SrpGroup.Pad(new byte[] { 5 }));
        for (int i = 0; i < 64; i++) hn[i] ^= hg[i];
        byte[] m1 = SHA512.HashData(Cat(hn, SHA512.HashData(user), salt, bigA, bigB, key));
        byte[] m2 = SHA512.HashData(Cat(bigA, m1, key));
        return new Result(bigA, key, m1, m2);
    }

    private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
