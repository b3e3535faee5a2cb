// Compiles the nanoFramework interop glue of assembly NanoProv.Crypto (NanoProv_Crypto.cpp +
// NanoProv_Crypto_NanoProv_Nano_NativeCrypto.cpp)
// against stand-in CLR headers and drives every stub through a fake stack frame: arrays are
// marshalled in place, null references and bad slices give the CryptoStatus codes, and results
// equal the C API's.
#include <gtest/gtest.h>

#include <cstring>

#include "NanoProv_Crypto.h"
#include "nanoprov_crypto.h"
#include "test_util.h"

namespace {

using Glue = Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto;

struct Frame {
    CLR_RT_StackFrame stack;
    std::vector<std::unique_ptr<CLR_RT_HeapBlock_Array>> arrays;

    CLR_RT_HeapBlock_Array *array(int index, const Bytes &content)
    {
        auto a = std::make_unique<CLR_RT_HeapBlock_Array>();
        a->storage = content;
        a->m_numOfElements = static_cast<CLR_UINT32>(content.size());
        stack.args[index].array = a.get();
        arrays.push_back(std::move(a));
        return arrays.back().get();
    }
    void integer(int index, int v) { stack.args[index].numeric.s4 = v; }
    int call(CLR_RT_MethodHandler h)
    {
        EXPECT_EQ(S_OK, h(stack));
        EXPECT_TRUE(stack.resultSet);
        return stack.result.numeric.s4;
    }
};

} // namespace

TEST(NanoGlue, AssemblyDeclaration)
{
    EXPECT_STREQ("NanoProv.Crypto", g_CLR_AssemblyNative_NanoProv_Crypto.m_szAssemblyName);
    EXPECT_EQ(1, g_CLR_AssemblyNative_NanoProv_Crypto.m_Version.majorVersion);
    EXPECT_EQ(0, g_CLR_AssemblyNative_NanoProv_Crypto.m_Version.minorVersion);
    const CLR_RT_MethodHandler *t = g_CLR_AssemblyNative_NanoProv_Crypto.m_pNativeMethods;
    // NativeCrypto is the whole assembly: 11 ICrypto methods, .ctor, InRange, then the 11 externs.
    for (int i = 0; i < 13; i++) EXPECT_EQ(nullptr, t[i]) << "managed method slot " << i;
    EXPECT_EQ(&Glue::NativeSha256___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1, t[13]);
    EXPECT_EQ(&Glue::NativeSha512___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1, t[14]);
    EXPECT_EQ(&Glue::NativeAesGcmOpen___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4, t[19]);
    EXPECT_EQ(&Glue::NativeSrpCreateVerifier___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1, t[23]);
}

TEST(NanoGlue, Sha256SliceAndErrors)
{
    Frame f;
    f.array(0, Bytes{ 'x', 'a', 'b', 'c', 'y' });
    f.integer(1, 1);
    f.integer(2, 3);
    CLR_RT_HeapBlock_Array *digest = f.array(3, Bytes(32));
    ASSERT_EQ(NP_OK, f.call(Glue::NativeSha256___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1));
    EXPECT_EQ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", tohex(digest->storage));

    f.integer(2, 5); // slice past the end
    EXPECT_EQ(NP_ERR_BAD_LENGTH, f.call(Glue::NativeSha256___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1));
    f.integer(1, -1);
    f.integer(2, 1);
    EXPECT_EQ(NP_ERR_BAD_LENGTH, f.call(Glue::NativeSha512___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1));
    f.stack.args[3].array = nullptr;
    EXPECT_EQ(NP_ERR_NULL, f.call(Glue::NativeSha256___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1));
}

