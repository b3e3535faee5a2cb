using System.Security.Cryptography;
using NanoProv.Host.Crypto;
using NanoProv.Platform;
using Xunit;

namespace NanoProv.Crypto.Tests;

/// <summary>
/// ManagedCrypto and NativeCrypto must agree byte for byte: same return code and the same content of
/// every buffer afterwards (outputs, stream state, and untouched bytes), on 1000 seeded random inputs per
/// primitive. About one input in eight is deliberately malformed (wrong lengths, offsets, tampered data)
/// so the error paths are compared as well. Vectors are compared per provider in the other test classes.
/// </summary>
internal static class Agreement
{
    public const int Iterations = 1000;

    /// <summary>Runs <paramref name="call"/> on both providers with private copies of the arguments and compares everything.</summary>
    public static int Check(string label, byte[][] args, Func<ICrypto, byte[][], int> call)
    {
        byte[][] m = args.Select(a => a == null ? null : (byte[])a.Clone()).ToArray();
        byte[][] n = args.Select(a => a == null ? null : (byte[])a.Clone()).ToArray();
        int rm = call(Managed, m);
        int rn = call(Native, n);
        Assert.True(rm == rn, $"{label}: managed returned {rm}, native returned {rn}");
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == null) continue;
            Assert.True(m[i].AsSpan().SequenceEqual(n[i]), $"{label}: argument {i} differs after the call (result {rm})");
        }
        return rm;
    }

    public static readonly ICrypto Managed = new ManagedCrypto();
    public static ICrypto Native => NativeHolder.Value;
    private static readonly Lazy<ICrypto> NativeHolder = new(() => new NativeCrypto());

    public static byte[] Rand(Random r, int n)
    {
        var b = new byte[n];
        r.NextBytes(b);
        return b;
    }

    /// <summary>Usually <paramref name="good"/>, sometimes a near miss (for malformed-input agreement).</summary>
    public static int Len(Random r, int good) => r.Next(8) != 0 ? good : Math.Max(0, good + r.Next(-2, 3));

    public static bool Sometimes(Random r) => r.Next(8) == 0;
}

public class ShaAgreementTests
{
    [NativeFact]
    public void Sha256_agrees_on_1000_random_inputs()
    {
        var r = new Random(101);
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            int len = r.Next(0, 300);
            byte[] data = Agreement.Rand(r, len + 8);
            int off = Agreement.Sometimes(r) ? r.Next(-1, 12) : r.Next(0, 8);
            int count = Agreement.Sometimes(r) ? len + r.Next(0, 20) : len;
            byte[] digest = Agreement.Rand(r, Agreement.Len(r, 32) + r.Next(0, 2) * 8);
            Agreement.Check($"sha256 #{i}", new[] { data, digest }, (c, a) => c.Sha256(a[0], off, count, a[1]));
        }
    }

    [NativeFact]
    public void Sha512_agrees_on_1000_random_inputs()
    {
        var r = new Random(102);
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            int len = r.Next(0, 400);
            byte[] data = Agreement.Rand(r, len + 8);
            int off = Agreement.Sometimes(r) ? r.Next(-1, 12) : r.Next(0, 8);
            int count = Agreement.Sometimes(r) ? -1 : len;
            byte[] digest = Agreement.Rand(r, Agreement.Len(r, 64));
            Agreement.Check($"sha512 #{i}", new[] { data, digest }, (c, a) => c.Sha512(a[0], off, count, a[1]));
        }
    }
}

public class X25519AgreementTests
{
    private static readonly string[] LowOrder =
    {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    };

