// SRP6a server (Security 2): wifiprov/abcd1234 verifier, every case of sec2.json (main, 383-byte B,
// 383-byte S), proof checks, A = 0 / A = N, and round trips against an independent test client.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "mbedtls/bignum.h"
#include "nanoprov_crypto.h"
#include "test_util.h"

namespace {

const Json &sec2() { return vectors("sec2.json"); }
Bytes verifier() { return sec2()["credentials"]["verifier_hex"].bytes(); }
Bytes salt() { return sec2()["credentials"]["salt_hex"].bytes(); }
Bytes user() { return sec2()["credentials"]["username_hex"].bytes(); }

Bytes sha512(const Bytes &a)
{
    Bytes d(64);
    EXPECT_EQ(NP_OK, np_sha512(a.data(), a.size(), d.data(), 64));
    return d;
}

Bytes cat(std::initializer_list<Bytes> parts)
{
    Bytes r;
    for (const Bytes &p : parts) r.insert(r.end(), p.begin(), p.end());
    return r;
}

Bytes pad(const Bytes &b)
{
    Bytes r(384 - b.size(), 0);
    r.insert(r.end(), b.begin(), b.end());
    return r;
}

Bytes minimal(const Bytes &b)
{
    size_t i = 0;
    while (i + 1 < b.size() && b[i] == 0) i++;
    return Bytes(b.begin() + static_cast<long>(i), b.end());
}

// Independent client computation straight from the formulas, with mbedtls_mpi as a calculator.
struct Client {
    Bytes A, K, M1, M2;
};

Bytes mpi_bytes(const mbedtls_mpi &x, size_t len)
{
    Bytes b(len);
    EXPECT_EQ(0, mbedtls_mpi_write_binary(&x, b.data(), len));
    return b;
}

Client run_client(const Bytes &I, const Bytes &p, const Bytes &s, const Bytes &a, const Bytes &B)
{
    Client c;
    Bytes Nb = sec2()["group"]["N_hex"].bytes();
    mbedtls_mpi N, g, am, Am, u, x, k, Bm, t, e, S;
    mbedtls_mpi *all[] = { &N, &g, &am, &Am, &u, &x, &k, &Bm, &t, &e, &S };
    for (auto *m : all) mbedtls_mpi_init(m);
    EXPECT_EQ(0, mbedtls_mpi_read_binary(&N, Nb.data(), Nb.size()));
    EXPECT_EQ(0, mbedtls_mpi_lset(&g, 5));
    EXPECT_EQ(0, mbedtls_mpi_read_binary(&am, a.data(), a.size()));
    EXPECT_EQ(0, mbedtls_mpi_exp_mod(&Am, &g, &am, &N, nullptr));
    c.A = mpi_bytes(Am, 384);
    Bytes ub = sha512(cat({ c.A, pad(B) }));
    EXPECT_EQ(0, mbedtls_mpi_read_binary(&u, ub.data(), ub.size()));
    Bytes colon = { ':' };
    Bytes xb = sha512(cat({ s, minimal(sha512(cat({ I, colon, p }))) }));
    EXPECT_EQ(0, mbedtls_mpi_read_binary(&x, xb.data(), xb.size()));
    Bytes kb = sha512(cat({ Nb, pad(Bytes{ 5 }) }));
    EXPECT_EQ(0, mbedtls_mpi_read_binary(&k, kb.data(), kb.size()));
    // S = (B - k*g^x)^(a + u*x) mod N
    EXPECT_EQ(0, mbedtls_mpi_read_binary(&Bm, B.data(), B.size()));
    EXPECT_EQ(0, mbedtls_mpi_exp_mod(&t, &g, &x, &N, nullptr));
    EXPECT_EQ(0, mbedtls_mpi_mul_mpi(&t, &t, &k));
    EXPECT_EQ(0, mbedtls_mpi_mod_mpi(&t, &t, &N));
    EXPECT_EQ(0, mbedtls_mpi_sub_mpi(&t, &Bm, &t));
    EXPECT_EQ(0, mbedtls_mpi_mod_mpi(&t, &t, &N));
    EXPECT_EQ(0, mbedtls_mpi_mul_mpi(&e, &u, &x));
    EXPECT_EQ(0, mbedtls_mpi_add_mpi(&e, &e, &am));
    EXPECT_EQ(0, mbedtls_mpi_exp_mod(&S, &t, &e, &N, nullptr));
    c.K = sha512(mpi_bytes(S, mbedtls_mpi_size(&S)));
    Bytes hn = sha512(Nb), hg = sha512(pad(Bytes{ 5 }));
    for (size_t i = 0; i < 64; i++) hn[i] ^= hg[i];
    c.M1 = sha512(cat({ hn, sha512(I), s, c.A, B, c.K }));
    c.M2 = sha512(cat({ c.A, c.M1, c.K }));
    for (auto *m : all) mbedtls_mpi_free(m);
    return c;
}

} // namespace

