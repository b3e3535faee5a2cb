using NanoProv.Transports;

namespace NanoProv.Benchmarks;

/// <summary>An in-memory HTTP exchange: the request is given, the response is captured (no sockets).</summary>
internal sealed class MemoryExchange : IHttpExchange
{
    private readonly byte[] _body;
    private readonly string _cookie;
    private int _read;

    public MemoryExchange(string endpoint, byte[] body, string cookie, string connectionId)
    {
        RawUrl = "/" + endpoint;
        _body = body;
        _cookie = cookie;
        ConnectionId = connectionId;
        _length = body.Length.ToString();
    }

    private readonly string _length;

    public string Method => "POST";
    public string RawUrl { get; }
    public string HttpVersion => "HTTP/1.1";
    public string ConnectionId { get; }
    public string RemoteAddress => "192.168.4.2";

    public int Status { get; private set; }
    public string SetCookie { get; private set; }
    public byte[] Reply { get; private set; }

    public string GetHeader(string name) =>
        string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase) ? _length :
        string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase) ? _cookie : null;

    public int ReadBody(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        int n = Math.Min(count, _body.Length - _read);
        Array.Copy(_body, _read, buffer, offset, n);
        _read += n;
        return n;
    }

    public void Respond(int statusCode, string reasonPhrase, string[] headers, byte[] body, int offset, int count, bool closeConnection)
    {
        Status = statusCode;
        Reply = body == null ? Array.Empty<byte>() : body.AsSpan(offset, count).ToArray();
        if (headers != null)
        {
            foreach (var h in headers)
            {
                if (h.StartsWith("Set-Cookie: ", StringComparison.Ordinal)) SetCookie = h.Substring(12);
            }
        }
    }

    public void Abort() => Status = -1;
}