    [NativeFact]
    public void PublicKey_agrees_on_1000_random_inputs()
    {
        var r = new Random(201);
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            byte[] priv = Agreement.Rand(r, Agreement.Len(r, 32));
            byte[] pub = Agreement.Rand(r, Agreement.Len(r, 32));
            Agreement.Check($"x25519 pub #{i}", new[] { priv, pub }, (c, a) => c.X25519PublicKey(a[0], a[1]));
        }
    }

    [NativeFact]
    public void SharedSecret_agrees_on_1000_random_inputs()
    {
        var r = new Random(202);
        int weak = 0;
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            byte[] priv = Agreement.Rand(r, Agreement.Len(r, 32));
            byte[] peer = Agreement.Sometimes(r) ? Hex.Bytes(LowOrder[r.Next(LowOrder.Length)]) : Agreement.Rand(r, Agreement.Len(r, 32));
            if (peer.Length == 32 && r.Next(16) == 0) peer[31] |= 0x80; // top bit must be ignored
            byte[] shared = Agreement.Rand(r, Agreement.Len(r, 32));
            int rc = Agreement.Check($"x25519 shared #{i}", new[] { priv, peer, shared }, (c, a) => c.X25519SharedSecret(a[0], a[1], a[2]));
            if (rc == CryptoStatus.WeakPublicKey) weak++;
        }
        Assert.InRange(weak, 20, 300); // the weak-key path really was exercised
    }
}

public class AesAgreementTests
{
    [NativeFact]
    public void CtrXor_agrees_on_1000_random_streams()
    {
        var r = new Random(301);
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            byte[] key = Agreement.Rand(r, Agreement.Len(r, 32));
            byte[] counter = Agreement.Rand(r, Agreement.Len(r, 16));
            if (counter.Length == 16 && r.Next(4) == 0) for (int j = 8; j < 16; j++) counter[j] = 0xff; // carry across bytes
            byte[] block = Agreement.Rand(r, Agreement.Len(r, 16));
            int ksOff = Agreement.Sometimes(r) ? r.Next(-2, 18) : r.Next(0, 16);
            int len = r.Next(0, 100);
            byte[] data = Agreement.Rand(r, len + 6);
            int off = Agreement.Sometimes(r) ? r.Next(-1, 8) : r.Next(0, 6);
            // Several calls in a row on the same stream state.
            int state = ksOff;
            for (int call = 0; call < 3; call++)
            {
                int s = state;
                int c0 = Math.Min(len, r.Next(0, 40));
                int rc = Agreement.Check($"ctr #{i}.{call}", new[] { key, counter, block, data },
                    (c, a) => c.AesCtrXor(a[0], a[1], a[2], s, a[3], off, c0));
                // Advance the shared inputs with the managed result so the next call continues the stream.
                if (rc < 0) break;
                new ManagedCrypto().AesCtrXor(key, counter, block, s, data, off, c0);
                state = rc;
            }
        }
    }

    [NativeFact]
    public void GcmSeal_agrees_on_1000_random_inputs()
    {
        var r = new Random(302);
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            byte[] key = Agreement.Rand(r, Agreement.Len(r, 32));
            byte[] iv = Agreement.Rand(r, Agreement.Len(r, 12));
            int len = r.Next(0, 200);
            byte[] input = Agreement.Rand(r, len + 4);
            int inOff = Agreement.Sometimes(r) ? r.Next(-1, 8) : r.Next(0, 4);
            byte[] output = Agreement.Rand(r, Agreement.Sometimes(r) ? len + r.Next(0, 20) : len + 16 + r.Next(0, 4));
            int outOff = Agreement.Sometimes(r) ? r.Next(-1, 6) : 0;
            Agreement.Check($"gcm seal #{i}", new[] { key, iv, input, output },
                (c, a) => c.AesGcmSeal(a[0], a[1], a[2], inOff, len, a[3], outOff));
        }
    }

    [NativeFact]
    public void GcmOpen_agrees_on_1000_random_inputs_half_of_them_tampered()
    {
        var r = new Random(303);
        int ok = 0, auth = 0;
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            byte[] key = Agreement.Rand(r, 32);
            byte[] iv = Agreement.Rand(r, 12);
            int len = r.Next(0, 200);
            byte[] plain = Agreement.Rand(r, len);
            byte[] wire = new byte[len + 16 + 3];
            Assert.Equal(CryptoStatus.Ok, Agreement.Managed.AesGcmSeal(key, iv, plain, 0, len, wire, 3));
            int count = len + 16;
            switch (r.Next(6))
            {
                case 0: wire[3 + r.Next(count)] ^= (byte)(1 << r.Next(8)); break; // tamper
                case 1: count = r.Next(0, count); break;                         // truncate
                case 2: key = Agreement.Rand(r, Agreement.Len(r, 32)); break;   // wrong / malformed key
                case 3: iv = Agreement.Rand(r, Agreement.Len(r, 12)); break;     // wrong / malformed IV
            }
            byte[] output = Agreement.Rand(r, Agreement.Sometimes(r) ? r.Next(0, len + 1) : len + r.Next(0, 4));
            int rc = Agreement.Check($"gcm open #{i}", new[] { key, iv, wire, output },
                (c, a) => c.AesGcmOpen(a[0], a[1], a[2], 3, count, a[3], 0));
            if (rc == CryptoStatus.Ok) ok++;
            if (rc == CryptoStatus.AuthenticationFailed) auth++;
        }
        Assert.InRange(ok, 200, 800);
        Assert.InRange(auth, 200, 800);
    }
}