TEST(Srp6a, VerifierForWifiprovAbcd1234)
{
    const std::string u = "wifiprov", p = "abcd1234";
    Bytes s = salt();
    unsigned char v[400];
    int n = np_srp_create_verifier(reinterpret_cast<const unsigned char *>(u.data()), u.size(),
                                   reinterpret_cast<const unsigned char *>(p.data()), p.size(), s.data(), s.size(), v, sizeof v);
    ASSERT_EQ(384, n);
    EXPECT_EQ(sec2()["credentials"]["verifier_hex"].str, tohex(v, 384));
}

class Srp6aVector : public ::testing::TestWithParam<const char *> {};

TEST_P(Srp6aVector, ServerSideOfTheHandshake)
{
    const Json &t = sec2()[GetParam()];
    Bytes b = t["inputs"]["b_hex"].bytes(), A = t["values"]["A_hex"].bytes(), v = verifier();
    unsigned char B[384];
    int blen = np_srp_server_public_key(v.data(), v.size(), b.data(), b.size(), B, sizeof B);
    ASSERT_EQ(t["values"]["B_length"].integer(), blen);
    EXPECT_EQ(t["values"]["B_hex"].str, tohex(B, static_cast<size_t>(blen)));

    unsigned char K[64];
    ASSERT_EQ(NP_OK, np_srp_server_session_key(v.data(), v.size(), b.data(), b.size(), A.data(), A.size(), B,
                                               static_cast<size_t>(blen), K, sizeof K));
    EXPECT_EQ(t["values"]["K_hex"].str, tohex(K, 64));

    Bytes M1 = t["values"]["M1_hex"].bytes(), I = user(), s = salt();
    unsigned char M2[64];
    ASSERT_EQ(NP_OK, np_srp_server_verify_proof(I.data(), I.size(), s.data(), s.size(), A.data(), A.size(), B,
                                                static_cast<size_t>(blen), K, 64, M1.data(), M1.size(), M2, sizeof M2));
    EXPECT_EQ(t["values"]["M2_hex"].str, tohex(M2, 64));
}

TEST_P(Srp6aVector, IndependentClientAgrees)
{
    const Json &t = sec2()[GetParam()];
    Client c = run_client(user(), hex("6162636431323334"), salt(), t["inputs"]["a_hex"].bytes(), t["values"]["B_hex"].bytes());
    EXPECT_EQ(t["values"]["A_hex"].str, tohex(c.A));
    EXPECT_EQ(t["values"]["K_hex"].str, tohex(c.K));
    EXPECT_EQ(t["values"]["M1_hex"].str, tohex(c.M1));
    EXPECT_EQ(t["values"]["M2_hex"].str, tohex(c.M2));
}

