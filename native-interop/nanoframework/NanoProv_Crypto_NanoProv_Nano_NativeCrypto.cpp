//-----------------------------------------------------------------------------
//
//    NanoProv.Nano.NativeCrypto (assembly NanoProv.Crypto): CLR-level stubs
//    (hand-written; keep them when MetadataProcessor regenerates
//    NanoProv_Crypto.h / NanoProv_Crypto.cpp).
//
//    Each stub resolves its byte[] arguments (CLR_RT_HeapBlock_Array), checks
//    null references and offset/count ranges, calls the flat C API of
//    nanoprov_crypto.h on the array storage in place and returns the C status
//    (NanoProv.Platform.CryptoStatus numbers) as the Int32 result. Bad input
//    never throws; arrays are never read or written outside their bounds.
//
//    The calls run on the interpreter thread. On an ESP32 with the mbedTLS
//    hardware MPI the SRP modular exponentiations take tens of milliseconds,
//    well inside the BLE 2 s response budget.
//
//-----------------------------------------------------------------------------

#include "NanoProv_Crypto.h"
#include "nanoprov_crypto.h"

namespace
{

// A byte[] argument: its first element and its length.
struct ByteArray
{
    CLR_UINT8 *data;
    size_t length;
};

// Resolves a byte[] argument; false for a null reference.
bool GetByteArray(CLR_RT_HeapBlock &arg, ByteArray &out)
{
    CLR_RT_HeapBlock_Array *array = arg.DereferenceArray();
    if (array == nullptr)
    {
        out.data = nullptr;
        out.length = 0;
        return false;
    }
    out.data = array->GetFirstElement();
    out.length = array->m_numOfElements;
    return true;
}

CLR_INT32 GetInt32(CLR_RT_HeapBlock &arg)
{
    return arg.NumericByRef().s4;
}

// offset and count select a slice inside the array.
bool SliceOk(const ByteArray &a, CLR_INT32 offset, CLR_INT32 count)
{
    return offset >= 0 && count >= 0 && (size_t)offset <= a.length && (size_t)count <= a.length - (size_t)offset;
}

// An output position inside (or exactly at the end of) the array.
bool PositionOk(const ByteArray &a, CLR_INT32 offset)
{
    return offset >= 0 && (size_t)offset <= a.length;
}

int HashSlice(CLR_RT_StackFrame &stack, int (*hash)(const unsigned char *, size_t, unsigned char *, size_t))
{
    ByteArray data, digest;
    CLR_INT32 offset = GetInt32(stack.Arg1());
    CLR_INT32 count = GetInt32(stack.Arg2());
    bool haveData = GetByteArray(stack.Arg0(), data);
    bool haveDigest = GetByteArray(stack.Arg3(), digest);
    if (!haveData || !haveDigest)
    {
        return NP_ERR_NULL;
    }
    if (!SliceOk(data, offset, count))
    {
        return NP_ERR_BAD_LENGTH;
    }
    return hash(data.data + offset, (size_t)count, digest.data, digest.length);
}

typedef int (*GcmFunction)(
    const unsigned char *,
    size_t,
    const unsigned char *,
    size_t,
    const unsigned char *,
    size_t,
    unsigned char *,
    size_t);

int GcmCall(CLR_RT_StackFrame &stack, GcmFunction gcm)
{
    ByteArray key, iv, input, output;
    CLR_INT32 inputOffset = GetInt32(stack.Arg3());
    CLR_INT32 count = GetInt32(stack.Arg4());
    CLR_INT32 outputOffset = GetInt32(stack.Arg6());
    bool ok = GetByteArray(stack.Arg0(), key);
    ok = GetByteArray(stack.Arg1(), iv) && ok;
    ok = GetByteArray(stack.Arg2(), input) && ok;
    ok = GetByteArray(stack.Arg5(), output) && ok;
    if (!ok)
    {
        return NP_ERR_NULL;
    }
    if (!SliceOk(input, inputOffset, count) || !PositionOk(output, outputOffset))
    {
        return NP_ERR_BAD_LENGTH;
    }
    // Seal supports exact in-place operation only; the managed caller copies shifted overlaps first.
    // Open decrypts into a private buffer, so any overlap is safe.
    return gcm(
        key.data,
        key.length,
        iv.data,
        iv.length,
        input.data + inputOffset,
        (size_t)count,
        output.data + outputOffset,
        output.length - (size_t)outputOffset);
}

} // namespace

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeSha256___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(HashSlice(stack, np_sha256));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeSha512___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(HashSlice(stack, np_sha512));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::NativeX25519PublicKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ByteArray priv, pub;
        bool ok = GetByteArray(stack.Arg0(), priv);
        ok = GetByteArray(stack.Arg1(), pub) && ok;
        int rc = ok ? np_x25519_public_key(priv.data, priv.length, pub.data, pub.length) : NP_ERR_NULL;
        stack.SetResult_I4(rc);
    }
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::
    NativeX25519SharedSecret___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ByteArray priv, peer, secret;
        bool ok = GetByteArray(stack.Arg0(), priv);
        ok = GetByteArray(stack.Arg1(), peer) && ok;
        ok = GetByteArray(stack.Arg2(), secret) && ok;
        int rc = ok ? np_x25519_shared_secret(priv.data, priv.length, peer.data, peer.length, secret.data, secret.length)
                    : NP_ERR_NULL;
        stack.SetResult_I4(rc);
    }
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::
    NativeAesCtrXor___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ByteArray key, counter, keystream, data;
        CLR_INT32 keystreamOffset = GetInt32(stack.Arg3());
        CLR_INT32 offset = GetInt32(stack.Arg5());
        CLR_INT32 count = GetInt32(stack.Arg6());
        bool ok = GetByteArray(stack.Arg0(), key);
        ok = GetByteArray(stack.Arg1(), counter) && ok;
        ok = GetByteArray(stack.Arg2(), keystream) && ok;
        ok = GetByteArray(stack.Arg4(), data) && ok;
        int rc;
        if (!ok)
        {
            rc = NP_ERR_NULL;
        }
        else if (!SliceOk(data, offset, count))
        {
            rc = NP_ERR_BAD_LENGTH;
        }
        else
        {
            // counter and keystream are updated in place: the managed arrays carry the stream state.
            rc = np_aes_ctr_xor(
                key.data,
                key.length,
                counter.data,
                counter.length,
                keystream.data,
                keystream.length,
                (int)keystreamOffset,
                data.data + offset,
                (size_t)count);
        }
        stack.SetResult_I4(rc);
    }
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::
    NativeAesGcmSeal___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(GcmCall(stack, np_aes_gcm_seal));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::
    NativeAesGcmOpen___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(GcmCall(stack, np_aes_gcm_open));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::
    NativeSrpServerPublicKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ByteArray verifier, secret, pub;
        bool ok = GetByteArray(stack.Arg0(), verifier);
        ok = GetByteArray(stack.Arg1(), secret) && ok;
        ok = GetByteArray(stack.Arg2(), pub) && ok;
        int rc = ok ? np_srp_server_public_key(
                          verifier.data,
                          verifier.length,
                          secret.data,
                          secret.length,
                          pub.data,
                          pub.length)
                    : NP_ERR_NULL;
        stack.SetResult_I4(rc);
    }
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::
    NativeSrpServerSessionKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1(
        CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ByteArray verifier, secret, clientPub, serverPub, key;
        bool ok = GetByteArray(stack.Arg0(), verifier);
        ok = GetByteArray(stack.Arg1(), secret) && ok;
        ok = GetByteArray(stack.Arg2(), clientPub) && ok;
        ok = GetByteArray(stack.Arg3(), serverPub) && ok;
        ok = GetByteArray(stack.Arg4(), key) && ok;
        int rc = ok ? np_srp_server_session_key(
                          verifier.data,
                          verifier.length,
                          secret.data,
                          secret.length,
                          clientPub.data,
                          clientPub.length,
                          serverPub.data,
                          serverPub.length,
                          key.data,
                          key.length)
                    : NP_ERR_NULL;
        stack.SetResult_I4(rc);
    }
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::
    NativeSrpServerVerifyProof___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1(
        CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ByteArray username, salt, clientPub, serverPub, key, clientProof, serverProof;
        bool ok = GetByteArray(stack.Arg0(), username);
        ok = GetByteArray(stack.Arg1(), salt) && ok;
        ok = GetByteArray(stack.Arg2(), clientPub) && ok;
        ok = GetByteArray(stack.Arg3(), serverPub) && ok;
        ok = GetByteArray(stack.Arg4(), key) && ok;
        ok = GetByteArray(stack.Arg5(), clientProof) && ok;
        ok = GetByteArray(stack.Arg6(), serverProof) && ok;
        int rc = ok ? np_srp_server_verify_proof(
                          username.data,
                          username.length,
                          salt.data,
                          salt.length,
                          clientPub.data,
                          clientPub.length,
                          serverPub.data,
                          serverPub.length,
                          key.data,
                          key.length,
                          clientProof.data,
                          clientProof.length,
                          serverProof.data,
                          serverProof.length)
                    : NP_ERR_NULL;
        stack.SetResult_I4(rc);
    }
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::
    NativeSrpCreateVerifier___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ByteArray username, password, salt, verifier;
        bool ok = GetByteArray(stack.Arg0(), username);
        ok = GetByteArray(stack.Arg1(), password) && ok;
        ok = GetByteArray(stack.Arg2(), salt) && ok;
        ok = GetByteArray(stack.Arg3(), verifier) && ok;
        int rc = ok ? np_srp_create_verifier(
                          username.data,
                          username.length,
                          password.data,
                          password.length,
                          salt.data,
                          salt.length,
                          verifier.data,
                          verifier.length)
                    : NP_ERR_NULL;
        stack.SetResult_I4(rc);
    }
    NANOCLR_NOCLEANUP_NOLABEL();
}
