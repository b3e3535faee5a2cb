// The bad-input table: each malformed call returns its documented code and leaves outputs untouched.
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "nanoprov_crypto.h"
#include "test_util.h"

namespace {

struct Buffers {
    Bytes key = Bytes(32, 1), iv12 = Bytes(12, 2), ctr = Bytes(16, 3), ks = Bytes(16, 4), data = Bytes(64, 5);
    Bytes out = Bytes(512, 0xab);
    Bytes v, b, A, B, K, M1, s, I, N;
    Bytes sealed;
    Buffers()
    {
        const Json &j = vectors("sec2.json");
        v = j["credentials"]["verifier_hex"].bytes();
        s = j["credentials"]["salt_hex"].bytes();
        I = j["credentials"]["username_hex"].bytes();
        N = j["group"]["N_hex"].bytes();
        b = j["main"]["inputs"]["b_hex"].bytes();
        A = j["main"]["values"]["A_hex"].bytes();
        B = j["main"]["values"]["B_hex"].bytes();
        K = j["main"]["values"]["K_hex"].bytes();
        M1 = j["main"]["values"]["M1_hex"].bytes();
        sealed.resize(20);
        Bytes plain = { 1, 2, 3, 4 };
        EXPECT_EQ(NP_OK, np_aes_gcm_seal(key.data(), 32, iv12.data(), 12, plain.data(), 4, sealed.data(), 20));
    }
};

struct Case {
    const char *name;
    int expected;
    std::function<int(Buffers &)> call;
};

std::vector<Case> table()
{
    using B = Buffers;
    unsigned char *const nul = nullptr;
    return {
        // SHA
        { "sha256 NULL data with length", NP_ERR_NULL, [=](B &x) { return np_sha256(nul, 4, x.out.data(), 32); } },
        { "sha256 NULL digest", NP_ERR_NULL, [=](B &x) { return np_sha256(x.data.data(), 4, nul, 32); } },
        { "sha256 digest 31", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_sha256(x.data.data(), 4, x.out.data(), 31); } },
        { "sha512 digest 63", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_sha512(x.data.data(), 4, x.out.data(), 63); } },
        { "sha512 NULL digest size 0", NP_ERR_BUFFER_TOO_SMALL, [=](B &x) { return np_sha512(x.data.data(), 4, nul, 0); } },
        // X25519
        { "x25519 pub NULL private", NP_ERR_NULL, [=](B &x) { return np_x25519_public_key(nul, 32, x.out.data(), 32); } },
        { "x25519 pub private 31", NP_ERR_BAD_LENGTH, [](B &x) { return np_x25519_public_key(x.key.data(), 31, x.out.data(), 32); } },
        { "x25519 pub private 33", NP_ERR_BAD_LENGTH, [](B &x) { return np_x25519_public_key(x.data.data(), 33, x.out.data(), 32); } },
        { "x25519 pub output 31", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_x25519_public_key(x.key.data(), 32, x.out.data(), 31); } },
        { "x25519 shared NULL peer", NP_ERR_NULL, [=](B &x) { return np_x25519_shared_secret(x.key.data(), 32, nul, 32, x.out.data(), 32); } },
        { "x25519 shared peer 31", NP_ERR_BAD_LENGTH, [](B &x) { return np_x25519_shared_secret(x.key.data(), 32, x.key.data(), 31, x.out.data(), 32); } },
        { "x25519 shared output 16", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_x25519_shared_secret(x.key.data(), 32, x.key.data(), 32, x.out.data(), 16); } },
        { "x25519 shared peer zero", NP_ERR_WEAK_KEY, [](B &x) { Bytes z(32); return np_x25519_shared_secret(x.key.data(), 32, z.data(), 32, x.out.data(), 32); } },
        // AES-CTR
        { "ctr NULL key", NP_ERR_NULL, [=](B &x) { return np_aes_ctr_xor(nul, 32, x.ctr.data(), 16, x.ks.data(), 16, 0, x.data.data(), 4); } },
        { "ctr NULL data", NP_ERR_NULL, [=](B &x) { return np_aes_ctr_xor(x.key.data(), 32, x.ctr.data(), 16, x.ks.data(), 16, 0, nul, 4); } },
        { "ctr key 16", NP_ERR_BAD_LENGTH, [](B &x) { return np_aes_ctr_xor(x.key.data(), 16, x.ctr.data(), 16, x.ks.data(), 16, 0, x.data.data(), 4); } },
        { "ctr counter 12", NP_ERR_BAD_LENGTH, [](B &x) { return np_aes_ctr_xor(x.key.data(), 32, x.ctr.data(), 12, x.ks.data(), 16, 0, x.data.data(), 4); } },
        { "ctr keystream 15", NP_ERR_BAD_LENGTH, [](B &x) { return np_aes_ctr_xor(x.key.data(), 32, x.ctr.data(), 16, x.ks.data(), 15, 0, x.data.data(), 4); } },
        { "ctr offset 16", NP_ERR_BAD_LENGTH, [](B &x) { return np_aes_ctr_xor(x.key.data(), 32, x.ctr.data(), 16, x.ks.data(), 16, 16, x.data.data(), 4); } },
        { "ctr offset -1", NP_ERR_BAD_LENGTH, [](B &x) { return np_aes_ctr_xor(x.key.data(), 32, x.ctr.data(), 16, x.ks.data(), 16, -1, x.data.data(), 4); } },
        { "ctr empty keeps offset", 9, [=](B &x) { return np_aes_ctr_xor(x.key.data(), 32, x.ctr.data(), 16, x.ks.data(), 16, 9, nul, 0); } },
        { "ctr stream NULL", NP_ERR_NULL, [](B &x) { return np_aes_ctr_start(nullptr, x.key.data(), 32, x.ctr.data(), 16); } },
        { "ctr stream iv 12", NP_ERR_BAD_LENGTH, [](B &x) { np_aes_ctr_stream s; return np_aes_ctr_start(&s, x.key.data(), 32, x.ctr.data(), 12); } },
        // AES-GCM
        { "gcm seal NULL iv", NP_ERR_NULL, [=](B &x) { return np_aes_gcm_seal(x.key.data(), 32, nul, 12, x.data.data(), 4, x.out.data(), 20); } },
        { "gcm seal NULL output", NP_ERR_NULL, [=](B &x) { return np_aes_gcm_seal(x.key.data(), 32, x.iv12.data(), 12, x.data.data(), 4, nul, 20); } },
        { "gcm seal key 31", NP_ERR_BAD_LENGTH, [](B &x) { return np_aes_gcm_seal(x.key.data(), 31, x.iv12.data(), 12, x.data.data(), 4, x.out.data(), 20); } },
        { "gcm seal iv 16", NP_ERR_BAD_LENGTH, [](B &x) { return np_aes_gcm_seal(x.key.data(), 32, x.ctr.data(), 16, x.data.data(), 4, x.out.data(), 20); } },
        { "gcm seal output 19", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_aes_gcm_seal(x.key.data(), 32, x.iv12.data(), 12, x.data.data(), 4, x.out.data(), 19); } },
        { "gcm seal output smaller than input", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_aes_gcm_seal(x.key.data(), 32, x.iv12.data(), 12, x.data.data(), 64, x.out.data(), 10); } },
        { "gcm open NULL input", NP_ERR_NULL, [=](B &x) { return np_aes_gcm_open(x.key.data(), 32, x.iv12.data(), 12, nul, 20, x.out.data(), 4); } },
        { "gcm open iv 11", NP_ERR_BAD_LENGTH, [](B &x) { return np_aes_gcm_open(x.key.data(), 32, x.iv12.data(), 11, x.sealed.data(), 20, x.out.data(), 4); } },
        { "gcm open 15 bytes (shorter than the tag)", NP_ERR_BAD_LENGTH, [](B &x) { return np_aes_gcm_open(x.key.data(), 32, x.iv12.data(), 12, x.sealed.data(), 15, x.out.data(), 4); } },
        { "gcm open empty", NP_ERR_BAD_LENGTH, [=](B &x) { return np_aes_gcm_open(x.key.data(), 32, x.iv12.data(), 12, nul, 0, x.out.data(), 4); } },
        { "gcm open output 3", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_aes_gcm_open(x.key.data(), 32, x.iv12.data(), 12, x.sealed.data(), 20, x.out.data(), 3); } },
        { "gcm open truncated ciphertext", NP_ERR_AUTH_FAILED, [](B &x) { return np_aes_gcm_open(x.key.data(), 32, x.iv12.data(), 12, x.sealed.data() + 1, 19, x.out.data(), 4); } },
        { "gcm open tampered tag", NP_ERR_AUTH_FAILED, [](B &x) { x.sealed[19] ^= 1; return np_aes_gcm_open(x.key.data(), 32, x.iv12.data(), 12, x.sealed.data(), 20, x.out.data(), 4); } },
        { "gcm open tampered ciphertext", NP_ERR_AUTH_FAILED, [](B &x) { x.sealed[0] ^= 1; return np_aes_gcm_open(x.key.data(), 32, x.iv12.data(), 12, x.sealed.data(), 20, x.out.data(), 4); } },
        { "gcm open wrong key", NP_ERR_AUTH_FAILED, [](B &x) { Bytes k(32); return np_aes_gcm_open(k.data(), 32, x.iv12.data(), 12, x.sealed.data(), 20, x.out.data(), 4); } },
        // SRP B
        { "srp B NULL verifier", NP_ERR_NULL, [=](B &x) { return np_srp_server_public_key(nul, 384, x.b.data(), 32, x.out.data(), 384); } },
        { "srp B empty verifier", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_public_key(x.v.data(), 0, x.b.data(), 32, x.out.data(), 384); } },
        { "srp B verifier 385", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_public_key(x.out.data(), 385, x.b.data(), 32, x.data.data(), 384); } },
        { "srp B secret 31", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_public_key(x.v.data(), 384, x.b.data(), 31, x.out.data(), 384); } },
        { "srp B output 383", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_srp_server_public_key(x.v.data(), 384, x.b.data(), 32, x.out.data(), 383); } },
        { "srp B verifier zero", NP_ERR_BAD_LENGTH, [](B &x) { Bytes z(384); return np_srp_server_public_key(z.data(), 384, x.b.data(), 32, x.out.data(), 384); } },
        { "srp B verifier N", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_public_key(x.N.data(), 384, x.b.data(), 32, x.out.data(), 384); } },
        // SRP K
        { "srp K NULL A", NP_ERR_NULL, [=](B &x) { return np_srp_server_session_key(x.v.data(), 384, x.b.data(), 32, nul, 384, x.B.data(), x.B.size(), x.out.data(), 64); } },
        { "srp K NULL key", NP_ERR_NULL, [=](B &x) { return np_srp_server_session_key(x.v.data(), 384, x.b.data(), 32, x.A.data(), 384, x.B.data(), x.B.size(), nul, 64); } },
        { "srp K A of 383 bytes", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_session_key(x.v.data(), 384, x.b.data(), 32, x.A.data() + 1, 383, x.B.data(), x.B.size(), x.out.data(), 64); } },
        { "srp K A of 385 bytes", NP_ERR_BAD_LENGTH, [](B &x) { Bytes a = x.A; a.push_back(0); return np_srp_server_session_key(x.v.data(), 384, x.b.data(), 32, a.data(), 385, x.B.data(), x.B.size(), x.out.data(), 64); } },
        { "srp K B empty", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_session_key(x.v.data(), 384, x.b.data(), 32, x.A.data(), 384, x.B.data(), 0, x.out.data(), 64); } },
        { "srp K B 385", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_session_key(x.v.data(), 384, x.b.data(), 32, x.A.data(), 384, x.out.data(), 385, x.data.data(), 64); } },
        { "srp K key 63", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_srp_server_session_key(x.v.data(), 384, x.b.data(), 32, x.A.data(), 384, x.B.data(), x.B.size(), x.out.data(), 63); } },
        { "srp K A = 0", NP_ERR_SRP_BAD_A, [](B &x) { Bytes z(384); return np_srp_server_session_key(x.v.data(), 384, x.b.data(), 32, z.data(), 384, x.B.data(), x.B.size(), x.out.data(), 64); } },
        { "srp K A = N", NP_ERR_SRP_BAD_A, [](B &x) { return np_srp_server_session_key(x.v.data(), 384, x.b.data(), 32, x.N.data(), 384, x.B.data(), x.B.size(), x.out.data(), 64); } },
        { "srp K verifier zero before A", NP_ERR_BAD_LENGTH, [](B &x) { Bytes z(384); return np_srp_server_session_key(z.data(), 384, x.b.data(), 32, z.data(), 384, x.B.data(), x.B.size(), x.out.data(), 64); } },
        // SRP proof
        { "srp M NULL username", NP_ERR_NULL, [=](B &x) { return np_srp_server_verify_proof(nul, 8, x.s.data(), 16, x.A.data(), 384, x.B.data(), x.B.size(), x.K.data(), 64, x.M1.data(), 64, x.out.data(), 64); } },
        { "srp M NULL proof", NP_ERR_NULL, [=](B &x) { return np_srp_server_verify_proof(x.I.data(), 8, x.s.data(), 16, x.A.data(), 384, x.B.data(), x.B.size(), x.K.data(), 64, nul, 64, x.out.data(), 64); } },
        { "srp M empty username", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_verify_proof(x.I.data(), 0, x.s.data(), 16, x.A.data(), 384, x.B.data(), x.B.size(), x.K.data(), 64, x.M1.data(), 64, x.out.data(), 64); } },
        { "srp M username 65536", NP_ERR_BAD_LENGTH, [](B &x) { Bytes u(65536, 'u'); return np_srp_server_verify_proof(u.data(), u.size(), x.s.data(), 16, x.A.data(), 384, x.B.data(), x.B.size(), x.K.data(), 64, x.M1.data(), 64, x.out.data(), 64); } },
        { "srp M empty salt", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_verify_proof(x.I.data(), 8, x.s.data(), 0, x.A.data(), 384, x.B.data(), x.B.size(), x.K.data(), 64, x.M1.data(), 64, x.out.data(), 64); } },
        { "srp M A of 383 bytes", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_verify_proof(x.I.data(), 8, x.s.data(), 16, x.A.data(), 383, x.B.data(), x.B.size(), x.K.data(), 64, x.M1.data(), 64, x.out.data(), 64); } },
        { "srp M K 32", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_verify_proof(x.I.data(), 8, x.s.data(), 16, x.A.data(), 384, x.B.data(), x.B.size(), x.K.data(), 32, x.M1.data(), 64, x.out.data(), 64); } },
        { "srp M proof 63", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_server_verify_proof(x.I.data(), 8, x.s.data(), 16, x.A.data(), 384, x.B.data(), x.B.size(), x.K.data(), 64, x.M1.data(), 63, x.out.data(), 64); } },
        { "srp M output 63", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_srp_server_verify_proof(x.I.data(), 8, x.s.data(), 16, x.A.data(), 384, x.B.data(), x.B.size(), x.K.data(), 64, x.M1.data(), 64, x.out.data(), 63); } },
        { "srp M zero proof", NP_ERR_AUTH_FAILED, [](B &x) { Bytes z(64); return np_srp_server_verify_proof(x.I.data(), 8, x.s.data(), 16, x.A.data(), 384, x.B.data(), x.B.size(), x.K.data(), 64, z.data(), 64, x.out.data(), 64); } },
        // SRP verifier / generation / context
        { "srp v NULL password with length", NP_ERR_NULL, [=](B &x) { return np_srp_create_verifier(x.I.data(), 8, nul, 3, x.s.data(), 16, x.out.data(), 384); } },
        { "srp v empty username", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_create_verifier(x.I.data(), 0, x.I.data(), 3, x.s.data(), 16, x.out.data(), 384); } },
        { "srp v empty salt", NP_ERR_BAD_LENGTH, [](B &x) { return np_srp_create_verifier(x.I.data(), 8, x.I.data(), 3, x.s.data(), 0, x.out.data(), 384); } },
        { "srp v output 383", NP_ERR_BUFFER_TOO_SMALL, [](B &x) { return np_srp_create_verifier(x.I.data(), 8, x.I.data(), 3, x.s.data(), 16, x.out.data(), 383); } },
        { "srp salt empty", NP_ERR_BAD_LENGTH, [](B &x) { TestRng r(1); return np_srp_gen_salt(TestRng::callback, &r, x.out.data(), 0); } },
        { "srp salt NULL rng", NP_ERR_NULL, [](B &x) { return np_srp_gen_salt(nullptr, nullptr, x.out.data(), 16); } },
        { "srp start A of 383 bytes", NP_ERR_BAD_LENGTH, [](B &x) { TestRng r(1); np_srp_server s; return np_srp_server_start(&s, TestRng::callback, &r, x.v.data(), 384, x.A.data(), 383, x.out.data(), 384); } },
        { "srp start rng fails", NP_ERR_RNG, [](B &x) { TestRng r(1); r.fail_after = 0; np_srp_server s; return np_srp_server_start(&s, TestRng::callback, &r, x.v.data(), 384, x.A.data(), 384, x.out.data(), 384); } },
        { "srp finish not started", NP_ERR_BAD_LENGTH, [](B &x) { np_srp_server s; memset(&s, 0, sizeof s); return np_srp_server_finish(&s, x.I.data(), 8, x.s.data(), 16, x.M1.data(), 64, x.out.data(), 64, x.data.data(), 32); } },
    };
}

