using System.Numerics;
using System.Security.Cryptography;
using NanoProv.Wire;
using Rfc7748 = Org.BouncyCastle.Math.EC.Rfc7748;

namespace NanoProv.Protocomm.Tests.Support;

/// <summary>
/// An AES-256-CTR keystream written independently of the device's CtrStream (AES-ECB of a 128-bit big-endian counter).
/// </summary>
public sealed class ClientCtr
{
    private readonly Aes _aes = Aes.Create();
    private readonly byte[] _counter;
    private readonly byte[] _block = new byte[16];
    private int _used = 16;

    public ClientCtr(byte[] key, byte[] iv)
    {
        _aes.Key = key;
        _counter = (byte[])iv.Clone();
    }

    public byte[] Apply(byte[] data)
    {
        var output = (byte[])data.Clone();
        for (int i = 0; i < output.Length; i++)
        {
            if (_used == 16)
            {
                _aes.EncryptEcb(_counter, _block, PaddingMode.None);
                for (int j = 15; j >= 0 && ++_counter[j] == 0; j--) { }
                _used = 0;
            }
            output[i] ^= _block[_used++];
        }
        return output;
    }
}

/// <summary>What the scenario tests need from a Security 1 or Security 2 client.</summary>
public interface ITestClient
{
    byte[] Command0();
    void Response0(byte[] reply);
    byte[] Command1();
    bool Response1(byte[] reply);
    byte[] Encrypt(byte[] plaintext);
    byte[] Decrypt(byte[] ciphertext);
}

/// <summary>Security 1 client (X25519 from BouncyCastle, SHA-256 and AES from .NET).</summary>
public sealed class Sec1Client : ITestClient
{
    private readonly byte[] _privateKey;
    private readonly byte[] _pop;
    private byte[] _devicePublicKey;
    private ClientCtr _ctr;

    public Sec1Client(byte[] pop, byte[] privateKey = null)
    {
        _pop = pop;
        _privateKey = privateKey ?? RandomNumberGenerator.GetBytes(32);
        PublicKey = new byte[32];
        Rfc7748.X25519.ScalarMultBase(_privateKey, 0, PublicKey, 0);
    }

    public byte[] PublicKey { get; }

    public byte[] Command0()
    {
        var message = new SessionData { SecVer = SecSchemeVersion.SecScheme1 };
        message.Sec1 = new Sec1Payload { Msg = Sec1MsgType.Session_Command0, Sc0 = new SessionCmd0 { ClientPubkey = PublicKey } };
        return message.ToByteArray();
    }

    public void Response0(byte[] reply)
    {
        var r0 = SessionData.Parse(reply).Sec1.Sr0;
        _devicePublicKey = r0.DevicePubkey;
        var shared = new byte[32];
        Rfc7748.X25519.ScalarMult(_privateKey, 0, _devicePublicKey, 0, shared, 0);
        if (_pop != null && _pop.Length > 0)
        {
            var hash = SHA256.HashData(_pop);
            for (int i = 0; i < 32; i++)
                shared[i] ^= hash[i];
        }
        _ctr = new ClientCtr(shared, r0.DeviceRandom);
    }

    public byte[] Command1()
    {
        var message = new SessionData { SecVer = SecSchemeVersion.SecScheme1 };
        message.Sec1 = new Sec1Payload { Msg = Sec1MsgType.Session_Command1, Sc1 = new SessionCmd1 { ClientVerifyData = _ctr.Apply(_devicePublicKey) } };
        return message.ToByteArray();
    }

    /// <summary>Checks the device's verify token; returns true when it proves the device has the same key.</summary>
    public bool Response1(byte[] reply)
    {
        var r1 = SessionData.Parse(reply).Sec1.Sr1;
        return _ctr.Apply(r1.DeviceVerifyData).AsSpan().SequenceEqual(PublicKey);
    }

    public byte[] Encrypt(byte[] plaintext) => _ctr.Apply(plaintext);

