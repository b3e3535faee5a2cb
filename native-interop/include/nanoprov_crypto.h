/*
 * NanoProv native crypto: the primitives of ESP-IDF unified provisioning Security 1 and 2
 * (X25519, AES-256-CTR, AES-256-GCM, SHA-256/512, SRP6a-3072/SHA-512 server), in C99 over mbedTLS.
 *
 * The same code runs on the ESP32 (nanoFramework interop, linked against ESP-IDF's mbedTLS 3.x with
 * hardware AES/SHA/MPI) and on the host (shared library for P/Invoke, linked against mbedTLS 2.28).
 *
 * Conventions
 *  - Every function returns an int: >= 0 is success (0, or a length / stream offset where stated),
 *    < 0 is one of the NP_ERR_* codes below. The numbers equal NanoProv.Platform.CryptoStatus.
 *  - Every buffer comes with an explicit length; outputs are caller-allocated and come with their
 *    capacity. A NULL pointer is accepted only together with a length of 0.
 *  - Arguments are checked in a fixed order that the managed provider follows as well:
 *    1. NULL pointers (NP_ERR_NULL), 2. lengths of inputs and fixed-size buffers (NP_ERR_BAD_LENGTH),
 *    3. output capacities (NP_ERR_BUFFER_TOO_SMALL), 4. semantic checks (documented per function).
 *  - Outputs are written only on success; on failure they are left untouched.
 *  - Secrets in temporary buffers and bignums are zeroized before returning, on every path.
 *  - No global mutable state: every function is reentrant. Randomness, where needed, comes from a
 *    caller-supplied np_rng_fn (mbedtls_ctr_drbg_random fits the signature; on the ESP32 wrap
 *    esp_fill_random).
 *  - Byte order: X25519 keys are RFC 7748 little-endian strings; every SRP integer is big-endian.
 */
#ifndef NANOPROV_CRYPTO_H
#define NANOPROV_CRYPTO_H

#include <stddef.h>

#include "mbedtls/aes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status codes (== NanoProv.Platform.CryptoStatus) ------------------------------------- */
#define NP_OK                    0  /* success */
#define NP_ERR_NULL             -1  /* a required pointer was NULL */
#define NP_ERR_BAD_LENGTH       -2  /* an input has the wrong length / is out of range */
#define NP_ERR_AUTH_FAILED      -3  /* GCM tag or SRP proof mismatch */
#define NP_ERR_SRP_BAD_A        -4  /* SRP client public key A == 0 mod N */
#define NP_ERR_SRP_U_ZERO       -5  /* SRP scrambler u == 0 */
#define NP_ERR_WEAK_KEY         -6  /* X25519 low-order peer key (all-zero shared secret) */
#define NP_ERR_RNG              -7  /* the random callback failed */
#define NP_ERR_INTERNAL         -8  /* mbedTLS reported an error (e.g. out of memory) */
#define NP_ERR_BUFFER_TOO_SMALL -9  /* an output buffer is too small */

/* ---- sizes -------------------------------------------------------------------------------- */
#define NP_SHA256_LEN          32
#define NP_SHA512_LEN          64
#define NP_X25519_LEN          32
#define NP_AES256_KEY_LEN      32
#define NP_AES_BLOCK_LEN       16
#define NP_GCM_IV_LEN          12
#define NP_GCM_TAG_LEN         16
#define NP_SRP_N_LEN          384   /* bytes of the 3072-bit modulus; PAD target; A length */
#define NP_SRP_HASH_LEN        64   /* SHA-512: K, M1, M2 */
#define NP_SRP_SECRET_LEN      32   /* b drawn by np_srp_server_start */
#define NP_SRP_MIN_SECRET_LEN  32   /* shortest b accepted by the flat functions */
#define NP_SRP_MAX_FIELD_LEN 65535  /* longest username / salt */

/**
 * Random byte source: fill out[0..len) and return 0, or return non-zero on failure.
 * mbedtls_ctr_drbg_random(ctx = mbedtls_ctr_drbg_context *) has exactly this signature.
 */
typedef int (*np_rng_fn)(void *ctx, unsigned char *out, size_t len);

/* ============================================================================================
 * Flat functions. Parameters mirror NanoProv.Platform.ICrypto one to one (the C# side resolves
 * byte[] + offset into pointer + length). The nanoFramework interop and P/Invoke call these.
 * ============================================================================================ */

/** SHA-256 of data[0..len) into digest[0..32). digest_size >= 32. Returns NP_OK. */
int np_sha256(const unsigned char *data, size_t len, unsigned char *digest, size_t digest_size);

/** SHA-512 of data[0..len) into digest[0..64). digest_size >= 64. Returns NP_OK. */
int np_sha512(const unsigned char *data, size_t len, unsigned char *digest, size_t digest_size);

