using System.Diagnostics;
using NanoProv.Platform;

namespace NanoProv.Host.Timers;

/// <summary>Monotonic real-time <see cref="IClock"/> (Stopwatch based; origin = construction).</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <inheritdoc />
    public long NowMilliseconds => _watch.ElapsedMilliseconds;
}
