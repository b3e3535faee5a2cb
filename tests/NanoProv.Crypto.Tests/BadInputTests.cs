using NanoProv.Host.Crypto;
using NanoProv.Platform;
using Xunit;

namespace NanoProv.Crypto.Tests;

/// <summary>
/// Every bad input gives its documented status code (the same for every provider) and never throws.
/// Outputs are checked to be untouched where the contract says so.
/// </summary>
public class BadInputTests
{
    private static byte[] Z(int n) => new byte[n];
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Iv = Z(12);
    private static byte[] V => VectorFiles.Sec2.HexAt("credentials", "verifier_hex");
    private static byte[] B => VectorFiles.Sec2.HexAt("main", "values", "B_hex");
    private static byte[] A => VectorFiles.Sec2.HexAt("main", "values", "A_hex");
    private static byte[] Secret => VectorFiles.Sec2.HexAt("main", "inputs", "b_hex");
    private static byte[] K => VectorFiles.Sec2.HexAt("main", "values", "K_hex");
    private static byte[] M1 => VectorFiles.Sec2.HexAt("main", "values", "M1_hex");
    private static byte[] Salt => VectorFiles.Sec2.HexAt("credentials", "salt_hex");
    private static readonly byte[] User = "wifiprov"u8.ToArray();

    private static byte[] Sealed()
    {
        var o = new byte[20];
        new ManagedCrypto().AesGcmSeal(Key, Iv, new byte[] { 1, 2, 3, 4 }, 0, 4, o, 0);
        return o;
    }

