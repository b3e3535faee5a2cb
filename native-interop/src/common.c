/*
 * Shared helpers: constant-time compare, zeroize, status names, hashing over mbedtls_md and the
 * deterministic blinding generator.
 */
#include <string.h>

#include "np_internal.h"

#include "mbedtls/platform_util.h"

int np_ct_equal(const unsigned char *a, const unsigned char *b, size_t len)
{
    volatile unsigned char diff = 0;
    size_t i;
    if (a == NULL || b == NULL) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        diff |= (unsigned char)(a[i] ^ b[i]);
    }
    /* 1 when diff == 0, without a data-dependent branch. */
    return (int)(1 & ((((unsigned int)diff) - 1u) >> 8));
}

void np_zeroize(void *buf, size_t len)
{
    if (buf != NULL && len != 0) {
        mbedtls_platform_zeroize(buf, len);
    }
}

const char *np_status_name(int status)
{
    switch (status) {
    case NP_OK: return "ok";
    case NP_ERR_NULL: return "null argument";
    case NP_ERR_BAD_LENGTH: return "bad length";
    case NP_ERR_AUTH_FAILED: return "authentication failed";
    case NP_ERR_SRP_BAD_A: return "SRP public key A is 0 mod N";
    case NP_ERR_SRP_U_ZERO: return "SRP scrambler u is 0";
    case NP_ERR_WEAK_KEY: return "weak X25519 public key";
    case NP_ERR_RNG: return "random generator failed";
    case NP_ERR_INTERNAL: return "internal error";
    case NP_ERR_BUFFER_TOO_SMALL: return "buffer too small";
    default: return status > 0 ? "ok (length)" : "unknown error";
    }
}

int np_hash_begin(np_hash *h, mbedtls_md_type_t type)
{
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(type);
    mbedtls_md_init(&h->md);
    h->active = 1;
    if (info == NULL || mbedtls_md_setup(&h->md, info, 0) != 0 || mbedtls_md_starts(&h->md) != 0) {
        np_hash_free(h);
        return NP_ERR_INTERNAL;
    }
    return NP_OK;
}

int np_hash_update(np_hash *h, const unsigned char *data, size_t len)
{
    if (len == 0) {
        return NP_OK;
    }
    return mbedtls_md_update(&h->md, data, len) == 0 ? NP_OK : NP_ERR_INTERNAL;
}

int np_hash_update_zeros(np_hash *h, size_t len)
{
    static const unsigned char zeros[64] = { 0 };
    while (len > 0) {
        size_t n = len < sizeof(zeros) ? len : sizeof(zeros);
        if (mbedtls_md_update(&h->md, zeros, n) != 0) {
            return NP_ERR_INTERNAL;
        }
        len -= n;
    }
    return NP_OK;
}

int np_hash_finish(np_hash *h, unsigned char *out)
{
    return mbedtls_md_finish(&h->md, out) == 0 ? NP_OK : NP_ERR_INTERNAL;
}

void np_hash_free(np_hash *h)
{
    if (h->active) {
        mbedtls_md_free(&h->md); /* zeroizes the hash state */
        h->active = 0;
    }
}

int np_hash_oneshot(mbedtls_md_type_t type, const unsigned char *data, size_t len, unsigned char *out)
{
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(type);
    static const unsigned char empty[1] = { 0 };
    if (info == NULL) {
        return NP_ERR_INTERNAL;
    }
    return mbedtls_md(info, len == 0 ? empty : data, len, out) == 0 ? NP_OK : NP_ERR_INTERNAL;
}

int np_det_rng_seed(np_det_rng *r, const char *label,
                    const unsigned char *a, size_t a_len,
                    const unsigned char *b, size_t b_len)
{
    np_hash h;
    int rc = np_hash_begin(&h, MBEDTLS_MD_SHA256);
    r->counter = 0;
    if (rc != NP_OK) {
        return rc;
    }
    rc = np_hash_update(&h, (const unsigned char *)label, strlen(label));
    if (rc == NP_OK) rc = np_hash_update(&h, a, a_len);
    if (rc == NP_OK) rc = np_hash_update(&h, b, b_len);
    if (rc == NP_OK) rc = np_hash_finish(&h, r->seed);
    np_hash_free(&h);
    if (rc != NP_OK) {
        np_det_rng_free(r);
    }
    return rc;
}

int np_det_rng_fill(void *ctx, unsigned char *out, size_t len)
{
    np_det_rng *r = (np_det_rng *)ctx;
    unsigned char block[32];
    unsigned char ctr[4];
    while (len > 0) {
        np_hash h;
        size_t n = len < sizeof(block) ? len : sizeof(block);
        int rc;
        ctr[0] = (unsigned char)(r->counter >> 24);
        ctr[1] = (unsigned char)(r->counter >> 16);
        ctr[2] = (unsigned char)(r->counter >> 8);
        ctr[3] = (unsigned char)(r->counter);
        r->counter++;
        rc = np_hash_begin(&h, MBEDTLS_MD_SHA256);
        if (rc == NP_OK) rc = np_hash_update(&h, r->seed, sizeof(r->seed));
        if (rc == NP_OK) rc = np_hash_update(&h, ctr, sizeof(ctr));
        if (rc == NP_OK) rc = np_hash_finish(&h, block);
        np_hash_free(&h);
        if (rc != NP_OK) {
            np_zeroize(block, sizeof(block));
            return -1;
        }
        memcpy(out, block, n);
        out += n;
        len -= n;
    }
    np_zeroize(block, sizeof(block));
    return 0;
}

void np_det_rng_free(np_det_rng *r)
{
    np_zeroize(r, sizeof(*r));
}
