/*
 * NanoProv native crypto benchmark: ours (libnanoprov_crypto over mbedTLS) next to a reference.
 *
 *   x25519     X25519 shared secret                  vs libsodium crypto_scalarmult
 *   sec2_math  device side of the Security 2 math:   vs the same steps on OpenSSL BN + EVP SHA-512
 *              B, u, S, K, M1 check, M2
 *   gcm_1k     AES-256-GCM seal of 1 KiB              vs OpenSSL EVP aes-256-gcm
 *
 * Two modes:
 *   - under valgrind --tool=callgrind --collect-atstart=no: runs every operation once (after an
 *     uncounted warm-up) between CALLGRIND_TOGGLE_COLLECT and dumps the cost as "<op>:<impl>";
 *     run-bench.sh turns the dumps into an instruction-count file;
 *   - natively: times every operation (best of 5 batches) and prints the table, with the
 *     instruction counts from NP_BENCH_IR_FILE when given.
 * Before measuring, the reference results are checked against ours (same K, M2, shared secret, wire).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <valgrind/callgrind.h>

#include "mbedtls/version.h"
#include "nanoprov_crypto.h"

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "bench: check failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            exit(2);                                                                  \
        }                                                                             \
    } while (0)

/* ---- fixed inputs --------------------------------------------------------------------------- */

static const unsigned char alice_priv[32] = {
    0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d, 0x3c, 0x16, 0xc1, 0x72, 0x51, 0xb2, 0x66, 0x45,
    0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a, 0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a };
static const unsigned char bob_pub[32] = {
    0xde, 0x9e, 0xdb, 0x7d, 0x7b, 0x7d, 0xc1, 0xb4, 0xd3, 0x5b, 0x61, 0xc2, 0xec, 0xe4, 0x35, 0x37,
    0x3f, 0x83, 0x43, 0xc8, 0x5b, 0x78, 0x67, 0x4d, 0xad, 0xfc, 0x7e, 0x14, 0x6f, 0x88, 0x2b, 0x4f };
static const unsigned char srp_salt[16] = {
    0x03, 0x6e, 0xe0, 0xc7, 0xbc, 0xb9, 0xed, 0xa8, 0x4c, 0x9e, 0xac, 0x97, 0xd9, 0x3d, 0xec, 0xf4 };
static const char srp_user[] = "wifiprov";
static const char srp_pass[] = "abcd1234";

typedef struct srp_inputs {
    unsigned char v[384];
    size_t v_len;
    unsigned char b[32];
    unsigned char A[384];
    unsigned char B[384];
    size_t B_len;
    unsigned char K[64];
    unsigned char M1[64];
    unsigned char M2[64];
} srp_inputs;

static srp_inputs srp;
static unsigned char gcm_key[32], gcm_iv[12], gcm_plain[1024], gcm_out[1024 + 16];
static unsigned char sink[64];

/* ---- helpers -------------------------------------------------------------------------------- */

static void sha512(const unsigned char *a, size_t al, const unsigned char *b, size_t bl,
                   const unsigned char *c, size_t cl, unsigned char out[64])
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    CHECK(md != NULL);
    CHECK(EVP_DigestInit_ex(md, EVP_sha512(), NULL) == 1);
    if (al) CHECK(EVP_DigestUpdate(md, a, al) == 1);
    if (bl) CHECK(EVP_DigestUpdate(md, b, bl) == 1);
    if (cl) CHECK(EVP_DigestUpdate(md, c, cl) == 1);
    CHECK(EVP_DigestFinal_ex(md, out, NULL) == 1);
    EVP_MD_CTX_free(md);
}

static const unsigned char *modulus(void)
{
    /* N is not exported by the C API; take it from OpenSSL's RFC 3526 group 15 (== RFC 5054 3072). */
    static unsigned char n[384];
    static int ready = 0;
    if (!ready) {
        BIGNUM *p = BN_get_rfc3526_prime_3072(NULL);
        CHECK(p != NULL && BN_bn2binpad(p, n, 384) == 384);
        BN_free(p);
        ready = 1;
    }
    return n;
}

