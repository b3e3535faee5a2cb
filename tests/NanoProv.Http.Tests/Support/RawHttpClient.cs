using System.Net.Sockets;
using System.Text;

namespace NanoProv.TestSupport;

/// <summary>A parsed HTTP response, or Closed = true when the server closed without answering.</summary>
public sealed class RawResponse
{
    public bool Closed { get; init; }
    public int Status { get; init; }
    public string StatusLine { get; init; }
    public List<KeyValuePair<string, string>> Headers { get; init; } = new();
    public byte[] Body { get; init; } = Array.Empty<byte>();

    public string Header(string name) => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
    public IEnumerable<string> HeaderValues(string name) => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
    public override string ToString() => Closed ? "<closed without response>" : StatusLine;
}

/// <summary>
/// A byte-level HTTP/1.1 client over one TCP connection, for tests that must control exactly what goes on
/// the wire (malformed requests, pipelining, reconnects) and see exactly what comes back.
/// </summary>
public sealed class RawHttpClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Queue<byte> _pending = new();

    public RawHttpClient(int port, int timeoutMs = 10_000)
    {
        _tcp = new TcpClient { NoDelay = true };
        _tcp.Connect("127.0.0.1", port);
        _tcp.ReceiveTimeout = timeoutMs;
        _tcp.SendTimeout = timeoutMs;
        _stream = _tcp.GetStream();
    }

    public Socket Socket => _tcp.Client;

    public void SendRaw(byte[] bytes) => _stream.Write(bytes, 0, bytes.Length);
    public void SendRaw(string ascii) => SendRaw(Encoding.ASCII.GetBytes(ascii));

    /// <summary>Sends a POST with the usual esp_prov headers plus the given extra header lines.</summary>
    public void SendPost(string path, byte[] body, string cookie = null, params string[] extraHeaders)
    {
        var sb = new StringBuilder();
        sb.Append($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-type: application/x-www-form-urlencoded\r\nAccept: text/plain\r\n");
        sb.Append($"Content-Length: {body.Length}\r\n");
        if (cookie != null) sb.Append($"Cookie: {cookie}\r\n");
        foreach (var h in extraHeaders) sb.Append(h).Append("\r\n");
        sb.Append("\r\n");
        var head = Encoding.ASCII.GetBytes(sb.ToString());
        var all = new byte[head.Length + body.Length];
        head.CopyTo(all, 0);
        body.CopyTo(all, head.Length);
        SendRaw(all);
    }

    public RawResponse Post(string path, byte[] body, string cookie = null, params string[] extraHeaders)
    {
        SendPost(path, body, cookie, extraHeaders);
        return ReadResponse();
    }

    /// <summary>True when the server has closed the connection (reads end of stream or a reset).</summary>
    public bool IsClosedByServer(int waitMs = 5_000)
    {
        if (_pending.Count > 0) return false;
        try
        {
            _tcp.ReceiveTimeout = waitMs;
            var b = new byte[1];
            int n = _stream.Read(b, 0, 1);
            if (n > 0) { _pending.Enqueue(b[0]); return false; }
            return true;
        }
        catch (IOException ex) when (ex.InnerException is SocketException se && se.SocketErrorCode != SocketError.TimedOut && se.SocketErrorCode != SocketError.WouldBlock)
        {
            return true;
        }
        catch (IOException)
        {
            return false; // timed out: still open
        }
    }

    /// <summary>Reads one response; a 1xx interim response is returned as is.</summary>
    public RawResponse ReadResponse()
    {
        var headBytes = new List<byte>();
        while (true)
        {
            int b = ReadByte();
            if (b < 0)
            {
                if (headBytes.Count == 0) return new RawResponse { Closed = true };
                throw new IOException("connection closed inside a response head");
            }

            headBytes.Add((byte)b);
            int n = headBytes.Count;
            if (n >= 4 && headBytes[n - 4] == '\r' && headBytes[n - 3] == '\n' && headBytes[n - 2] == '\r' && headBytes[n - 1] == '\n') break;
        }

        var lines = Encoding.ASCII.GetString(headBytes.ToArray()).Split("\r\n");
        var statusLine = lines[0];
        int status = int.Parse(statusLine.Split(' ')[1]);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            int colon = line.IndexOf(':');
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        var response = new RawResponse { Status = status, StatusLine = statusLine, Headers = headers };
        var lengthText = response.Header("Content-Length");
        if (lengthText != null)
        {
            int length = int.Parse(lengthText);
            var body = new byte[length];
            for (int i = 0; i < length; i++)
            {
                int b = ReadByte();
                if (b < 0) throw new IOException("connection closed inside a response body");
                body[i] = (byte)b;
            }
            return new RawResponse { Status = status, StatusLine = statusLine, Headers = headers, Body = body };
        }

        return response;
    }

    private int ReadByte()
    {
        if (_pending.Count > 0)
        {
            return _pending.Dequeue();
        }

        var buffer = new byte[4096];
        int n;
        try
        {
            n = _stream.Read(buffer, 0, buffer.Length);
        }
        catch (IOException ex) when (ex.InnerException is SocketException se && se.SocketErrorCode == SocketError.ConnectionReset)
        {
            return -1;
        }

        if (n <= 0) return -1;
        for (int i = 1; i < n; i++) _pending.Enqueue(buffer[i]);
        return buffer[0];
    }

    public void Dispose() => _tcp.Dispose();
}
