/*
 * SRP6a server of ESP-IDF Security 2 (spec §3.3): RFC 5054 3072-bit group, g = 5, SHA-512.
 *
 * Byte rules (they decide interoperability, so they are spelled out):
 *   k  = H(N || PAD(g))                       N 384 bytes, g padded to 384
 *   B  = (k*v + g^b) mod N                    sent minimal big-endian (383 bytes ~1/256 of the time)
 *   A  = client key, exactly 384 bytes as received; refused when A mod N == 0
 *   u  = H(PAD(A) || PAD(B))                  refused when u == 0
 *   S  = (A * v^u)^b mod N
 *   K  = H(minimal(S))                        leading zero bytes of S are not hashed
 *   M1 = H((H(N) xor H(PAD(g))) || H(I) || s || A || B || K)   s as stored, B as sent (minimal)
 *   M2 = H(A || M1 || K)
 *   x  = H(s || minimal(H(I || ":" || p)))    verifier v = g^x mod N, minimal
 * Only mbedtls_mpi_* and mbedtls_md_* functions are used (no struct fields), so the file builds
 * against mbedTLS 2.28 and 3.x; on the ESP32 mbedtls_mpi_exp_mod uses the RSA accelerator.
 */
#include <string.h>

#include "np_internal.h"

#include "mbedtls/bignum.h"

#define NP_SRP_G 5

/* RFC 5054 Appendix A, 3072-bit group (identical to RFC 3526 group 15). */
static const unsigned char srp_N[NP_SRP_N_LEN] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc9, 0x0f, 0xda, 0xa2,
    0x21, 0x68, 0xc2, 0x34, 0xc4, 0xc6, 0x62, 0x8b, 0x80, 0xdc, 0x1c, 0xd1,
    0x29, 0x02, 0x4e, 0x08, 0x8a, 0x67, 0xcc, 0x74, 0x02, 0x0b, 0xbe, 0xa6,
    0x3b, 0x13, 0x9b, 0x22, 0x51, 0x4a, 0x08, 0x79, 0x8e, 0x34, 0x04, 0xdd,
    0xef, 0x95, 0x19, 0xb3, 0xcd, 0x3a, 0x43, 0x1b, 0x30, 0x2b, 0x0a, 0x6d,
    0xf2, 0x5f, 0x14, 0x37, 0x4f, 0xe1, 0x35, 0x6d, 0x6d, 0x51, 0xc2, 0x45,
    0xe4, 0x85, 0xb5, 0x76, 0x62, 0x5e, 0x7e, 0xc6, 0xf4, 0x4c, 0x42, 0xe9,
    0xa6, 0x37, 0xed, 0x6b, 0x0b, 0xff, 0x5c, 0xb6, 0xf4, 0x06, 0xb7, 0xed,
    0xee, 0x38, 0x6b, 0xfb, 0x5a, 0x89, 0x9f, 0xa5, 0xae, 0x9f, 0x24, 0x11,
    0x7c, 0x4b, 0x1f, 0xe6, 0x49, 0x28, 0x66, 0x51, 0xec, 0xe4, 0x5b, 0x3d,
    0xc2, 0x00, 0x7c, 0xb8, 0xa1, 0x63, 0xbf, 0x05, 0x98, 0xda, 0x48, 0x36,
    0x1c, 0x55, 0xd3, 0x9a, 0x69, 0x16, 0x3f, 0xa8, 0xfd, 0x24, 0xcf, 0x5f,
    0x83, 0x65, 0x5d, 0x23, 0xdc, 0xa3, 0xad, 0x96, 0x1c, 0x62, 0xf3, 0x56,
    0x20, 0x85, 0x52, 0xbb, 0x9e, 0xd5, 0x29, 0x07, 0x70, 0x96, 0x96, 0x6d,
    0x67, 0x0c, 0x35, 0x4e, 0x4a, 0xbc, 0x98, 0x04, 0xf1, 0x74, 0x6c, 0x08,
    0xca, 0x18, 0x21, 0x7c, 0x32, 0x90, 0x5e, 0x46, 0x2e, 0x36, 0xce, 0x3b,
    0xe3, 0x9e, 0x77, 0x2c, 0x18, 0x0e, 0x86, 0x03, 0x9b, 0x27, 0x83, 0xa2,
    0xec, 0x07, 0xa2, 0x8f, 0xb5, 0xc5, 0x5d, 0xf0, 0x6f, 0x4c, 0x52, 0xc9,
    0xde, 0x2b, 0xcb, 0xf6, 0x95, 0x58, 0x17, 0x18, 0x39, 0x95, 0x49, 0x7c,
    0xea, 0x95, 0x6a, 0xe5, 0x15, 0xd2, 0x26, 0x18, 0x98, 0xfa, 0x05, 0x10,
    0x15, 0x72, 0x8e, 0x5a, 0x8a, 0xaa, 0xc4, 0x2d, 0xad, 0x33, 0x17, 0x0d,
    0x04, 0x50, 0x7a, 0x33, 0xa8, 0x55, 0x21, 0xab, 0xdf, 0x1c, 0xba, 0x64,
    0xec, 0xfb, 0x85, 0x04, 0x58, 0xdb, 0xef, 0x0a, 0x8a, 0xea, 0x71, 0x57,
    0x5d, 0x06, 0x0c, 0x7d, 0xb3, 0x97, 0x0f, 0x85, 0xa6, 0xe1, 0xe4, 0xc7,
    0xab, 0xf5, 0xae, 0x8c, 0xdb, 0x09, 0x33, 0xd7, 0x1e, 0x8c, 0x94, 0xe0,
    0x4a, 0x25, 0x61, 0x9d, 0xce, 0xe3, 0xd2, 0x26, 0x1a, 0xd2, 0xee, 0x6b,
    0xf1, 0x2f, 0xfa, 0x06, 0xd9, 0x8a, 0x08, 0x64, 0xd8, 0x76, 0x02, 0x73,
    0x3e, 0xc8, 0x6a, 0x64, 0x52, 0x1f, 0x2b, 0x18, 0x17, 0x7b, 0x20, 0x0c,
    0xbb, 0xe1, 0x17, 0x57, 0x7a, 0x61, 0x5d, 0x6c, 0x77, 0x09, 0x88, 0xc0,
    0xba, 0xd9, 0x46, 0xe2, 0x08, 0xe2, 0x4f, 0xa0, 0x74, 0xe5, 0xab, 0x31,
    0x43, 0xdb, 0x5b, 0xfc, 0xe0, 0xfd, 0x10, 0x8e, 0x4b, 0x82, 0xd1, 0x20,
    0xa9, 0x3a, 0xd2, 0xca, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

