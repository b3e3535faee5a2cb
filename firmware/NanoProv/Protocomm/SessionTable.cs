using System.Collections;
using NanoProv.Platform;
using NanoProv.Security;

namespace NanoProv.Protocomm
{
    /// <summary>Receives the sessions that the table ends on its own (expiry, eviction).</summary>
    internal interface ISessionEndListener
    {
        void OnSessionEnded(Session session, SecurityEventKind why);
    }

    /// <summary>
    /// The sessions of one <see cref="Protocomm"/>: bounded, each with a random 32-bit id, isolated security state,
    /// idle expiry and LRU eviction of idle sessions. A request is resolved to a session in this order:
    /// <list type="number">
    /// <item>a <c>session=&lt;id&gt;</c> cookie naming a live session of the same peer;</item>
    /// <item>the session bound to the connection the request arrived on;</item>
    /// <item>for a cookie-less request on a new connection that does not start a handshake: the one established
    /// session of the same peer whose connection has closed (migration);</item>
    /// <item>otherwise a new session.</item>
    /// </list>
    /// A cookie that names no live session (e.g. from an earlier run of the device) is simply not used: it never ends
    /// or replaces another session. The public members are for diagnostics and tests; they take the owning
    /// <see cref="Protocomm"/>'s lock.
    /// </summary>
    public sealed class SessionTable
    {
        private const int MaxIdAttempts = 16;

        private readonly ArrayList _sessions = new ArrayList();
        private readonly ProtocommOptions _options;
        private readonly ISecurityScheme _scheme;
        private readonly IRandom _random;
        private readonly ISessionEndListener _listener;
        private readonly object _sync;

        internal SessionTable(ProtocommOptions options, ISecurityScheme scheme, IRandom random, ISessionEndListener listener, object sync)
        {
            _sync = sync;
            _options = options;
            _scheme = scheme;
            _random = random;
            _listener = listener;
        }

