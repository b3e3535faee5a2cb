using System;
using System.Collections;
using NanoProv.Platform;
using NanoProv.Security;

namespace NanoProv.Protocomm
{
    /// <summary>
    /// The protocomm core: endpoint registry, session table and dispatch. Three kinds of endpoint:
    /// <c>proto-ver</c> (version JSON, plaintext, never touches security state), <c>prov-session</c> (the security
    /// handshake, in clear) and request endpoints (decrypt → handler → encrypt). Transports call
    /// <see cref="Handle"/> with the endpoint name, the request origin and the body; every failure is reported as
    /// <see cref="ProtocommStatus.Failed"/> (the transport then closes or errors without a protobuf reply) together
    /// with a reason code and a <see cref="SecurityEvent"/>. Thread-safe: calls are serialised.
    /// </summary>
    public sealed class Protocomm
    {
        private const string LogSource = "protocomm";

        private const int KindUnknown = 0;
        private const int KindVersion = 1;
        private const int KindSecurity = 2;
        private const int KindRequest = 3;

        private readonly object _sync = new object();
        private readonly ProtocommOptions _options;
        private readonly ISecurityScheme _security;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly SessionTable _table;
        private readonly BruteForceGuard _guard;
        private readonly Hashtable _handlers = new Hashtable();
        private readonly ArrayList _customNames = new ArrayList();
        private VersionInfo _versionInfo;