TEST_P(Srp6aVector, WrongProofIsRefusedAndM2Untouched)
{
    const Json &t = sec2()[GetParam()];
    Bytes A = t["values"]["A_hex"].bytes(), B = t["values"]["B_hex"].bytes(), K = t["values"]["K_hex"].bytes();
    Bytes M1 = t["values"]["M1_hex"].bytes(), I = user(), s = salt();
    for (size_t pos : { 0u, 31u, 63u }) {
        Bytes bad = M1;
        bad[pos] ^= 0x80;
        unsigned char M2[64];
        memset(M2, 0x33, 64);
        EXPECT_EQ(NP_ERR_AUTH_FAILED, np_srp_server_verify_proof(I.data(), I.size(), s.data(), s.size(), A.data(), 384,
                                                                 B.data(), B.size(), K.data(), 64, bad.data(), 64, M2, 64));
        for (unsigned char x : M2) ASSERT_EQ(0x33, x);
    }
    unsigned char M2[64];
    if (B.size() == 383) {
        Bytes padded = pad(B); // M1 hashes B as sent, never the padded form
        EXPECT_EQ(NP_ERR_AUTH_FAILED, np_srp_server_verify_proof(I.data(), I.size(), s.data(), s.size(), A.data(), 384,
                                                                 padded.data(), 384, K.data(), 64, M1.data(), 64, M2, 64));
    }
    Bytes other = I;
    other.back() ^= 1;
    EXPECT_EQ(NP_ERR_AUTH_FAILED, np_srp_server_verify_proof(other.data(), other.size(), s.data(), s.size(), A.data(), 384,
                                                             B.data(), B.size(), K.data(), 64, M1.data(), 64, M2, 64));
}

TEST_P(Srp6aVector, ServerContextStartAndFinish)
{
    const Json &t = sec2()[GetParam()];
    Bytes b = t["inputs"]["b_hex"].bytes(), A = t["values"]["A_hex"].bytes(), v = verifier();
    // A "random" source that replays the vector's b.
    struct Replay {
        Bytes data;
        static int fn(void *ctx, unsigned char *out, size_t len)
        {
            Replay *r = static_cast<Replay *>(ctx);
            if (len != r->data.size()) return -1;
            memcpy(out, r->data.data(), len);
            return 0;
        }
    } replay{ b };
    np_srp_server srv;
    unsigned char B[384];
    int blen = np_srp_server_start(&srv, Replay::fn, &replay, v.data(), v.size(), A.data(), A.size(), B, sizeof B);
    ASSERT_EQ(t["values"]["B_length"].integer(), blen);
    EXPECT_EQ(t["values"]["B_hex"].str, tohex(B, static_cast<size_t>(blen)));
    for (unsigned char x : srv.b) ASSERT_EQ(0, x) << "b must be wiped after start";
    Bytes I = user(), s = salt(), M1 = t["values"]["M1_hex"].bytes();
    unsigned char M2[64], key[32];
    ASSERT_EQ(NP_OK, np_srp_server_finish(&srv, I.data(), I.size(), s.data(), s.size(), M1.data(), M1.size(), M2, 64, key, 32));
    EXPECT_EQ(t["values"]["M2_hex"].str, tohex(M2, 64));
    EXPECT_EQ(t["values"]["aes_key_hex"].str, tohex(key, 32));
    for (unsigned char x : srv.K) ASSERT_EQ(0, x) << "K must be wiped after finish";
    EXPECT_EQ(NP_ERR_BAD_LENGTH, np_srp_server_finish(&srv, I.data(), I.size(), s.data(), s.size(), M1.data(), 64, M2, 64, key, 32));
    np_srp_server_free(&srv);
}

INSTANTIATE_TEST_SUITE_P(Sec2, Srp6aVector, ::testing::Values("main", "edge_B_383_bytes", "edge_S_383_bytes"));

TEST(Srp6a, FinishWithWrongProofWipesTheContext)
{
    const Json &t = sec2()["main"];
    Bytes A = t["values"]["A_hex"].bytes(), v = verifier(), I = user(), s = salt();
    TestRng rng(5);
    np_srp_server srv;
    unsigned char B[384], M2[64], key[32];
    memset(M2, 0x44, 64);
    ASSERT_GT(np_srp_server_start(&srv, TestRng::callback, &rng, v.data(), v.size(), A.data(), 384, B, sizeof B), 0);
    Bytes wrong(64, 1);
    EXPECT_EQ(NP_ERR_AUTH_FAILED, np_srp_server_finish(&srv, I.data(), I.size(), s.data(), s.size(), wrong.data(), 64, M2, 64, key, 32));
    for (size_t i = 0; i < sizeof srv; i++) ASSERT_EQ(0, reinterpret_cast<unsigned char *>(&srv)[i]);
    for (unsigned char x : M2) ASSERT_EQ(0x44, x);
}

