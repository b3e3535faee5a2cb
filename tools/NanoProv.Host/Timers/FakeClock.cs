using NanoProv.Platform;

namespace NanoProv.Host.Timers;

/// <summary>
/// A clock that only moves when told to. Used with <see cref="ManualTimerService"/> so every delay and timeout in
/// the core is deterministic in tests. Thread-safe.
/// </summary>
public sealed class FakeClock : IClock
{
    private long _now;

    /// <summary>Creates a clock reading <paramref name="start"/> milliseconds.</summary>
    public FakeClock(long start = 0)
    {
        _now = start;
    }

    /// <inheritdoc />
    public long NowMilliseconds => Interlocked.Read(ref _now);

    /// <summary>Moves the clock forward (never backwards).</summary>
    public void Advance(long milliseconds)
    {
        if (milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), "a monotonic clock cannot go back");
        }

        Interlocked.Add(ref _now, milliseconds);
    }

    /// <summary>Sets the clock to <paramref name="milliseconds"/> if that is not in the past.</summary>
    public void SetTo(long milliseconds)
    {
        while (true)
        {
            long current = Interlocked.Read(ref _now);
            if (milliseconds <= current)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _now, milliseconds, current) == current)
            {
                return;
            }
        }
    }
}