/* ---- operations: ours ----------------------------------------------------------------------- */

static __attribute__((noinline)) void ours_x25519(void)
{
    CHECK(np_x25519_shared_secret(alice_priv, 32, bob_pub, 32, sink, 32) == NP_OK);
}

static __attribute__((noinline)) void ours_sec2_math(void)
{
    unsigned char B[384], K[64], M2[64];
    int blen = np_srp_server_public_key(srp.v, srp.v_len, srp.b, 32, B, sizeof B);
    CHECK(blen == (int)srp.B_len);
    CHECK(np_srp_server_session_key(srp.v, srp.v_len, srp.b, 32, srp.A, 384, B, (size_t)blen, K, 64) == NP_OK);
    CHECK(np_srp_server_verify_proof((const unsigned char *)srp_user, strlen(srp_user), srp_salt, sizeof srp_salt,
                                     srp.A, 384, B, (size_t)blen, K, 64, srp.M1, 64, M2, 64) == NP_OK);
    memcpy(sink, M2, 64);
}

static __attribute__((noinline)) void ours_gcm_1k(void)
{
    CHECK(np_aes_gcm_seal(gcm_key, 32, gcm_iv, 12, gcm_plain, sizeof gcm_plain, gcm_out, sizeof gcm_out) == NP_OK);
}

/* ---- operations: reference ------------------------------------------------------------------ */

static __attribute__((noinline)) void ref_x25519(void)
{
    CHECK(crypto_scalarmult(sink, alice_priv, bob_pub) == 0);
}

/* The same device-side steps as ours_sec2_math on OpenSSL: k, B, A check, u, S, K, M1 check, M2. */
static __attribute__((noinline)) void ref_sec2_math(void)
{
    const unsigned char *nb = modulus();
    unsigned char padg[384] = { 0 }, kb[64], ub[64], hn[64], hg[64], hi[64], m1[64], m2[64];
    unsigned char Bb[384], Bpad[384], Sb[384];
    int blen, slen, i;
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *N = BN_bin2bn(nb, 384, NULL), *g = BN_new(), *k = NULL, *v = BN_bin2bn(srp.v, (int)srp.v_len, NULL);
    BIGNUM *b = BN_bin2bn(srp.b, 32, NULL), *A = BN_bin2bn(srp.A, 384, NULL), *t = BN_new(), *gb = BN_new();
    BIGNUM *B = BN_new(), *u = NULL, *S = BN_new();
    CHECK(ctx && N && g && v && b && A && t && gb && B && S);
    CHECK(BN_set_word(g, 5) == 1);
    padg[383] = 5;

    sha512(nb, 384, padg, 384, NULL, 0, kb);                  /* k = H(N || PAD(g)) */
    k = BN_bin2bn(kb, 64, NULL);
    CHECK(k != NULL);
    CHECK(BN_mod_mul(t, k, v, N, ctx) == 1);                  /* B = k*v + g^b mod N */
    CHECK(BN_mod_exp(gb, g, b, N, ctx) == 1);
    CHECK(BN_mod_add(B, t, gb, N, ctx) == 1);
    blen = BN_bn2bin(B, Bb);
    CHECK(blen == (int)srp.B_len);

    CHECK(BN_nnmod(t, A, N, ctx) == 1 && !BN_is_zero(t));     /* A mod N != 0 */
    CHECK(BN_bn2binpad(B, Bpad, 384) == 384);
    sha512(srp.A, 384, Bpad, 384, NULL, 0, ub);               /* u = H(PAD(A) || PAD(B)) */
    u = BN_bin2bn(ub, 64, NULL);
    CHECK(u != NULL && !BN_is_zero(u));
    CHECK(BN_mod_exp(t, v, u, N, ctx) == 1);                  /* S = (A * v^u)^b mod N */
    CHECK(BN_mod_mul(t, A, t, N, ctx) == 1);
    CHECK(BN_mod_exp(S, t, b, N, ctx) == 1);
    slen = BN_bn2bin(S, Sb);
    sha512(Sb, (size_t)slen, NULL, 0, NULL, 0, sink);          /* K = H(minimal S) */
    CHECK(memcmp(sink, srp.K, 64) == 0);

    sha512(nb, 384, NULL, 0, NULL, 0, hn);                    /* M1 = H(H(N)^H(PAD g) | H(I) | s | A | B | K) */
    sha512(padg, 384, NULL, 0, NULL, 0, hg);
    for (i = 0; i < 64; i++) hn[i] ^= hg[i];
    sha512((const unsigned char *)srp_user, strlen(srp_user), NULL, 0, NULL, 0, hi);
    {
        EVP_MD_CTX *md = EVP_MD_CTX_new();
        CHECK(md != NULL && EVP_DigestInit_ex(md, EVP_sha512(), NULL) == 1);
        CHECK(EVP_DigestUpdate(md, hn, 64) == 1 && EVP_DigestUpdate(md, hi, 64) == 1);
        CHECK(EVP_DigestUpdate(md, srp_salt, sizeof srp_salt) == 1 && EVP_DigestUpdate(md, srp.A, 384) == 1);
        CHECK(EVP_DigestUpdate(md, Bb, (size_t)blen) == 1 && EVP_DigestUpdate(md, sink, 64) == 1);
        CHECK(EVP_DigestFinal_ex(md, m1, NULL) == 1);
        EVP_MD_CTX_free(md);
    }
    CHECK(CRYPTO_memcmp(m1, srp.M1, 64) == 0);
    sha512(srp.A, 384, srp.M1, 64, sink, 64, m2);              /* M2 = H(A | M1 | K) */
    CHECK(memcmp(m2, srp.M2, 64) == 0);

    BN_free(N); BN_free(g); BN_free(k); BN_clear_free(v); BN_clear_free(b); BN_free(A); BN_clear_free(t);
    BN_clear_free(gb); BN_free(B); BN_free(u); BN_clear_free(S);
    BN_CTX_free(ctx);
}

