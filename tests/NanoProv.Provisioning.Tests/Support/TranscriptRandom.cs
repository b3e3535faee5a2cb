using NanoProv.Platform;

namespace NanoProv.Provisioning.Tests.Support;

/// <summary>
/// Serves a transcript's fixed device secrets by draw size: 4 bytes = the next session id (first_session_id, +1 per
/// further session), 32 = Sec1 private key / Sec2 secret b, 16 = Sec1 device random, 8 = Sec2 nonce prefix.
/// </summary>
public sealed class TranscriptRandom : IRandom
{
    private readonly byte[] _key32;
    private readonly byte[] _random16;
    private readonly byte[] _prefix8;
    private uint _nextSessionId;

    public TranscriptRandom(uint firstSessionId, byte[] key32, byte[] random16, byte[] prefix8)
    {
        _nextSessionId = firstSessionId;
        _key32 = key32;
        _random16 = random16;
        _prefix8 = prefix8;
    }

    public void Fill(byte[] buffer, int offset, int count)
    {
        byte[] source = count switch
        {
            4 => new[] { (byte)(_nextSessionId >> 24), (byte)(_nextSessionId >> 16), (byte)(_nextSessionId >> 8), (byte)_nextSessionId },
            32 => _key32,
            16 => _random16,
            8 => _prefix8,
            _ => null,
        } ?? throw new InvalidOperationException($"unexpected random draw of {count} bytes");
        if (count == 4)
        {
            _nextSessionId++;
        }

        Array.Copy(source, 0, buffer, offset, count);
    }
}