    public byte[] Decrypt(byte[] ciphertext) => _ctr.Apply(ciphertext);
}

/// <summary>The SRP6a group of Security 2 (from the sec2.json vector copy).</summary>
public static class SrpGroupForTests
{
    public static readonly byte[] NBytes = VectorFiles.HexOf(VectorFiles.Load("sec2.json")["group"]!["N_hex"]);
    public static readonly BigInteger N = new(NBytes, isUnsigned: true, isBigEndian: true);
    public static readonly BigInteger G = 5;

    public static byte[] Pad(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[384];
        bytes.CopyTo(padded, 384 - bytes.Length);
        return padded;
    }

    public static byte[] Minimal(BigInteger value) => value.ToByteArray(isUnsigned: true, isBigEndian: true);

    public static BigInteger Int(byte[] bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    public static byte[] H(params byte[][] parts) => SHA512.HashData(parts.SelectMany(p => p).ToArray());

    /// <summary>Salt and verifier for username/password, as esp_prov's generator would make them (salt used as given).</summary>
    public static byte[] Verifier(byte[] username, byte[] password, byte[] salt)
    {
        var inner = H(username, ":"u8.ToArray(), password);
        var x = Int(H(salt, inner));
        return Minimal(BigInteger.ModPow(G, x, N));
    }
}

/// <summary>Security 2 client: SRP6a with System.Numerics, GCM with .NET (counter mode) or BouncyCastle (legacy 16-byte IV).</summary>
public sealed class Sec2Client : ITestClient
{
    private readonly byte[] _username;
    private readonly byte[] _password;
    private readonly BigInteger _a;
    private byte[] _m1;
    private byte[] _k;
    private byte[] _nonce;
    private uint _counter;
    private bool _legacy;

    public Sec2Client(byte[] username, byte[] password, byte[] a = null, bool legacy = false)
    {
        _legacy = legacy;
        _username = username;
        _password = password;
        while (true)
        {
            var secret = a ?? RandomNumberGenerator.GetBytes(32);
            _a = SrpGroupForTests.Int(secret);
            A = SrpGroupForTests.Minimal(BigInteger.ModPow(SrpGroupForTests.G, _a, SrpGroupForTests.N));
            if (A.Length == 384 || a != null)
                break;
        }
    }

    public byte[] A { get; private set; }

    public byte[] SessionKey => _k;

    public uint Counter => _counter;

    public byte[] Command0() => Command0(null, null);

    public byte[] Command0(byte[] aOverride, byte[] usernameOverride = null)
    {
        var message = new SessionData { SecVer = SecSchemeVersion.SecScheme2 };
        message.Sec2 = new Sec2Payload
        {
            Msg = Sec2MsgType.S2Session_Command0,
            Sc0 = new S2SessionCmd0 { ClientUsername = usernameOverride ?? _username, ClientPubkey = aOverride ?? A },
        };
        return message.ToByteArray();
    }

    public void Response0(byte[] reply)
    {
        var r0 = SessionData.Parse(reply).Sec2.Sr0;
        byte[] bBytes = r0.DevicePubkey;
        byte[] salt = r0.DeviceSalt;
        var g = SrpGroupForTests.G;
        var n = SrpGroupForTests.N;
        var k = SrpGroupForTests.Int(SrpGroupForTests.H(SrpGroupForTests.NBytes, SrpGroupForTests.Pad(g)));
        var u = SrpGroupForTests.Int(SrpGroupForTests.H(SrpGroupForTests.Pad(SrpGroupForTests.Int(A)), SrpGroupForTests.Pad(SrpGroupForTests.Int(bBytes))));
        var x = SrpGroupForTests.Int(SrpGroupForTests.H(salt, SrpGroupForTests.H(_username, ":"u8.ToArray(), _password)));
        var b = SrpGroupForTests.Int(bBytes);
        var baseValue = ((b - k * BigInteger.ModPow(g, x, n)) % n + n) % n;
        var s = BigInteger.ModPow(baseValue, _a + u * x, n);
        _k = SrpGroupForTests.H(SrpGroupForTests.Minimal(s));
        var hn = SrpGroupForTests.H(SrpGroupForTests.NBytes);
        var hg = SrpGroupForTests.H(SrpGroupForTests.Pad(g));
        var xor = hn.Zip(hg, (p, q) => (byte)(p ^ q)).ToArray();
        _m1 = SrpGroupForTests.H(xor, SrpGroupForTests.H(_username), salt, A, bBytes, _k);
    }

