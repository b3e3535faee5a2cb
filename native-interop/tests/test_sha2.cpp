// SHA-256 / SHA-512: FIPS 180-2 examples and the Security 1 PoP digest.
#include <gtest/gtest.h>

#include <string>

#include "nanoprov_crypto.h"
#include "test_util.h"

namespace {

std::string sha256(const std::string &s)
{
    unsigned char d[32];
    EXPECT_EQ(NP_OK, np_sha256(reinterpret_cast<const unsigned char *>(s.data()), s.size(), d, sizeof d));
    return tohex(d, sizeof d);
}

std::string sha512(const std::string &s)
{
    unsigned char d[64];
    EXPECT_EQ(NP_OK, np_sha512(reinterpret_cast<const unsigned char *>(s.data()), s.size(), d, sizeof d));
    return tohex(d, sizeof d);
}

} // namespace

TEST(Sha256, Fips180Examples)
{
    EXPECT_EQ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sha256(""));
    EXPECT_EQ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha256("abc"));
    EXPECT_EQ("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
              sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    EXPECT_EQ("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", sha256(std::string(1000000, 'a')));
}

TEST(Sha256, PopDigestOfSecurity1Vector)
{
    const Json &v = vectors("sec1.json")["with_pop"];
    EXPECT_EQ(v["derived"]["sha256_pop_hex"].str, sha256(v["inputs"]["pop_ascii"].str));
}

TEST(Sha256, NullWithZeroLengthIsTheEmptyMessage)
{
    unsigned char d[32];
    ASSERT_EQ(NP_OK, np_sha256(nullptr, 0, d, sizeof d));
    EXPECT_EQ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", tohex(d, 32));
}

TEST(Sha512, Fips180Examples)
{
    EXPECT_EQ("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f"
              "63b931bd47417a81a538327af927da3e", sha512(""));
    EXPECT_EQ("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
              "454d4423643ce80e2a9ac94fa54ca49f", sha512("abc"));
    EXPECT_EQ("8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433a"
              "c7d329eeb6dd26545e96e55b874be909",
              sha512("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"));
}

TEST(Sha512, WritesExactly64Bytes)
{
    unsigned char d[70];
    memset(d, 0xcc, sizeof d);
    ASSERT_EQ(NP_OK, np_sha512(reinterpret_cast<const unsigned char *>("abc"), 3, d, sizeof d));
    for (size_t i = 64; i < sizeof d; i++) EXPECT_EQ(0xcc, d[i]);
}