typedef struct srp_group {
    mbedtls_mpi N;
    mbedtls_mpi g;
    mbedtls_mpi k;
    mbedtls_mpi RR; /* Montgomery cache for mbedtls_mpi_exp_mod, reused within one call */
} srp_group;

/* Adds PAD(g) (383 zero bytes then g) to a hash. */
static int hash_pad_g(np_hash *h)
{
    static const unsigned char g = NP_SRP_G;
    int rc = np_hash_update_zeros(h, NP_SRP_N_LEN - 1);
    return rc == NP_OK ? np_hash_update(h, &g, 1) : rc;
}

static void group_free(srp_group *G)
{
    mbedtls_mpi_free(&G->N);
    mbedtls_mpi_free(&G->g);
    mbedtls_mpi_free(&G->k);
    mbedtls_mpi_free(&G->RR);
}

static int group_load(srp_group *G)
{
    unsigned char k[NP_SRP_HASH_LEN];
    np_hash h;
    int rc;

    mbedtls_mpi_init(&G->N);
    mbedtls_mpi_init(&G->g);
    mbedtls_mpi_init(&G->k);
    mbedtls_mpi_init(&G->RR);

    rc = np_hash_begin(&h, MBEDTLS_MD_SHA512);
    if (rc == NP_OK) rc = np_hash_update(&h, srp_N, sizeof(srp_N));
    if (rc == NP_OK) rc = hash_pad_g(&h);
    if (rc == NP_OK) rc = np_hash_finish(&h, k);
    np_hash_free(&h);
    if (rc == NP_OK &&
        (mbedtls_mpi_read_binary(&G->N, srp_N, sizeof(srp_N)) != 0 ||
         mbedtls_mpi_lset(&G->g, NP_SRP_G) != 0 ||
         mbedtls_mpi_read_binary(&G->k, k, sizeof(k)) != 0)) {
        rc = NP_ERR_INTERNAL;
    }
    if (rc != NP_OK) {
        group_free(G);
    }
    return rc;
}