public class SrpPublicKeyAgreementTests
{
    [NativeFact]
    public void PublicKey_agrees_on_1000_random_inputs()
    {
        var r = new Random(401);
        int ok = 0;
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            byte[] v = Agreement.Rand(r, Agreement.Sometimes(r) ? r.Next(0, 390) : r.Next(300, 385));
            byte[] b = Agreement.Rand(r, Agreement.Sometimes(r) ? r.Next(28, 40) : 32);
            byte[] pub = Agreement.Rand(r, Agreement.Len(r, 384));
            int rc = Agreement.Check($"srp B #{i}", new[] { v, b, pub }, (c, a) => c.SrpServerPublicKey(a[0], a[1], a[2]));
            if (rc > 0) ok++;
        }
        Assert.InRange(ok, 600, 950); // mostly valid inputs, some malformed ones
    }
}

public class SrpSessionKeyAgreementTests
{
    [NativeFact]
    public void SessionKey_agrees_on_1000_random_inputs()
    {
        var r = new Random(402);
        byte[] n = SrpGroup.ModulusBytes;
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            byte[] v = Agreement.Rand(r, r.Next(300, 385));
            byte[] b = Agreement.Rand(r, 32);
            byte[] a = r.Next(16) switch
            {
                0 => new byte[384],
                1 => (byte[])n.Clone(),
                _ => Agreement.Rand(r, Agreement.Len(r, 384)),
            };
            byte[] bigB = Agreement.Rand(r, Agreement.Sometimes(r) ? r.Next(0, 390) : r.Next(380, 385));
            byte[] k = Agreement.Rand(r, Agreement.Len(r, 64));
            Agreement.Check($"srp K #{i}", new[] { v, b, a, bigB, k }, (c, x) => c.SrpServerSessionKey(x[0], x[1], x[2], x[3], x[4]));
        }
    }
}

public class SrpProofAgreementTests
{
    [NativeFact]
    public void VerifyProof_agrees_on_1000_random_inputs_half_of_them_valid()
    {
        var r = new Random(403);
        int ok = 0;
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            byte[] user = Agreement.Rand(r, Agreement.Sometimes(r) ? r.Next(0, 3) : r.Next(1, 40));
            byte[] salt = Agreement.Rand(r, Agreement.Sometimes(r) ? 0 : r.Next(1, 33));
            byte[] a = Agreement.Rand(r, Agreement.Len(r, 384));
            byte[] bigB = Agreement.Rand(r, r.Next(1, 385));
            byte[] k = Agreement.Rand(r, Agreement.Len(r, 64));
            byte[] m1 = r.Next(2) == 0 ? ExpectedM1(user, salt, a, bigB, k) : Agreement.Rand(r, Agreement.Len(r, 64));
            byte[] m2 = Agreement.Rand(r, Agreement.Len(r, 64));
            int rc = Agreement.Check($"srp M #{i}", new[] { user, salt, a, bigB, k, m1, m2 },
                (c, x) => c.SrpServerVerifyProof(x[0], x[1], x[2], x[3], x[4], x[5], x[6]));
            if (rc == CryptoStatus.Ok) ok++;
        }
        Assert.InRange(ok, 150, 600);
    }

    private static byte[] ExpectedM1(byte[] user, byte[] salt, byte[] a, byte[] b, byte[] k)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        h.AppendData(SrpGroup.HashNXorHashPadG);
        h.AppendData(SHA512.HashData(user));
        h.AppendData(salt);
        h.AppendData(a);
        h.AppendData(b);
        h.AppendData(k);
        return h.GetHashAndReset();
    }
}

