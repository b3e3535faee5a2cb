/*
 * mbedTLS 2.28 / 3.x compatibility. The modules use only public functions (no struct fields), which
 * have the same signatures in both lines. Configuration headers differ: 2.x has mbedtls/config.h,
 * 3.x replaced it with mbedtls/build_info.h (config.h and compat-1.3.h no longer exist), so the
 * version header (present in both, and pulling in the right configuration) is included first.
 */
#ifndef NP_MBEDTLS_COMPAT_H
#define NP_MBEDTLS_COMPAT_H

#include "mbedtls/version.h"

#if !defined(MBEDTLS_VERSION_NUMBER)
#error "mbedtls/version.h did not define MBEDTLS_VERSION_NUMBER"
#endif

#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#include "mbedtls/build_info.h"
#define NP_MBEDTLS_3 1
#else
#if !defined(MBEDTLS_CONFIG_FILE)
#include "mbedtls/config.h"
#else
#include MBEDTLS_CONFIG_FILE
#endif
#define NP_MBEDTLS_3 0
#endif

#if MBEDTLS_VERSION_NUMBER < 0x021C0000
#error "NanoProv crypto needs mbedTLS 2.28 or later"
#endif

/* Features the modules need; on ESP-IDF enable them in sdkconfig if one is missing. */
#if !defined(MBEDTLS_AES_C) || !defined(MBEDTLS_CIPHER_MODE_CTR)
#error "NanoProv crypto needs MBEDTLS_AES_C and MBEDTLS_CIPHER_MODE_CTR"
#endif
#if !defined(MBEDTLS_GCM_C)
#error "NanoProv crypto needs MBEDTLS_GCM_C"
#endif
#if !defined(MBEDTLS_SHA256_C) || !defined(MBEDTLS_SHA512_C) || !defined(MBEDTLS_MD_C)
#error "NanoProv crypto needs MBEDTLS_SHA256_C, MBEDTLS_SHA512_C and MBEDTLS_MD_C"
#endif
#if !defined(MBEDTLS_BIGNUM_C) || !defined(MBEDTLS_ECP_C) || !defined(MBEDTLS_ECP_DP_CURVE25519_ENABLED)
#error "NanoProv crypto needs MBEDTLS_BIGNUM_C, MBEDTLS_ECP_C and MBEDTLS_ECP_DP_CURVE25519_ENABLED"
#endif

#endif /* NP_MBEDTLS_COMPAT_H */
