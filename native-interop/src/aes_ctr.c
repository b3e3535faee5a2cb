/*
 * AES-256-CTR with the stream state held by the caller (mbedtls_aes_crypt_ctr semantics:
 * nonce_counter = next counter block, stream_block = current keystream block, nc_off = bytes used).
 */
#include <string.h>

#include "np_internal.h"

int np_aes_ctr_xor(const unsigned char *key, size_t key_len,
                   unsigned char *counter, size_t counter_len,
                   unsigned char *keystream, size_t keystream_len,
                   int keystream_offset,
                   unsigned char *data, size_t len)
{
    mbedtls_aes_context aes;
    size_t off;
    int rc = NP_ERR_INTERNAL;

    if (!NP_PTR_OK(key, key_len) || !NP_PTR_OK(counter, counter_len) ||
        !NP_PTR_OK(keystream, keystream_len) || !NP_PTR_OK(data, len)) {
        return NP_ERR_NULL;
    }
    if (key_len != NP_AES256_KEY_LEN || counter_len != NP_AES_BLOCK_LEN || keystream_len != NP_AES_BLOCK_LEN) {
        return NP_ERR_BAD_LENGTH;
    }
    if (keystream_offset < 0 || keystream_offset >= NP_AES_BLOCK_LEN) {
        return NP_ERR_BAD_LENGTH;
    }
    if (len == 0) {
        return keystream_offset;
    }

    off = (size_t)keystream_offset;
    mbedtls_aes_init(&aes);
    if (mbedtls_aes_setkey_enc(&aes, key, 256) == 0 &&
        mbedtls_aes_crypt_ctr(&aes, len, &off, counter, keystream, data, data) == 0) {
        rc = (int)off;
    }
    mbedtls_aes_free(&aes); /* zeroizes the key schedule */
    return rc;
}

int np_aes_ctr_start(np_aes_ctr_stream *stream, const unsigned char *key, size_t key_len,
                     const unsigned char *iv, size_t iv_len)
{
    if (stream == NULL || !NP_PTR_OK(key, key_len) || !NP_PTR_OK(iv, iv_len)) {
        return NP_ERR_NULL;
    }
    if (key_len != NP_AES256_KEY_LEN || iv_len != NP_AES_BLOCK_LEN) {
        return NP_ERR_BAD_LENGTH;
    }
    memset(stream, 0, sizeof(*stream));
    mbedtls_aes_init(&stream->aes);
    if (mbedtls_aes_setkey_enc(&stream->aes, key, 256) != 0) {
        np_aes_ctr_free(stream);
        return NP_ERR_INTERNAL;
    }
    memcpy(stream->counter, iv, NP_AES_BLOCK_LEN);
    stream->offset = 0;
    stream->ready = 1;
    return NP_OK;
}

int np_aes_ctr_update(np_aes_ctr_stream *stream, const unsigned char *in, unsigned char *out, size_t len)
{
    if (stream == NULL || !NP_PTR_OK(in, len) || !NP_PTR_OK(out, len)) {
        return NP_ERR_NULL;
    }
    if (!stream->ready) {
        return NP_ERR_BAD_LENGTH;
    }
    if (len == 0) {
        return NP_OK;
    }
    if (mbedtls_aes_crypt_ctr(&stream->aes, len, &stream->offset, stream->counter, stream->block, in, out) != 0) {
        return NP_ERR_INTERNAL;
    }
    return NP_OK;
}

void np_aes_ctr_free(np_aes_ctr_stream *stream)
{
    if (stream == NULL) {
        return;
    }
    if (stream->ready) {
        mbedtls_aes_free(&stream->aes);
    }
    np_zeroize(stream, sizeof(*stream));
}