        /// <summary>
        /// Creates the core. <paramref name="options"/> is copied (null = defaults); the security scheme is shared by all
        /// sessions; <paramref name="random"/> supplies session ids and all key material; <paramref name="log"/> may be null.
        /// </summary>
        public Protocomm(ProtocommOptions options, ISecurityScheme security, IRandom random, IClock clock, ILog log)
        {
            if (security == null)
            {
                throw new ArgumentNullException("security");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _options = options == null ? new ProtocommOptions() : options.Clone();
            _options.Validate();
            _security = security;
            _clock = clock;
            _log = log;
            _guard = new BruteForceGuard(_options);
            _table = new SessionTable(_options, security, random, new TableListener(this), _sync);
            _versionInfo = VersionInfo.ForScheme(security);
        }

        /// <summary>Raised for handshakes, failures and session life-cycle changes; never carries secrets.</summary>
        public event SecurityEventHandler SecurityEvent;

        /// <summary>The session table (read-only view for diagnostics and tests).</summary>
        public SessionTable Sessions { get { return _table; } }

        /// <summary>The security scheme in use.</summary>
        public ISecurityScheme Security { get { return _security; } }

        /// <summary>The version info served on proto-ver.</summary>
        public VersionInfo VersionInfo { get { return _versionInfo; } }

        /// <summary>Milliseconds until handshakes are accepted again after repeated credential mismatches (0 = not blocked).</summary>
        public long BackoffRemainingMilliseconds
        {
            get
            {
                lock (_sync)
                {
                    return _guard.Remaining(_clock.NowMilliseconds);
                }
            }
        }

        /// <summary>Replaces the proto-ver content (for example after adding application labels).</summary>
        public void SetVersionInfo(VersionInfo info)
        {
            if (info == null)
            {
                throw new ArgumentNullException("info");
            }

            lock (_sync)
            {
                _versionInfo = info;
            }
        }

        /// <summary>
        /// Registers a request endpoint (prov-config, prov-scan, prov-ctrl or a custom name); registering a name again
        /// replaces its handler. proto-ver and prov-session are built in and cannot be registered.
        /// </summary>
        public void RegisterEndpoint(string name, IRequestHandler handler)
        {
            if (name == null || name.Length == 0)
            {
                throw new ArgumentException("endpoint name must not be empty");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            if (name == EndpointNames.ProtoVer || name == EndpointNames.Session)
            {
                throw new ArgumentException("proto-ver and prov-session are built in");
            }

            lock (_sync)
            {
                if (!_handlers.Contains(name) && !EndpointNames.IsStandard(name))
                {
                    _customNames.Add(name);
                }

                _handlers[name] = handler;
            }
        }

        /// <summary>Removes a request endpoint; unknown names are ignored.</summary>
        public void UnregisterEndpoint(string name)
        {
            if (name == null)
            {
                return;
            }

            lock (_sync)
            {
                if (_handlers.Contains(name))
                {
                    _handlers.Remove(name);
                    _customNames.Remove(name);
                }
            }
        }

        /// <summary>True for proto-ver, prov-session and every registered request endpoint.</summary>
        public bool HasEndpoint(string name)
        {
            lock (_sync)
            {
                return KindOf(name) != KindUnknown;
            }
        }

        /// <summary>Registered endpoint names other than the five standard ones, in registration order (BLE gives them 0xFF54, 0xFF55, ...).</summary>
        public string[] CustomEndpointNames
        {
            get
            {
                lock (_sync)
                {
                    return (string[])_customNames.ToArray(typeof(string));
                }
            }
        }

        /// <summary>
        /// Handles one request: resolves its session (see <see cref="SessionTable"/>), then dispatches on the endpoint
        /// kind. Never throws for bad input; failures come back as <see cref="ProtocommStatus.Failed"/> with a reason.
        /// </summary>
        public ProtocommReply Handle(string endpointName, RequestOrigin origin, byte[] body, int offset, int count)
        {
            if (origin == null)
            {
                throw new ArgumentNullException("origin");
            }

            lock (_sync)
            {
                long now = _clock.NowMilliseconds;
                int kind = KindOf(endpointName);
                if (kind == KindUnknown)
                {
                    Raise(0, SecurityEventKind.RequestRejected, SecurityFailure.UnknownEndpoint, origin.PeerId, 0);
                    return new ProtocommReply(ProtocommStatus.UnknownEndpoint, null, 0, false, SecurityFailure.UnknownEndpoint);
                }

                if (!ByteUtil.IsValidRange(body, offset, count) || count == 0 || count > _options.MaxRequestLength)
                {
                    Raise(0, SecurityEventKind.RequestRejected, SecurityFailure.InvalidLength, origin.PeerId, 0);
                    Log(LogLevel.Warning, "request rejected: empty or oversized body");
                    return Failed(0, SecurityFailure.InvalidLength);
                }

                _table.ExpireIdle(now);

                bool handshakeStart = kind == KindSecurity && _security.IsHandshakeStart(body, offset, count);
                bool handshakeContinuation = kind == KindSecurity && !handshakeStart;
                bool created;
                bool migrated;
                int failure;
                Session session = _table.Resolve(origin, handshakeStart, handshakeContinuation, now, out created, out migrated, out failure);
                if (session == null)
                {
                    Raise(0, SecurityEventKind.TooManySessions, failure, origin.PeerId, 0);
                    Log(LogLevel.Warning, "new session refused: every session is in use");
                    return Failed(0, failure);
                }

                session.LastActivityMilliseconds = now;

                byte[] reply;
                if (kind == KindVersion)
                {
                    reply = _versionInfo.ToBytes();
                    failure = SecurityFailure.None;
                }
                else if (kind == KindSecurity)
                {
                    reply = HandleHandshake(session, origin, body, offset, count, now, out failure);
                }
                else
                {
                    reply = HandleRequest(session, origin, endpointName, body, offset, count, out failure);
                }

                if (reply == null)
                {
                    uint failedId = session.Id;
                    if (created)
                    {
                        // The client never learnt this id (no Set-Cookie on a failure), so keep nothing.
                        _table.Discard(session);
                        failedId = 0;
                    }
                    else if (migrated)
                    {
                        session.ConnectionId = null;
                    }

                    return Failed(failedId, failure);
                }

                if (created)
                {
                    _table.EnforceCapacity(now, session);
                    Raise(session.Id, SecurityEventKind.SessionCreated, 0, origin.PeerId, 0);
                    Log(LogLevel.Info, "session " + session.Id.ToString() + " created for peer " + origin.PeerId);
                }

                if (migrated)
                {
                    Raise(session.Id, SecurityEventKind.SessionMigrated, 0, origin.PeerId, 0);
                    Log(LogLevel.Info, "session " + session.Id.ToString() + " migrated to a new connection of peer " + origin.PeerId);
                }

                return new ProtocommReply(ProtocommStatus.Ok, reply, session.Id, created, SecurityFailure.None);
            }
        }

        /// <summary>HTTP: the connection went away. Its sessions survive and can be resumed by cookie or migration.</summary>
        public void ConnectionClosed(string connectionId)
        {
            lock (_sync)
            {
                _table.ConnectionClosed(connectionId);
            }
        }

        /// <summary>BLE disconnect: the sessions bound to this connection end and their keys are wiped.</summary>
        public void EndSessionsOfConnection(string connectionId)
        {
            lock (_sync)
            {
                _table.EndSessionsOfConnection(connectionId);
            }
        }

        /// <summary>Ends one session (keys wiped); false when no live session has this id.</summary>
        public bool EndSession(uint sessionId)
        {
            lock (_sync)
            {
                return _table.End(sessionId, SecurityEventKind.SessionEnded);
            }
        }

        /// <summary>Ends every session (for example when provisioning stops).</summary>
        public void EndAllSessions()
        {
            lock (_sync)
            {
                _table.EndAll(SecurityEventKind.SessionEnded);
            }
        }

        /// <summary>Ends sessions idle for the configured timeout now, instead of at the next request.</summary>
        public void ExpireIdleSessions()
        {
            lock (_sync)
            {
                _table.ExpireIdle(_clock.NowMilliseconds);
            }
        }

        private byte[] HandleHandshake(Session session, RequestOrigin origin, byte[] body, int offset, int count, long now, out int failure)
        {
            ISecuritySession security = session.Security;
            byte[] cached = CachedReply(session, origin, EndpointNames.Session, body, offset, count);
            if (cached != null)
            {
                failure = SecurityFailure.None;
                return cached;
            }

            if (_guard.IsBlocked(now))
            {
                failure = SecurityFailure.BackoffActive;
                Raise(session.Id, SecurityEventKind.HandshakeRejectedBackoff, failure, origin.PeerId, _guard.Remaining(now));
                Log(LogLevel.Warning, "handshake refused: back-off after repeated credential mismatches");
                return null;
            }

            bool wasEstablished = security.IsEstablished;
            byte[] reply = security.HandleHandshake(body, offset, count, out failure);
            if (reply == null)
            {
                if (failure == SecurityFailure.CredentialsMismatch || failure == SecurityFailure.CryptoError)
                {
                    // The handshake state was reset: the cached reply no longer matches the session.
                    session.ForgetCache();
                }

                ReportHandshakeFailure(session, origin, failure, now);
                return null;
            }

            session.ForgetCache();
            if (!wasEstablished && security.IsEstablished)
            {
                _guard.RecordSuccess();
                Raise(session.Id, SecurityEventKind.SessionEstablished, 0, origin.PeerId, 0);
                Log(LogLevel.Info, "session " + session.Id.ToString() + " established");
            }

            Remember(session, origin, EndpointNames.Session, body, offset, count, reply);
            return reply;
        }

        private byte[] HandleRequest(Session session, RequestOrigin origin, string endpointName, byte[] body, int offset, int count, out int failure)
        {
            ISecuritySession security = session.Security;
            byte[] cached = CachedReply(session, origin, endpointName, body, offset, count);
            if (cached != null)
            {
                failure = SecurityFailure.None;
                return cached;
            }

            byte[] plaintext = security.Decrypt(body, offset, count, out failure);
            if (plaintext == null)
            {
                SecurityEventKind kind = failure == SecurityFailure.NotEstablished ? SecurityEventKind.ProtocolError : SecurityEventKind.DecryptFailed;
                Raise(session.Id, kind, failure, origin.PeerId, 0);
                Log(LogLevel.Warning, "session " + session.Id.ToString() + ": request not decrypted, reason " + failure.ToString());
                return null;
            }

            // The cipher state moved on: the previous reply can no longer answer a retry.
            session.ForgetCache();

            IRequestHandler handler = (IRequestHandler)_handlers[endpointName];
            byte[] answer;
            try
            {
                answer = handler.HandleRequest(session.Id, plaintext);
            }
            catch (Exception)
            {
                answer = null;
            }
            finally
            {
                Array.Clear(plaintext, 0, plaintext.Length);
            }

            if (answer == null)
            {
                failure = SecurityFailure.HandlerFailed;
                Raise(session.Id, SecurityEventKind.HandlerFailed, failure, origin.PeerId, 0);
                Log(LogLevel.Warning, "session " + session.Id.ToString() + ": handler of " + endpointName + " failed");
                return null;
            }

            byte[] encrypted = security.Encrypt(answer, out failure);
            if (encrypted == null)
            {
                Raise(session.Id, SecurityEventKind.HandlerFailed, failure, origin.PeerId, 0);
                Log(LogLevel.Warning, "session " + session.Id.ToString() + ": reply not encrypted, reason " + failure.ToString());
                return null;
            }

            Remember(session, origin, endpointName, body, offset, count, encrypted);
            return encrypted;
        }

        private byte[] CachedReply(Session session, RequestOrigin origin, string endpointName, byte[] body, int offset, int count)
        {
            if (!_options.EnableRetryCache || !session.Security.RepeatedRequestIsRetry)
            {
                return null;
            }

            byte[] cached = session.CachedReplyFor(endpointName, body, offset, count, origin.ConnectionId);
            if (cached != null)
            {
                Raise(session.Id, SecurityEventKind.RetryAnswered, 0, origin.PeerId, 0);
                Log(LogLevel.Info, "session " + session.Id.ToString() + ": repeated request answered from the cache");
            }

            return cached;
        }

        private void Remember(Session session, RequestOrigin origin, string endpointName, byte[] body, int offset, int count, byte[] reply)
        {
            if (_options.EnableRetryCache && session.Security.RepeatedRequestIsRetry)
            {
                session.Remember(endpointName, body, offset, count, reply, origin.ConnectionId);
            }
        }

        private void ReportHandshakeFailure(Session session, RequestOrigin origin, int failure, long now)
        {
            SecurityEventKind kind;
            if (failure == SecurityFailure.CredentialsMismatch)
            {
                kind = SecurityEventKind.CredentialsMismatch;
            }
            else if (failure == SecurityFailure.InvalidParameters)
            {
                kind = SecurityEventKind.InvalidParameters;
            }
            else
            {
                kind = SecurityEventKind.ProtocolError;
            }

            Raise(session.Id, kind, failure, origin.PeerId, 0);
            Log(LogLevel.Warning, "session " + session.Id.ToString() + ": handshake failed, reason " + failure.ToString());

            if (failure == SecurityFailure.CredentialsMismatch)
            {
                long backoff = _guard.RecordMismatch(now);
                if (backoff > 0)
                {
                    Raise(session.Id, SecurityEventKind.BackoffStarted, SecurityFailure.BackoffActive, origin.PeerId, backoff);
                    Log(LogLevel.Warning, "too many credential mismatches: handshakes refused for " + backoff.ToString() + " ms");
                }
            }
        }

        private int KindOf(string name)
        {
            if (name == null)
            {
                return KindUnknown;
            }

            if (name == EndpointNames.ProtoVer)
            {
                return KindVersion;
            }

            if (name == EndpointNames.Session)
            {
                return KindSecurity;
            }

            return _handlers.Contains(name) ? KindRequest : KindUnknown;
        }

        private static ProtocommReply Failed(uint sessionId, int reason)
        {
            return new ProtocommReply(ProtocommStatus.Failed, null, sessionId, false, reason);
        }

        private void Raise(uint sessionId, SecurityEventKind kind, int reason, string peerId, long backoff)
        {
            SecurityEventHandler handler = SecurityEvent;
            if (handler == null)
            {
                return;
            }

            try
            {
                handler(this, new SecurityEventArgs(sessionId, kind, reason, peerId, backoff));
            }
            catch (Exception)
            {
                Log(LogLevel.Warning, "a security event subscriber threw");
            }
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, LogSource, message);
            }
        }

        private void OnSessionEnded(Session session, SecurityEventKind why)
        {
            Raise(session.Id, why, 0, session.PeerId, 0);
            string text;
            if (why == SecurityEventKind.SessionExpired)
            {
                text = " expired";
            }
            else if (why == SecurityEventKind.SessionEvicted)
            {
                text = " evicted to make room";
            }
            else
            {
                text = " ended";
            }

            Log(LogLevel.Info, "session " + session.Id.ToString() + text + "; keys wiped");
        }

        /// <summary>Forwards the table's own session endings (expiry, eviction) to the events.</summary>
        private sealed class TableListener : ISessionEndListener
        {
            private readonly Protocomm _owner;

            public TableListener(Protocomm owner)
            {
                _owner = owner;
            }

            public void OnSessionEnded(Session session, SecurityEventKind why)
            {
                _owner.OnSessionEnded(session, why);
            }
        }
    }
}
