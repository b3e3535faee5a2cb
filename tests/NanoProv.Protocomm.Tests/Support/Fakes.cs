using NanoProv.Platform;
using NanoProv.Protocomm;

namespace NanoProv.Protocomm.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeClock : IClock
{
    public FakeClock(long start = 1_000_000) => NowMilliseconds = start;

    public long NowMilliseconds { get; set; }

    public void Advance(long milliseconds) => NowMilliseconds += milliseconds;
}

/// <summary>
/// Serves a fixed script of random draws in order and checks that each draw has the expected length,
/// so a test pins the documented draw order. Throws when the script runs out.
/// </summary>
public sealed class ScriptedRandom : IRandom
{
    private readonly Queue<(string Label, byte[] Bytes)> _script = new();

    public List<(string Label, int Length)> Draws { get; } = new();

    public ScriptedRandom Then(string label, byte[] bytes)
    {
        _script.Enqueue((label, bytes));
        return this;
    }

    public int Remaining => _script.Count;

    public void Fill(byte[] buffer, int offset, int count)
    {
        if (_script.Count == 0)
            throw new InvalidOperationException($"unexpected random draw of {count} bytes");
        var (label, bytes) = _script.Dequeue();
        if (bytes.Length != count)
            throw new InvalidOperationException($"draw '{label}' expected {bytes.Length} bytes, device asked for {count}");
        Array.Copy(bytes, 0, buffer, offset, count);
        Draws.Add((label, count));
    }
}

/// <summary>
/// The device secrets of a transcript served by draw length: 4 bytes = session id (first_session_id, then +1 for
/// each further session), 32 = Sec1 private key / Sec2 b, 16 = Sec1 device random, 8 = Sec2 nonce prefix.
/// </summary>
public sealed class TranscriptRandom : IRandom
{
    private uint _nextSessionId;
    private readonly byte[] _key32;
    private readonly byte[] _random16;
    private readonly byte[] _prefix8;

    public TranscriptRandom(uint firstSessionId, byte[] key32, byte[] random16, byte[] prefix8)
    {
        _nextSessionId = firstSessionId;
        _key32 = key32;
        _random16 = random16;
        _prefix8 = prefix8;
    }

    public List<int> DrawLengths { get; } = new();

    public void Fill(byte[] buffer, int offset, int count)
    {
        DrawLengths.Add(count);
        byte[] source = count switch
        {
            4 => new[] { (byte)(_nextSessionId >> 24), (byte)(_nextSessionId >> 16), (byte)(_nextSessionId >> 8), (byte)_nextSessionId },
            32 => _key32,
            16 => _random16,
            8 => _prefix8,
            _ => null,
        };
        if (source == null)
            throw new InvalidOperationException($"unexpected random draw of {count} bytes");
        if (count == 4)
            _nextSessionId++;
        Array.Copy(source, 0, buffer, offset, count);
    }
}

/// <summary>Deterministic pseudo-random bytes (tests only).</summary>
public sealed class SeededRandom : IRandom
{
    private readonly Random _random;

    public SeededRandom(int seed) => _random = new Random(seed);

    public void Fill(byte[] buffer, int offset, int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        Array.Copy(bytes, 0, buffer, offset, count);
    }
}

/// <summary>Keeps every log line so tests can check that no secret is logged.</summary>
public sealed class RecordingLog : ILog
{
    public List<string> Lines { get; } = new();

    public void Write(LogLevel level, string source, string message) => Lines.Add($"{level} {source} {message}");

    public string All => string.Join("\n", Lines);
}

/// <summary>Records the security events of one Protocomm.</summary>
public sealed class EventRecorder
{
    public EventRecorder(NanoProv.Protocomm.Protocomm protocomm) => protocomm.SecurityEvent += (_, e) => Events.Add(e);

    public List<SecurityEventArgs> Events { get; } = new();

    public IEnumerable<SecurityEventArgs> Of(SecurityEventKind kind) => Events.Where(e => e.Kind == kind);

    public void Clear() => Events.Clear();
}

/// <summary>Request handler that echoes "reply:" + request and counts calls.</summary>
public sealed class EchoHandler : IRequestHandler
{
    public int Calls { get; private set; }

    public List<uint> SessionIds { get; } = new();

    public byte[] HandleRequest(uint sessionId, byte[] request)
    {
        Calls++;
        SessionIds.Add(sessionId);
        return "reply:"u8.ToArray().Concat(request).ToArray();
    }
}

public static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static string Of(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
