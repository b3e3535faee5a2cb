namespace NanoProv.Platform
{
    /// <summary>Called when a one-shot timer scheduled with <see cref="ITimerService"/> elapses.</summary>
    /// <param name="state">The state object given to <see cref="ITimerService.Schedule"/>.</param>
    public delegate void TimerElapsedCallback(object state);

    /// <summary>A scheduled one-shot timer.</summary>
    public interface ITimerHandle
    {
        /// <summary>
        /// Cancels the timer. Returns true when the callback had not started yet and now never will;
        /// false when it already ran, is running, or was cancelled before. Safe to call from any thread.
        /// </summary>
        bool Cancel();
    }

    /// <summary>
    /// One-shot timers. The core never sleeps or spins: every delay (connect delay, attempt timeouts,
    /// auto-stop, scan deadline) is a callback scheduled here. Device and host use real timers
    /// (System.Threading.Timer); tests use a manual service driven by a fake <see cref="IClock"/>, so
    /// every time-dependent behaviour is deterministic.
    /// </summary>
    public interface ITimerService
    {
        /// <summary>
        /// Calls <paramref name="callback"/> once, with <paramref name="state"/>, after
        /// <paramref name="delayMilliseconds"/> (0 or more). The callback may run on another thread and
        /// must not assume any particular thread. It is never called synchronously from inside Schedule.
        /// </summary>
        ITimerHandle Schedule(int delayMilliseconds, TimerElapsedCallback callback, object state);
    }
}
