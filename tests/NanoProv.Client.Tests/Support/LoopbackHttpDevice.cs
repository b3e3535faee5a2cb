using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace NanoProv.Client.Tests.Support;

/// <summary>
/// Serves a <see cref="FakeDevice"/> over real loopback HTTP the way esp_http_server + protocomm_httpd do:
/// POST /&lt;endpoint&gt;, 200 with the raw body, Set-Cookie: session=&lt;id&gt; on the reply that created the session,
/// session tracked by cookie or (without cookie) by the creating connection, failures = connection closed without
/// a reply, 404 for unknown endpoints.
/// </summary>
internal sealed class LoopbackHttpDevice : IDisposable
{
    public sealed record Request(int Connection, string Method, string Path, string Cookie, string ConnectionHeader, int Status, string SetCookie);

    private readonly FakeDevice _device;
    private readonly TcpListener _listener;
    private readonly Thread _acceptThread;
    private readonly object _lock = new();
    private readonly List<Socket> _sockets = new();
    private volatile bool _stopping;
    private readonly ManualResetEvent _stopped = new(false);
    private int _connections;
    private int _closedConnections;
    private uint _sessionId;
    private bool _hasSession;
    private int _sessionConnection = -1;
    private uint _nextId = 1234567890;

    public bool ConnectionClose;           // reply with Connection: close and close (nanoFramework HttpListener style)
    public bool CookieAttributes;          // Set-Cookie: session=N; Path=/  (lenient cookie parsing)
    public bool Chunked;                   // chunked replies
    public bool CloseSilentlyAfterReply;   // drop keep-alive connections right after each reply (idle expiry)
    public bool Stall;                     // accept requests but never answer
    public readonly List<Request> Requests = new();

