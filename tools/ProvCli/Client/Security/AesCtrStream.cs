using System.Security.Cryptography;

namespace NanoProv.Client.Security;

/// <summary>
/// One continuous AES-256-CTR keystream (Security 1). The 16-byte initial counter block is the device_random;
/// the whole block is incremented as a 128-bit big-endian integer. Keystream bytes are consumed strictly in
/// order across calls, including partial blocks, exactly like mbedTLS with its stream offset.
/// </summary>
internal sealed class AesCtrStream : IDisposable
{
    private readonly Aes _aes;
    private readonly byte[] _counter = new byte[16];
    private readonly byte[] _block = new byte[16];
    private int _used = 16; // bytes of _block already consumed

    public AesCtrStream(byte[] key, byte[] initialCounter)
    {
        if (key == null || key.Length != 32) throw new ArgumentException("AES-256-CTR needs a 32-byte key");
        if (initialCounter == null || initialCounter.Length != 16) throw new ArgumentException("the counter block must be 16 bytes");
        _aes = Aes.Create();
        _aes.Key = key;
        Buffer.BlockCopy(initialCounter, 0, _counter, 0, 16);
    }

    /// <summary>Total keystream bytes consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>XORs <paramref name="data"/> with the next keystream bytes (encrypt == decrypt).</summary>
    public byte[] Transform(byte[] data)
    {
        var output = new byte[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            if (_used == 16)
            {
                _aes.EncryptEcb(_counter, _block, PaddingMode.None);
                Increment(_counter);
                _used = 0;
            }
            output[i] = (byte)(data[i] ^ _block[_used++]);
        }
        Position += data.Length;
        return output;
    }

    private static void Increment(byte[] counter)
    {
        for (int i = counter.Length - 1; i >= 0; i--)
        {
            if (++counter[i] != 0) break;
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_counter);
        CryptographicOperations.ZeroMemory(_block);
        _aes.Dispose();
    }
}