/* Reads a big-endian verifier and reduces it mod N; NP_ERR_BAD_LENGTH when it is 0 mod N. */
static int read_verifier(const srp_group *G, mbedtls_mpi *v, const unsigned char *bytes, size_t len)
{
    if (mbedtls_mpi_read_binary(v, bytes, len) != 0 || mbedtls_mpi_mod_mpi(v, v, &G->N) != 0) {
        return NP_ERR_INTERNAL;
    }
    return mbedtls_mpi_cmp_int(v, 0) == 0 ? NP_ERR_BAD_LENGTH : NP_OK;
}

static int verifier_len_ok(size_t len) { return len >= 1 && len <= NP_SRP_N_LEN; }
static int secret_len_ok(size_t len) { return len >= NP_SRP_MIN_SECRET_LEN && len <= NP_SRP_N_LEN; }
static int field_len_ok(size_t len) { return len >= 1 && len <= NP_SRP_MAX_FIELD_LEN; }

int np_srp_server_public_key(const unsigned char *verifier, size_t verifier_len,
                             const unsigned char *secret, size_t secret_len,
                             unsigned char *pub, size_t pub_size)
{
    srp_group G;
    mbedtls_mpi v, b, t, gb;
    size_t len;
    int rc;

    if (!NP_PTR_OK(verifier, verifier_len) || !NP_PTR_OK(secret, secret_len) || !NP_PTR_OK(pub, pub_size)) {
        return NP_ERR_NULL;
    }
    if (!verifier_len_ok(verifier_len) || !secret_len_ok(secret_len)) {
        return NP_ERR_BAD_LENGTH;
    }
    if (pub_size < NP_SRP_N_LEN) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }

    rc = group_load(&G);
    if (rc != NP_OK) {
        return rc;
    }
    mbedtls_mpi_init(&v);
    mbedtls_mpi_init(&b);
    mbedtls_mpi_init(&t);
    mbedtls_mpi_init(&gb);

    rc = read_verifier(&G, &v, verifier, verifier_len);
    if (rc != NP_OK) goto cleanup;
    rc = NP_ERR_INTERNAL;
    if (mbedtls_mpi_read_binary(&b, secret, secret_len) != 0) goto cleanup;
    if (mbedtls_mpi_mul_mpi(&t, &G.k, &v) != 0) goto cleanup;          /* k*v */
    if (mbedtls_mpi_exp_mod(&gb, &G.g, &b, &G.N, &G.RR) != 0) goto cleanup; /* g^b */
    if (mbedtls_mpi_add_mpi(&t, &t, &gb) != 0) goto cleanup;
    if (mbedtls_mpi_mod_mpi(&t, &t, &G.N) != 0) goto cleanup;           /* B */
    len = mbedtls_mpi_size(&t);
    if (len == 0 || len > NP_SRP_N_LEN) goto cleanup;                  /* B == 0: never for real inputs */
    if (mbedtls_mpi_write_binary(&t, pub, len) != 0) goto cleanup;
    rc = (int)len;

cleanup:
    mbedtls_mpi_free(&gb);
    mbedtls_mpi_free(&t);
    mbedtls_mpi_free(&b);
    mbedtls_mpi_free(&v);
    group_free(&G);
    return rc;
}