static __attribute__((noinline)) void ref_gcm_1k(void)
{
    int len = 0, fin = 0;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    CHECK(c != NULL);
    CHECK(EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) == 1);
    CHECK(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, 12, NULL) == 1);
    CHECK(EVP_EncryptInit_ex(c, NULL, NULL, gcm_key, gcm_iv) == 1);
    CHECK(EVP_EncryptUpdate(c, gcm_out, &len, gcm_plain, (int)sizeof gcm_plain) == 1);
    CHECK(EVP_EncryptFinal_ex(c, gcm_out + len, &fin) == 1);
    CHECK(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, gcm_out + sizeof gcm_plain) == 1);
    EVP_CIPHER_CTX_free(c);
}

/* ---- setup and cross-checks ----------------------------------------------------------------- */

static void setup(void)
{
    unsigned char a[32], hn[64], hg[64], hi[64], padg[384] = { 0 }, ours[1040], theirs[1040];
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *N = BN_bin2bn(modulus(), 384, NULL), *g = BN_new(), *ab = NULL, *Ab = BN_new();
    int blen, i;
    CHECK(sodium_init() >= 0);
    CHECK(ctx && N && g && Ab && BN_set_word(g, 5) == 1);

    /* SRP: verifier for wifiprov/abcd1234, b = 0x22.., a = 0x80 0x11.. (the sec2 "main" case) */
    blen = np_srp_create_verifier((const unsigned char *)srp_user, strlen(srp_user),
                                  (const unsigned char *)srp_pass, strlen(srp_pass), srp_salt, sizeof srp_salt, srp.v, 384);
    CHECK(blen > 0);
    srp.v_len = (size_t)blen;
    memset(srp.b, 0x22, 32);
    memset(a, 0x11, 32);
    a[0] = 0x80;
    ab = BN_bin2bn(a, 32, NULL);
    CHECK(ab && BN_mod_exp(Ab, g, ab, N, ctx) == 1 && BN_bn2binpad(Ab, srp.A, 384) == 384);
    blen = np_srp_server_public_key(srp.v, srp.v_len, srp.b, 32, srp.B, 384);
    CHECK(blen > 0);
    srp.B_len = (size_t)blen;
    CHECK(np_srp_server_session_key(srp.v, srp.v_len, srp.b, 32, srp.A, 384, srp.B, srp.B_len, srp.K, 64) == NP_OK);
    /* An honest client's M1 (same K as the server's). */
    padg[383] = 5;
    sha512(modulus(), 384, NULL, 0, NULL, 0, hn);
    sha512(padg, 384, NULL, 0, NULL, 0, hg);
    for (i = 0; i < 64; i++) hn[i] ^= hg[i];
    sha512((const unsigned char *)srp_user, strlen(srp_user), NULL, 0, NULL, 0, hi);
    {
        EVP_MD_CTX *md = EVP_MD_CTX_new();
        CHECK(md && EVP_DigestInit_ex(md, EVP_sha512(), NULL) == 1);
        CHECK(EVP_DigestUpdate(md, hn, 64) == 1 && EVP_DigestUpdate(md, hi, 64) == 1);
        CHECK(EVP_DigestUpdate(md, srp_salt, 16) == 1 && EVP_DigestUpdate(md, srp.A, 384) == 1);
        CHECK(EVP_DigestUpdate(md, srp.B, srp.B_len) == 1 && EVP_DigestUpdate(md, srp.K, 64) == 1);
        CHECK(EVP_DigestFinal_ex(md, srp.M1, NULL) == 1);
        EVP_MD_CTX_free(md);
    }
    CHECK(np_srp_server_verify_proof((const unsigned char *)srp_user, strlen(srp_user), srp_salt, 16, srp.A, 384,
                                     srp.B, srp.B_len, srp.K, 64, srp.M1, 64, srp.M2, 64) == NP_OK);
    BN_free(N); BN_free(g); BN_free(ab); BN_free(Ab); BN_CTX_free(ctx);

    /* GCM inputs */
    for (i = 0; i < 32; i++) gcm_key[i] = (unsigned char)(i * 7 + 1);
    for (i = 0; i < 12; i++) gcm_iv[i] = (unsigned char)(i + 1);
    for (i = 0; i < 1024; i++) gcm_plain[i] = (unsigned char)(i * 31);

    /* Both sides must compute the same things. */
    ours_x25519();
    memcpy(ours, sink, 32);
    ref_x25519();
    CHECK(memcmp(ours, sink, 32) == 0);
    ours_gcm_1k();
    memcpy(ours, gcm_out, sizeof gcm_out);
    ref_gcm_1k();
    memcpy(theirs, gcm_out, sizeof gcm_out);
    CHECK(memcmp(ours, theirs, sizeof gcm_out) == 0);
    ours_sec2_math();
    CHECK(memcmp(sink, srp.M2, 64) == 0);
    ref_sec2_math(); /* checks K, M1 and M2 internally */
}

