using System;

namespace NanoProv.Protocomm
{
    /// <summary>Tunable limits of <see cref="Protocomm"/>. The defaults suit a provisioning device.</summary>
    public sealed class ProtocommOptions
    {
        /// <summary>Creates options with the default values.</summary>
        public ProtocommOptions()
        {
            MaxSessions = 4;
            SessionIdleTimeoutMilliseconds = 120000;
            MinIdleBeforeEvictionMilliseconds = 30000;
            MaxRequestLength = 4096;
            MaxCredentialMismatches = 5;
            MismatchWindowMilliseconds = 300000;
            InitialBackoffMilliseconds = 30000;
            MaxBackoffMilliseconds = 1800000;
            EnableRetryCache = true;
            EnableMigration = true;
        }

        /// <summary>Most sessions kept at once (default 4).</summary>
        public int MaxSessions { get; set; }

        /// <summary>A session without any request for this long ends and its keys are wiped (default 120 s).</summary>
        public long SessionIdleTimeoutMilliseconds { get; set; }

        /// <summary>
        /// When the table is full, only a session idle for at least this long may be evicted to make room
        /// (default 30 s); a session in use is never evicted, the new one is refused instead.
        /// </summary>
        public long MinIdleBeforeEvictionMilliseconds { get; set; }

        /// <summary>Largest accepted request body in bytes (default 4096, as ESP-IDF's HTTP transport).</summary>
        public int MaxRequestLength { get; set; }

        /// <summary>Credential mismatches (wrong PoP or SRP proof) within the window that start a back-off (default 5).</summary>
        public int MaxCredentialMismatches { get; set; }

        /// <summary>The window in which mismatches are counted (default 5 min).</summary>
        public long MismatchWindowMilliseconds { get; set; }

        /// <summary>First back-off during which prov-session messages are refused (default 30 s); each further mismatch doubles it.</summary>
        public long InitialBackoffMilliseconds { get; set; }

        /// <summary>Upper bound of the back-off (default 30 min).</summary>
        public long MaxBackoffMilliseconds { get; set; }

        /// <summary>Answer a byte-identical repeat of a session's last request from a cache (default true).</summary>
        public bool EnableRetryCache { get; set; }

        /// <summary>Let a cookie-less request on a new connection continue the peer's one established session (default true).</summary>
        public bool EnableMigration { get; set; }

        /// <summary>A copy, so later changes to this instance do not affect a running <see cref="Protocomm"/>.</summary>
        public ProtocommOptions Clone()
        {
            ProtocommOptions copy = new ProtocommOptions();
            copy.MaxSessions = MaxSessions;
            copy.SessionIdleTimeoutMilliseconds = SessionIdleTimeoutMilliseconds;
            copy.MinIdleBeforeEvictionMilliseconds = MinIdleBeforeEvictionMilliseconds;
            copy.MaxRequestLength = MaxRequestLength;
            copy.MaxCredentialMismatches = MaxCredentialMismatches;
            copy.MismatchWindowMilliseconds = MismatchWindowMilliseconds;
            copy.InitialBackoffMilliseconds = InitialBackoffMilliseconds;
            copy.MaxBackoffMilliseconds = MaxBackoffMilliseconds;
            copy.EnableRetryCache = EnableRetryCache;
            copy.EnableMigration = EnableMigration;
            return copy;
        }

        /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
        public void Validate()
        {
            if (MaxSessions < 1)
            {
                throw new ArgumentException("MaxSessions must be at least 1");
            }

            if (SessionIdleTimeoutMilliseconds < 1 || MinIdleBeforeEvictionMilliseconds < 0)
            {
                throw new ArgumentException("session timeouts must be positive");
            }

            if (MaxRequestLength < 1)
            {
                throw new ArgumentException("MaxRequestLength must be at least 1");
            }

            if (MaxCredentialMismatches < 1 || MismatchWindowMilliseconds < 1)
            {
                throw new ArgumentException("mismatch limit and window must be positive");
            }

            if (InitialBackoffMilliseconds < 1 || MaxBackoffMilliseconds < InitialBackoffMilliseconds)
            {
                throw new ArgumentException("back-off must be positive and not above its maximum");
            }
        }
    }
}
