using nanoFramework.TestFramework;
using NanoProv.Platform;

namespace NanoProv.DeviceTests
{
    /// <summary>
    /// Known-answer tests of the native crypto interop (NativeCrypto over mbedTLS in the firmware): FIPS 180 SHA-2,
    /// RFC 7748 X25519, AES-256-CTR and AES-256-GCM from the Security 1 and 2 vectors, SRP-6a-3072 from the Security 2
    /// vector. Skipped on firmware without the interop.
    /// </summary>
    [TestClass]
    public class CryptoVectorTests
    {
        private static readonly byte[] Abc = new byte[] { 0x61, 0x62, 0x63 };

        [Setup]
        public static void RequireNativeCrypto()
        {
            DeviceCrypto.RequireNative();
        }

        [TestMethod]
        public static void Sha256OfAbc()
        {
            byte[] digest = new byte[32];
            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.Sha256(Abc, 0, 3, digest));
            Bytes.Equal(Bytes.Hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), digest, "SHA-256(abc)");
        }

        [TestMethod]
        public static void Sha512OfAbc()
        {
            byte[] digest = new byte[64];
            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.Sha512(Abc, 0, 3, digest));
            Bytes.Equal(Bytes.Hex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a" +
                                  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"), digest, "SHA-512(abc)");
        }

        [TestMethod]
        public static void X25519Rfc7748AliceAndBob()
        {
            byte[] alicePublic = new byte[32];
            byte[] bobPublic = new byte[32];
            byte[] aliceShared = new byte[32];
            byte[] bobShared = new byte[32];
            byte[] alice = Bytes.Hex(DeviceVectors.Sec1ClientPrivateKey);
            byte[] bob = Bytes.Hex(DeviceVectors.Sec1DevicePrivateKey);

            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.X25519PublicKey(alice, alicePublic));
            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.X25519PublicKey(bob, bobPublic));
            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.X25519SharedSecret(alice, bobPublic, aliceShared));
            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.X25519SharedSecret(bob, alicePublic, bobShared));

            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec1ClientPublicKey), alicePublic, "Alice's public key");
            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec1DevicePublicKey), bobPublic, "Bob's public key");
            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec1SharedSecret), aliceShared, "shared secret (Alice)");
            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec1SharedSecret), bobShared, "shared secret (Bob)");
        }

        [TestMethod]
        public static void X25519RejectsTheAllZeroResultOfALowOrderPoint()
        {
            byte[] shared = new byte[32];
            int status = DeviceCrypto.Native.X25519SharedSecret(Bytes.Hex(DeviceVectors.Sec1DevicePrivateKey), new byte[32], shared);
            Assert.AreEqual(CryptoStatus.WeakPublicKey, status);
        }

        [TestMethod]
        public static void Sec1SessionKeyIsTheSharedSecretXorSha256OfThePop()
        {
            byte[] popHash = new byte[32];
            byte[] pop = new byte[] { 0x61, 0x62, 0x63, 0x64, 0x31, 0x32, 0x33, 0x34 }; // "abcd1234"
            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.Sha256(pop, 0, pop.Length, popHash));
            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec1Sha256Pop), popHash, "SHA-256(PoP)");

            byte[] shared = Bytes.Hex(DeviceVectors.Sec1SharedSecret);
            byte[] key = new byte[32];
            for (int i = 0; i < 32; i++)
            {
                key[i] = (byte)(shared[i] ^ popHash[i]);
            }

            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec1SessionKey), key, "session key");
        }

        [TestMethod]
        public static void AesCtrProducesTheSec1KeystreamAcrossCalls()
        {
            byte[] key = Bytes.Hex(DeviceVectors.Sec1SessionKey);
            byte[] counter = Bytes.Hex(DeviceVectors.Sec1DeviceRandom);
            byte[] block = new byte[16];
            byte[] data = new byte[156];

            // 5 + 40 + 111 bytes: partial blocks carried over in (counter, block, offset).
            int offset = DeviceCrypto.Native.AesCtrXor(key, counter, block, 0, data, 0, 5);
            Assert.AreEqual(5, offset);
            offset = DeviceCrypto.Native.AesCtrXor(key, counter, block, offset, data, 5, 40);
            Assert.AreEqual(13, offset);
            offset = DeviceCrypto.Native.AesCtrXor(key, counter, block, offset, data, 45, 111);
            Assert.AreEqual(12, offset);

            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec1Keystream), data, "keystream");
        }

        [TestMethod]
        public static void AesGcmSealAndOpenTheSec2GetStatusRequest()
        {
            byte[] key = Bytes.Hex(DeviceVectors.Sec2AesKey);
            byte[] iv = Bytes.Hex(DeviceVectors.Sec2GetStatusIv);
            byte[] plain = Bytes.Hex(DeviceVectors.GetStatusPlain);
            byte[] wire = new byte[plain.Length + 16];

            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.AesGcmSeal(key, iv, plain, 0, plain.Length, wire, 0));
            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec2GetStatusRequest), wire, "ciphertext + tag");

            byte[] opened = new byte[plain.Length];
            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.AesGcmOpen(key, iv, wire, 0, wire.Length, opened, 0));
            Bytes.Equal(plain, opened, "plaintext");
        }

        [TestMethod]
        public static void AesGcmOpenRejectsATamperedTagAndLeavesTheOutput()
        {
            byte[] key = Bytes.Hex(DeviceVectors.Sec2AesKey);
            byte[] iv = Bytes.Hex(DeviceVectors.Sec2GetStatusIv);
            byte[] wire = Bytes.Hex(DeviceVectors.Sec2GetStatusRequest);
            wire[wire.Length - 1] ^= 0x01;
            byte[] output = new byte[] { 0xAA, 0xAA };

            Assert.AreEqual(CryptoStatus.AuthenticationFailed, DeviceCrypto.Native.AesGcmOpen(key, iv, wire, 0, wire.Length, output, 0));
            Assert.AreEqual((byte)0xAA, output[0]);
            Assert.AreEqual((byte)0xAA, output[1]);
        }

        [TestMethod]
        public static void SrpServerMatchesTheSec2Vector()
        {
            byte[] verifier = Bytes.Hex(DeviceVectors.Sec2Verifier);
            byte[] b = Bytes.Hex(DeviceVectors.Sec2B);
            byte[] publicKey = new byte[384];

            int length = DeviceCrypto.Native.SrpServerPublicKey(verifier, b, publicKey);
            byte[] expectedB = Bytes.Hex(DeviceVectors.Sec2ServerB);
            Assert.AreEqual(expectedB.Length, length);
            Bytes.Equal(expectedB, publicKey, 0, "B");

            byte[] serverB = Bytes.Slice(publicKey, 0, length);
            byte[] k = new byte[64];
            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.SrpServerSessionKey(verifier, b, Bytes.Hex(DeviceVectors.Sec2ClientA), serverB, k));
            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec2K), k, "K");

            byte[] m2 = new byte[64];
            byte[] username = new byte[] { 0x77, 0x69, 0x66, 0x69, 0x70, 0x72, 0x6f, 0x76 }; // "wifiprov"
            Assert.AreEqual(CryptoStatus.Ok, DeviceCrypto.Native.SrpServerVerifyProof(username, Bytes.Hex(DeviceVectors.Sec2Salt),
                Bytes.Hex(DeviceVectors.Sec2ClientA), serverB, k, Bytes.Hex(DeviceVectors.Sec2M1), m2));
            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec2M2), m2, "M2");

            byte[] wrongM1 = Bytes.Hex(DeviceVectors.Sec2M1);
            wrongM1[0] ^= 0x80;
            Assert.AreEqual(CryptoStatus.AuthenticationFailed, DeviceCrypto.Native.SrpServerVerifyProof(username, Bytes.Hex(DeviceVectors.Sec2Salt),
                Bytes.Hex(DeviceVectors.Sec2ClientA), serverB, k, wrongM1, new byte[64]));
        }

        [TestMethod]
        public static void SrpRejectsAClientKeyOfZero()
        {
            int status = DeviceCrypto.Native.SrpServerSessionKey(Bytes.Hex(DeviceVectors.Sec2Verifier), Bytes.Hex(DeviceVectors.Sec2B),
                new byte[384], Bytes.Hex(DeviceVectors.Sec2ServerB), new byte[64]);
            Assert.AreEqual(CryptoStatus.SrpBadPublicKey, status);
        }

        [TestMethod]
        public static void SrpVerifierOfTheExampleCredentials()
        {
            byte[] username = new byte[] { 0x77, 0x69, 0x66, 0x69, 0x70, 0x72, 0x6f, 0x76 }; // "wifiprov"
            byte[] password = new byte[] { 0x61, 0x62, 0x63, 0x64, 0x31, 0x32, 0x33, 0x34 }; // "abcd1234"
            byte[] verifier = new byte[384];

            int length = DeviceCrypto.Native.SrpCreateVerifier(username, password, Bytes.Hex(DeviceVectors.Sec2Salt), verifier);

            Assert.AreEqual(384, length);
            Bytes.Equal(Bytes.Hex(DeviceVectors.Sec2Verifier), verifier, "verifier");
        }
    }
}