int np_srp_server_session_key(const unsigned char *verifier, size_t verifier_len,
                              const unsigned char *secret, size_t secret_len,
                              const unsigned char *client_pub, size_t client_pub_len,
                              const unsigned char *server_pub, size_t server_pub_len,
                              unsigned char *key, size_t key_size)
{
    srp_group G;
    mbedtls_mpi v, b, A, u, t, S;
    unsigned char u_bytes[NP_SRP_HASH_LEN];
    unsigned char s_bytes[NP_SRP_N_LEN];
    size_t s_len = 0;
    np_hash h;
    int rc;

    if (!NP_PTR_OK(verifier, verifier_len) || !NP_PTR_OK(secret, secret_len) ||
        !NP_PTR_OK(client_pub, client_pub_len) || !NP_PTR_OK(server_pub, server_pub_len) ||
        !NP_PTR_OK(key, key_size)) {
        return NP_ERR_NULL;
    }
    if (!verifier_len_ok(verifier_len) || !secret_len_ok(secret_len) || client_pub_len != NP_SRP_N_LEN ||
        server_pub_len < 1 || server_pub_len > NP_SRP_N_LEN) {
        return NP_ERR_BAD_LENGTH;
    }
    if (key_size < NP_SRP_HASH_LEN) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }

    rc = group_load(&G);
    if (rc != NP_OK) {
        return rc;
    }
    mbedtls_mpi_init(&v);
    mbedtls_mpi_init(&b);
    mbedtls_mpi_init(&A);
    mbedtls_mpi_init(&u);
    mbedtls_mpi_init(&t);
    mbedtls_mpi_init(&S);

    rc = read_verifier(&G, &v, verifier, verifier_len);
    if (rc != NP_OK) goto cleanup;

    /* A mod N must not be 0 (A = 0, N, ... would force S = 0). */
    rc = NP_ERR_INTERNAL;
    if (mbedtls_mpi_read_binary(&A, client_pub, client_pub_len) != 0) goto cleanup;
    if (mbedtls_mpi_mod_mpi(&A, &A, &G.N) != 0) goto cleanup;
    if (mbedtls_mpi_cmp_int(&A, 0) == 0) {
        rc = NP_ERR_SRP_BAD_A;
        goto cleanup;
    }

    /* u = H(PAD(A) || PAD(B)); A is 384 bytes already. */
    rc = np_hash_begin(&h, MBEDTLS_MD_SHA512);
    if (rc == NP_OK) rc = np_hash_update(&h, client_pub, client_pub_len);
    if (rc == NP_OK) rc = np_hash_update_zeros(&h, NP_SRP_N_LEN - server_pub_len);
    if (rc == NP_OK) rc = np_hash_update(&h, server_pub, server_pub_len);
    if (rc == NP_OK) rc = np_hash_finish(&h, u_bytes);
    np_hash_free(&h);
    if (rc != NP_OK) goto cleanup;
    rc = NP_ERR_INTERNAL;
    if (mbedtls_mpi_read_binary(&u, u_bytes, sizeof(u_bytes)) != 0) goto cleanup;
    if (mbedtls_mpi_cmp_int(&u, 0) == 0) {
        rc = NP_ERR_SRP_U_ZERO;
        goto cleanup;
    }

    /* S = (A * v^u mod N)^b mod N */
    if (mbedtls_mpi_read_binary(&b, secret, secret_len) != 0) goto cleanup;
    if (mbedtls_mpi_exp_mod(&t, &v, &u, &G.N, &G.RR) != 0) goto cleanup;
    if (mbedtls_mpi_mul_mpi(&t, &t, &A) != 0) goto cleanup;
    if (mbedtls_mpi_mod_mpi(&t, &t, &G.N) != 0) goto cleanup;
    if (mbedtls_mpi_exp_mod(&S, &t, &b, &G.N, &G.RR) != 0) goto cleanup;

    /* K = H(minimal(S)) */
    s_len = mbedtls_mpi_size(&S);
    if (s_len == 0 || s_len > sizeof(s_bytes)) goto cleanup;
    if (mbedtls_mpi_write_binary(&S, s_bytes, s_len) != 0) goto cleanup;
    rc = np_hash_oneshot(MBEDTLS_MD_SHA512, s_bytes, s_len, u_bytes); /* reuse u_bytes as K */
    if (rc == NP_OK) {
        memcpy(key, u_bytes, NP_SRP_HASH_LEN);
    }

cleanup:
    np_zeroize(u_bytes, sizeof(u_bytes));
    np_zeroize(s_bytes, sizeof(s_bytes));
    mbedtls_mpi_free(&S);
    mbedtls_mpi_free(&t);
    mbedtls_mpi_free(&u);
    mbedtls_mpi_free(&A);
    mbedtls_mpi_free(&b);
    mbedtls_mpi_free(&v);
    group_free(&G);
    return rc;
}

