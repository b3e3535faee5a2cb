using NanoProv.Platform;

namespace NanoProv.Host.Timers;

/// <summary>
/// Deterministic <see cref="ITimerService"/> for tests and replays: nothing fires until <see cref="Advance"/> (or
/// <see cref="RunDue"/>) is called; then due timers fire in order of due time (ties in scheduling order) on the
/// calling thread, with the <see cref="FakeClock"/> set to each timer's due time before its callback runs. Timers
/// scheduled by a callback fire in the same call when they fall due before its end.
/// </summary>
public sealed class ManualTimerService : ITimerService
{
    private readonly object _sync = new();
    private readonly List<Entry> _entries = new();
    private long _sequence;

    /// <summary>Creates the service over a fake clock.</summary>
    public ManualTimerService(FakeClock clock)
    {
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The clock this service moves.</summary>
    public FakeClock Clock { get; }

    /// <summary>Timers scheduled and neither fired nor cancelled.</summary>
    public int PendingCount
    {
        get
        {
            lock (_sync)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Milliseconds until the next pending timer is due, or -1 when none is pending.</summary>
    public long NextDueIn
    {
        get
        {
            lock (_sync)
            {
                if (_entries.Count == 0)
                {
                    return -1;
                }

                long due = _entries.Min(e => e.Due);
                return Math.Max(0, due - Clock.NowMilliseconds);
            }
        }
    }

    /// <inheritdoc />
    public ITimerHandle Schedule(int delayMilliseconds, TimerElapsedCallback callback, object state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_sync)
        {
            var entry = new Entry(this, Clock.NowMilliseconds + Math.Max(0, delayMilliseconds), _sequence++, callback, state);
            _entries.Add(entry);
            return entry;
        }
    }

    /// <summary>Fires the timers that are due now (delay 0 included) without moving the clock.</summary>
    public int RunDue() => Advance(0);

    /// <summary>Moves the clock forward by <paramref name="milliseconds"/>, firing every timer due on the way. Returns
    /// how many callbacks ran.</summary>
    public int Advance(long milliseconds)
    {
        if (milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds));
        }

        long target = Clock.NowMilliseconds + milliseconds;
        int fired = 0;
        while (true)
        {
            Entry next = null;
            lock (_sync)
            {
                foreach (var e in _entries)
                {
                    if (e.Due <= target && (next == null || e.Due < next.Due || (e.Due == next.Due && e.Sequence < next.Sequence)))
                    {
                        next = e;
                    }
                }

                if (next != null)
                {
                    _entries.Remove(next);
                }
            }

            if (next == null)
            {
                break;
            }

            Clock.SetTo(next.Due);
            fired++;
            next.Callback(next.State);
        }

        Clock.SetTo(target);
        return fired;
    }

    /// <summary>Advances timer by timer until nothing is pending or <paramref name="limitMilliseconds"/> passed.
    /// Returns the milliseconds advanced.</summary>
    public long RunUntilIdle(long limitMilliseconds = 10 * 60 * 1000)
    {
        long start = Clock.NowMilliseconds;
        while (true)
        {
            long next = NextDueIn;
            long elapsed = Clock.NowMilliseconds - start;
            if (next < 0 || elapsed + next > limitMilliseconds)
            {
                return elapsed;
            }

            Advance(next);
        }
    }

    private bool Remove(Entry entry)
    {
        lock (_sync)
        {
            return _entries.Remove(entry);
        }
    }

    private sealed class Entry : ITimerHandle
    {
        private readonly ManualTimerService _owner;

        public Entry(ManualTimerService owner, long due, long sequence, TimerElapsedCallback callback, object state)
        {
            _owner = owner;
            Due = due;
            Sequence = sequence;
            Callback = callback;
            State = state;
        }

        public long Due { get; }

        public long Sequence { get; }

        public TimerElapsedCallback Callback { get; }

        public object State { get; }

        public bool Cancel() => _owner.Remove(this);
    }
}
