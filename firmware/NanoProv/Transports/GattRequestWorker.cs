using System.Collections;
using System.Threading;

namespace NanoProv.Transports
{
    /// <summary>Runs one <see cref="GattRequestJob"/> and returns its ATT result; supplied by <see cref="GattTransport"/>.</summary>
    internal delegate byte GattJobRunner(GattRequestJob job);

    /// <summary>
    /// The one background thread of <see cref="GattTransport"/>: runs requests in arrival order so that a slow one
    /// (a blocking Wi-Fi scan) never holds the BLE stack's callback past its answer window. Stopping lets the current
    /// request finish, abandons queued requests (their waiters get "unlikely error") and still runs queued
    /// session-ending jobs, on the stopping thread.
    /// </summary>
    internal sealed class GattRequestWorker
    {
        private readonly object _sync = new object();
        private readonly ArrayList _queue = new ArrayList();
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private readonly GattJobRunner _runner;
        private bool _stopping;
        private bool _running;

        internal GattRequestWorker(GattJobRunner runner)
        {
            _runner = runner;
            Thread thread = new Thread(Loop);
            thread.Start();
        }

        /// <summary>True while a job runs or waits in the queue.</summary>
        internal bool IsBusy
        {
            get
            {
                lock (_sync)
                {
                    return _running || _queue.Count > 0;
                }
            }
        }

        internal void Enqueue(GattRequestJob job)
        {
            lock (_sync)
            {
                if (!_stopping)
                {
                    _queue.Add(job);
                    job = null;
                }
            }

            if (job != null)
            {
                // Too late for the worker: refuse a request, but a session still has to end.
                if (job.EndedConnectionId != null)
                {
                    job.Complete(_runner(job));
                }
                else
                {
                    job.Complete(AttErrorCode.UnlikelyError);
                }

                return;
            }

            _signal.Set();
        }

        internal void Stop()
        {
            ArrayList endings = new ArrayList();
            lock (_sync)
            {
                _stopping = true;
                for (int i = 0; i < _queue.Count; i++)
                {
                    GattRequestJob job = (GattRequestJob)_queue[i];
                    if (job.EndedConnectionId != null)
                    {
                        endings.Add(job);
                    }
                    else
                    {
                        job.Complete(AttErrorCode.UnlikelyError);
                    }
                }

                _queue.Clear();
            }

            _signal.Set();
            for (int i = 0; i < endings.Count; i++)
            {
                GattRequestJob ending = (GattRequestJob)endings[i];
                ending.Complete(_runner(ending));
            }
        }

        private void Loop()
        {
            while (true)
            {
                _signal.WaitOne();
                while (true)
                {
                    GattRequestJob job;
                    lock (_sync)
                    {
                        if (_stopping)
                        {
                            return;
                        }

                        if (_queue.Count == 0)
                        {
                            break;
                        }

                        job = (GattRequestJob)_queue[0];
                        _queue.RemoveAt(0);
                        _running = true;
                    }

                    byte result = AttErrorCode.UnlikelyError;
                    try
                    {
                        result = _runner(job);
                    }
                    finally
                    {
                        // Idle again before anyone can see the job done (IsBusy is then already false).
                        lock (_sync)
                        {
                            _running = false;
                        }

                        job.Complete(result);
                    }
                }
            }
        }
    }
}
