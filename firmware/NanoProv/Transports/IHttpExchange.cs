namespace NanoProv.Transports
{
    /// <summary>
    /// One HTTP request/response exchange as the web server of a platform hands it to
    /// <see cref="HttpTransport"/>. The server adapter (nanoFramework <c>HttpListener</c> on the device,
    /// the loopback socket server on the host) has already parsed the request line and the headers; the
    /// body is still unread. The transport reads the body through <see cref="ReadBody"/> and then ends the
    /// exchange with exactly one call of <see cref="Respond"/> or <see cref="Abort"/>.
    /// </summary>
    /// <remarks>
    /// Connection life cycle is the adapter's job: it keeps a connection open after a reply sent with
    /// <c>closeConnection = false</c> (and closes it when it idles longer than
    /// <see cref="HttpTransportOptions.KeepAliveIdleTimeoutMilliseconds"/>), closes it after a reply sent with
    /// <c>closeConnection = true</c> or after <see cref="Abort"/>, and calls
    /// <see cref="HttpTransport.ConnectionClosed"/> once when a connection ends for any reason.
    /// </remarks>
    public interface IHttpExchange
    {
        /// <summary>The request method exactly as sent, for example "POST".</summary>
        string Method { get; }

        /// <summary>The request target exactly as sent (path, possibly with a query), for example "/prov-config".</summary>
        string RawUrl { get; }

        /// <summary>The protocol version of the request line, "HTTP/1.1" or "HTTP/1.0".</summary>
        string HttpVersion { get; }

        /// <summary>
        /// The value of a request header (name compared case-insensitively), or null when absent. When the
        /// header occurs several times the values are joined with ", " (RFC 9110 field combination), so a
        /// repeated Content-Length shows up as an invalid value.
        /// </summary>
        string GetHeader(string name);

        /// <summary>A text that identifies this TCP connection uniquely for the life of the server.</summary>
        string ConnectionId { get; }

        /// <summary>The remote IP address as text (the peer identity used for session migration).</summary>
        string RemoteAddress { get; }

        /// <summary>
        /// Reads up to <paramref name="count"/> body bytes into buffer[offset..], waiting at most
        /// <paramref name="timeoutMilliseconds"/>. Returns the number of bytes read (&gt; 0),
        /// <see cref="HttpBodyRead.EndOfStream"/> when the peer closed the connection, or
        /// <see cref="HttpBodyRead.TimedOut"/> when nothing arrived in time. Never reads past the request body.
        /// </summary>
        int ReadBody(byte[] buffer, int offset, int count, int timeoutMilliseconds);

        /// <summary>
        /// Sends the response: status line, the given header lines, <c>Content-Length</c> (always, from
        /// <paramref name="count"/>), and the body bytes body[offset..offset+count). The adapter owns the
        /// <c>Connection</c> header: with <paramref name="closeConnection"/> it sends <c>Connection: close</c> and
        /// closes the connection after the body; otherwise it keeps the connection open for the next request.
        /// I/O errors are swallowed (the peer may be gone); the connection is then closed.
        /// </summary>
        /// <param name="statusCode">HTTP status code, for example 200.</param>
        /// <param name="reasonPhrase">Reason phrase, for example "OK".</param>
        /// <param name="headers">Extra header lines of the form "Name: value" (no CR/LF), or null.</param>
        /// <param name="body">Body bytes, or null for an empty body.</param>
        /// <param name="offset">Offset of the body in <paramref name="body"/>.</param>
        /// <param name="count">Number of body bytes.</param>
        /// <param name="closeConnection">Close the connection after this response.</param>
        void Respond(int statusCode, string reasonPhrase, string[] headers, byte[] body, int offset, int count, bool closeConnection);

        /// <summary>
        /// Ends the exchange without any response: the connection is closed (reset) and no byte of an HTTP
        /// response is written. This is what ESP-IDF's protocomm_httpd does on every protocol failure and what
        /// esp_prov and the phone apps expect (they report "connection lost").
        /// </summary>
        void Abort();
    }

    /// <summary>Special return values of <see cref="IHttpExchange.ReadBody"/>.</summary>
    public static class HttpBodyRead
    {
        /// <summary>The peer closed its side before the body was complete.</summary>
        public const int EndOfStream = 0;

        /// <summary>No byte arrived within the timeout.</summary>
        public const int TimedOut = -1;
    }
}
