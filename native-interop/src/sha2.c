/*
 * SHA-256 and SHA-512 (mbedtls_md).
 */
#include "np_internal.h"

static int np_sha(mbedtls_md_type_t type, size_t digest_len,
                  const unsigned char *data, size_t len, unsigned char *digest, size_t digest_size)
{
    if (!NP_PTR_OK(data, len) || !NP_PTR_OK(digest, digest_size)) {
        return NP_ERR_NULL;
    }
    if (digest_size < digest_len) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }
    return np_hash_oneshot(type, data, len, digest);
}

int np_sha256(const unsigned char *data, size_t len, unsigned char *digest, size_t digest_size)
{
    return np_sha(MBEDTLS_MD_SHA256, NP_SHA256_LEN, data, len, digest, digest_size);
}

int np_sha512(const unsigned char *data, size_t len, unsigned char *digest, size_t digest_size)
{
    return np_sha(MBEDTLS_MD_SHA512, NP_SHA512_LEN, data, len, digest, digest_size);
}