TEST(Srp6a, ClientKeyZeroModNIsRefused)
{
    Bytes v = verifier(), b = sec2()["main"]["inputs"]["b_hex"].bytes(), B = sec2()["main"]["values"]["B_hex"].bytes();
    Bytes zero(384, 0), N = sec2()["group"]["N_hex"].bytes();
    unsigned char K[64];
    memset(K, 0x77, 64);
    EXPECT_EQ(NP_ERR_SRP_BAD_A, np_srp_server_session_key(v.data(), v.size(), b.data(), 32, zero.data(), 384, B.data(), B.size(), K, 64));
    EXPECT_EQ(NP_ERR_SRP_BAD_A, np_srp_server_session_key(v.data(), v.size(), b.data(), 32, N.data(), 384, B.data(), B.size(), K, 64));
    for (unsigned char x : K) ASSERT_EQ(0x77, x);
    TestRng rng(9);
    np_srp_server srv;
    unsigned char Bo[384];
    EXPECT_EQ(NP_ERR_SRP_BAD_A, np_srp_server_start(&srv, TestRng::callback, &rng, v.data(), v.size(), N.data(), 384, Bo, 384));
}

TEST(Srp6a, RandomRoundTripsWithIndependentClient)
{
    TestRng rng(2024);
    for (int i = 0; i < 6; i++) {
        Bytes I(1 + i * 3), p(static_cast<size_t>(i * 2)), a(32);
        rng.fill(I.data(), I.size());
        rng.fill(p.data(), p.size());
        rng.fill(a.data(), a.size());
        unsigned char s[16], v[384];
        int vlen = np_srp_gen_salt_verifier(TestRng::callback, &rng, I.data(), I.size(), p.data(), p.size(), s, 16, v, 384);
        ASSERT_GT(vlen, 300);
        ASSERT_NE(0, s[0]);
        np_srp_server srv;
        unsigned char B[384];
        // The client needs B first; A comes from a, so compute it with a throwaway run.
        Bytes A = run_client(I, p, Bytes(s, s + 16), a, Bytes{ 1 }).A;
        int blen = np_srp_server_start(&srv, TestRng::callback, &rng, v, static_cast<size_t>(vlen), A.data(), 384, B, 384);
        ASSERT_GT(blen, 300);
        Client c = run_client(I, p, Bytes(s, s + 16), a, Bytes(B, B + blen));
        unsigned char M2[64], key[32];
        ASSERT_EQ(NP_OK, np_srp_server_finish(&srv, I.data(), I.size(), s, 16, c.M1.data(), 64, M2, 64, key, 32));
        EXPECT_EQ(tohex(c.M2), tohex(M2, 64));
        EXPECT_EQ(tohex(c.K.data(), 32), tohex(key, 32));
    }
}

TEST(Srp6a, SaltNeverStartsWithZero)
{
    // An RNG whose first bytes are zero must not produce a salt starting with 0x00.
    struct Zeros {
        int calls = 0;
        static int fn(void *ctx, unsigned char *out, size_t len)
        {
            Zeros *z = static_cast<Zeros *>(ctx);
            memset(out, z->calls < 3 ? 0 : 0x5c, len);
            z->calls++;
            return 0;
        }
    } z;
    unsigned char s[16];
    ASSERT_EQ(NP_OK, np_srp_gen_salt(Zeros::fn, &z, s, sizeof s));
    EXPECT_EQ(0x5c, s[0]);
    EXPECT_EQ(0, s[1]);
    TestRng failing(3);
    failing.fail_after = 0;
    EXPECT_EQ(NP_ERR_RNG, np_srp_gen_salt(TestRng::callback, &failing, s, sizeof s));
}
