using NanoProv.Platform;
using Xunit;

namespace NanoProv.Crypto.Tests;

/// <summary>RFC 7748 §5.2 (function vectors, 1 and 1000 iterations) and §6.1 (Diffie-Hellman) plus the Security 1 vector.</summary>
public class X25519Tests
{
    public static IEnumerable<object[]> Providers => Tests.Providers.All;

    [Theory]
    [MemberData(nameof(Providers))]
    public void Rfc7748_section5_2_function_vectors(string provider)
    {
        var c = Tests.Providers.Get(provider);
        AssertX25519(c, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
            "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
            "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        // u has its top bit set: it must be masked, not rejected.
        AssertX25519(c, "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
            "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
            "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Rfc7748_section5_2_iterated_1_and_1000(string provider)
    {
        var c = Tests.Providers.Get(provider);
        byte[] k = new byte[32]; k[0] = 9;
        byte[] u = new byte[32]; u[0] = 9;
        for (int i = 1; i <= 1000; i++)
        {
            var r = new byte[32];
            Assert.Equal(CryptoStatus.Ok, c.X25519SharedSecret(k, u, r));
            u = k; k = r;
            if (i == 1) Assert.Equal("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", Hex.Of(k));
        }
        Assert.Equal("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", Hex.Of(k));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Rfc7748_section6_1_alice_and_bob(string provider)
    {
        var c = Tests.Providers.Get(provider);
        var d = VectorFiles.Sec1.GetProperty("with_pop");
        byte[] alice = d.HexAt("inputs", "client_private_key_hex");
        byte[] bob = d.HexAt("inputs", "device_private_key_hex");
        Assert.Equal("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", Hex.Of(alice));
        var alicePub = new byte[32];
        var bobPub = new byte[32];
        Assert.Equal(CryptoStatus.Ok, c.X25519PublicKey(alice, alicePub));
        Assert.Equal(CryptoStatus.Ok, c.X25519PublicKey(bob, bobPub));
        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Hex.Of(alicePub));
        Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", Hex.Of(bobPub));
        var k1 = new byte[32];
        var k2 = new byte[32];
        Assert.Equal(CryptoStatus.Ok, c.X25519SharedSecret(alice, bobPub, k1));
        Assert.Equal(CryptoStatus.Ok, c.X25519SharedSecret(bob, alicePub, k2));
        Assert.Equal("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", Hex.Of(k1));
        Assert.Equal(Hex.Of(k1), Hex.Of(k2));
        Assert.Equal(d.Str("derived", "x25519_shared_secret_hex"), Hex.Of(k1));
    }

    /// <summary>Low-order points (and their non-canonical forms) give the all-zero secret and must be refused.</summary>
    [Theory]
    [MemberData(nameof(LowOrderCases))]
    public void Low_order_peer_keys_are_refused_and_output_untouched(string provider, string peerHex)
    {
        var c = Tests.Providers.Get(provider);
        byte[] priv = Hex.Bytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        var output = Enumerable.Repeat((byte)0xa5, 32).ToArray();
        Assert.Equal(CryptoStatus.WeakPublicKey, c.X25519SharedSecret(priv, Hex.Bytes(peerHex), output));
        Assert.All(output, b => Assert.Equal(0xa5, b));
    }

    public static IEnumerable<object[]> LowOrderCases()
    {
        string[] points =
        {
            "0000000000000000000000000000000000000000000000000000000000000000", // 0
            "0100000000000000000000000000000000000000000000000000000000000000", // 1
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", // order 8
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157", // order 8
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p - 1
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p + 1
            "0000000000000000000000000000000000000000000000000000000000000080", // 0 with the top bit set
        };
        foreach (var p in Tests.Providers.All)
            foreach (var point in points)
                yield return new object[] { p[0], point };
    }

    private static void AssertX25519(ICrypto c, string k, string u, string expected)
    {
        var r = new byte[32];
        Assert.Equal(CryptoStatus.Ok, c.X25519SharedSecret(Hex.Bytes(k), Hex.Bytes(u), r));
        Assert.Equal(expected, Hex.Of(r));
    }
}
