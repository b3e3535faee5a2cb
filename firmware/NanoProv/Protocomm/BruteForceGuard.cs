namespace NanoProv.Protocomm
{
    /// <summary>
    /// Device-wide limit on credential guessing. After <c>MaxCredentialMismatches</c> wrong PoPs / SRP proofs within
    /// <c>MismatchWindow</c>, prov-session messages are refused for <c>InitialBackoff</c>; every further mismatch
    /// after a back-off doubles it (up to <c>MaxBackoff</c>). A successful handshake, or a whole window without a
    /// mismatch after the back-off ended, returns to normal. Device-wide rather than per peer because a peer id
    /// (an IP address on an open SoftAP) is cheap to change.
    /// </summary>
    internal sealed class BruteForceGuard
    {
        private readonly ProtocommOptions _options;
        private readonly long[] _mismatchTimes;
        private int _mismatchCount;
        private int _level;
        private long _currentBackoff;
        private long _blockedUntil;
        private long _lastMismatch;

        public BruteForceGuard(ProtocommOptions options)
        {
            _options = options;
            _mismatchTimes = new long[options.MaxCredentialMismatches];
        }

        /// <summary>True while handshakes are refused.</summary>
        public bool IsBlocked(long now)
        {
            return _level > 0 && now < _blockedUntil;
        }

        /// <summary>Milliseconds until handshakes are accepted again (0 when not blocked).</summary>
        public long Remaining(long now)
        {
            return IsBlocked(now) ? _blockedUntil - now : 0;
        }

        /// <summary>Records a credential mismatch; returns the new back-off length when one starts, else 0.</summary>
        public long RecordMismatch(long now)
        {
            if (_level > 0 && now - _lastMismatch >= _options.MismatchWindowMilliseconds + _currentBackoff)
            {
                Reset();
            }

            _lastMismatch = now;

            if (_level > 0)
            {
                _level++;
                _currentBackoff = Double(_currentBackoff);
                _blockedUntil = now + _currentBackoff;
                return _currentBackoff;
            }

            DropOld(now);
            _mismatchTimes[_mismatchCount] = now;
            _mismatchCount++;
            if (_mismatchCount >= _options.MaxCredentialMismatches)
            {
                _level = 1;
                _currentBackoff = _options.InitialBackoffMilliseconds;
                _blockedUntil = now + _currentBackoff;
                _mismatchCount = 0;
                return _currentBackoff;
            }

            return 0;
        }

        /// <summary>A handshake succeeded: forget earlier mismatches.</summary>
        public void RecordSuccess()
        {
            Reset();
        }

        private void Reset()
        {
            _level = 0;
            _mismatchCount = 0;
            _currentBackoff = 0;
            _blockedUntil = 0;
        }

        private long Double(long backoff)
        {
            long doubled = backoff * 2;
            return doubled > _options.MaxBackoffMilliseconds || doubled < backoff ? _options.MaxBackoffMilliseconds : doubled;
        }

        private void DropOld(long now)
        {
            int kept = 0;
            for (int i = 0; i < _mismatchCount; i++)
            {
                if (now - _mismatchTimes[i] < _options.MismatchWindowMilliseconds)
                {
                    _mismatchTimes[kept] = _mismatchTimes[i];
                    kept++;
                }
            }

            _mismatchCount = kept;
        }
    }
}
