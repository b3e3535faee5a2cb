using NanoProv.Platform;
using Xunit;

namespace NanoProv.Crypto.Tests;

/// <summary>NIST SP 800-38A F.5.5, the Security 1 keystream, and byte-exact continuation of the caller-held stream.</summary>
public class AesCtrTests
{
    public static IEnumerable<object[]> Providers => Tests.Providers.All;

    private const string NistKey = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
    private const string NistCounter = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
    private const string NistPlain = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                                   + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
    private const string NistCipher = "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
                                    + "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6";

    [Theory]
    [MemberData(nameof(Providers))]
    public void Nist_sp800_38a_F_5_5_ctr_aes256_encrypt_and_decrypt(string provider)
    {
        var c = Tests.Providers.Get(provider);
        byte[] data = Hex.Bytes(NistPlain);
        var stream = new CtrStream(c, Hex.Bytes(NistKey), Hex.Bytes(NistCounter));
        stream.Xor(data, 0, data.Length);
        Assert.Equal(NistCipher, Hex.Of(data));
        // After four whole blocks the counter block is the fifth one and the offset is 0.
        Assert.Equal(0, stream.Offset);
        Assert.Equal("f0f1f2f3f4f5f6f7f8f9fafbfcfdff03", Hex.Of(stream.Counter));

        var back = new CtrStream(c, Hex.Bytes(NistKey), Hex.Bytes(NistCounter));
        back.Xor(data, 0, data.Length);
        Assert.Equal(NistPlain, Hex.Of(data));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Counter_block_increments_across_all_128_bits(string provider)
    {
        var c = Tests.Providers.Get(provider);
        byte[] key = Hex.Bytes(NistKey);
        var stream = new CtrStream(c, key, Hex.Bytes("00ffffffffffffffffffffffffffffff"));
        stream.Xor(new byte[17], 0, 17);
        Assert.Equal("01000000000000000000000000000001", Hex.Of(stream.Counter));
        Assert.Equal(1, stream.Offset);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Security1_keystream_and_messages(string provider)
    {
        var c = Tests.Providers.Get(provider);
        foreach (string variant in new[] { "with_pop", "without_pop" })
        {
            var v = VectorFiles.Sec1.GetProperty(variant);
            byte[] key = v.HexAt("derived", "session_key_hex");
            byte[] iv = v.HexAt("derived", "aes_ctr_initial_counter_block_hex");
            byte[] expectedKs = v.HexAt("derived", "keystream_hex");

            var ks = new byte[expectedKs.Length];
            new CtrStream(c, key, iv).Xor(ks, 0, ks.Length);
            Assert.Equal(Hex.Of(expectedKs), Hex.Of(ks));

            // Device side: decrypt client_verify_data (bytes 0..31), encrypt client pubkey (32..63), then data messages.
            var device = new CtrStream(c, key, iv);
            byte[] verify = v.HexAt("handshake", "cmd1", "fields", "sec1", "sc1", "client_verify_data");
            device.Xor(verify, 0, verify.Length);
            Assert.Equal(v.Str("derived", "device_pubkey_hex"), Hex.Of(verify));
            byte[] clientPub = v.HexAt("derived", "client_pubkey_hex");
            device.Xor(clientPub, 0, clientPub.Length);
            Assert.Equal(v.Str("handshake", "resp1", "fields", "sec1", "sr1", "device_verify_data"), Hex.Of(clientPub));
            foreach (var pair in v.GetProperty("data_phase").EnumerateArray())
            {
                byte[] req = pair.HexAt("request", "ciphertext_hex");
                device.Xor(req, 0, req.Length);
                Assert.Equal(pair.Str("request", "plaintext_hex"), Hex.Of(req));
                byte[] resp = pair.HexAt("response", "plaintext_hex");
                device.Xor(resp, 0, resp.Length);
                Assert.Equal(pair.Str("response", "ciphertext_hex"), Hex.Of(resp));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Split_at_every_offset_0_to_64_equals_one_shot(string provider)
    {
        var c = Tests.Providers.Get(provider);
        var rng = new Random(7);
        byte[] key = new byte[32]; rng.NextBytes(key);
        byte[] iv = new byte[16]; rng.NextBytes(iv);
        byte[] plain = new byte[100]; rng.NextBytes(plain);
        byte[] oneShot = (byte[])plain.Clone();
        new CtrStream(c, key, iv).Xor(oneShot, 0, oneShot.Length);
        for (int split = 0; split <= 64; split++)
        {
            for (int second = 0; second <= 20; second += 7)
            {
                byte[] data = (byte[])plain.Clone();
                var s = new CtrStream(c, key, iv);
                s.Xor(data, 0, split);
                s.Xor(data, split, second);
                s.Xor(data, split + second, data.Length - split - second);
                Assert.Equal(Hex.Of(oneShot), Hex.Of(data));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Xor_touches_only_the_slice(string provider)
    {
        var c = Tests.Providers.Get(provider);
        byte[] data = new byte[40];
        var s = new CtrStream(c, Hex.Bytes(NistKey), Hex.Bytes(NistCounter));
        s.Xor(data, 5, 30);
        Assert.All(data[..5], b => Assert.Equal(0, b));
        Assert.All(data[35..], b => Assert.Equal(0, b));
        Assert.Equal(14, s.Offset);
    }

    /// <summary>The caller-held CTR stream state of <see cref="ICrypto.AesCtrXor"/>.</summary>
    internal sealed class CtrStream
    {
        private readonly ICrypto _c;
        private readonly byte[] _key;
        public byte[] Counter { get; }
        public byte[] Block { get; } = new byte[16];
        public int Offset { get; private set; }

        public CtrStream(ICrypto c, byte[] key, byte[] iv)
        {
            _c = c; _key = key; Counter = (byte[])iv.Clone();
        }

        public void Xor(byte[] data, int offset, int count)
        {
            int r = _c.AesCtrXor(_key, Counter, Block, Offset, data, offset, count);
            Assert.InRange(r, 0, 15);
            Offset = r;
        }
    }
}