TEST(NanoGlue, X25519)
{
    const Json &v = vectors("sec1.json")["with_pop"];
    Frame f;
    f.array(0, v["inputs"]["device_private_key_hex"].bytes());
    CLR_RT_HeapBlock_Array *pub = f.array(1, Bytes(32));
    ASSERT_EQ(NP_OK, f.call(Glue::NativeX25519PublicKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1));
    EXPECT_EQ(v["derived"]["device_pubkey_hex"].str, tohex(pub->storage));

    Frame g;
    g.array(0, v["inputs"]["device_private_key_hex"].bytes());
    g.array(1, v["derived"]["client_pubkey_hex"].bytes());
    CLR_RT_HeapBlock_Array *shared = g.array(2, Bytes(32));
    ASSERT_EQ(NP_OK, g.call(Glue::NativeX25519SharedSecret___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1));
    EXPECT_EQ(v["derived"]["x25519_shared_secret_hex"].str, tohex(shared->storage));
    g.array(1, Bytes(32)); // all-zero peer
    EXPECT_EQ(NP_ERR_WEAK_KEY, g.call(Glue::NativeX25519SharedSecret___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1));
}

TEST(NanoGlue, AesCtrStateLivesInTheManagedArrays)
{
    const Json &v = vectors("sec1.json")["with_pop"];
    Frame f;
    f.array(0, v["derived"]["session_key_hex"].bytes());
    CLR_RT_HeapBlock_Array *counter = f.array(1, v["derived"]["aes_ctr_initial_counter_block_hex"].bytes());
    f.array(2, Bytes(16));
    CLR_RT_HeapBlock_Array *data = f.array(4, Bytes(40));
    int offset = 0;
    // Two calls (20 + 16 bytes of a 40-byte array at offset 3) continue one keystream.
    f.integer(3, offset);
    f.integer(5, 3);
    f.integer(6, 20);
    offset = f.call(Glue::NativeAesCtrXor___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4);
    ASSERT_EQ(4, offset);
    f.integer(3, offset);
    f.integer(5, 23);
    f.integer(6, 16);
    ASSERT_EQ(4, f.call(Glue::NativeAesCtrXor___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4));
    EXPECT_EQ(v["derived"]["keystream_hex"].str.substr(0, 72), tohex(data->storage.data() + 3, 36));
    EXPECT_EQ(0, data->storage[0]);
    EXPECT_EQ(0, data->storage[39]);
    EXPECT_EQ("000102030405060708090a0b0c0d0e12", tohex(counter->storage)); // three blocks generated
    f.integer(6, 18); // 23 + 18 > 40
    EXPECT_EQ(NP_ERR_BAD_LENGTH, f.call(Glue::NativeAesCtrXor___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4));
}

TEST(NanoGlue, GcmSealAndOpenWithOffsets)
{
    const Json &v = vectors("sec2.json")["main"];
    const Json &r = v["data_phase"][0]["response"];
    Bytes plain = r["plaintext_hex"].bytes();
    Frame f;
    f.array(0, v["values"]["aes_key_hex"].bytes());
    f.array(1, r["iv_hex"].bytes());
    Bytes in(2 + plain.size());
    memcpy(in.data() + 2, plain.data(), plain.size());
    f.array(2, in);
    f.integer(3, 2);
    f.integer(4, static_cast<int>(plain.size()));
    CLR_RT_HeapBlock_Array *out = f.array(5, Bytes(5 + plain.size() + 16));
    f.integer(6, 5);
    ASSERT_EQ(NP_OK, f.call(Glue::NativeAesGcmSeal___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4));
    EXPECT_EQ(r["wire_hex"].str, tohex(out->storage.data() + 5, plain.size() + 16));
    f.integer(6, 6); // output too small at this position
    EXPECT_EQ(NP_ERR_BUFFER_TOO_SMALL, f.call(Glue::NativeAesGcmSeal___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4));
    f.integer(6, 1000);
    EXPECT_EQ(NP_ERR_BAD_LENGTH, f.call(Glue::NativeAesGcmSeal___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4));

    Frame g;
    g.array(0, v["values"]["aes_key_hex"].bytes());
    g.array(1, r["iv_hex"].bytes());
    g.array(2, r["wire_hex"].bytes());
    g.integer(3, 0);
    g.integer(4, static_cast<int>(plain.size() + 16));
    CLR_RT_HeapBlock_Array *back = g.array(5, Bytes(plain.size(), 0x5a));
    g.integer(6, 0);
    ASSERT_EQ(NP_OK, g.call(Glue::NativeAesGcmOpen___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4));
    EXPECT_EQ(tohex(plain), tohex(back->storage));
    g.stack.args[2].array->storage[0] ^= 1;
    std::fill(back->storage.begin(), back->storage.end(), 0x5a);
    EXPECT_EQ(NP_ERR_AUTH_FAILED, g.call(Glue::NativeAesGcmOpen___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4));
    for (unsigned char b : back->storage) ASSERT_EQ(0x5a, b);
    g.stack.args[1].array = nullptr;
    EXPECT_EQ(NP_ERR_NULL, g.call(Glue::NativeAesGcmOpen___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4));
}

