using System;
using System.IO;
using System.Net;
using NanoProv.Transports;

namespace NanoProv.Nano
{
    /// <summary>
    /// One <c>HttpListenerContext</c> as an <see cref="IHttpExchange"/>. Created by <see cref="NanoHttpServer"/> after the
    /// request line and headers were parsed; always ends with exactly one <see cref="Respond"/> or <see cref="Abort"/>
    /// (the server calls <see cref="Abort"/> if the transport did neither).
    /// <list type="bullet">
    /// <item>Connection identity: the peer's <c>RemoteEndPoint</c> ("ip:port"), unique among open connections; every
    /// connection carries one request and is closed after it (HttpListener's default <c>Connection: Close</c>), and the
    /// server reports the close right after the reply.</item>
    /// <item>Headers: HttpListener has no cookie support; the raw <c>Cookie</c> header is handed to the transport, which
    /// parses <c>session=&lt;id&gt;</c> itself. Repeated headers arrive joined with "," by HttpListener.</item>
    /// <item>Body: read from <c>InputStream</c> with the socket receive timeout set to what the transport allows, never
    /// past Content-Length (Read may return fewer bytes than asked; the transport loops).</item>
    /// <item>Abort: HttpListener cannot close a connection without answering (Response.Close and Dispose both send the
    /// status line first), so the request stream, which owns the socket, is closed first; the later status line then
    /// fails on the closed socket and nothing reaches the client, which sees the connection drop as ESP-IDF devices do.</item>
    /// </list>
    /// </summary>
    public sealed class NanoHttpExchange : IHttpExchange
    {
        private readonly HttpListenerContext _context;
        private readonly HttpListenerRequest _request;
        private readonly string _connectionId;
        private readonly string _remoteAddress;
        private readonly string _httpVersion;
        private readonly long _contentLength;
        private long _bodyRead;
        private bool _finished;

        private NanoHttpExchange(HttpListenerContext context, HttpListenerRequest request, string connectionId, string remoteAddress)
        {
            _context = context;
            _request = request;
            _connectionId = connectionId;
            _remoteAddress = remoteAddress;
            Version version = request.ProtocolVersion;
            _httpVersion = version != null && version.Major == 1 && version.Minor == 0 ? "HTTP/1.0" : "HTTP/1.1";
            _contentLength = HttpRequestText.ParseContentLength(request.Headers["Content-Length"]);
        }

        /// <summary>
        /// Parses the request of <paramref name="context"/> (HttpListener does it on first access and throws for a bad
        /// request line, header or Content-Length). Returns null after closing the connection when the request is
        /// unusable or the peer is already gone. Known limitation: for a request HttpListener itself cannot parse, closing
        /// the context makes HttpListener send its own empty reply (status line and "Connection: Close"); there is no
        /// public API to drop such a connection silently, and re-reading the request to reach its stream could block.
        /// </summary>
        public static NanoHttpExchange TryCreate(HttpListenerContext context)
        {
            try
            {
                HttpListenerRequest request = context.Request;
                IPEndPoint remote = request.RemoteEndPoint;
                return new NanoHttpExchange(context, request, remote.ToString(), remote.Address.ToString());
            }
            catch (Exception)
            {
                CloseQuietly(context, null);
                return null;
            }
        }

        /// <summary>True once <see cref="Respond"/> or <see cref="Abort"/> ran.</summary>
        public bool Finished
        {
            get { return _finished; }
        }

        /// <inheritdoc />
        public string Method
        {
            get { return _request.HttpMethod; }
        }

        /// <inheritdoc />
        public string RawUrl
        {
            get { return _request.RawUrl; }
        }

        /// <inheritdoc />
        public string HttpVersion
        {
            get { return _httpVersion; }
        }

        /// <inheritdoc />
        public string ConnectionId
        {
            get { return _connectionId; }
        }

        /// <inheritdoc />
        public string RemoteAddress
        {
            get { return _remoteAddress; }
        }

        /// <inheritdoc />
        public string GetHeader(string name)
        {
            if (name == null)
            {
                return null;
            }

            return _request.Headers[name];
        }

        /// <inheritdoc />
        public int ReadBody(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (_finished || count <= 0)
            {
                return HttpBodyRead.EndOfStream;
            }

            if (_contentLength >= 0)
            {
                long left = _contentLength - _bodyRead;
                if (left <= 0)
                {
                    return HttpBodyRead.EndOfStream;
                }

                if (count > left)
                {
                    count = (int)left;
                }
            }

            long started = Environment.TickCount64;
            try
            {
                Stream input = _request.InputStream;
                input.ReadTimeout = timeoutMilliseconds > 0 ? timeoutMilliseconds : 1;
                int n = input.Read(buffer, offset, count);
                if (n <= 0)
                {
                    return HttpBodyRead.EndOfStream;
                }

                _bodyRead += n;
                return n;
            }
            catch (Exception)
            {
                // A receive timeout and a reset both surface as exceptions; elapsed time tells them apart.
                long elapsed = Environment.TickCount64 - started;
                return elapsed >= timeoutMilliseconds - 50 ? HttpBodyRead.TimedOut : HttpBodyRead.EndOfStream;
            }
        }

        /// <inheritdoc />
        public void Respond(int statusCode, string reasonPhrase, string[] headers, byte[] body, int offset, int count, bool closeConnection)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            try
            {
                HttpListenerResponse response = _context.Response;
                response.StatusCode = statusCode;
                if (reasonPhrase != null && reasonPhrase.Length > 0)
                {
                    response.StatusDescription = reasonPhrase;
                }

                // Always Connection: close. A kept-alive HttpListener connection costs a thread polling for up to
                // 10 minutes and the server could not observe its end; clients reconnect and keep their session by cookie.
                response.KeepAlive = false;
                if (headers != null)
                {
                    for (int i = 0; i < headers.Length; i++)
                    {
                        AddHeader(response, headers[i]);
                    }
                }

                int length = body == null ? 0 : count;
                response.ContentLength64 = length;
                if (length > 0)
                {
                    response.OutputStream.Write(body, offset, length);
                }

                response.Close();
            }
            catch (Exception)
            {
                // The peer may be gone; the connection is closed below either way.
            }

            CloseQuietly(_context, null);
        }

        /// <inheritdoc />
        public void Abort()
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            CloseQuietly(_context, _request);
        }

        private static void AddHeader(HttpListenerResponse response, string line)
        {
            if (line == null)
            {
                return;
            }

            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return;
            }

            string name = line.Substring(0, colon).Trim();
            string value = line.Substring(colon + 1).Trim();
            string lower = name.ToLower();
            if (lower == "content-type")
            {
                response.ContentType = value;
            }
            else if (lower == "content-length" || lower == "connection")
            {
                // Restricted on HttpListener; set through ContentLength64 / KeepAlive.
                return;
            }
            else
            {
                response.Headers.Add(name, value);
            }
        }

        private static void CloseQuietly(HttpListenerContext context, HttpListenerRequest request)
        {
            if (request != null)
            {
                try
                {
                    // Closes the NetworkStream that owns the socket: the connection drops without a response byte.
                    request.InputStream.Close();
                }
                catch (Exception)
                {
                    // already closed
                }
            }

            try
            {
                context.Close();
            }
            catch (Exception)
            {
                // HttpListenerContext.Close swallows its own errors; this guards older package versions.
            }
        }
    }
}
