//-----------------------------------------------------------------------------
//
//    NanoProv interop declarations for the managed assembly "NanoProv"
//    (safe name NanoProv), in the layout MetadataProcessor generates.
//
//    Regenerate with MetadataProcessor (NFMDP_GENERATE_STUBS=true on the
//    NanoProv .nfproj) whenever an extern in NanoProv.Nano.NativeCrypto changes;
//    keep the hand-written NanoProv_NanoProv_Nano_NativeCrypto.cpp.
//
//-----------------------------------------------------------------------------

#ifndef NANOPROV_H
#define NANOPROV_H

#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoPackStruct.h>

struct Library_NanoProv_NanoProv_Nano_NativeCrypto
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

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoProv;

#endif // NANOPROV_H
