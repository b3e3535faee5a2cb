// AES-256-GCM: GCM specification test cases 13-15 (AES-256, no AAD), Security 2 data messages,
// tamper/truncation behaviour and in-place operation.
#include <gtest/gtest.h>

#include <cstring>

#include "nanoprov_crypto.h"
#include "test_util.h"

namespace {

struct GcmCase {
    const char *key, *iv, *plain, *wire;
};

const GcmCase kCases[] = {
    { "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000", "",
      "530f8afbc74536b9a963b4f1c4cb738b" },
    { "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
      "00000000000000000000000000000000", "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919" },
    { "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
      "b16aedf5aa0de657ba637b391aafd255",
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
      "c5f61e6393ba7a0abcc9f662898015adb094dac5d93471bdec1a502270e3cc6c" },
};

} // namespace

TEST(AesGcm, SpecTestCases13To15)
{
    for (const GcmCase &c : kCases) {
        Bytes key = hex(c.key), iv = hex(c.iv), plain = hex(c.plain), wire = hex(c.wire);
        Bytes out(plain.size() + 16);
        ASSERT_EQ(NP_OK, np_aes_gcm_seal(key.data(), 32, iv.data(), 12, plain.data(), plain.size(), out.data(), out.size()));
        EXPECT_EQ(c.wire, tohex(out));
        Bytes back(plain.size() + 1, 0xee);
        ASSERT_EQ(NP_OK, np_aes_gcm_open(key.data(), 32, iv.data(), 12, wire.data(), wire.size(), back.data(), back.size()));
        EXPECT_EQ(c.plain, tohex(back.data(), plain.size()));
        EXPECT_EQ(0xee, back[plain.size()]);
    }
}

TEST(AesGcm, Security2DataMessages)
{
    for (const char *name : { "main", "edge_B_383_bytes", "edge_S_383_bytes" }) {
        const Json &v = vectors("sec2.json")[name];
        Bytes key = v["values"]["aes_key_hex"].bytes();
        for (const Json &pair : v["data_phase"].arr) {
            for (const char *dir : { "request", "response" }) {
                Bytes iv = pair[dir]["iv_hex"].bytes(), plain = pair[dir]["plaintext_hex"].bytes();
                Bytes wire = pair[dir]["wire_hex"].bytes();
                Bytes out(plain.size() + 16), back(plain.size());
                ASSERT_EQ(NP_OK, np_aes_gcm_seal(key.data(), 32, iv.data(), 12, plain.data(), plain.size(), out.data(), out.size()));
                EXPECT_EQ(tohex(wire), tohex(out)) << name << " " << dir;
                ASSERT_EQ(NP_OK, np_aes_gcm_open(key.data(), 32, iv.data(), 12, wire.data(), wire.size(), back.data(), back.size()));
                EXPECT_EQ(tohex(plain), tohex(back));
            }
        }
    }
}

TEST(AesGcm, EveryTamperedByteFailsAndOutputIsUntouched)
{
    const Json &r = vectors("sec2.json")["main"]["data_phase"][0]["response"];
    Bytes key = vectors("sec2.json")["main"]["values"]["aes_key_hex"].bytes();
    Bytes iv = r["iv_hex"].bytes(), wire = r["wire_hex"].bytes();
    for (size_t i = 0; i < wire.size(); i++) {
        for (unsigned char bit : { 0x01, 0x80 }) {
            Bytes bad = wire;
            bad[i] ^= bit;
            Bytes out(wire.size(), 0x5a);
            ASSERT_EQ(NP_ERR_AUTH_FAILED, np_aes_gcm_open(key.data(), 32, iv.data(), 12, bad.data(), bad.size(), out.data(), out.size()));
            for (unsigned char b : out) ASSERT_EQ(0x5a, b);
        }
    }
    Bytes iv2 = iv;
    iv2[11] ^= 3;
    Bytes out(wire.size());
    EXPECT_EQ(NP_ERR_AUTH_FAILED, np_aes_gcm_open(key.data(), 32, iv2.data(), 12, wire.data(), wire.size(), out.data(), out.size()));
}

TEST(AesGcm, TruncatedCiphertext)
{
    const Json &r = vectors("sec2.json")["main"]["data_phase"][0]["response"];
    Bytes key = vectors("sec2.json")["main"]["values"]["aes_key_hex"].bytes();
    Bytes iv = r["iv_hex"].bytes(), wire = r["wire_hex"].bytes();
    Bytes out(wire.size(), 0x5a);
    for (size_t n = 0; n < wire.size(); n++) {
        int expected = n < 16 ? NP_ERR_BAD_LENGTH : NP_ERR_AUTH_FAILED;
        ASSERT_EQ(expected, np_aes_gcm_open(key.data(), 32, iv.data(), 12, wire.data(), n, out.data(), out.size())) << n;
        ASSERT_EQ(expected, np_aes_gcm_open(key.data(), 32, iv.data(), 12, wire.data() + wire.size() - n, n, out.data(), out.size())) << n;
    }
    for (unsigned char b : out) ASSERT_EQ(0x5a, b);
}

TEST(AesGcm, InPlaceSealAndOpen)
{
    const Json &r = vectors("sec2.json")["main"]["data_phase"][0]["response"];
    Bytes key = vectors("sec2.json")["main"]["values"]["aes_key_hex"].bytes();
    Bytes iv = r["iv_hex"].bytes(), plain = r["plaintext_hex"].bytes();
    Bytes buf(plain.size() + 16);
    memcpy(buf.data(), plain.data(), plain.size());
    ASSERT_EQ(NP_OK, np_aes_gcm_seal(key.data(), 32, iv.data(), 12, buf.data(), plain.size(), buf.data(), buf.size()));
    EXPECT_EQ(r["wire_hex"].str, tohex(buf));
    ASSERT_EQ(NP_OK, np_aes_gcm_open(key.data(), 32, iv.data(), 12, buf.data(), buf.size(), buf.data(), buf.size()));
    EXPECT_EQ(tohex(plain), tohex(buf.data(), plain.size()));
}

TEST(AesGcm, EmptyPlaintextWithNullPointers)
{
    Bytes key(32), iv(12);
    unsigned char tag[16];
    ASSERT_EQ(NP_OK, np_aes_gcm_seal(key.data(), 32, iv.data(), 12, nullptr, 0, tag, 16));
    EXPECT_EQ("530f8afbc74536b9a963b4f1c4cb738b", tohex(tag, 16));
    EXPECT_EQ(NP_OK, np_aes_gcm_open(key.data(), 32, iv.data(), 12, tag, 16, nullptr, 0));
}