/** X25519 public key of a 32-byte private key (clamped per RFC 7748) into pub[0..32). */
int np_x25519_public_key(const unsigned char *priv, size_t priv_len, unsigned char *pub, size_t pub_size);

/**
 * X25519(priv, peer) into secret[0..32). The peer's top bit is masked and non-canonical values are
 * reduced (RFC 7748 §5). NP_ERR_WEAK_KEY when the peer key is a low-order point (all-zero result).
 * Uses a deterministic, key-derived blinding generator internally (no RNG parameter needed).
 */
int np_x25519_shared_secret(const unsigned char *priv, size_t priv_len,
                            const unsigned char *peer, size_t peer_len,
                            unsigned char *secret, size_t secret_size);

/**
 * AES-256-CTR with caller-held state: XORs data[0..len) in place with the keystream.
 * counter (16 bytes) is the next counter block (incremented big-endian over all 128 bits),
 * keystream (16 bytes) the current keystream block, keystream_offset (0..15) the number of its
 * bytes already used (0: a new block is generated before the next byte). Start with counter = IV,
 * offset 0. Returns the new offset (0..15). Identical to mbedtls_aes_crypt_ctr's nc_off semantics.
 */
int np_aes_ctr_xor(const unsigned char *key, size_t key_len,
                   unsigned char *counter, size_t counter_len,
                   unsigned char *keystream, size_t keystream_len,
                   int keystream_offset,
                   unsigned char *data, size_t len);

/**
 * AES-256-GCM seal, 12-byte IV, no AAD: out = ciphertext(in_len) || tag(16). out_size >= in_len + 16.
 * in and out may be the same buffer (exact overlap only).
 */
int np_aes_gcm_seal(const unsigned char *key, size_t key_len,
                    const unsigned char *iv, size_t iv_len,
                    const unsigned char *in, size_t in_len,
                    unsigned char *out, size_t out_size);

/**
 * AES-256-GCM open of in = ciphertext || tag (in_len >= 16, else NP_ERR_BAD_LENGTH).
 * Writes in_len - 16 plaintext bytes only if the tag verifies (constant-time compare); otherwise
 * returns NP_ERR_AUTH_FAILED and out is untouched. in and out may be the same buffer.
 */
int np_aes_gcm_open(const unsigned char *key, size_t key_len,
                    const unsigned char *iv, size_t iv_len,
                    const unsigned char *in, size_t in_len,
                    unsigned char *out, size_t out_size);

/**
 * SRP6a server public key B = (k*v + g^b) mod N, minimal big-endian, at pub[0..). Returns its length
 * (1..384). verifier: 1..384 bytes, non-zero mod N (else NP_ERR_BAD_LENGTH); secret b: 32..384 bytes;
 * pub_size >= 384.
 */
int np_srp_server_public_key(const unsigned char *verifier, size_t verifier_len,
                             const unsigned char *secret, size_t secret_len,
                             unsigned char *pub, size_t pub_size);

/**
 * SRP6a session key K = H(minimal(S)), S = (A * v^u)^b mod N, u = H(PAD(A) || PAD(B)), into key[0..64).
 * A exactly 384 bytes; B 1..384 bytes (as sent); key_size >= 64. Then, in this order: verifier zero mod N
 * -> NP_ERR_BAD_LENGTH, A mod N == 0 -> NP_ERR_SRP_BAD_A, u == 0 -> NP_ERR_SRP_U_ZERO.
 */
int np_srp_server_session_key(const unsigned char *verifier, size_t verifier_len,
                              const unsigned char *secret, size_t secret_len,
                              const unsigned char *client_pub, size_t client_pub_len,
                              const unsigned char *server_pub, size_t server_pub_len,
                              unsigned char *key, size_t key_size);

/**
 * Checks M1 = H((H(N) xor H(PAD(g))) || H(I) || s || A || B || K) in constant time; on a match writes
 * M2 = H(A || M1 || K) to server_proof[0..64) and returns NP_OK, else NP_ERR_AUTH_FAILED (output untouched).
 * username and salt 1..65535 bytes, A 384, B 1..384 (as sent), K 64, M1 64, server_proof_size >= 64.
 */
int np_srp_server_verify_proof(const unsigned char *username, size_t username_len,
                               const unsigned char *salt, size_t salt_len,
                               const unsigned char *client_pub, size_t client_pub_len,
                               const unsigned char *server_pub, size_t server_pub_len,
                               const unsigned char *key, size_t key_len,
                               const unsigned char *client_proof, size_t client_proof_len,
                               unsigned char *server_proof, size_t server_proof_size);

/**
 * Verifier v = g^x mod N, x = H(s || minimal(H(I || ":" || p))) (the inner digest without leading zero
 * bytes, as esp_prov computes it), minimal big-endian into verifier[0..). Returns its length.
 * username and salt 1..65535 bytes, password any length, verifier_size >= 384.
 */
