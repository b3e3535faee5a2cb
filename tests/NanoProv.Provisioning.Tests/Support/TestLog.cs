using System.Collections.Concurrent;
using NanoProv.Platform;

namespace NanoProv.Provisioning.Tests.Support;

/// <summary>Collects log lines so tests can assert on them (and that no secret ever appears).</summary>
public sealed class TestLog : ILog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public void Write(LogLevel level, string source, string message) => _lines.Enqueue($"{level} {source}: {message}");

    public void Add(string line) => _lines.Enqueue(line);

    public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
}