/* ---- measurement ---------------------------------------------------------------------------- */

typedef struct op {
    const char *name;
    const char *label;
    const char *reference;
    void (*ours)(void);
    void (*ref)(void);
    int iterations; /* per timing batch */
} op;

static const op ops[] = {
    { "x25519", "X25519 shared secret", "libsodium crypto_scalarmult", ours_x25519, ref_x25519, 200 },
    { "sec2_math", "Sec2 device math (B, u, S, K, M1 check, M2)", "OpenSSL BN + EVP SHA-512", ours_sec2_math, ref_sec2_math, 10 },
    { "gcm_1k", "AES-256-GCM seal, 1 KiB", "OpenSSL EVP aes-256-gcm", ours_gcm_1k, ref_gcm_1k, 20000 },
};
#define NOPS (sizeof ops / sizeof ops[0])

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Best (lowest) mean over 5 batches: the least disturbed by other load on the machine. */
static double time_us(void (*f)(void), int iterations)
{
    double best = 1e30;
    int batch, i;
    f();
    for (batch = 0; batch < 5; batch++) {
        double t0 = now_us();
        for (i = 0; i < iterations; i++) f();
        double per = (now_us() - t0) / iterations;
        if (per < best) best = per;
    }
    return best;
}

static void callgrind_mode(void)
{
    size_t i;
    char label[64];
    for (i = 0; i < NOPS; i++) {
        ops[i].ours(); /* warm-up, not counted */
        ops[i].ref();
        CALLGRIND_TOGGLE_COLLECT;
        ops[i].ours();
        CALLGRIND_TOGGLE_COLLECT;
        snprintf(label, sizeof label, "%s:ours", ops[i].name);
        CALLGRIND_DUMP_STATS_AT(label);
        CALLGRIND_TOGGLE_COLLECT;
        ops[i].ref();
        CALLGRIND_TOGGLE_COLLECT;
        snprintf(label, sizeof label, "%s:ref", ops[i].name);
        CALLGRIND_DUMP_STATS_AT(label);
    }
}

