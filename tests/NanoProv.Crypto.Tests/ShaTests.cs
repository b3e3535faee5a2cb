using System.Text;
using NanoProv.Platform;
using Xunit;

namespace NanoProv.Crypto.Tests;

/// <summary>FIPS 180-2 example digests plus the PoP digest of the Security 1 vector.</summary>
public class ShaTests
{
    public static IEnumerable<object[]> Providers => Tests.Providers.All;

    [Theory]
    [MemberData(nameof(Providers))]
    public void Sha256_published_vectors(string provider)
    {
        var c = Tests.Providers.Get(provider);
        AssertSha256(c, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        AssertSha256(c, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        AssertSha256(c, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        AssertSha256(c, new string('a', 1000000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        AssertSha256(c, "abcd1234", VectorFiles.Sec1.Str("with_pop", "derived", "sha256_pop_hex"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Sha512_published_vectors(string provider)
    {
        var c = Tests.Providers.Get(provider);
        AssertSha512(c, "", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
        AssertSha512(c, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
        AssertSha512(c, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Sha_hashes_only_the_given_slice(string provider)
    {
        var c = Tests.Providers.Get(provider);
        byte[] framed = Encoding.ASCII.GetBytes("xxabcyy");
        var d = new byte[32];
        Assert.Equal(CryptoStatus.Ok, c.Sha256(framed, 2, 3, d));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.Of(d));
        var d5 = new byte[70];
        Assert.Equal(CryptoStatus.Ok, c.Sha512(framed, 2, 3, d5));
        Assert.Equal("ddaf35a193617aba", Hex.Of(d5, 0, 8));
        Assert.Equal(new byte[6], d5[64..]); // nothing written past 64 bytes
    }

    private static void AssertSha256(ICrypto c, string text, string expectedHex)
    {
        byte[] data = Encoding.ASCII.GetBytes(text);
        var digest = new byte[32];
        Assert.Equal(CryptoStatus.Ok, c.Sha256(data, 0, data.Length, digest));
        Assert.Equal(expectedHex, Hex.Of(digest));
    }

    private static void AssertSha512(ICrypto c, string text, string expectedHex)
    {
        byte[] data = Encoding.ASCII.GetBytes(text);
        var digest = new byte[64];
        Assert.Equal(CryptoStatus.Ok, c.Sha512(data, 0, data.Length, digest));
        Assert.Equal(expectedHex, Hex.Of(digest));
    }
}
