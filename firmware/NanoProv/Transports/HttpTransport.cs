using System;
using System.Text;
using System.Threading;
using NanoProv.Platform;
using NanoProv.Protocomm;

namespace NanoProv.Transports
{
    /// <summary>
    /// The SoftAP/HTTP transport of protocomm: maps HTTP exchanges onto protocomm endpoint calls, independent
    /// of the web server (it only sees <see cref="IHttpExchange"/>).
    /// </summary>
    /// <remarks>
    /// Rules (ESP-IDF protocomm_httpd compatible, with explicit errors where ESP-IDF is silent):
    /// <list type="bullet">
    /// <item>Each endpoint is the URL <c>/&lt;name&gt;</c>, POST only. Unknown URL: 404. Known URL, other method: 405
    /// (with <c>Allow: POST</c>). Both close the connection after the reply, as esp_http_server does.</item>
    /// <item>The body is the raw protobuf, 1..<see cref="HttpTransportOptions.MaxBodyBytes"/> bytes, framed by
    /// Content-Length. Missing Content-Length or a Transfer-Encoding: 411; malformed Content-Length or an empty
    /// body: 400; too large: 413 (body not read). All close the connection after the reply. These checks run
    /// before any session is looked up, so a rejected request never touches a session.</item>
    /// <item>A body that does not arrive within <see cref="HttpTransportOptions.BodyReadTimeoutMilliseconds"/>: 408
    /// and close; a peer that closes mid-body: the connection is closed.</item>
    /// <item>A protocomm failure (bad handshake message, wrong PoP, decrypt failure, handler failure) closes the
    /// connection WITHOUT any response, exactly like ESP-IDF; clients report "connection lost".</item>
    /// <item>Success: 200, <c>Content-Type</c> from the options, the reply body, and <c>Set-Cookie: session=&lt;id&gt;</c>
    /// (no attributes) only on the reply that created the session.</item>
    /// <item>The Cookie header is parsed leniently: <c>session=&lt;u32&gt;</c> anywhere among other cookies.</item>
    /// <item>Connections stay open (HTTP/1.1 keep-alive) unless the options ask for <c>Connection: close</c> on every
    /// reply, the client asked for close, or the client speaks HTTP/1.0 without keep-alive.</item>
    /// </list>
    /// Calls into protocomm are serialised by a lock; body reads and response writes happen outside it, so a
    /// slow client never blocks the others.
    /// </remarks>
    public sealed class HttpTransport
    {
        private const string LogSource = "http";
        private const string MethodPost = "POST";

        private static readonly string[] AllowPostHeaders = new string[] { "Allow: POST", "Content-Type: text/plain" };
        private static readonly string[] PlainTextHeaders = new string[] { "Content-Type: text/plain" };

        private static readonly byte[] NotFoundBody = Encoding.UTF8.GetBytes("unknown endpoint\n");
        private static readonly byte[] MethodNotAllowedBody = Encoding.UTF8.GetBytes("only POST is allowed\n");
        private static readonly byte[] LengthRequiredBody = Encoding.UTF8.GetBytes("Content-Length required\n");
        private static readonly byte[] BadLengthBody = Encoding.UTF8.GetBytes("invalid Content-Length\n");
        private static readonly byte[] EmptyBody = Encoding.UTF8.GetBytes("empty request body\n");
        private static readonly byte[] TooLargeBody = Encoding.UTF8.GetBytes("request body too large\n");
        private static readonly byte[] TimeoutBody = Encoding.UTF8.GetBytes("request body timed out\n");
        private static readonly byte[] InternalErrorBody = Encoding.UTF8.GetBytes("internal error\n");

        private readonly IProtocommTarget _target;
        private readonly HttpTransportOptions _options;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly object _sync = new object();
        private readonly string[] _okHeaders;

        private int _repliesSent;
        private int _rejected;
        private int _closedWithoutReply;