TEST(NanoGlue, SrpHandshakeMath)
{
    const Json &j = vectors("sec2.json");
    const Json &t = j["edge_B_383_bytes"];
    Frame b;
    b.array(0, j["credentials"]["verifier_hex"].bytes());
    b.array(1, t["inputs"]["b_hex"].bytes());
    CLR_RT_HeapBlock_Array *B = b.array(2, Bytes(384));
    int blen = b.call(Glue::NativeSrpServerPublicKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1);
    ASSERT_EQ(383, blen);
    Bytes Bmin(B->storage.begin(), B->storage.begin() + blen);
    EXPECT_EQ(t["values"]["B_hex"].str, tohex(Bmin));

    Frame k;
    k.array(0, j["credentials"]["verifier_hex"].bytes());
    k.array(1, t["inputs"]["b_hex"].bytes());
    k.array(2, t["values"]["A_hex"].bytes());
    k.array(3, Bmin);
    CLR_RT_HeapBlock_Array *K = k.array(4, Bytes(64));
    ASSERT_EQ(NP_OK, k.call(Glue::NativeSrpServerSessionKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1));
    EXPECT_EQ(t["values"]["K_hex"].str, tohex(K->storage));
    k.array(2, j["group"]["N_hex"].bytes());
    EXPECT_EQ(NP_ERR_SRP_BAD_A, k.call(Glue::NativeSrpServerSessionKey___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1));

    Frame m;
    m.array(0, j["credentials"]["username_hex"].bytes());
    m.array(1, j["credentials"]["salt_hex"].bytes());
    m.array(2, t["values"]["A_hex"].bytes());
    m.array(3, Bmin);
    m.array(4, t["values"]["K_hex"].bytes());
    m.array(5, t["values"]["M1_hex"].bytes());
    CLR_RT_HeapBlock_Array *M2 = m.array(6, Bytes(64));
    ASSERT_EQ(NP_OK, m.call(Glue::NativeSrpServerVerifyProof___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1));
    EXPECT_EQ(t["values"]["M2_hex"].str, tohex(M2->storage));

    Frame v;
    v.array(0, Bytes{ 'w', 'i', 'f', 'i', 'p', 'r', 'o', 'v' });
    v.array(1, Bytes{ 'a', 'b', 'c', 'd', '1', '2', '3', '4' });
    v.array(2, j["credentials"]["salt_hex"].bytes());
    CLR_RT_HeapBlock_Array *ver = v.array(3, Bytes(384));
    ASSERT_EQ(384, v.call(Glue::NativeSrpCreateVerifier___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1));
    EXPECT_EQ(j["credentials"]["verifier_hex"].str, tohex(ver->storage));
    v.stack.args[1].array = nullptr;
    EXPECT_EQ(NP_ERR_NULL, v.call(Glue::NativeSrpCreateVerifier___STATIC__I4__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1__SZARRAY_U1));
}
