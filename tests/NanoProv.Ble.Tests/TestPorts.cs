using NanoProv.Platform;

namespace NanoProv.Ble.Tests;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : IClock
{
    public long NowMilliseconds { get; set; } = 1_000;

    public void Advance(long ms) => NowMilliseconds += ms;
}

/// <summary>Deterministic bytes (a counter), good enough for session ids in transport tests.</summary>
internal sealed class CountingRandom : IRandom
{
    private byte _next = 1;

    public void Fill(byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = _next++;
        }
    }
}

/// <summary>Keeps every log line so tests can check warnings and that no secret was logged.</summary>
internal sealed class RecordingLog : ILog
{
    private readonly List<(LogLevel Level, string Source, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Source, string Message)> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public void Write(LogLevel level, string source, string message)
    {
        lock (_lines)
        {
            _lines.Add((level, source, message));
        }
    }
}
