/*
 * Fuzz X25519 public keys, differentially against libsodium's crypto_scalarmult:
 * input = private key(32) || peer public key(32). Both must accept or refuse the same keys and
 * agree on every accepted result; the top bit of u must be ignored.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "nanoprov_crypto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char priv[32], peer[32], ours[32], theirs[32], flipped_peer[32], flipped[32];
    int rc, sodium_rc;
    static int sodium_ready = 0;

    if (!sodium_ready) {
        if (sodium_init() < 0) abort();
        sodium_ready = 1;
    }
    if (size < 64) {
        /* Short inputs: the length checks must refuse them. */
        if (np_x25519_shared_secret(data, size, data, size, ours, sizeof ours) != (size == 32 ? np_x25519_shared_secret(data, 32, data, 32, ours, 32) : NP_ERR_BAD_LENGTH)) abort();
        return 0;
    }
    memcpy(priv, data, 32);
    memcpy(peer, data + 32, 32);

    memset(ours, 0x5a, sizeof ours);
    rc = np_x25519_shared_secret(priv, 32, peer, 32, ours, sizeof ours);
    sodium_rc = crypto_scalarmult(theirs, priv, peer);
    if (rc == NP_OK) {
        if (sodium_rc != 0 || memcmp(ours, theirs, 32) != 0) abort();
    } else {
        size_t i;
        if (rc != NP_ERR_WEAK_KEY || sodium_rc == 0) abort();
        for (i = 0; i < 32; i++) {
            if (ours[i] != 0x5a) abort();
        }
    }

    memcpy(flipped_peer, peer, 32);
    flipped_peer[31] ^= 0x80;
    if (np_x25519_shared_secret(priv, 32, flipped_peer, 32, flipped, 32) != rc) abort();
    if (rc == NP_OK && memcmp(flipped, ours, 32) != 0) abort();

    /* The public key of the fuzzed private key matches libsodium's as well. */
    if (np_x25519_public_key(priv, 32, ours, 32) != NP_OK) abort();
    if (crypto_scalarmult_base(theirs, priv) != 0 || memcmp(ours, theirs, 32) != 0) abort();
    return 0;
}