    public LoopbackHttpDevice(FakeDevice device)
    {
        _device = device;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true };
        _acceptThread.Start();
    }

    public int Port { get; }
    public string Host => "127.0.0.1:" + Port;
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections this device has closed (after their socket was disposed).</summary>
    public int ClosedConnections => Volatile.Read(ref _closedConnections);

    /// <summary>Waits (bounded) until the device has closed every connection it accepted.</summary>
    public bool WaitUntilAllConnectionsClosed(TimeSpan timeout)
    {
        return SpinWait.SpinUntil(() => ClosedConnections >= Connections, timeout);
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket s;
            try
            {
                s = _listener.AcceptSocket();
            }
            catch (Exception) when (_stopping)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            int index = Interlocked.Increment(ref _connections);
            lock (_sockets) _sockets.Add(s);
            new Thread(() => Serve(s, index)) { IsBackground = true }.Start();
        }
    }

    private void Serve(Socket socket, int connection)
    {
        try
        {
            ServeConnection(socket, connection);
        }
        finally
        {
            Interlocked.Increment(ref _closedConnections);
        }
    }

    private void ServeConnection(Socket socket, int connection)
    {
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: true);
            while (!_stopping)
            {
                string requestLine = ReadLine(stream);
                if (requestLine == null) return;
                // Latched per request: a test that flips the switch after a reply arrived must not affect that
                // reply's connection retroactively.
                bool closeSilently = CloseSilentlyAfterReply;
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                string line;
                while (!string.IsNullOrEmpty(line = ReadLine(stream)))
                {
                    int c = line.IndexOf(':');
                    headers[line[..c].Trim()] = line[(c + 1)..].Trim();
                }
                if (line == null) return;
                int length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl) : 0;
                byte[] body = new byte[length];
                int got = 0;
                while (got < length)
                {
                    int n = stream.Read(body, got, length - got);
                    if (n <= 0) return;
                    got += n;
                }
                string[] parts = requestLine.Split(' ');
                string method = parts[0], path = parts[1];
                headers.TryGetValue("Cookie", out var cookie);
                headers.TryGetValue("Connection", out var connHeader);

                if (Stall)
                {
                    _stopped.WaitOne();
                    return;
                }
                if (method != "POST")
                {
                    Record(connection, method, path, cookie, connHeader, 405, null);
                    Write(stream, 405, "Method Not Allowed", Array.Empty<byte>(), null, close: true);
                    return;
                }

                byte[] reply;
                string setCookie = null;
                int status;
                lock (_lock)
                {
                    bool continuation;
                    var m = cookie == null ? null : Regex.Match(cookie, @"session=(\d+)");
                    if (cookie != null && (CookieAttributes ? m.Success : cookie.Length <= 19))
                    {
                        continuation = _hasSession && (CookieAttributes ? m.Groups[1].Value == _sessionId.ToString() : cookie == "session=" + _sessionId);
                        if (continuation) _sessionConnection = -1;
                    }
                    else
                    {
                        continuation = _hasSession && connection == _sessionConnection;
                    }
                    bool created = false;
                    if (!continuation)
                    {
                        _sessionId = _nextId++;
                        _hasSession = true;
                        _sessionConnection = connection;
                        _device.NewSession();
                        created = true;
                    }
                    try
                    {
                        reply = _device.Send(path.TrimStart('/'), body);
                        status = 200;
                        if (created) setCookie = "session=" + _sessionId + (CookieAttributes ? "; Path=/" : "");
                    }
                    catch (DeviceClosedConnectionException)
                    {
                        Record(connection, method, path, cookie, connHeader, 0, null);
                        return; // close without a reply
                    }
                    catch (ProvTransportException e) when (e.HttpStatus == 404)
                    {
                        reply = Encoding.ASCII.GetBytes("Nothing matches the given URI");
                        status = 404;
                    }
                }
                Record(connection, method, path, cookie, connHeader, status, setCookie);
                bool close = status != 200 || ConnectionClose || (connHeader?.Contains("close", StringComparison.OrdinalIgnoreCase) ?? false);
                Write(stream, status, status == 200 ? "OK" : "Not Found", reply, setCookie, close);
                if (close || closeSilently)
                {
                    // Graceful close (FIN after the reply), as a real server's idle expiry does; never a reset that
                    // could discard the reply still in flight.
                    socket.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Record(int connection, string method, string path, string cookie, string connHeader, int status, string setCookie)
    {
        lock (Requests) Requests.Add(new Request(connection, method, path, cookie, connHeader, status, setCookie));
    }

    private void Write(Stream stream, int status, string reason, byte[] body, string setCookie, bool close)
    {
        var sb = new StringBuilder();
        sb.Append($"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html\r\n");
        if (Chunked) sb.Append("Transfer-Encoding: chunked\r\n");
        else sb.Append($"Content-Length: {body.Length}\r\n");
        if (setCookie != null) sb.Append($"Set-Cookie: {setCookie}\r\n");
        if (close && ConnectionClose) sb.Append("Connection: close\r\n");
        sb.Append("\r\n");
        var ms = new MemoryStream();
        ms.Write(Encoding.ASCII.GetBytes(sb.ToString()));
        if (Chunked)
        {
            // two chunks to exercise the decoder
            int half = body.Length / 2;
            foreach (var part in new[] { body[..half], body[half..] })
            {
                if (part.Length == 0) continue;
                ms.Write(Encoding.ASCII.GetBytes($"{part.Length:x}\r\n"));
                ms.Write(part);
                ms.Write("\r\n"u8);
            }
            ms.Write("0\r\n\r\n"u8);
        }
        else
        {
            ms.Write(body);
        }
        stream.Write(ms.ToArray());
        stream.Flush();
    }

    private static string ReadLine(Stream s)
    {
        var sb = new StringBuilder();
        while (true)
        {
            int b = s.ReadByte();
            if (b < 0) return sb.Length == 0 ? null : sb.ToString();
            if (b == '\n') return sb.ToString().TrimEnd('\r');
            sb.Append((char)b);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _stopped.Set();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var s in _sockets)
            {
                try
                {
                    s.Dispose();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }
}
