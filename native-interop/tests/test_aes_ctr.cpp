// AES-256-CTR: NIST SP 800-38A F.5.5, Security 1 keystream, continuation at every split 0..64,
// for both the flat caller-buffer function and the np_aes_ctr_stream struct.
#include <gtest/gtest.h>

#include <cstring>

#include "nanoprov_crypto.h"
#include "test_util.h"

namespace {

const char *kKey = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
const char *kIv = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
const char *kPlain = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                     "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
const char *kCipher = "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
                      "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6";

// The caller-held state of np_aes_ctr_xor.
struct FlatStream {
    Bytes key;
    unsigned char counter[16];
    unsigned char block[16] = { 0 };
    int offset = 0;
    FlatStream(const Bytes &k, const Bytes &iv) : key(k) { memcpy(counter, iv.data(), 16); }
    void xor_(unsigned char *data, size_t len)
    {
        int r = np_aes_ctr_xor(key.data(), key.size(), counter, 16, block, 16, offset, data, len);
        ASSERT_GE(r, 0);
        ASSERT_LT(r, 16);
        offset = r;
    }
};

} // namespace

TEST(AesCtr, NistSp800_38A_F_5_5_Flat)
{
    Bytes data = hex(kPlain);
    FlatStream s(hex(kKey), hex(kIv));
    s.xor_(data.data(), data.size());
    EXPECT_EQ(kCipher, tohex(data));
    EXPECT_EQ(0, s.offset);
    EXPECT_EQ("f0f1f2f3f4f5f6f7f8f9fafbfcfdff03", tohex(s.counter, 16));
    FlatStream back(hex(kKey), hex(kIv));
    back.xor_(data.data(), data.size());
    EXPECT_EQ(kPlain, tohex(data));
}

TEST(AesCtr, NistSp800_38A_F_5_5_Stream)
{
    Bytes key = hex(kKey), iv = hex(kIv), in = hex(kPlain), out(in.size());
    np_aes_ctr_stream s;
    ASSERT_EQ(NP_OK, np_aes_ctr_start(&s, key.data(), key.size(), iv.data(), iv.size()));
    ASSERT_EQ(NP_OK, np_aes_ctr_update(&s, in.data(), out.data(), in.size()));
    EXPECT_EQ(kCipher, tohex(out));
    np_aes_ctr_free(&s);
    for (size_t i = 0; i < sizeof s; i++) ASSERT_EQ(0, reinterpret_cast<unsigned char *>(&s)[i]) << "not zeroized";
    EXPECT_EQ(NP_ERR_BAD_LENGTH, np_aes_ctr_update(&s, in.data(), out.data(), 1)); // freed stream is unusable
    np_aes_ctr_free(&s); // double free is harmless
}

TEST(AesCtr, CounterWrapsAcrossAll128Bits)
{
    Bytes zeros(17);
    FlatStream s(hex(kKey), hex("00ffffffffffffffffffffffffffffff"));
    s.xor_(zeros.data(), zeros.size());
    EXPECT_EQ("01000000000000000000000000000001", tohex(s.counter, 16));
    EXPECT_EQ(1, s.offset);
    FlatStream all(hex(kKey), hex("ffffffffffffffffffffffffffffffff"));
    all.xor_(zeros.data(), 16);
    EXPECT_EQ("00000000000000000000000000000000", tohex(all.counter, 16));
}

TEST(AesCtr, Security1KeystreamAndMessages)
{
    for (const char *variant : { "with_pop", "without_pop" }) {
        const Json &v = vectors("sec1.json")[variant];
        Bytes key = v["derived"]["session_key_hex"].bytes();
        Bytes iv = v["derived"]["aes_ctr_initial_counter_block_hex"].bytes();
        Bytes ks(v["derived"]["keystream_hex"].bytes().size());
        FlatStream f(key, iv);
        f.xor_(ks.data(), ks.size());
        EXPECT_EQ(v["derived"]["keystream_hex"].str, tohex(ks)) << variant;

        np_aes_ctr_stream dev;
        ASSERT_EQ(NP_OK, np_aes_ctr_start(&dev, key.data(), 32, iv.data(), 16));
        Bytes cvd = v["handshake"]["cmd1"]["fields"]["sec1"]["sc1"]["client_verify_data"].bytes();
        ASSERT_EQ(NP_OK, np_aes_ctr_update(&dev, cvd.data(), cvd.data(), cvd.size()));
        EXPECT_EQ(v["derived"]["device_pubkey_hex"].str, tohex(cvd));
        Bytes cp = v["derived"]["client_pubkey_hex"].bytes();
        ASSERT_EQ(NP_OK, np_aes_ctr_update(&dev, cp.data(), cp.data(), cp.size()));
        EXPECT_EQ(v["handshake"]["resp1"]["fields"]["sec1"]["sr1"]["device_verify_data"].str, tohex(cp));
        for (const Json &pair : v["data_phase"].arr) {
            Bytes req = pair["request"]["ciphertext_hex"].bytes();
            ASSERT_EQ(NP_OK, np_aes_ctr_update(&dev, req.data(), req.data(), req.size()));
            EXPECT_EQ(pair["request"]["plaintext_hex"].str, tohex(req));
            Bytes resp = pair["response"]["plaintext_hex"].bytes();
            ASSERT_EQ(NP_OK, np_aes_ctr_update(&dev, resp.data(), resp.data(), resp.size()));
            EXPECT_EQ(pair["response"]["ciphertext_hex"].str, tohex(resp));
        }
        np_aes_ctr_free(&dev);
    }
}

TEST(AesCtr, SplitAtEveryOffset0To64EqualsOneShot)
{
    TestRng rng(7);
    Bytes key(32), iv(16), plain(100);
    rng.fill(key.data(), 32);
    rng.fill(iv.data(), 16);
    rng.fill(plain.data(), plain.size());
    Bytes one = plain;
    FlatStream f(key, iv);
    f.xor_(one.data(), one.size());
    for (size_t split = 0; split <= 64; split++) {
        for (size_t second = 0; second <= 21; second += 7) {
            Bytes a = plain, b(plain.size());
            FlatStream s(key, iv);
            s.xor_(a.data(), split);
            s.xor_(a.data() + split, second);
            s.xor_(a.data() + split + second, a.size() - split - second);
            ASSERT_EQ(tohex(one), tohex(a)) << "flat split " << split << "+" << second;

            np_aes_ctr_stream st;
            ASSERT_EQ(NP_OK, np_aes_ctr_start(&st, key.data(), 32, iv.data(), 16));
            ASSERT_EQ(NP_OK, np_aes_ctr_update(&st, plain.data(), b.data(), split));
            ASSERT_EQ(NP_OK, np_aes_ctr_update(&st, plain.data() + split, b.data() + split, second));
            ASSERT_EQ(NP_OK, np_aes_ctr_update(&st, plain.data() + split + second, b.data() + split + second,
                                               b.size() - split - second));
            np_aes_ctr_free(&st);
            ASSERT_EQ(tohex(one), tohex(b)) << "stream split " << split << "+" << second;
        }
    }
}

TEST(AesCtr, ByteByByteEqualsOneShot)
{
    Bytes key = hex(kKey), iv = hex(kIv), data = hex(kPlain);
    FlatStream s(key, iv);
    for (size_t i = 0; i < data.size(); i++) s.xor_(data.data() + i, 1);
    EXPECT_EQ(kCipher, tohex(data));
}