        /// <summary>Creates the transport.</summary>
        /// <param name="target">The protocomm facade (usually a <see cref="ProtocommTarget"/>).</param>
        /// <param name="options">Settings; null means defaults.</param>
        /// <param name="clock">Time source for the body read deadline.</param>
        /// <param name="log">Log sink; never receives bodies, cookies or secrets.</param>
        public HttpTransport(IProtocommTarget target, HttpTransportOptions options, IClock clock, ILog log)
        {
            if (target == null)
            {
                throw new ArgumentNullException("target");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _target = target;
            _options = options ?? new HttpTransportOptions();
            _clock = clock;
            _log = log;
            _okHeaders = new string[] { "Content-Type: " + _options.ResponseContentType };
        }

        /// <summary>The settings in use (the server adapter reads the timeouts and the close mode here).</summary>
        public HttpTransportOptions Options
        {
            get { return _options; }
        }

        /// <summary>Number of 200 replies sent.</summary>
        public int RepliesSent
        {
            get { return _repliesSent; }
        }

        /// <summary>Number of requests answered with an HTTP error status (4xx/5xx).</summary>
        public int RequestsRejected
        {
            get { return _rejected; }
        }

        /// <summary>Number of exchanges ended by closing the connection without any response.</summary>
        public int ClosedWithoutReply
        {
            get { return _closedWithoutReply; }
        }

        /// <summary>
        /// Processes one exchange completely: validates the request, reads the body, calls protocomm and ends
        /// the exchange with exactly one <see cref="IHttpExchange.Respond"/> or <see cref="IHttpExchange.Abort"/>.
        /// Never throws for anything the client sent.
        /// </summary>
        public void ProcessExchange(IHttpExchange exchange)
        {
            if (exchange == null)
            {
                throw new ArgumentNullException("exchange");
            }

            string endpoint = HttpRequestText.EndpointFromUrl(exchange.RawUrl);
            bool known;
            lock (_sync)
            {
                known = endpoint != null && _target.HasEndpoint(endpoint);
            }

            if (!known)
            {
                Reject(exchange, 404, "Not Found", PlainTextHeaders, NotFoundBody);
                return;
            }

            if (exchange.Method != MethodPost)
            {
                Reject(exchange, 405, "Method Not Allowed", AllowPostHeaders, MethodNotAllowedBody);
                return;
            }

            if (exchange.GetHeader("Transfer-Encoding") != null)
            {
                Reject(exchange, 411, "Length Required", PlainTextHeaders, LengthRequiredBody);
                return;
            }

            string lengthText = exchange.GetHeader("Content-Length");
            if (lengthText == null)
            {
                Reject(exchange, 411, "Length Required", PlainTextHeaders, LengthRequiredBody);
                return;
            }

            long length = HttpRequestText.ParseContentLength(lengthText);
            if (length < 0)
            {
                Reject(exchange, 400, "Bad Request", PlainTextHeaders, BadLengthBody);
                return;
            }

            if (length == 0)
            {
                Reject(exchange, 400, "Bad Request", PlainTextHeaders, EmptyBody);
                return;
            }

            if (length > _options.MaxBodyBytes)
            {
                Reject(exchange, 413, "Content Too Large", PlainTextHeaders, TooLargeBody);
                return;
            }

            byte[] body = new byte[(int)length];
            int bodyStatus = ReadWholeBody(exchange, body);
            if (bodyStatus == HttpBodyRead.TimedOut)
            {
                Reject(exchange, 408, "Request Timeout", PlainTextHeaders, TimeoutBody);
                return;
            }

            if (bodyStatus != body.Length)
            {
                CloseWithoutReply(exchange, "peer closed during the body");
                return;
            }

            RequestOrigin origin = new RequestOrigin(exchange.ConnectionId, exchange.RemoteAddress);
            uint cookieSession;
            if (HttpRequestText.TryParseSessionCookie(exchange.GetHeader("Cookie"), out cookieSession))
            {
                origin.HasCookie = true;
                origin.CookieSessionId = cookieSession;
            }

            ProtocommReply reply;
            try
            {
                lock (_sync)
                {
                    reply = _target.Handle(endpoint, origin, body, 0, body.Length);
                }
            }
            catch (Exception ex)
            {
                Log(LogLevel.Error, "endpoint " + endpoint + " threw " + ex.GetType().Name);
                Reject(exchange, 500, "Internal Server Error", PlainTextHeaders, InternalErrorBody);
                return;
            }

            if (reply == null || reply.Status == ProtocommStatus.Failed)
            {
                CloseWithoutReply(exchange, "protocomm failure on " + endpoint);
                return;
            }

            if (reply.Status == ProtocommStatus.UnknownEndpoint)
            {
                Reject(exchange, 404, "Not Found", PlainTextHeaders, NotFoundBody);
                return;
            }

            string[] headers = _okHeaders;
            if (reply.SessionCreated)
            {
                headers = new string[] { _okHeaders[0], "Set-Cookie: " + HttpRequestText.SessionCookieName + "=" + reply.SessionId.ToString() };
            }

            byte[] replyBody = reply.Body;
            int replyLength = replyBody == null ? 0 : replyBody.Length;
            exchange.Respond(200, "OK", headers, replyBody, 0, replyLength, ShouldClose(exchange));
            Interlocked.Increment(ref _repliesSent);
        }

        /// <summary>
        /// Called by the server adapter exactly once when a connection ends (client close, idle timeout,
        /// close after a reply or an abort). Protocomm keeps the sessions; it only forgets the binding.
        /// Adapters should report a close before they process a later cookie-less request of the same peer
        /// (a client hopping to a new connection is matched to its session only once the old one is closed):
        /// the nanoFramework adapter in close mode reports right after each reply; the loopback server checks
        /// the peer's idle connections for a pending close before each cookie-less request.
        /// </summary>
        public void ConnectionClosed(string connectionId)
        {
            if (connectionId == null)
            {
                return;
            }

            lock (_sync)
            {
                _target.ConnectionClosed(connectionId);
            }
        }

        private bool ShouldClose(IHttpExchange exchange)
        {
            if (_options.CloseAfterEveryReply)
            {
                return true;
            }

            string connection = exchange.GetHeader("Connection");
            if (HttpRequestText.HasToken(connection, "close"))
            {
                return true;
            }

            // HTTP/1.0 connections are persistent only when the client asks for it.
            return exchange.HttpVersion == "HTTP/1.0" && !HttpRequestText.HasToken(connection, "keep-alive");
        }

        private int ReadWholeBody(IHttpExchange exchange, byte[] body)
        {
            long deadline = _clock.NowMilliseconds + _options.BodyReadTimeoutMilliseconds;
            int received = 0;
            while (received < body.Length)
            {
                long remaining = deadline - _clock.NowMilliseconds;
                if (remaining <= 0)
                {
                    return HttpBodyRead.TimedOut;
                }

                int n = exchange.ReadBody(body, received, body.Length - received, (int)remaining);
                if (n == HttpBodyRead.TimedOut)
                {
                    return HttpBodyRead.TimedOut;
                }

                if (n <= 0 || n > body.Length - received)
                {
                    return received;
                }

                received += n;
            }

            return received;
        }

        private void Reject(IHttpExchange exchange, int status, string reason, string[] headers, byte[] body)
        {
            Log(LogLevel.Info, "rejected " + exchange.Method + " with " + status.ToString());
            exchange.Respond(status, reason, headers, body, 0, body.Length, true);
            Interlocked.Increment(ref _rejected);
        }

        private void CloseWithoutReply(IHttpExchange exchange, string why)
        {
            Log(LogLevel.Info, "closing connection without reply: " + why);
            exchange.Abort();
            Interlocked.Increment(ref _closedWithoutReply);
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, LogSource, message);
            }
        }
    }
}
