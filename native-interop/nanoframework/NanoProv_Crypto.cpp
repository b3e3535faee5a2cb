//-----------------------------------------------------------------------------
//
//    Native method table and assembly declaration for the managed assembly
//    "NanoProv.Crypto" (safe name NanoProv_Crypto), in the layout
//    MetadataProcessor generates.
//
//    !! REGENERATE WITH MetadataProcessor BEFORE A FIRMWARE BUILD !!
//
//    * NanoProv.Crypto contains one type, NanoProv.Nano.NativeCrypto, so the
//      table below is complete: one slot per method of that type, nullptr for
//      managed methods, in MetadataProcessor's method order (the virtual
//      methods, then the other instance methods, then the static methods, each
//      group in declaration order). Here: the 11 ICrypto methods, the
//      constructor, InRange, then the 11 externs.
//    * The checksum below (0x00000000) is a placeholder. MetadataProcessor
//      computes the real value (CRC32 over the assembly's methods and native
//      signatures, written into the NanoProv.Crypto.pe header) and the nanoCLR
//      compares both at boot: a mismatch refuses the assembly
//      (CLR_E_ASSM_WRONG_CHECKSUM), so a stale table fails loudly instead of
//      calling the wrong stub. Because NativeCrypto is alone in its assembly,
//      the value only changes when NativeCrypto changes, never when the NanoProv
//      library does.
//    * The version must equal [assembly: AssemblyNativeVersion("1.0.0.0")] in
//      firmware/NanoProv.Crypto/Properties/AssemblyInfo.cs.
//
//-----------------------------------------------------------------------------

#include "NanoProv_Crypto.h"

// clang-format off

static const CLR_RT_MethodHandler method_lookup[] =
{
    // NanoProv.Nano.NativeCrypto
    nullptr, // Sha256 (virtual: ICrypto)
    nullptr, // Sha512
    nullptr, // X25519PublicKey
    nullptr, // X25519SharedSecret
    nullptr, // AesCtrXor
    nullptr, // AesGcmSeal
    nullptr, // AesGcmOpen
    nullptr, // SrpServerPublicKey
    nullptr, // SrpServerSessionKey
    nullptr, // SrpServerVerifyProof
    nullptr, // SrpCreateVerifier
    nullptr, // .ctor (instance)
    nullptr, // InRange (static)
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeSha256___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeSha512___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeX25519PublicKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeX25519SharedSecret___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeAesCtrXor___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeAesGcmSeal___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeAesGcmOpen___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeSrpServerPublicKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeSrpServerSessionKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeSrpServerVerifyProof___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1,
    Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeSrpCreateVerifier___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1,
};

const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoProv_Crypto =
{
    "NanoProv.Crypto",
    0x00000000, // PLACEHOLDER: regenerate with MetadataProcessor (must equal the NanoProv.Crypto.pe native checksum)
    method_lookup,
    { 1, 0, 0, 0 }
};

// clang-format on