    public byte[] Proof => _m1;

    public byte[] Command1() => Command1(null);

    public byte[] Command1(byte[] proofOverride)
    {
        var message = new SessionData { SecVer = SecSchemeVersion.SecScheme2 };
        message.Sec2 = new Sec2Payload { Msg = Sec2MsgType.S2Session_Command1, Sc1 = new S2SessionCmd1 { ClientProof = proofOverride ?? _m1 } };
        return message.ToByteArray();
    }

    /// <summary>Checks M2 and takes the nonce (legacy clients: 16-byte fixed IV, sec_patch_ver 0).</summary>
    public bool Response1(byte[] reply)
    {
        var r1 = SessionData.Parse(reply).Sec2.Sr1;
        var expected = SrpGroupForTests.H(A, _m1, _k);
        _nonce = r1.DeviceNonce;
        _counter = _legacy ? 0u : 1u;
        return expected.AsSpan().SequenceEqual(r1.DeviceProof);
    }

    public byte[] DeviceNonce => _nonce;

    public byte[] Encrypt(byte[] plaintext) => _legacy ? LegacySeal(plaintext) : Seal(plaintext);

    public byte[] Decrypt(byte[] wire) => _legacy ? LegacyOpen(wire) : Open(wire);

    private byte[] Iv()
    {
        var iv = new byte[12];
        Array.Copy(_nonce, iv, 8);
        iv[8] = (byte)(_counter >> 24);
        iv[9] = (byte)(_counter >> 16);
        iv[10] = (byte)(_counter >> 8);
        iv[11] = (byte)_counter;
        return iv;
    }

    private byte[] Seal(byte[] plaintext)
    {
        using var gcm = new AesGcm(_k.AsSpan(0, 32), 16);
        var output = new byte[plaintext.Length + 16];
        gcm.Encrypt(Iv(), plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length));
        _counter++;
        return output;
    }

    private byte[] Open(byte[] wire)
    {
        using var gcm = new AesGcm(_k.AsSpan(0, 32), 16);
        var output = new byte[wire.Length - 16];
        gcm.Decrypt(Iv(), wire.AsSpan(0, wire.Length - 16), wire.AsSpan(wire.Length - 16), output);
        _counter++;
        return output;
    }

    private byte[] LegacySeal(byte[] plaintext) => BouncyGcm.Process(true, _k.AsSpan(0, 32).ToArray(), _nonce, plaintext);

    private byte[] LegacyOpen(byte[] wire) => BouncyGcm.Process(false, _k.AsSpan(0, 32).ToArray(), _nonce, wire);
}

/// <summary>AES-GCM with any IV length through BouncyCastle (independent of the device's GcmEngine).</summary>
public static class BouncyGcm
{
    public static byte[] Process(bool encrypt, byte[] key, byte[] iv, byte[] input)
    {
        var cipher = new Org.BouncyCastle.Crypto.Modes.GcmBlockCipher(new Org.BouncyCastle.Crypto.Engines.AesEngine());
        cipher.Init(encrypt, new Org.BouncyCastle.Crypto.Parameters.AeadParameters(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key), 128, iv));
        var output = new byte[cipher.GetOutputSize(input.Length)];
        int n = cipher.ProcessBytes(input, 0, input.Length, output, 0);
        n += cipher.DoFinal(output, n);
        return output.AsSpan(0, n).ToArray();
    }
}
