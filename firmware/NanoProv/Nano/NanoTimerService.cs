using System;
using System.Collections;
using System.Threading;
using NanoProv.Platform;

namespace NanoProv.Nano
{
    /// <summary>
    /// <see cref="ITimerService"/> over <c>System.Threading.Timer</c> (one-shot: period <c>Timeout.Infinite</c>).
    /// Scheduled timers are kept in a list until they fire or are cancelled, so the garbage collector cannot reclaim a
    /// timer whose handle the caller dropped. A callback that throws is logged and swallowed: an exception escaping a
    /// timer thread would take the application down.
    /// </summary>
    public sealed class NanoTimerService : ITimerService
    {
        private readonly object _sync = new object();
        private readonly ArrayList _pending = new ArrayList();
        private readonly ILog _log;

        /// <summary>Creates the service.</summary>
        /// <param name="log">Where failing callbacks are reported (may be null).</param>
        public NanoTimerService(ILog log)
        {
            _log = log;
        }

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
            if (callback == null)
            {
                throw new ArgumentNullException("callback");
            }

            if (delayMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("delayMilliseconds");
            }

            OneShot shot = new OneShot(this, callback, state);
            lock (_sync)
            {
                _pending.Add(shot);
            }

            shot.Arm(delayMilliseconds);
            return shot;
        }

        private void Release(OneShot shot)
        {
            lock (_sync)
            {
                _pending.Remove(shot);
            }
        }

        private void ReportFailure(Exception ex)
        {
            if (_log != null)
            {
                _log.Write(LogLevel.Error, "timer", "timer callback threw " + ex.GetType().Name);
            }
        }

        private sealed class OneShot : ITimerHandle
        {
            private const int Pending = 0;
            private const int Fired = 1;
            private const int Cancelled = 2;

            private readonly NanoTimerService _owner;
            private readonly TimerElapsedCallback _callback;
            private readonly object _state;
            private readonly object _timerSync = new object();
            private Timer _timer;
            private int _status;

            public OneShot(NanoTimerService owner, TimerElapsedCallback callback, object state)
            {
                _owner = owner;
                _callback = callback;
                _state = state;
            }

            public void Arm(int delayMilliseconds)
            {
                Timer timer = new Timer(Elapsed, null, delayMilliseconds, Timeout.Infinite);
                lock (_timerSync)
                {
                    if (_status == Pending)
                    {
                        _timer = timer;
                        return;
                    }
                }

                // Fired (delay 0) or cancelled before the timer object was stored: nothing else will dispose it.
                timer.Dispose();
            }

            public bool Cancel()
            {
                if (Interlocked.CompareExchange(ref _status, Cancelled, Pending) != Pending)
                {
                    return false;
                }

                DisposeTimer();
                _owner.Release(this);
                return true;
            }

            private void Elapsed(object unused)
            {
                if (Interlocked.CompareExchange(ref _status, Fired, Pending) != Pending)
                {
                    return;
                }

                DisposeTimer();
                _owner.Release(this);
                try
                {
                    _callback(_state);
                }
                catch (Exception ex)
                {
                    _owner.ReportFailure(ex);
                }
            }

            private void DisposeTimer()
            {
                Timer timer;
                lock (_timerSync)
                {
                    timer = _timer;
                    _timer = null;
                }

                if (timer != null)
                {
                    timer.Dispose();
                }
            }
        }
    }
}
