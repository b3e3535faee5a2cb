using System.Text;
using NanoProv.Transports;

namespace NanoProv.Host.Http;

/// <summary>
/// <see cref="IHttpExchange"/> over one request of an <see cref="HttpConnection"/>: the head is already
/// parsed; the body is served from the connection's buffer and then from the socket, never past
/// Content-Length, so pipelined requests stay intact.
/// </summary>
internal sealed class SocketHttpExchange : IHttpExchange
{
    private static readonly byte[] Continue100 = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private readonly HttpConnection _connection;
    private readonly HttpRequestHead _head;
    private long _bodyRemaining;
    private bool _continueSent;

    public SocketHttpExchange(HttpConnection connection, HttpRequestHead head)
    {
        _connection = connection;
        _head = head;
        long length = HttpRequestText.ParseContentLength(head.Get("Content-Length"));
        _bodyRemaining = head.Get("Transfer-Encoding") == null && length > 0 ? length : 0;
        // A request with an unusable framing has an unknown body: the connection cannot be reused.
        BodyFramingKnown = head.Get("Transfer-Encoding") == null && (length >= 0 || head.Get("Content-Length") == null);
    }

    public string Method => _head.Method;
    public string RawUrl => _head.Target;
    public string HttpVersion => _head.Version;
    public string ConnectionId => _connection.Id;
    public string RemoteAddress => _connection.RemoteAddress;

    /// <summary>True once Respond or Abort was called.</summary>
    public bool Completed { get; private set; }

    /// <summary>True when the connection must close after this exchange.</summary>
    public bool CloseAfter { get; private set; }

    /// <summary>True when every body byte of this request has been consumed (the next request can follow).</summary>
    public bool BodyFullyRead => BodyFramingKnown && _bodyRemaining == 0;

    private bool BodyFramingKnown { get; }

    public string GetHeader(string name) => _head.Get(name);

    public int ReadBody(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (Completed) return HttpBodyRead.EndOfStream;
        int wanted = (int)Math.Min(count, _bodyRemaining);
        if (wanted <= 0) return HttpBodyRead.EndOfStream;

        if (_connection.Buffered > 0)
        {
            int taken = _connection.TakeBuffered(buffer, offset, wanted);
            _bodyRemaining -= taken;
            return taken;
        }

        if (!_continueSent && HttpRequestText.HasToken(_head.Get("Expect"), "100-continue"))
        {
            // curl and other clients wait for this interim response before sending large bodies.
            _continueSent = true;
            _connection.SendAll(Continue100, 0, Continue100.Length);
        }

        int n = _connection.Receive(buffer, offset, wanted, timeoutMilliseconds);
        if (n > 0)
        {
            _bodyRemaining -= n;
            return n;
        }

        return n == HttpBodyRead.TimedOut ? HttpBodyRead.TimedOut : HttpBodyRead.EndOfStream;
    }

    public void Respond(int statusCode, string reasonPhrase, string[] headers, byte[] body, int offset, int count, bool closeConnection)
    {
        if (Completed) throw new InvalidOperationException("the exchange already ended");
        Completed = true;
        CloseAfter = closeConnection;

        var head = new StringBuilder(160);
        head.Append(_head.Version == "HTTP/1.0" ? "HTTP/1.0 " : "HTTP/1.1 ").Append(statusCode).Append(' ').Append(reasonPhrase).Append("\r\n");
        if (headers != null)
        {
            foreach (var h in headers)
            {
                if (h.IndexOf('\r') >= 0 || h.IndexOf('\n') >= 0) throw new ArgumentException("header line contains CR/LF");
                head.Append(h).Append("\r\n");
            }
        }

        head.Append("Content-Length: ").Append(count).Append("\r\n");
        if (closeConnection)
        {
            head.Append("Connection: close\r\n");
        }
        else if (_head.Version == "HTTP/1.0")
        {
            head.Append("Connection: keep-alive\r\n");
        }

        head.Append("\r\n");

        int headLength = Encoding.ASCII.GetByteCount(head.ToString());
        var packet = new byte[headLength + count];
        Encoding.ASCII.GetBytes(head.ToString(), 0, head.Length, packet, 0);
        if (count > 0) Array.Copy(body, offset, packet, headLength, count);
        _connection.MarkReplied();
        if (!_connection.SendAll(packet, 0, packet.Length)) CloseAfter = true;
    }

    public void Abort()
    {
        if (Completed) throw new InvalidOperationException("the exchange already ended");
        Completed = true;
        CloseAfter = true;
        _connection.MarkReplied();
    }
}
