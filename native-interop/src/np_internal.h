/*
 * Internal helpers shared by the NanoProv crypto modules. Not part of the public API.
 */
#ifndef NP_INTERNAL_H
#define NP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "nanoprov_crypto.h"
#include "np_mbedtls_compat.h"

#include "mbedtls/md.h"

/* A pointer is acceptable when it is non-NULL or its length is zero. */
#define NP_PTR_OK(p, len) ((p) != NULL || (len) == 0)

/* SHA-512 / SHA-256 streaming over mbedtls_md (works the same on mbedTLS 2.28 and 3.x). */
typedef struct np_hash {
    mbedtls_md_context_t md;
    int active;
} np_hash;

int np_hash_begin(np_hash *h, mbedtls_md_type_t type);
int np_hash_update(np_hash *h, const unsigned char *data, size_t len);
/* Feeds len zero bytes (used for the PAD() rule). */
int np_hash_update_zeros(np_hash *h, size_t len);
int np_hash_finish(np_hash *h, unsigned char *out);
void np_hash_free(np_hash *h);

/* One-shot digest; out must hold the digest size. */
int np_hash_oneshot(mbedtls_md_type_t type, const unsigned char *data, size_t len, unsigned char *out);

/*
 * Deterministic generator for side-channel blinding where no RNG is passed in: output blocks are
 * SHA-256(seed || counter). The seed is derived from secret inputs, so an attacker cannot predict it.
 * It is never used to create keys.
 */
typedef struct np_det_rng {
    unsigned char seed[32];
    uint32_t counter;
} np_det_rng;

int np_det_rng_seed(np_det_rng *r, const char *label,
                    const unsigned char *a, size_t a_len,
                    const unsigned char *b, size_t b_len);
int np_det_rng_fill(void *ctx, unsigned char *out, size_t len);
void np_det_rng_free(np_det_rng *r);

#endif /* NP_INTERNAL_H */
