using NanoProv.Platform;

namespace NanoProv.Host.Timers;

/// <summary>
/// <see cref="ITimerService"/> over <see cref="System.Threading.Timer"/> (callbacks on thread-pool threads).
/// Keeps every pending timer referenced until it fires or is cancelled, so none is garbage-collected early.
/// </summary>
public sealed class RealTimerService : ITimerService, IDisposable
{
    private readonly object _sync = new();
    private readonly HashSet<Handle> _pending = new();
    private bool _disposed;

    /// <summary>Timers scheduled and not yet fired or cancelled.</summary>
    public int PendingCount
    {
        get
        {
            lock (_sync)
            {
                return _pending.Count;
            }
        }
    }

    /// <inheritdoc />
    public ITimerHandle Schedule(int delayMilliseconds, TimerElapsedCallback callback, object state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var handle = new Handle(this, callback, state);
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.Add(handle);
            handle.Timer = new Timer(static s => ((Handle)s!).Fire(), handle, Math.Max(0, delayMilliseconds), Timeout.Infinite);
        }

        return handle;
    }

    /// <summary>Cancels every pending timer.</summary>
    public void Dispose()
    {
        Handle[] all;
        lock (_sync)
        {
            _disposed = true;
            all = _pending.ToArray();
        }

        foreach (var h in all)
        {
            h.Cancel();
        }
    }

    private void Remove(Handle handle)
    {
        lock (_sync)
        {
            _pending.Remove(handle);
        }
    }

    private sealed class Handle : ITimerHandle
    {
        private const int Pending = 0;
        private const int Fired = 1;
        private const int Cancelled = 2;

        private readonly RealTimerService _owner;
        private readonly TimerElapsedCallback _callback;
        private readonly object _state;
        private int _status;

        public Handle(RealTimerService owner, TimerElapsedCallback callback, object state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public Timer Timer { get; set; }

        public bool Cancel()
        {
            if (Interlocked.CompareExchange(ref _status, Cancelled, Pending) != Pending)
            {
                return false;
            }

            Timer?.Dispose();
            _owner.Remove(this);
            return true;
        }

        public void Fire()
        {
            if (Interlocked.CompareExchange(ref _status, Fired, Pending) != Pending)
            {
                return;
            }

            Timer?.Dispose();
            _owner.Remove(this);
            _callback(_state);
        }
    }
}