int np_srp_server_verify_proof(const unsigned char *username, size_t username_len,
                               const unsigned char *salt, size_t salt_len,
                               const unsigned char *client_pub, size_t client_pub_len,
                               const unsigned char *server_pub, size_t server_pub_len,
                               const unsigned char *key, size_t key_len,
                               const unsigned char *client_proof, size_t client_proof_len,
                               unsigned char *server_proof, size_t server_proof_size)
{
    unsigned char hn[NP_SRP_HASH_LEN];
    unsigned char hg[NP_SRP_HASH_LEN];
    unsigned char hi[NP_SRP_HASH_LEN];
    unsigned char m1[NP_SRP_HASH_LEN];
    np_hash h;
    size_t i;
    int rc;

    if (!NP_PTR_OK(username, username_len) || !NP_PTR_OK(salt, salt_len) ||
        !NP_PTR_OK(client_pub, client_pub_len) || !NP_PTR_OK(server_pub, server_pub_len) ||
        !NP_PTR_OK(key, key_len) || !NP_PTR_OK(client_proof, client_proof_len) ||
        !NP_PTR_OK(server_proof, server_proof_size)) {
        return NP_ERR_NULL;
    }
    if (!field_len_ok(username_len) || !field_len_ok(salt_len) || client_pub_len != NP_SRP_N_LEN ||
        server_pub_len < 1 || server_pub_len > NP_SRP_N_LEN ||
        key_len != NP_SRP_HASH_LEN || client_proof_len != NP_SRP_HASH_LEN) {
        return NP_ERR_BAD_LENGTH;
    }
    if (server_proof_size < NP_SRP_HASH_LEN) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }

    /* H(N) xor H(PAD(g)), H(I) */
    rc = np_hash_oneshot(MBEDTLS_MD_SHA512, srp_N, sizeof(srp_N), hn);
    if (rc == NP_OK) {
        rc = np_hash_begin(&h, MBEDTLS_MD_SHA512);
        if (rc == NP_OK) rc = hash_pad_g(&h);
        if (rc == NP_OK) rc = np_hash_finish(&h, hg);
        np_hash_free(&h);
    }
    if (rc == NP_OK) rc = np_hash_oneshot(MBEDTLS_MD_SHA512, username, username_len, hi);
    if (rc != NP_OK) goto cleanup;
    for (i = 0; i < NP_SRP_HASH_LEN; i++) {
        hn[i] ^= hg[i];
    }

    rc = np_hash_begin(&h, MBEDTLS_MD_SHA512);
    if (rc == NP_OK) rc = np_hash_update(&h, hn, sizeof(hn));
    if (rc == NP_OK) rc = np_hash_update(&h, hi, sizeof(hi));
    if (rc == NP_OK) rc = np_hash_update(&h, salt, salt_len);
    if (rc == NP_OK) rc = np_hash_update(&h, client_pub, client_pub_len);
    if (rc == NP_OK) rc = np_hash_update(&h, server_pub, server_pub_len);
    if (rc == NP_OK) rc = np_hash_update(&h, key, key_len);
    if (rc == NP_OK) rc = np_hash_finish(&h, m1);
    np_hash_free(&h);
    if (rc != NP_OK) goto cleanup;

    if (!np_ct_equal(m1, client_proof, NP_SRP_HASH_LEN)) {
        rc = NP_ERR_AUTH_FAILED;
        goto cleanup;
    }

    /* M2 = H(A || M1 || K); hg is reused as the M2 buffer. */
    rc = np_hash_begin(&h, MBEDTLS_MD_SHA512);
    if (rc == NP_OK) rc = np_hash_update(&h, client_pub, client_pub_len);
    if (rc == NP_OK) rc = np_hash_update(&h, client_proof, client_proof_len);
    if (rc == NP_OK) rc = np_hash_update(&h, key, key_len);
    if (rc == NP_OK) rc = np_hash_finish(&h, hg);
    np_hash_free(&h);
    if (rc == NP_OK) {
        memcpy(server_proof, hg, NP_SRP_HASH_LEN);
    }

cleanup:
    np_zeroize(hn, sizeof(hn));
    np_zeroize(hg, sizeof(hg));
    np_zeroize(hi, sizeof(hi));
    np_zeroize(m1, sizeof(m1));
    return rc;
}