    public static readonly Dictionary<string, (int Expected, Func<ICrypto, int> Call)> Table = new()
    {
        // SHA
        ["sha256 null data"] = (CryptoStatus.NullArgument, c => c.Sha256(null, 0, 0, Z(32))),
        ["sha256 null digest"] = (CryptoStatus.NullArgument, c => c.Sha256(Z(4), 0, 4, null)),
        ["sha256 negative offset"] = (CryptoStatus.BadLength, c => c.Sha256(Z(4), -1, 2, Z(32))),
        ["sha256 negative count"] = (CryptoStatus.BadLength, c => c.Sha256(Z(4), 0, -1, Z(32))),
        ["sha256 slice past end"] = (CryptoStatus.BadLength, c => c.Sha256(Z(4), 2, 3, Z(32))),
        ["sha256 huge count overflow"] = (CryptoStatus.BadLength, c => c.Sha256(Z(4), 2, int.MaxValue, Z(32))),
        ["sha256 digest 31"] = (CryptoStatus.BufferTooSmall, c => c.Sha256(Z(4), 0, 4, Z(31))),
        ["sha512 digest 63"] = (CryptoStatus.BufferTooSmall, c => c.Sha512(Z(4), 0, 4, Z(63))),
        ["sha512 null data"] = (CryptoStatus.NullArgument, c => c.Sha512(null, 0, 0, Z(64))),
        ["sha512 slice past end"] = (CryptoStatus.BadLength, c => c.Sha512(Z(4), 4, 1, Z(64))),
        // X25519
        ["x25519 pub null private"] = (CryptoStatus.NullArgument, c => c.X25519PublicKey(null, Z(32))),
        ["x25519 pub null output"] = (CryptoStatus.NullArgument, c => c.X25519PublicKey(Z(32), null)),
        ["x25519 pub private 31"] = (CryptoStatus.BadLength, c => c.X25519PublicKey(Z(31), Z(32))),
        ["x25519 pub private 33"] = (CryptoStatus.BadLength, c => c.X25519PublicKey(Z(33), Z(32))),
        ["x25519 pub output 31"] = (CryptoStatus.BufferTooSmall, c => c.X25519PublicKey(Z(32), Z(31))),
        ["x25519 shared null peer"] = (CryptoStatus.NullArgument, c => c.X25519SharedSecret(Z(32), null, Z(32))),
        ["x25519 shared peer 31"] = (CryptoStatus.BadLength, c => c.X25519SharedSecret(Z(32), Z(31), Z(32))),
        ["x25519 shared private 0"] = (CryptoStatus.BadLength, c => c.X25519SharedSecret(Z(0), Key, Z(32))),
        ["x25519 shared output 16"] = (CryptoStatus.BufferTooSmall, c => c.X25519SharedSecret(Z(32), Key, Z(16))),
        ["x25519 shared peer zero"] = (CryptoStatus.WeakPublicKey, c => c.X25519SharedSecret(Key, Z(32), Z(32))),
        // AES-CTR
        ["ctr null key"] = (CryptoStatus.NullArgument, c => c.AesCtrXor(null, Z(16), Z(16), 0, Z(4), 0, 4)),
        ["ctr null counter"] = (CryptoStatus.NullArgument, c => c.AesCtrXor(Key, null, Z(16), 0, Z(4), 0, 4)),
        ["ctr null keystream"] = (CryptoStatus.NullArgument, c => c.AesCtrXor(Key, Z(16), null, 0, Z(4), 0, 4)),
        ["ctr null data"] = (CryptoStatus.NullArgument, c => c.AesCtrXor(Key, Z(16), Z(16), 0, null, 0, 0)),
        ["ctr key 16 (AES-128 not allowed)"] = (CryptoStatus.BadLength, c => c.AesCtrXor(Z(16), Z(16), Z(16), 0, Z(4), 0, 4)),
        ["ctr counter 12"] = (CryptoStatus.BadLength, c => c.AesCtrXor(Key, Z(12), Z(16), 0, Z(4), 0, 4)),
        ["ctr keystream 15"] = (CryptoStatus.BadLength, c => c.AesCtrXor(Key, Z(16), Z(15), 0, Z(4), 0, 4)),
        ["ctr offset 16"] = (CryptoStatus.BadLength, c => c.AesCtrXor(Key, Z(16), Z(16), 16, Z(4), 0, 4)),
        ["ctr offset -1"] = (CryptoStatus.BadLength, c => c.AesCtrXor(Key, Z(16), Z(16), -1, Z(4), 0, 4)),
        ["ctr slice past end"] = (CryptoStatus.BadLength, c => c.AesCtrXor(Key, Z(16), Z(16), 0, Z(4), 1, 4)),
        ["ctr empty slice keeps offset"] = (7, c => c.AesCtrXor(Key, Z(16), Z(16), 7, Z(4), 4, 0)),
        // AES-GCM
        ["gcm seal null key"] = (CryptoStatus.NullArgument, c => c.AesGcmSeal(null, Iv, Z(4), 0, 4, Z(20), 0)),
        ["gcm seal null output"] = (CryptoStatus.NullArgument, c => c.AesGcmSeal(Key, Iv, Z(4), 0, 4, null, 0)),
        ["gcm seal iv 16"] = (CryptoStatus.BadLength, c => c.AesGcmSeal(Key, Z(16), Z(4), 0, 4, Z(20), 0)),
        ["gcm seal key 31"] = (CryptoStatus.BadLength, c => c.AesGcmSeal(Z(31), Iv, Z(4), 0, 4, Z(20), 0)),
        ["gcm seal input slice past end"] = (CryptoStatus.BadLength, c => c.AesGcmSeal(Key, Iv, Z(4), 1, 4, Z(20), 0)),
        ["gcm seal output offset past end"] = (CryptoStatus.BadLength, c => c.AesGcmSeal(Key, Iv, Z(4), 0, 4, Z(20), 21)),
        ["gcm seal output negative offset"] = (CryptoStatus.BadLength, c => c.AesGcmSeal(Key, Iv, Z(4), 0, 4, Z(20), -1)),
        ["gcm seal output 19"] = (CryptoStatus.BufferTooSmall, c => c.AesGcmSeal(Key, Iv, Z(4), 0, 4, Z(19), 0)),
        ["gcm seal output offset leaves 19"] = (CryptoStatus.BufferTooSmall, c => c.AesGcmSeal(Key, Iv, Z(4), 0, 4, Z(20), 1)),
        ["gcm open null iv"] = (CryptoStatus.NullArgument, c => c.AesGcmOpen(Key, null, Sealed(), 0, 20, Z(4), 0)),
        ["gcm open null input"] = (CryptoStatus.NullArgument, c => c.AesGcmOpen(Key, Iv, null, 0, 20, Z(4), 0)),
        ["gcm open truncated below tag"] = (CryptoStatus.BadLength, c => c.AesGcmOpen(Key, Iv, Sealed(), 0, 15, Z(4), 0)),
        ["gcm open empty"] = (CryptoStatus.BadLength, c => c.AesGcmOpen(Key, Iv, Z(0), 0, 0, Z(4), 0)),
        ["gcm open iv 11"] = (CryptoStatus.BadLength, c => c.AesGcmOpen(Key, Z(11), Sealed(), 0, 20, Z(4), 0)),
        ["gcm open output 3"] = (CryptoStatus.BufferTooSmall, c => c.AesGcmOpen(Key, Iv, Sealed(), 0, 20, Z(3), 0)),
        ["gcm open truncated ciphertext"] = (CryptoStatus.AuthenticationFailed, c => c.AesGcmOpen(Key, Iv, Sealed(), 1, 19, Z(4), 0)),
        ["gcm open tampered tag"] = (CryptoStatus.AuthenticationFailed, c => { var s = Sealed(); s[19] ^= 1; return c.AesGcmOpen(Key, Iv, s, 0, 20, Z(4), 0); }),
        ["gcm open wrong key"] = (CryptoStatus.AuthenticationFailed, c => c.AesGcmOpen(Z(32), Iv, Sealed(), 0, 20, Z(4), 0)),
        ["gcm open good"] = (CryptoStatus.Ok, c => c.AesGcmOpen(Key, Iv, Sealed(), 0, 20, Z(4), 0)),
        // SRP: B
        ["srp B null verifier"] = (CryptoStatus.NullArgument, c => c.SrpServerPublicKey(null, Secret, Z(384))),
        ["srp B null output"] = (CryptoStatus.NullArgument, c => c.SrpServerPublicKey(V, Secret, null)),
        ["srp B empty verifier"] = (CryptoStatus.BadLength, c => c.SrpServerPublicKey(Z(0), Secret, Z(384))),
        ["srp B verifier 385"] = (CryptoStatus.BadLength, c => c.SrpServerPublicKey(Z(385), Secret, Z(384))),
        ["srp B verifier zero"] = (CryptoStatus.BadLength, c => c.SrpServerPublicKey(Z(384), Secret, Z(384))),
        ["srp B verifier N"] = (CryptoStatus.BadLength, c => c.SrpServerPublicKey(SrpGroup.ModulusBytes, Secret, Z(384))),
        ["srp B secret 31"] = (CryptoStatus.BadLength, c => c.SrpServerPublicKey(V, Z(31), Z(384))),
        ["srp B output 383"] = (CryptoStatus.BufferTooSmall, c => c.SrpServerPublicKey(V, Secret, Z(383))),
        // SRP: K
        ["srp K null A"] = (CryptoStatus.NullArgument, c => c.SrpServerSessionKey(V, Secret, null, B, Z(64))),
        ["srp K null output"] = (CryptoStatus.NullArgument, c => c.SrpServerSessionKey(V, Secret, A, B, null)),
        ["srp K A 383 bytes"] = (CryptoStatus.BadLength, c => c.SrpServerSessionKey(V, Secret, A[1..], B, Z(64))),
        ["srp K A 385 bytes"] = (CryptoStatus.BadLength, c => c.SrpServerSessionKey(V, Secret, A.Append((byte)0).ToArray(), B, Z(64))),
        ["srp K B empty"] = (CryptoStatus.BadLength, c => c.SrpServerSessionKey(V, Secret, A, Z(0), Z(64))),
        ["srp K B 385"] = (CryptoStatus.BadLength, c => c.SrpServerSessionKey(V, Secret, A, Z(385), Z(64))),
        ["srp K secret 0"] = (CryptoStatus.BadLength, c => c.SrpServerSessionKey(V, Z(0), A, B, Z(64))),
        ["srp K output 63"] = (CryptoStatus.BufferTooSmall, c => c.SrpServerSessionKey(V, Secret, A, B, Z(63))),
        ["srp K A = 0"] = (CryptoStatus.SrpBadPublicKey, c => c.SrpServerSessionKey(V, Secret, Z(384), B, Z(64))),
        ["srp K A = N"] = (CryptoStatus.SrpBadPublicKey, c => c.SrpServerSessionKey(V, Secret, SrpGroup.ModulusBytes, B, Z(64))),
        ["srp K verifier zero"] = (CryptoStatus.BadLength, c => c.SrpServerSessionKey(Z(384), Secret, A, B, Z(64))),
        // SRP: proof
        ["srp M null username"] = (CryptoStatus.NullArgument, c => c.SrpServerVerifyProof(null, Salt, A, B, K, M1, Z(64))),
        ["srp M null proof"] = (CryptoStatus.NullArgument, c => c.SrpServerVerifyProof(User, Salt, A, B, K, null, Z(64))),
        ["srp M null output"] = (CryptoStatus.NullArgument, c => c.SrpServerVerifyProof(User, Salt, A, B, K, M1, null)),
        ["srp M empty username"] = (CryptoStatus.BadLength, c => c.SrpServerVerifyProof(Z(0), Salt, A, B, K, M1, Z(64))),
        ["srp M username 65536"] = (CryptoStatus.BadLength, c => c.SrpServerVerifyProof(Z(65536), Salt, A, B, K, M1, Z(64))),
        ["srp M empty salt"] = (CryptoStatus.BadLength, c => c.SrpServerVerifyProof(User, Z(0), A, B, K, M1, Z(64))),
        ["srp M A 383"] = (CryptoStatus.BadLength, c => c.SrpServerVerifyProof(User, Salt, A[1..], B, K, M1, Z(64))),
        ["srp M K 32"] = (CryptoStatus.BadLength, c => c.SrpServerVerifyProof(User, Salt, A, B, K[..32], M1, Z(64))),
        ["srp M proof 63"] = (CryptoStatus.BadLength, c => c.SrpServerVerifyProof(User, Salt, A, B, K, M1[..63], Z(64))),
        ["srp M proof 65"] = (CryptoStatus.BadLength, c => c.SrpServerVerifyProof(User, Salt, A, B, K, M1.Append((byte)0).ToArray(), Z(64))),
        ["srp M output 63"] = (CryptoStatus.BufferTooSmall, c => c.SrpServerVerifyProof(User, Salt, A, B, K, M1, Z(63))),
        ["srp M proof zero"] = (CryptoStatus.AuthenticationFailed, c => c.SrpServerVerifyProof(User, Salt, A, B, K, Z(64), Z(64))),
        ["srp M good"] = (CryptoStatus.Ok, c => c.SrpServerVerifyProof(User, Salt, A, B, K, M1, Z(64))),
        // SRP: verifier
        ["srp v null password"] = (CryptoStatus.NullArgument, c => c.SrpCreateVerifier(User, null, Salt, Z(384))),
        ["srp v empty username"] = (CryptoStatus.BadLength, c => c.SrpCreateVerifier(Z(0), Z(1), Salt, Z(384))),
        ["srp v empty salt"] = (CryptoStatus.BadLength, c => c.SrpCreateVerifier(User, Z(1), Z(0), Z(384))),
        ["srp v output 383"] = (CryptoStatus.BufferTooSmall, c => c.SrpCreateVerifier(User, Z(1), Salt, Z(383))),
    };

    public static IEnumerable<object[]> Cases()
    {
        foreach (var p in Providers.All)
            foreach (var name in Table.Keys)
                yield return new object[] { p[0], name };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_gives_its_status(string provider, string name)
    {
        var c = Providers.Get(provider);
        var (expected, call) = Table[name];
        Assert.Equal(expected, call(c));
    }
}
