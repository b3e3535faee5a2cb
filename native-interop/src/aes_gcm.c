/*
 * AES-256-GCM with a 12-byte IV, no AAD and a 16-byte tag appended (Security 2 data phase).
 * Open decrypts into a private buffer and copies the plaintext out only after the tag compared
 * equal in constant time, so a forged message never touches the caller's output.
 */
#include <stdlib.h>
#include <string.h>

#include "np_internal.h"

#include "mbedtls/gcm.h"

static int gcm_check(size_t key_len, size_t iv_len)
{
    return (key_len == NP_AES256_KEY_LEN && iv_len == NP_GCM_IV_LEN) ? NP_OK : NP_ERR_BAD_LENGTH;
}

int np_aes_gcm_seal(const unsigned char *key, size_t key_len,
                    const unsigned char *iv, size_t iv_len,
                    const unsigned char *in, size_t in_len,
                    unsigned char *out, size_t out_size)
{
    static const unsigned char empty[1] = { 0 };
    mbedtls_gcm_context gcm;
    unsigned char tag[NP_GCM_TAG_LEN];
    int rc;

    if (!NP_PTR_OK(key, key_len) || !NP_PTR_OK(iv, iv_len) || !NP_PTR_OK(in, in_len) ||
        !NP_PTR_OK(out, out_size)) {
        return NP_ERR_NULL;
    }
    rc = gcm_check(key_len, iv_len);
    if (rc != NP_OK) {
        return rc;
    }
    if (out_size < in_len || out_size - in_len < NP_GCM_TAG_LEN) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }

    rc = NP_ERR_INTERNAL;
    mbedtls_gcm_init(&gcm);
    if (mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, 256) == 0 &&
        mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, in_len, iv, NP_GCM_IV_LEN, NULL, 0,
                                  in_len ? in : empty, out, NP_GCM_TAG_LEN, tag) == 0) {
        memcpy(out + in_len, tag, NP_GCM_TAG_LEN);
        rc = NP_OK;
    }
    mbedtls_gcm_free(&gcm);
    np_zeroize(tag, sizeof(tag));
    return rc;
}

int np_aes_gcm_open(const unsigned char *key, size_t key_len,
                    const unsigned char *iv, size_t iv_len,
                    const unsigned char *in, size_t in_len,
                    unsigned char *out, size_t out_size)
{
    mbedtls_gcm_context gcm;
    unsigned char tag[NP_GCM_TAG_LEN];
    unsigned char *plain = NULL;
    size_t plain_len;
    int rc;

    if (!NP_PTR_OK(key, key_len) || !NP_PTR_OK(iv, iv_len) || !NP_PTR_OK(in, in_len) ||
        !NP_PTR_OK(out, out_size)) {
        return NP_ERR_NULL;
    }
    rc = gcm_check(key_len, iv_len);
    if (rc != NP_OK) {
        return rc;
    }
    if (in_len < NP_GCM_TAG_LEN) {
        return NP_ERR_BAD_LENGTH;
    }
    plain_len = in_len - NP_GCM_TAG_LEN;
    if (out_size < plain_len) {
        return NP_ERR_BUFFER_TOO_SMALL;
    }

    /* One spare byte so the allocation is never zero-sized. */
    plain = (unsigned char *)calloc(1, plain_len + 1);
    if (plain == NULL) {
        return NP_ERR_INTERNAL;
    }
    rc = NP_ERR_INTERNAL;
    mbedtls_gcm_init(&gcm);
    if (mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, 256) == 0 &&
        mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_DECRYPT, plain_len, iv, NP_GCM_IV_LEN, NULL, 0,
                                  plain_len ? in : plain, plain, NP_GCM_TAG_LEN, tag) == 0) {
        if (np_ct_equal(tag, in + plain_len, NP_GCM_TAG_LEN)) {
            if (plain_len != 0) {
                memcpy(out, plain, plain_len);
            }
            rc = NP_OK;
        } else {
            rc = NP_ERR_AUTH_FAILED;
        }
    }
    mbedtls_gcm_free(&gcm);
    np_zeroize(tag, sizeof(tag));
    np_zeroize(plain, plain_len + 1);
    free(plain);
    return rc;
}