int np_srp_create_verifier(const unsigned char *username, size_t username_len,
                           const unsigned char *password, size_t password_len,
                           const unsigned char *salt, size_t salt_len,
                           unsigned char *verifier, size_t verifier_size)
{
    static const unsigned char colon = ':';
    srp_group G;
    mbedtls_mpi x, v;
    unsigned char inner[NP_SRP_HASH_LEN];
    unsigned char xb[NP_SRP_HASH_LEN];
    size_t skip = 0, len;
    np_hash h;
    int rc;

    if (!NP_PTR_OK(username, username_len) || !NP_PTR_OK(password, password_len) ||
        !NP_PTR_OK(salt, salt_len) || !NP_PTR_OK(verifier, verifier_size)) {
        return NP_ERR_NULL;
    }
    if (!field_len_ok(username_len) || !field_len_ok(salt_len)) {
        return NP_ERR_BAD_LENGTH;
    }
    if (verifier_size < NP_SRP_N_LEN) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }

    /* inner = H(I || ":" || p); x = H(s || inner without leading zero bytes) */
    rc = np_hash_begin(&h, MBEDTLS_MD_SHA512);
    if (rc == NP_OK) rc = np_hash_update(&h, username, username_len);
    if (rc == NP_OK) rc = np_hash_update(&h, &colon, 1);
    if (rc == NP_OK) rc = np_hash_update(&h, password, password_len);
    if (rc == NP_OK) rc = np_hash_finish(&h, inner);
    np_hash_free(&h);
    if (rc != NP_OK) {
        np_zeroize(inner, sizeof(inner));
        return rc;
    }
    while (skip < sizeof(inner) - 1 && inner[skip] == 0) {
        skip++;
    }
    rc = np_hash_begin(&h, MBEDTLS_MD_SHA512);
    if (rc == NP_OK) rc = np_hash_update(&h, salt, salt_len);
    if (rc == NP_OK) rc = np_hash_update(&h, inner + skip, sizeof(inner) - skip);
    if (rc == NP_OK) rc = np_hash_finish(&h, xb);
    np_hash_free(&h);
    np_zeroize(inner, sizeof(inner));
    if (rc != NP_OK) {
        np_zeroize(xb, sizeof(xb));
        return rc;
    }

    rc = group_load(&G);
    if (rc != NP_OK) {
        np_zeroize(xb, sizeof(xb));
        return rc;
    }
    mbedtls_mpi_init(&x);
    mbedtls_mpi_init(&v);
    rc = NP_ERR_INTERNAL;
    if (mbedtls_mpi_read_binary(&x, xb, sizeof(xb)) == 0 &&
        mbedtls_mpi_exp_mod(&v, &G.g, &x, &G.N, &G.RR) == 0) {
        len = mbedtls_mpi_size(&v);
        if (len >= 1 && len <= NP_SRP_N_LEN && mbedtls_mpi_write_binary(&v, verifier, len) == 0) {
            rc = (int)len;
        }
    }
    np_zeroize(xb, sizeof(xb));
    mbedtls_mpi_free(&v);
    mbedtls_mpi_free(&x);
    group_free(&G);
    return rc;
}

/* ---- richer API: generation with an RNG callback and a caller-owned server context ---------- */

int np_srp_gen_salt(np_rng_fn rng, void *rng_ctx, unsigned char *salt, size_t salt_len)
{
    int tries;
    if (rng == NULL || !NP_PTR_OK(salt, salt_len)) {
        return NP_ERR_NULL;
    }
    if (!field_len_ok(salt_len)) {
        return NP_ERR_BAD_LENGTH;
    }
    if (rng(rng_ctx, salt, salt_len) != 0) {
        np_zeroize(salt, salt_len);
        return NP_ERR_RNG;
    }
    /* A leading 0x00 would be dropped by esp_prov (it round-trips the salt through an integer). */
    for (tries = 0; salt[0] == 0; tries++) {
        if (tries == 64 || rng(rng_ctx, salt, 1) != 0) {
            np_zeroize(salt, salt_len);
            return NP_ERR_RNG;
        }
    }
    return NP_OK;
}

int np_srp_gen_salt_verifier(np_rng_fn rng, void *rng_ctx,
                             const unsigned char *username, size_t username_len,
                             const unsigned char *password, size_t password_len,
                             unsigned char *salt, size_t salt_len,
                             unsigned char *verifier, size_t verifier_size)
{
    int rc;
    if (rng == NULL || !NP_PTR_OK(username, username_len) || !NP_PTR_OK(password, password_len) ||
        !NP_PTR_OK(salt, salt_len) || !NP_PTR_OK(verifier, verifier_size)) {
        return NP_ERR_NULL;
    }
    if (!field_len_ok(username_len) || !field_len_ok(salt_len)) {
        return NP_ERR_BAD_LENGTH;
    }
    if (verifier_size < NP_SRP_N_LEN) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }
    rc = np_srp_gen_salt(rng, rng_ctx, salt, salt_len);
    if (rc != NP_OK) {
        return rc;
    }
    rc = np_srp_create_verifier(username, username_len, password, password_len, salt, salt_len,
                                verifier, verifier_size);
    if (rc < 0) {
        np_zeroize(salt, salt_len);
    }
    return rc;
}

