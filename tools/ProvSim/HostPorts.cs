using System.Security.Cryptography;
using NanoProv.Platform;

namespace NanoProv.ProvSim;

/// <summary>Operating-system randomness for the core (session ids, keys, SRP secrets).</summary>
public sealed class SystemRandom : IRandom
{
    /// <inheritdoc />
    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}

/// <summary>Writes core log lines at or above a level to a TextWriter, with a time stamp.</summary>
public sealed class ConsoleLog : ILog
{
    private readonly TextWriter _writer;
    private readonly LogLevel _minimum;
    private readonly object _sync = new();

    /// <summary>Creates the sink.</summary>
    public ConsoleLog(TextWriter writer, LogLevel minimum)
    {
        _writer = writer;
        _minimum = minimum;
    }

    /// <inheritdoc />
    public void Write(LogLevel level, string source, string message)
    {
        if (level < _minimum) return;
        string tag = level switch { LogLevel.Debug => "dbg", LogLevel.Info => "inf", LogLevel.Warning => "WRN", _ => "ERR" };
        lock (_sync) _writer.WriteLine($"  {DateTime.Now:HH:mm:ss.fff} {tag} [{source}] {message}");
    }
}

/// <summary>Discards everything (benchmarks, soak tests).</summary>
public sealed class NullLog : ILog
{
    /// <summary>The shared instance.</summary>
    public static readonly NullLog Instance = new();

    /// <inheritdoc />
    public void Write(LogLevel level, string source, string message) { }
}
