/*
 * Fuzz the SRP6a server inputs an attacker controls in Security 2: A (Cmd0), the username and the
 * proof M1 (Cmd1), plus the verifier/salt lengths. Input layout (all lengths big-endian u16):
 *   lenA A | lenV V | lenI I | lenS s | M1 (rest)
 * Only documented codes may come back; outputs must stay untouched on failure; nothing may crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nanoprov_crypto.h"

typedef struct reader {
    const uint8_t *p;
    size_t left;
} reader;

static const uint8_t *take(reader *r, size_t *len)
{
    size_t n;
    const uint8_t *out;
    if (r->left < 2) {
        *len = 0;
        return r->p;
    }
    n = ((size_t)r->p[0] << 8) | r->p[1];
    r->p += 2;
    r->left -= 2;
    if (n > r->left) n = r->left;
    out = r->p;
    r->p += n;
    r->left -= n;
    *len = n;
    return out;
}

static int is_code(int rc, int allowed_mask)
{
    /* bit i set in mask -> code -i allowed */
    return rc <= 0 && rc >= -9 && ((allowed_mask >> (-rc)) & 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned char b[32] = {
        0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
        0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22 };
    reader r = { data, size };
    size_t la, lv, li, ls, lm, i;
    const uint8_t *A = take(&r, &la);
    const uint8_t *V = take(&r, &lv);
    const uint8_t *I = take(&r, &li);
    const uint8_t *S = take(&r, &ls);
    const uint8_t *M1 = r.p;
    unsigned char *Bbuf, *K, *M2;
    int blen, rc;
    lm = r.left;

    Bbuf = (unsigned char *)malloc(384);
    K = (unsigned char *)malloc(64);
    M2 = (unsigned char *)malloc(64);
    if (Bbuf == NULL || K == NULL || M2 == NULL) goto done;

    blen = np_srp_server_public_key(V, lv, b, sizeof b, Bbuf, 384);
    if (blen < 0) {
        if (!is_code(blen, (1 << 2))) abort();
        goto done;
    }
    if (blen > 384) abort();

    memset(K, 0xa5, 64);
    rc = np_srp_server_session_key(V, lv, b, sizeof b, A, la, Bbuf, (size_t)blen, K, 64);
    if (!is_code(rc, (1 << 0) | (1 << 2) | (1 << 4) | (1 << 5))) abort();
    if (rc != NP_OK) {
        for (i = 0; i < 64; i++) if (K[i] != 0xa5) abort();
        if (la == 384 && rc == NP_ERR_BAD_LENGTH) abort(); /* the verifier was accepted above */
        goto done;
    }

    memset(M2, 0xa5, 64);
    rc = np_srp_server_verify_proof(I, li, S, ls, A, la, Bbuf, (size_t)blen, K, 64, M1, lm, M2, 64);
    if (!is_code(rc, (1 << 0) | (1 << 2) | (1 << 3))) abort();
    if (rc != NP_OK) {
        for (i = 0; i < 64; i++) if (M2[i] != 0xa5) abort();
    }

done:
    free(Bbuf);
    free(K);
    free(M2);
    return 0;
}