class BadInput : public ::testing::TestWithParam<size_t> {};

} // namespace

TEST_P(BadInput, GivesItsStatusAndLeavesOutputUntouched)
{
    static const std::vector<Case> cases = table();
    const Case &c = cases[GetParam()];
    Buffers x;
    Bytes before = x.out;
    int rc = c.call(x);
    EXPECT_EQ(c.expected, rc) << c.name << " returned " << np_status_name(rc);
    if (c.expected < 0) {
        EXPECT_EQ(tohex(before), tohex(x.out)) << c.name << " wrote to its output on failure";
    }
}

INSTANTIATE_TEST_SUITE_P(Table, BadInput, ::testing::Range<size_t>(0, table().size()),
                         [](const ::testing::TestParamInfo<size_t> &info) {
                             std::string n = table()[info.param].name;
                             for (char &ch : n) if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                             return std::to_string(info.param) + "_" + n;
                         });

TEST(Helpers, ConstantTimeEqualAndStatusNames)
{
    unsigned char a[4] = { 1, 2, 3, 4 }, b[4] = { 1, 2, 3, 4 };
    EXPECT_EQ(1, np_ct_equal(a, b, 4));
    b[3] = 5;
    EXPECT_EQ(0, np_ct_equal(a, b, 4));
    b[3] = 4;
    b[0] = 0x81;
    EXPECT_EQ(0, np_ct_equal(a, b, 4));
    EXPECT_EQ(1, np_ct_equal(a, b, 0));
    EXPECT_EQ(0, np_ct_equal(nullptr, b, 4));
    EXPECT_STREQ("authentication failed", np_status_name(NP_ERR_AUTH_FAILED));
    EXPECT_STREQ("buffer too small", np_status_name(NP_ERR_BUFFER_TOO_SMALL));
    unsigned char z[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };
    np_zeroize(z, sizeof z);
    for (unsigned char c : z) EXPECT_EQ(0, c);
}

TEST(Helpers, StatusCodesEqualCryptoStatus)
{
    // NanoProv.Platform.CryptoStatus values.
    EXPECT_EQ(0, NP_OK);
    EXPECT_EQ(-1, NP_ERR_NULL);
    EXPECT_EQ(-2, NP_ERR_BAD_LENGTH);
    EXPECT_EQ(-3, NP_ERR_AUTH_FAILED);
    EXPECT_EQ(-4, NP_ERR_SRP_BAD_A);
    EXPECT_EQ(-5, NP_ERR_SRP_U_ZERO);
    EXPECT_EQ(-6, NP_ERR_WEAK_KEY);
    EXPECT_EQ(-7, NP_ERR_RNG);
    EXPECT_EQ(-8, NP_ERR_INTERNAL);
    EXPECT_EQ(-9, NP_ERR_BUFFER_TOO_SMALL);
}
