// X25519: RFC 7748 §5.2 (single and iterated) and §6.1, low-order points, non-canonical u, key pairs.
#include <gtest/gtest.h>

#include <cstring>

#include "nanoprov_crypto.h"
#include "test_util.h"

namespace {

std::string x25519(const std::string &k, const std::string &u)
{
    Bytes kb = hex(k), ub = hex(u);
    unsigned char r[32];
    EXPECT_EQ(NP_OK, np_x25519_shared_secret(kb.data(), kb.size(), ub.data(), ub.size(), r, sizeof r));
    return tohex(r, sizeof r);
}

} // namespace

TEST(X25519, Rfc7748Section5_2)
{
    EXPECT_EQ("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
              x25519("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                     "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
    EXPECT_EQ("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
              x25519("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                     "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"));
}

TEST(X25519, Rfc7748Section5_2Iterated1And1000)
{
    unsigned char k[32] = { 9 }, u[32] = { 9 }, r[32];
    for (int i = 1; i <= 1000; i++) {
        ASSERT_EQ(NP_OK, np_x25519_shared_secret(k, 32, u, 32, r, 32));
        memcpy(u, k, 32);
        memcpy(k, r, 32);
        if (i == 1) {
            EXPECT_EQ("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", tohex(k, 32));
        }
    }
    EXPECT_EQ("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", tohex(k, 32));
}

TEST(X25519, Rfc7748Section6_1AliceBob)
{
    const Json &v = vectors("sec1.json")["with_pop"];
    Bytes alice = v["inputs"]["client_private_key_hex"].bytes();
    Bytes bob = v["inputs"]["device_private_key_hex"].bytes();
    unsigned char ap[32], bp[32], k1[32], k2[32];
    ASSERT_EQ(NP_OK, np_x25519_public_key(alice.data(), 32, ap, 32));
    ASSERT_EQ(NP_OK, np_x25519_public_key(bob.data(), 32, bp, 32));
    EXPECT_EQ("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", tohex(ap, 32));
    EXPECT_EQ("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", tohex(bp, 32));
    ASSERT_EQ(NP_OK, np_x25519_shared_secret(alice.data(), 32, bp, 32, k1, 32));
    ASSERT_EQ(NP_OK, np_x25519_shared_secret(bob.data(), 32, ap, 32, k2, 32));
    EXPECT_EQ("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", tohex(k1, 32));
    EXPECT_EQ(tohex(k1, 32), tohex(k2, 32));
    EXPECT_EQ(v["derived"]["x25519_shared_secret_hex"].str, tohex(k1, 32));
}

TEST(X25519, LowOrderPointsAreRefusedAndOutputUntouched)
{
    const char *points[] = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000080",
    };
    Bytes priv = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    for (const char *p : points) {
        Bytes u = hex(p);
        unsigned char out[32];
        memset(out, 0xa5, sizeof out);
        EXPECT_EQ(NP_ERR_WEAK_KEY, np_x25519_shared_secret(priv.data(), 32, u.data(), 32, out, 32)) << p;
        for (unsigned char b : out) ASSERT_EQ(0xa5, b);
    }
}

TEST(X25519, NonCanonicalUIsReducedModP)
{
    // u = 2^255 - 1 = p + 18 must act as u = 18; with the top bit also set it is masked first (RFC 7748 §5).
    Bytes priv = hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    Bytes big = hex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    Bytes top = hex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    unsigned char small[32] = { 18 };
    unsigned char r1[32], r2[32], r3[32];
    ASSERT_EQ(NP_OK, np_x25519_shared_secret(priv.data(), 32, big.data(), 32, r1, 32));
    ASSERT_EQ(NP_OK, np_x25519_shared_secret(priv.data(), 32, small, 32, r2, 32));
    ASSERT_EQ(NP_OK, np_x25519_shared_secret(priv.data(), 32, top.data(), 32, r3, 32));
    EXPECT_EQ(tohex(r2, 32), tohex(r1, 32));
    EXPECT_EQ(tohex(r2, 32), tohex(r3, 32));
}

TEST(X25519, KeypairFromRngAgreesWithPublicKeyAndPeer)
{
    TestRng rng(42);
    unsigned char a[32], ap[32], b[32], bp[32], k1[32], k2[32], check[32];
    ASSERT_EQ(NP_OK, np_x25519_keypair(TestRng::callback, &rng, a, ap));
    ASSERT_EQ(NP_OK, np_x25519_keypair(TestRng::callback, &rng, b, bp));
    EXPECT_EQ(0, a[0] & 7);
    EXPECT_EQ(0x40, a[31] & 0xc0);
    ASSERT_EQ(NP_OK, np_x25519_public_key(a, 32, check, 32));
    EXPECT_EQ(tohex(ap, 32), tohex(check, 32));
    ASSERT_EQ(NP_OK, np_x25519_shared_secret(a, 32, bp, 32, k1, 32));
    ASSERT_EQ(NP_OK, np_x25519_shared_secret(b, 32, ap, 32, k2, 32));
    EXPECT_EQ(tohex(k1, 32), tohex(k2, 32));
}

TEST(X25519, KeypairReportsRngFailureAndWritesNothing)
{
    TestRng rng(1);
    rng.fail_after = 0;
    unsigned char a[32], ap[32];
    memset(a, 0x11, 32);
    memset(ap, 0x22, 32);
    EXPECT_EQ(NP_ERR_RNG, np_x25519_keypair(TestRng::callback, &rng, a, ap));
    for (int i = 0; i < 32; i++) {
        ASSERT_EQ(0x11, a[i]);
        ASSERT_EQ(0x22, ap[i]);
    }
    EXPECT_EQ(NP_ERR_NULL, np_x25519_keypair(nullptr, nullptr, a, ap));
}