int np_srp_create_verifier(const unsigned char *username, size_t username_len,
                           const unsigned char *password, size_t password_len,
                           const unsigned char *salt, size_t salt_len,
                           unsigned char *verifier, size_t verifier_size);

/* ============================================================================================
 * Richer API for C callers: caller-owned contexts and key/secret generation with an RNG callback.
 * ============================================================================================ */

/** AES-256-CTR stream: key schedule, counter block and partial-block offset in a caller-owned struct. */
typedef struct np_aes_ctr_stream {
    mbedtls_aes_context aes;
    unsigned char counter[NP_AES_BLOCK_LEN];
    unsigned char block[NP_AES_BLOCK_LEN];
    size_t offset;
    int ready;
} np_aes_ctr_stream;

/** Starts a stream with a 32-byte key and the 16-byte initial counter block. */
int np_aes_ctr_start(np_aes_ctr_stream *stream, const unsigned char *key, size_t key_len,
                     const unsigned char *iv, size_t iv_len);

/** Encrypts/decrypts len bytes (in == out allowed), continuing the keystream byte-exactly. */
int np_aes_ctr_update(np_aes_ctr_stream *stream, const unsigned char *in, unsigned char *out, size_t len);

/** Zeroizes the stream (key schedule, counter, keystream). Safe on a zeroed or already freed struct. */
void np_aes_ctr_free(np_aes_ctr_stream *stream);

/** Fresh X25519 key pair: 32 random bytes, clamped, and the matching public key. */
int np_x25519_keypair(np_rng_fn rng, void *rng_ctx,
                      unsigned char priv[NP_X25519_LEN], unsigned char pub[NP_X25519_LEN]);

/**
 * Random salt of salt_len (1..65535) bytes whose first byte is never 0x00 (esp_prov drops leading zeros).
 * Exception to the "outputs untouched" rule: on an RNG failure the salt buffer is zeroized.
 */
int np_srp_gen_salt(np_rng_fn rng, void *rng_ctx, unsigned char *salt, size_t salt_len);

/**
 * Generates a salt (salt_len bytes, see np_srp_gen_salt) and the verifier for username/password
 * (np_srp_create_verifier). Returns the verifier length. On failure the salt buffer is zeroized.
 */
int np_srp_gen_salt_verifier(np_rng_fn rng, void *rng_ctx,
                             const unsigned char *username, size_t username_len,
                             const unsigned char *password, size_t password_len,
                             unsigned char *salt, size_t salt_len,
                             unsigned char *verifier, size_t verifier_size);

/** One SRP6a server handshake (device side of Security 2). Caller-owned; free with np_srp_server_free. */
typedef struct np_srp_server {
    unsigned char b[NP_SRP_SECRET_LEN];
    unsigned char A[NP_SRP_N_LEN];
    unsigned char B[NP_SRP_N_LEN];
    size_t B_len;
    unsigned char K[NP_SRP_HASH_LEN];
    int state; /* 0 = empty, 1 = started (B and K known), 2 = verified */
} np_srp_server;

/**
 * Security 2 Cmd0: draws b (32 bytes), computes B (written minimal to B_out, B_size >= 384) and, from
 * the client's A (384 bytes), u, S and K. Returns the length of B. On any error the context is zeroized.
 */
int np_srp_server_start(np_srp_server *srv, np_rng_fn rng, void *rng_ctx,
                        const unsigned char *verifier, size_t verifier_len,
                        const unsigned char *client_pub, size_t client_pub_len,
                        unsigned char *B_out, size_t B_size);

/**
 * Security 2 Cmd1: checks M1 (constant time) and writes M2 (64 bytes) and the 32-byte AES-GCM key K[0..32).
 * On a mismatch returns NP_ERR_AUTH_FAILED, leaves the outputs untouched and zeroizes the context.
 */
int np_srp_server_finish(np_srp_server *srv,
                         const unsigned char *username, size_t username_len,
                         const unsigned char *salt, size_t salt_len,
                         const unsigned char *client_proof, size_t client_proof_len,
                         unsigned char *server_proof, size_t server_proof_size,
                         unsigned char *aes_key, size_t aes_key_size);

/** Zeroizes the SRP context. */
void np_srp_server_free(np_srp_server *srv);

/* ---- helpers ------------------------------------------------------------------------------ */

/** 1 if a[0..len) == b[0..len), else 0; time depends only on len. */
int np_ct_equal(const unsigned char *a, const unsigned char *b, size_t len);

/** Zeroizes buf[0..len) in a way the compiler cannot remove. */
void np_zeroize(void *buf, size_t len);

/** Human-readable name of a status code (static string; never NULL). */
const char *np_status_name(int status);

#ifdef __cplusplus
}
#endif

#endif /* NANOPROV_CRYPTO_H */
