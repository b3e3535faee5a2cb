using NanoProv.Platform;
using Xunit;

namespace NanoProv.Crypto.Tests;

/// <summary>GCM specification AES-256 test cases 13-15 (no AAD) and the Security 2 data messages.</summary>
public class AesGcmTests
{
    public static IEnumerable<object[]> Providers => Tests.Providers.All;

    public static IEnumerable<object[]> Cases()
    {
        var cases = new[]
        {
            new[] { "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000", "", "530f8afbc74536b9a963b4f1c4cb738b" },
            new[] { "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
                    "00000000000000000000000000000000", "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919" },
            new[] { "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
                    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
                    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
                    + "b094dac5d93471bdec1a502270e3cc6c" },
        };
        foreach (var p in Tests.Providers.All)
            foreach (var c in cases)
                yield return new object[] { p[0], c[0], c[1], c[2], c[3] };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gcm_spec_vectors_seal_and_open(string provider, string key, string iv, string plain, string wire)
    {
        var c = Tests.Providers.Get(provider);
        byte[] p = Hex.Bytes(plain);
        var output = new byte[p.Length + 16 + 3];
        Assert.Equal(CryptoStatus.Ok, c.AesGcmSeal(Hex.Bytes(key), Hex.Bytes(iv), p, 0, p.Length, output, 3));
        Assert.Equal(wire, Hex.Of(output, 3, p.Length + 16));

        byte[] w = Hex.Bytes(wire);
        var back = new byte[p.Length];
        Assert.Equal(CryptoStatus.Ok, c.AesGcmOpen(Hex.Bytes(key), Hex.Bytes(iv), w, 0, w.Length, back, 0));
        Assert.Equal(plain, Hex.Of(back));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Security2_data_messages(string provider)
    {
        var c = Tests.Providers.Get(provider);
        foreach (string name in VectorFiles.Sec2Cases)
        {
            var v = VectorFiles.Sec2.GetProperty(name);
            byte[] key = v.HexAt("values", "aes_key_hex");
            foreach (var pair in v.GetProperty("data_phase").EnumerateArray())
            {
                foreach (string dir in new[] { "request", "response" })
                {
                    byte[] iv = pair.HexAt(dir, "iv_hex");
                    byte[] plain = pair.HexAt(dir, "plaintext_hex");
                    byte[] wire = pair.HexAt(dir, "wire_hex");
                    var sealedOut = new byte[plain.Length + 16];
                    Assert.Equal(CryptoStatus.Ok, c.AesGcmSeal(key, iv, plain, 0, plain.Length, sealedOut, 0));
                    Assert.Equal(Hex.Of(wire), Hex.Of(sealedOut));
                    var opened = new byte[plain.Length];
                    Assert.Equal(CryptoStatus.Ok, c.AesGcmOpen(key, iv, wire, 0, wire.Length, opened, 0));
                    Assert.Equal(Hex.Of(plain), Hex.Of(opened));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Tampered_message_fails_and_output_is_untouched(string provider)
    {
        var c = Tests.Providers.Get(provider);
        var v = VectorFiles.Sec2.GetProperty("main");
        byte[] key = v.HexAt("values", "aes_key_hex");
        var pair = v.GetProperty("data_phase")[0].GetProperty("response");
        byte[] iv = pair.HexAt("iv_hex");
        byte[] wire = pair.HexAt("wire_hex");
        for (int i = 0; i < wire.Length; i++)
        {
            byte[] bad = (byte[])wire.Clone();
            bad[i] ^= 0x01;
            var output = Enumerable.Repeat((byte)0x5a, wire.Length).ToArray();
            Assert.Equal(CryptoStatus.AuthenticationFailed, c.AesGcmOpen(key, iv, bad, 0, bad.Length, output, 0));
            Assert.All(output, b => Assert.Equal(0x5a, b));
        }
        // wrong IV counter
        byte[] otherIv = (byte[])iv.Clone(); otherIv[11] ^= 3;
        Assert.Equal(CryptoStatus.AuthenticationFailed, c.AesGcmOpen(key, otherIv, wire, 0, wire.Length, new byte[wire.Length], 0));
        // truncated by one byte: still >= 16 bytes, so the tag no longer verifies
        Assert.Equal(CryptoStatus.AuthenticationFailed, c.AesGcmOpen(key, iv, wire, 0, wire.Length - 1, new byte[wire.Length], 0));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Seal_and_open_in_place(string provider)
    {
        var c = Tests.Providers.Get(provider);
        var v = VectorFiles.Sec2.GetProperty("main");
        byte[] key = v.HexAt("values", "aes_key_hex");
        var pair = v.GetProperty("data_phase")[0].GetProperty("response");
        byte[] buf = new byte[6 + 16];
        Array.Copy(pair.HexAt("plaintext_hex"), buf, 6);
        Assert.Equal(CryptoStatus.Ok, c.AesGcmSeal(key, pair.HexAt("iv_hex"), buf, 0, 6, buf, 0));
        Assert.Equal(pair.Str("wire_hex"), Hex.Of(buf));
        Assert.Equal(CryptoStatus.Ok, c.AesGcmOpen(key, pair.HexAt("iv_hex"), buf, 0, buf.Length, buf, 0));
        Assert.Equal(pair.Str("plaintext_hex"), Hex.Of(buf, 0, 6));
    }
}