        /// <summary>Number of live sessions.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _sessions.Count;
                }
            }
        }

        /// <summary>Most sessions kept at once.</summary>
        public int Capacity { get { return _options.MaxSessions; } }

        /// <summary>The live session with this id, or null.</summary>
        public Session Find(uint id)
        {
            lock (_sync)
            {
                return FindLocked(id);
            }
        }

        private Session FindLocked(uint id)
        {
            for (int i = 0; i < _sessions.Count; i++)
            {
                Session session = (Session)_sessions[i];
                if (session.Id == id)
                {
                    return session;
                }
            }

            return null;
        }

        /// <summary>The live session bound to this connection, or null.</summary>
        public Session FindByConnection(string connectionId)
        {
            lock (_sync)
            {
                return FindByConnectionLocked(connectionId);
            }
        }

        private Session FindByConnectionLocked(string connectionId)
        {
            if (connectionId == null)
            {
                return null;
            }

            for (int i = 0; i < _sessions.Count; i++)
            {
                Session session = (Session)_sessions[i];
                if (session.ConnectionId == connectionId)
                {
                    return session;
                }
            }

            return null;
        }

        /// <summary>A snapshot of the live sessions in creation order.</summary>
        public Session[] ToArray()
        {
            lock (_sync)
            {
                return (Session[])_sessions.ToArray(typeof(Session));
            }
        }

        /// <summary>
        /// Finds or creates the session for a request (see the class summary). Returns null with
        /// <paramref name="failure"/> set when a new session is needed but none can be made.
        /// </summary>
        internal Session Resolve(RequestOrigin origin, bool handshakeStart, bool handshakeContinuation, long now, out bool created, out bool migrated, out int failure)
        {
            created = false;
            migrated = false;
            failure = SecurityFailure.None;

            Session session = null;
            if (origin.HasCookie)
            {
                session = FindLocked(origin.CookieSessionId);
                if (session != null && session.PeerId != origin.PeerId)
                {
                    session = null;
                }
            }

            if (session == null)
            {
                session = FindByConnectionLocked(origin.ConnectionId);
            }

            if (session == null && !origin.HasCookie && !handshakeStart && _options.EnableMigration)
            {
                session = FindMigrationCandidate(origin.PeerId, handshakeContinuation);
                migrated = session != null;
            }

            if (session == null)
            {
                session = Create(origin, now, out failure);
                if (session == null)
                {
                    return null;
                }

                created = true;
            }

            Bind(session, origin.ConnectionId);
            return session;
        }

        /// <summary>Ends sessions that were idle for the configured timeout or longer.</summary>
        internal void ExpireIdle(long now)
        {
            for (int i = _sessions.Count - 1; i >= 0; i--)
            {
                Session session = (Session)_sessions[i];
                if (now - session.LastActivityMilliseconds >= _options.SessionIdleTimeoutMilliseconds)
                {
                    EndAt(i, SecurityEventKind.SessionExpired);
                }
            }
        }

        /// <summary>Marks the sessions bound to this connection as disconnected; they stay alive.</summary>
        internal void ConnectionClosed(string connectionId)
        {
            if (connectionId == null)
            {
                return;
            }

            for (int i = 0; i < _sessions.Count; i++)
            {
                Session session = (Session)_sessions[i];
                if (session.ConnectionId == connectionId)
                {
                    session.ConnectionId = null;
                }
            }
        }

        /// <summary>Ends every session bound to this connection (BLE disconnect) and returns how many ended.</summary>
        internal int EndSessionsOfConnection(string connectionId)
        {
            int ended = 0;
            for (int i = _sessions.Count - 1; i >= 0; i--)
            {
                Session session = (Session)_sessions[i];
                if (connectionId != null && session.ConnectionId == connectionId)
                {
                    EndAt(i, SecurityEventKind.SessionEnded);
                    ended++;
                }
            }

            return ended;
        }

        /// <summary>Ends one session; false when no live session has this id.</summary>
        internal bool End(uint id, SecurityEventKind why)
        {
            for (int i = 0; i < _sessions.Count; i++)
            {
                if (((Session)_sessions[i]).Id == id)
                {
                    EndAt(i, why);
                    return true;
                }
            }

            return false;
        }

        /// <summary>Ends every session.</summary>
        internal void EndAll(SecurityEventKind why)
        {
            for (int i = _sessions.Count - 1; i >= 0; i--)
            {
                EndAt(i, why);
            }
        }

        /// <summary>
        /// After a request that created <paramref name="created"/> succeeded: evicts idle sessions (never
        /// <paramref name="created"/>) until the table is within its capacity again.
        /// </summary>
        internal void EnforceCapacity(long now, Session created)
        {
            while (_sessions.Count > _options.MaxSessions)
            {
                int victim = EvictionCandidate(now, created);
                if (victim < 0)
                {
                    return;
                }

                EndAt(victim, SecurityEventKind.SessionEvicted);
            }
        }

        /// <summary>Removes a session that was created for a request that then failed (no cookie was ever sent).</summary>
        internal void Discard(Session session)
        {
            int index = _sessions.IndexOf(session);
            if (index >= 0)
            {
                _sessions.RemoveAt(index);
            }

            session.End();
        }

        private void EndAt(int index, SecurityEventKind why)
        {
            Session session = (Session)_sessions[index];
            _sessions.RemoveAt(index);
            session.End();
            if (_listener != null)
            {
                _listener.OnSessionEnded(session, why);
            }
        }

        private void Bind(Session session, string connectionId)
        {
            if (connectionId == null || session.ConnectionId == connectionId)
            {
                return;
            }

            // A connection belongs to at most one session: the one it was used for last.
            for (int i = 0; i < _sessions.Count; i++)
            {
                Session other = (Session)_sessions[i];
                if (other != session && other.ConnectionId == connectionId)
                {
                    other.ConnectionId = null;
                }
            }

            session.ConnectionId = connectionId;
        }

        /// <summary>
        /// The one session of <paramref name="peerId"/> whose connection closed and that can continue: an established
        /// session, or, for the second handshake message, a session waiting for it (a cookie-less client that opens
        /// a new connection for every request, such as one talking to a Connection: close server). Null when there
        /// is none or more than one: never guess.
        /// </summary>
        private Session FindMigrationCandidate(string peerId, bool handshakeContinuation)
        {
            if (peerId == null)
            {
                return null;
            }

            Session candidate = null;
            for (int i = 0; i < _sessions.Count; i++)
            {
                Session session = (Session)_sessions[i];
                bool canContinue = session.IsEstablished
                    || (handshakeContinuation && session.Security != null && session.Security.IsAwaitingSecondHandshakeMessage);
                if (session.PeerId == peerId && session.ConnectionId == null && canContinue)
                {
                    if (candidate != null)
                    {
                        return null; // ambiguous: never guess between two sessions
                    }

                    candidate = session;
                }
            }

            return candidate;
        }

        private Session Create(RequestOrigin origin, long now, out int failure)
        {
            // When full, only check that room can be made; the eviction itself waits until the request that needs
            // the new session has succeeded (EnforceCapacity), so a request that fails never costs anyone a session.
            if (_sessions.Count >= _options.MaxSessions && EvictionCandidate(now, null) < 0)
            {
                failure = SecurityFailure.TooManySessions;
                return null;
            }

            uint id;
            if (!NewId(out id))
            {
                failure = SecurityFailure.CryptoError;
                return null;
            }

            Session session = new Session(id, origin.PeerId, origin.ConnectionId, _scheme.CreateSession(_random), now);
            _sessions.Add(session);
            failure = SecurityFailure.None;
            return session;
        }

        /// <summary>
        /// The least recently used session idle for at least MinIdleBeforeEviction; sessions that never completed a
        /// handshake go first. -1 when every session is in use.
        /// </summary>
        private int EvictionCandidate(long now, Session keep)
        {
            int best = -1;
            for (int i = 0; i < _sessions.Count; i++)
            {
                Session session = (Session)_sessions[i];
                if (session == keep || now - session.LastActivityMilliseconds < _options.MinIdleBeforeEvictionMilliseconds)
                {
                    continue;
                }

                if (best < 0)
                {
                    best = i;
                    continue;
                }

                Session current = (Session)_sessions[best];
                bool preferByState = !session.IsEstablished && current.IsEstablished;
                bool sameState = session.IsEstablished == current.IsEstablished;
                if (preferByState || (sameState && session.LastActivityMilliseconds < current.LastActivityMilliseconds))
                {
                    best = i;
                }
            }

            return best;
        }

        /// <summary>Draws 4 bytes from IRandom as a big-endian u32; redraws 0, 0xFFFFFFFF and ids in use.</summary>
        private bool NewId(out uint id)
        {
            byte[] buffer = new byte[4];
            for (int attempt = 0; attempt < MaxIdAttempts; attempt++)
            {
                _random.Fill(buffer, 0, 4);
                id = ByteUtil.ReadUInt32BigEndian(buffer, 0);
                if (id != 0 && id != 0xFFFFFFFF && FindLocked(id) == null)
                {
                    return true;
                }
            }

            id = 0;
            return false;
        }
    }
}