void np_srp_server_free(np_srp_server *srv)
{
    if (srv != NULL) {
        np_zeroize(srv, sizeof(*srv));
    }
}

int np_srp_server_start(np_srp_server *srv, np_rng_fn rng, void *rng_ctx,
                        const unsigned char *verifier, size_t verifier_len,
                        const unsigned char *client_pub, size_t client_pub_len,
                        unsigned char *B_out, size_t B_size)
{
    int len, rc;
    if (srv == NULL || rng == NULL || !NP_PTR_OK(verifier, verifier_len) ||
        !NP_PTR_OK(client_pub, client_pub_len) || !NP_PTR_OK(B_out, B_size)) {
        return NP_ERR_NULL;
    }
    np_srp_server_free(srv);
    if (!verifier_len_ok(verifier_len) || client_pub_len != NP_SRP_N_LEN) {
        return NP_ERR_BAD_LENGTH;
    }
    if (B_size < NP_SRP_N_LEN) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }
    if (rng(rng_ctx, srv->b, sizeof(srv->b)) != 0) {
        np_srp_server_free(srv);
        return NP_ERR_RNG;
    }
    len = np_srp_server_public_key(verifier, verifier_len, srv->b, sizeof(srv->b), srv->B, sizeof(srv->B));
    if (len < 0) {
        np_srp_server_free(srv);
        return len;
    }
    srv->B_len = (size_t)len;
    rc = np_srp_server_session_key(verifier, verifier_len, srv->b, sizeof(srv->b), client_pub, client_pub_len,
                                   srv->B, srv->B_len, srv->K, sizeof(srv->K));
    /* b is not needed once S and K are known. */
    np_zeroize(srv->b, sizeof(srv->b));
    if (rc != NP_OK) {
        np_srp_server_free(srv);
        return rc;
    }
    memcpy(srv->A, client_pub, NP_SRP_N_LEN);
    memcpy(B_out, srv->B, srv->B_len);
    srv->state = 1;
    return len;
}

int np_srp_server_finish(np_srp_server *srv,
                         const unsigned char *username, size_t username_len,
                         const unsigned char *salt, size_t salt_len,
                         const unsigned char *client_proof, size_t client_proof_len,
                         unsigned char *server_proof, size_t server_proof_size,
                         unsigned char *aes_key, size_t aes_key_size)
{
    unsigned char m2[NP_SRP_HASH_LEN];
    int rc;
    if (srv == NULL || !NP_PTR_OK(username, username_len) || !NP_PTR_OK(salt, salt_len) ||
        !NP_PTR_OK(client_proof, client_proof_len) || !NP_PTR_OK(server_proof, server_proof_size) ||
        !NP_PTR_OK(aes_key, aes_key_size)) {
        return NP_ERR_NULL;
    }
    if (srv->state != 1) {
        np_srp_server_free(srv);
        return NP_ERR_BAD_LENGTH; /* not started (or already finished) */
    }
    if (server_proof_size < NP_SRP_HASH_LEN || aes_key_size < NP_AES256_KEY_LEN) {
        np_srp_server_free(srv);
        return NP_ERR_BUFFER_TOO_SMALL;
    }
    rc = np_srp_server_verify_proof(username, username_len, salt, salt_len, srv->A, sizeof(srv->A),
                                    srv->B, srv->B_len, srv->K, sizeof(srv->K),
                                    client_proof, client_proof_len, m2, sizeof(m2));
    if (rc == NP_OK) {
        memcpy(server_proof, m2, sizeof(m2));
        memcpy(aes_key, srv->K, NP_AES256_KEY_LEN);
    }
    np_zeroize(m2, sizeof(m2));
    /* The handshake is over either way: nothing secret stays in the context. */
    np_srp_server_free(srv);
    if (rc == NP_OK) {
        srv->state = 2;
    }
    return rc;
}