public class SrpVerifierAgreementTests
{
    [NativeFact]
    public void CreateVerifier_agrees_on_1000_random_inputs()
    {
        var r = new Random(404);
        for (int i = 0; i < Agreement.Iterations; i++)
        {
            byte[] user = Agreement.Rand(r, Agreement.Sometimes(r) ? 0 : r.Next(1, 32));
            byte[] pass = Agreement.Rand(r, r.Next(0, 32));
            byte[] salt = Agreement.Rand(r, Agreement.Sometimes(r) ? 0 : r.Next(1, 33));
            byte[] v = Agreement.Rand(r, Agreement.Len(r, 384));
            Agreement.Check($"srp v #{i}", new[] { user, pass, salt, v }, (c, x) => c.SrpCreateVerifier(x[0], x[1], x[2], x[3]));
        }
    }

    [NativeFact]
    public void Inner_hash_with_a_leading_zero_byte_is_hashed_minimal_by_both()
    {
        // Find a password whose H(I:p) starts with 0x00 (1 in 256), then check both providers match the
        // esp_prov rule x = H(s || minimal(H(I:p))) computed here independently.
        byte[] user = "wifiprov"u8.ToArray();
        byte[] salt = Hex.Bytes("036ee0c7bcb9eda84c9eac97d93decf4");
        byte[] pass = null;
        for (int i = 0; pass == null; i++)
        {
            byte[] p = System.Text.Encoding.ASCII.GetBytes("pw" + i);
            if (SHA512.HashData(user.Concat(new[] { (byte)':' }).Concat(p).ToArray())[0] == 0) pass = p;
        }
        byte[] inner = SHA512.HashData(user.Concat(new[] { (byte)':' }).Concat(pass).ToArray());
        byte[] x = SHA512.HashData(salt.Concat(inner.SkipWhile(b => b == 0)).ToArray());
        byte[] expected = SrpGroup.Minimal(System.Numerics.BigInteger.ModPow(5, SrpGroup.ToInteger(x), SrpGroup.N));
        var v = new byte[384];
        int n = Agreement.Check("leading zero inner hash", new[] { user, pass, salt, v }, (c, a) => c.SrpCreateVerifier(a[0], a[1], a[2], a[3]));
        var mine = new byte[384];
        Assert.Equal(n, Agreement.Managed.SrpCreateVerifier(user, pass, salt, mine));
        Assert.Equal(Hex.Of(expected), Hex.Of(mine, 0, n));
    }
}

public class NativeLibraryTests
{
    [NativeFact]
    public void Native_library_is_loaded()
    {
        Assert.True(NativeCrypto.IsAvailable(out string reason), reason);
        Assert.NotNull(NativeCrypto.LibraryPath);
    }

    [Fact]
    public void Missing_library_message_says_how_to_build_it()
    {
        // Either it loads, or the reason names the build command.
        if (!NativeCrypto.IsAvailable(out string reason))
        {
            Assert.Contains("native-interop/tests/run.sh", reason);
            Assert.Contains(NativeCrypto.PathVariable, reason);
            var e = Assert.Throws<DllNotFoundException>(() => new NativeCrypto());
            Assert.Contains("cmake", e.Message);
        }
        else
        {
            Assert.Contains("loaded from", reason);
        }
    }
}