/* NP_BENCH_IR_FILE lines: "<op>:<ours|ref> <instructions>" */
static long long lookup_ir(const char *path, const char *name, const char *impl)
{
    char want[64], key[64];
    long long value;
    FILE *f;
    if (path == NULL || (f = fopen(path, "r")) == NULL) return -1;
    snprintf(want, sizeof want, "%s:%s", name, impl);
    while (fscanf(f, "%63s %lld", key, &value) == 2) {
        if (strcmp(key, want) == 0) {
            fclose(f);
            return value;
        }
    }
    fclose(f);
    return -1;
}

static void fmt_ir(char *buf, size_t n, long long ir)
{
    if (ir < 0) snprintf(buf, n, "%12s", "n/a");
    else snprintf(buf, n, "%12lld", ir);
}

int main(void)
{
    size_t i;
    const char *ir_file = getenv("NP_BENCH_IR_FILE");
    setup();
    if (RUNNING_ON_VALGRIND) {
        callgrind_mode();
        return 0;
    }
    printf("NanoProv native crypto benchmark: ours = libnanoprov_crypto over mbedTLS %s; references: libsodium %s, %s\n"
           "Ir = instructions executed (valgrind --tool=callgrind, deterministic); time = best mean of 5 batches, microseconds\n\n",
           MBEDTLS_VERSION_STRING, sodium_version_string(), OpenSSL_version(OPENSSL_VERSION));
    printf("%-44s %-28s %12s %12s %8s %11s %11s %8s\n", "operation", "reference", "ours Ir", "ref Ir", "Ir x",
           "ours us", "ref us", "time x");
    for (i = 0; i < NOPS; i++) {
        long long ir_o = lookup_ir(ir_file, ops[i].name, "ours"), ir_r = lookup_ir(ir_file, ops[i].name, "ref");
        double t_o = time_us(ops[i].ours, ops[i].iterations), t_r = time_us(ops[i].ref, ops[i].iterations);
        char a[16], b[16], ratio[16];
        fmt_ir(a, sizeof a, ir_o);
        fmt_ir(b, sizeof b, ir_r);
        if (ir_o > 0 && ir_r > 0) snprintf(ratio, sizeof ratio, "%8.2f", (double)ir_o / (double)ir_r);
        else snprintf(ratio, sizeof ratio, "%8s", "n/a");
        printf("%-44s %-28s %s %s %s %11.1f %11.1f %8.2f\n", ops[i].label, ops[i].reference, a, b, ratio, t_o, t_r,
               t_o / t_r);
    }
    printf("\nratio x = ours / reference (above 1 means ours needs more).\n");
    return 0;
}
