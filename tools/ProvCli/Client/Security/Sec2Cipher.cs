using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace NanoProv.Client.Security;

/// <summary>Which AES-GCM IV rule a Security 2 device uses (proto-ver <c>sec_patch_ver</c>).</summary>
public enum Sec2Patch
{
    /// <summary>Patch 0 (legacy, before March 2025): the device nonce is the IV of every message, both directions.</summary>
    Legacy = 0,
    /// <summary>Patch 1 (current): IV = nonce[0..7] ‖ 32-bit big-endian counter, +1 after every encrypt and decrypt.</summary>
    Counter = 1,
}

/// <summary>
/// AES-256-GCM data protection for Security 2: no AAD, 16-byte tag appended to the ciphertext.
/// </summary>
internal sealed class Sec2Cipher : IDisposable
{
    private readonly byte[] _key;
    private readonly byte[] _nonce;
    private readonly Sec2Patch _patch;
    private uint _counter;
    private bool _exhausted;

    public Sec2Cipher(byte[] key, byte[] deviceNonce, Sec2Patch patch)
    {
        if (key == null || key.Length != 32) throw new ArgumentException("AES-256-GCM needs a 32-byte key");
        if (deviceNonce == null || deviceNonce.Length == 0)
            throw new ProvProtocolException("the device sent an empty Security 2 nonce");
        if (patch == Sec2Patch.Counter && deviceNonce.Length != 12)
            throw new ProvProtocolException(
                $"the device nonce is {deviceNonce.Length} bytes; counter mode (sec_patch_ver 1) needs 12. " +
                "An older device may use the legacy mode: try --sec2-patch 0");
        _key = (byte[])key.Clone();
        _nonce = (byte[])deviceNonce.Clone();
        _patch = patch;
        if (patch == Sec2Patch.Counter) _counter = BinaryPrimitives.ReadUInt32BigEndian(_nonce.AsSpan(8, 4));
    }

    /// <summary>Counter value the next operation will use (patch 1).</summary>
    public uint Counter => _counter;

    public Sec2Patch Patch => _patch;

    private byte[] NextIv()
    {
        if (_patch == Sec2Patch.Legacy) return _nonce;
        if (_exhausted) throw new ProvProtocolException("the AES-GCM message counter is exhausted; start a new session");
        var iv = new byte[12];
        Buffer.BlockCopy(_nonce, 0, iv, 0, 8);
        BinaryPrimitives.WriteUInt32BigEndian(iv.AsSpan(8), _counter);
        return iv;
    }

    private void Advance()
    {
        if (_patch == Sec2Patch.Legacy) return;
        if (_counter == uint.MaxValue) _exhausted = true;
        else _counter++;
    }

    public byte[] Encrypt(byte[] plaintext)
    {
        byte[] iv = NextIv();
        byte[] wire = iv.Length == 12 ? GcmNet(iv, plaintext, encrypt: true) : GcmBouncy(iv, plaintext, encrypt: true);
        Advance();
        return wire;
    }

    public byte[] Decrypt(byte[] wire)
    {
        if (wire == null || wire.Length < 16)
            throw new ProvProtocolException($"encrypted reply is {wire?.Length ?? 0} bytes, shorter than the 16-byte GCM tag");
        byte[] iv = NextIv();
        byte[] plain = iv.Length == 12 ? GcmNet(iv, wire, encrypt: false) : GcmBouncy(iv, wire, encrypt: false);
        Advance();
        return plain;
    }

    private byte[] GcmNet(byte[] iv, byte[] input, bool encrypt)
    {
        using var gcm = new AesGcm(_key, 16);
        if (encrypt)
        {
            var output = new byte[input.Length + 16];
            gcm.Encrypt(iv, input, output.AsSpan(0, input.Length), output.AsSpan(input.Length, 16));
            return output;
        }
        int n = input.Length - 16;
        var plain = new byte[n];
        try
        {
            gcm.Decrypt(iv, input.AsSpan(0, n), input.AsSpan(n, 16), plain);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw TagFailure(e);
        }
        return plain;
    }

    private byte[] GcmBouncy(byte[] iv, byte[] input, bool encrypt)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(_key), 128, iv));
        var output = new byte[gcm.GetOutputSize(input.Length)];
        try
        {
            int len = gcm.ProcessBytes(input, 0, input.Length, output, 0);
            len += gcm.DoFinal(output, len);
            return len == output.Length ? output : output.AsSpan(0, len).ToArray();
        }
        catch (InvalidCipherTextException e)
        {
            throw TagFailure(e);
        }
    }

    private static ProvProtocolException TagFailure(Exception e) => new(
        "a reply failed AES-GCM authentication: client and device keys or message counters are out of step " +
        "(wrong --sec2-patch, a lost message, or another client replaced the session)", e);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
    }
}
