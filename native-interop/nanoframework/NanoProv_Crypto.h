//-----------------------------------------------------------------------------
//
//    Interop declarations for the managed assembly "NanoProv.Crypto"
//    (firmware/NanoProv.Crypto; safe name NanoProv_Crypto), in the layout
//    MetadataProcessor generates.
//
//    Regenerate with MetadataProcessor (NFMDP_GENERATE_STUBS=true on
//    NanoProv.Crypto.nfproj) whenever an extern in NanoProv.Nano.NativeCrypto
//    changes; keep the hand-written NanoProv_Crypto_NanoProv_Nano_NativeCrypto.cpp.
//    NativeCrypto is the only type of that assembly, so changes to the NanoProv
//    library never touch these files.
//
//-----------------------------------------------------------------------------

// MetadataProcessor's guard for safe name NanoProv_Crypto; it differs from NANOPROV_CRYPTO_H, the guard of the C API
// header nanoprov_crypto.h that the glue includes next to this one.
#ifndef _NANOPROV_CRYPTO_H_
#define _NANOPROV_CRYPTO_H_

#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoPackStruct.h>

struct Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto
{
    NANOCLR_NATIVE_DECLARE(NativeSha256___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeSha512___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeX25519PublicKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeX25519SharedSecret___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeAesCtrXor___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeAesGcmSeal___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(NativeAesGcmOpen___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(NativeSrpServerPublicKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeSrpServerSessionKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeSrpServerVerifyProof___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeSrpCreateVerifier___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1);

    //--//
};

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoProv_Crypto;

#endif // _NANOPROV_CRYPTO_H_
