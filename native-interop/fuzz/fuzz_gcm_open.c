/*
 * Fuzz np_aes_gcm_open: input = key(32) || iv(12) || wire. Checks that only the documented codes come
 * back, that a failed open never writes to the output, and that seal->open round-trips the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nanoprov_crypto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *key, *iv, *wire;
    size_t wire_len, out_len;
    unsigned char *out, *sealed, *back;
    int rc;

    if (size < 44) {
        return 0;
    }
    key = data;
    iv = data + 32;
    wire = data + 44;
    wire_len = size - 44;

    /* Exactly-sized heap buffers so ASan sees any overrun. */
    out_len = wire_len >= 16 ? wire_len - 16 : 0;
    out = (unsigned char *)malloc(out_len + 1);
    if (out == NULL) return 0;
    memset(out, 0xa5, out_len + 1);
    rc = np_aes_gcm_open(key, 32, iv, 12, wire, wire_len, out, out_len);
    if (wire_len < 16) {
        if (rc != NP_ERR_BAD_LENGTH) abort();
    } else if (rc != NP_ERR_AUTH_FAILED && rc != NP_OK) {
        abort();
    }
    if (rc != NP_OK) {
        size_t i;
        for (i = 0; i < out_len + 1; i++) {
            if (out[i] != 0xa5) abort(); /* output touched on failure */
        }
    }
    /* Wrong key/iv lengths derived from the input must be refused. */
    if (np_aes_gcm_open(key, (size_t)(data[0] % 64), iv, 12, wire, wire_len, out, out_len) !=
            (data[0] % 64 == 32 ? rc : NP_ERR_BAD_LENGTH)) {
        abort();
    }

    /* Round trip: seal the wire bytes as plaintext, open again. */
    sealed = (unsigned char *)malloc(wire_len + 16);
    back = (unsigned char *)malloc(wire_len + 1);
    if (sealed != NULL && back != NULL) {
        if (np_aes_gcm_seal(key, 32, iv, 12, wire, wire_len, sealed, wire_len + 16) != NP_OK) abort();
        if (np_aes_gcm_open(key, 32, iv, 12, sealed, wire_len + 16, back, wire_len) != NP_OK) abort();
        if (wire_len != 0 && memcmp(back, wire, wire_len) != 0) abort();
        /* Flip one input-chosen bit: must fail. */
        sealed[data[1] % (wire_len + 16)] ^= (unsigned char)(1u << (data[2] % 8));
        if (np_aes_gcm_open(key, 32, iv, 12, sealed, wire_len + 16, back, wire_len) != NP_ERR_AUTH_FAILED) abort();
    }
    free(sealed);
    free(back);
    free(out);
    return 0;
}
