/*
 * X25519 (RFC 7748) over mbedtls_ecp with MBEDTLS_ECP_DP_CURVE25519.
 *
 * Keys are RFC 7748 little-endian byte strings. Points are imported and exported with
 * mbedtls_ecp_point_read_binary / _write_binary, which for Montgomery curves use exactly that
 * little-endian u-coordinate encoding and clear the top bit on import (RFC 7748 §5); the scalar is
 * clamped here and imported with mbedtls_mpi_read_binary_le. Only public mbedTLS functions are used.
 */
#include <string.h>

#include "np_internal.h"

#include "mbedtls/bignum.h"
#include "mbedtls/ecp.h"

static void clamp(unsigned char k[NP_X25519_LEN])
{
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
}

static int is_all_zero(const unsigned char *p, size_t len)
{
    unsigned char acc = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        acc |= p[i];
    }
    return acc == 0;
}

/*
 * out = X25519(priv, u). f_rng is used only to randomise the projective coordinates (blinding);
 * mbedTLS 3 requires one.
 */
static int x25519(const unsigned char priv[NP_X25519_LEN], const unsigned char u[NP_X25519_LEN],
                  unsigned char out[NP_X25519_LEN], np_rng_fn f_rng, void *p_rng)
{
    mbedtls_ecp_group grp;
    mbedtls_ecp_point P, R;
    mbedtls_mpi d;
    unsigned char k[NP_X25519_LEN];
    unsigned char result[NP_X25519_LEN];
    size_t olen = 0;
    int ret, rc = NP_ERR_INTERNAL;

    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&P);
    mbedtls_ecp_point_init(&R);
    mbedtls_mpi_init(&d);
    memcpy(k, priv, sizeof(k));
    clamp(k);

    if (mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_CURVE25519) != 0) goto cleanup;
    if (mbedtls_mpi_read_binary_le(&d, k, sizeof(k)) != 0) goto cleanup;
    if (mbedtls_ecp_point_read_binary(&grp, &P, u, NP_X25519_LEN) != 0) goto cleanup;

    ret = mbedtls_ecp_mul(&grp, &R, &d, &P, f_rng, p_rng);
    if (ret == MBEDTLS_ERR_ECP_INVALID_KEY) {
        /* mbedtls_ecp_check_pubkey refuses the low-order points (they give the all-zero secret). */
        rc = NP_ERR_WEAK_KEY;
        goto cleanup;
    }
    if (ret != 0) goto cleanup;
    if (mbedtls_ecp_point_write_binary(&grp, &R, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen,
                                       result, sizeof(result)) != 0 || olen != NP_X25519_LEN) {
        goto cleanup;
    }
    if (is_all_zero(result, sizeof(result))) {
        rc = NP_ERR_WEAK_KEY;
        goto cleanup;
    }
    memcpy(out, result, NP_X25519_LEN);
    rc = NP_OK;

cleanup:
    np_zeroize(k, sizeof(k));
    np_zeroize(result, sizeof(result));
    mbedtls_mpi_free(&d); /* mbedtls_mpi_free zeroizes the limbs */
    mbedtls_ecp_point_free(&R);
    mbedtls_ecp_point_free(&P);
    mbedtls_ecp_group_free(&grp);
    return rc;
}

static int x25519_blinded(const unsigned char priv[NP_X25519_LEN], const unsigned char u[NP_X25519_LEN],
                          unsigned char out[NP_X25519_LEN])
{
    np_det_rng rng;
    int rc = np_det_rng_seed(&rng, "nanoprov x25519 blinding", priv, NP_X25519_LEN, u, NP_X25519_LEN);
    if (rc != NP_OK) {
        return rc;
    }
    rc = x25519(priv, u, out, np_det_rng_fill, &rng);
    np_det_rng_free(&rng);
    return rc;
}

static const unsigned char base_point[NP_X25519_LEN] = { 9 };

int np_x25519_public_key(const unsigned char *priv, size_t priv_len, unsigned char *pub, size_t pub_size)
{
    if (!NP_PTR_OK(priv, priv_len) || !NP_PTR_OK(pub, pub_size)) {
        return NP_ERR_NULL;
    }
    if (priv_len != NP_X25519_LEN) {
        return NP_ERR_BAD_LENGTH;
    }
    if (pub_size < NP_X25519_LEN) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }
    return x25519_blinded(priv, base_point, pub);
}

int np_x25519_shared_secret(const unsigned char *priv, size_t priv_len,
                            const unsigned char *peer, size_t peer_len,
                            unsigned char *secret, size_t secret_size)
{
    if (!NP_PTR_OK(priv, priv_len) || !NP_PTR_OK(peer, peer_len) || !NP_PTR_OK(secret, secret_size)) {
        return NP_ERR_NULL;
    }
    if (priv_len != NP_X25519_LEN || peer_len != NP_X25519_LEN) {
        return NP_ERR_BAD_LENGTH;
    }
    if (secret_size < NP_X25519_LEN) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }
    return x25519_blinded(priv, peer, secret);
}

int np_x25519_keypair(np_rng_fn rng, void *rng_ctx,
                      unsigned char priv[NP_X25519_LEN], unsigned char pub[NP_X25519_LEN])
{
    unsigned char k[NP_X25519_LEN];
    unsigned char p[NP_X25519_LEN];
    int rc;
    if (rng == NULL || priv == NULL || pub == NULL) {
        return NP_ERR_NULL;
    }
    if (rng(rng_ctx, k, sizeof(k)) != 0) {
        np_zeroize(k, sizeof(k));
        return NP_ERR_RNG;
    }
    clamp(k);
    rc = x25519(k, base_point, p, rng, rng_ctx);
    if (rc == NP_OK) {
        memcpy(priv, k, sizeof(k));
        memcpy(pub, p, sizeof(p));
    }
    np_zeroize(k, sizeof(k));
    return rc;
}
