using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NanoProv.Client;

/// <summary>Options of <see cref="HttpProvTransport"/>.</summary>
public sealed class HttpTransportOptions
{
    /// <summary>
    /// Open a new TCP connection for every request (and send <c>Connection: close</c>), like clients without
    /// connection pooling. Default false: one persistent HTTP/1.1 connection, as esp_prov does.
    /// </summary>
    public bool NewConnectionPerRequest { get; init; }

    /// <summary>
    /// Copy the whole <c>Set-Cookie</c> value into a <c>Cookie</c> header on later requests (esp_prov and the
    /// phone apps do). Default true. Without cookies a device can only track the session by TCP connection.
    /// </summary>
    public bool UseCookies { get; init; } = true;

    /// <summary>Connect timeout and per-read timeout. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest reply body accepted. Default 1 MiB.</summary>
    public int MaxReplyBytes { get; init; } = 1 << 20;

    /// <summary>Receives one line per exchange (method, path, sizes, status, connection reuse). No bodies.</summary>
    public Action<string> Trace { get; init; }
}

/// <summary>
/// Protocomm over HTTP (SoftAP transport): every request is <c>POST /&lt;endpoint&gt;</c> with the raw body,
/// every reply a <c>200 OK</c> with the raw body. A device signals failures by closing the connection without a
/// reply; that surfaces as <see cref="DeviceClosedConnectionException"/>. Implemented directly on a socket so
/// connection reuse and headers are exactly under control (what esp_prov's http.client does by default).
/// </summary>
public sealed class HttpProvTransport : IProvTransport
{
    private readonly HostAddress _address;
    private readonly HttpTransportOptions _options;
    private Socket _socket;
    private NetworkStream _stream;
    private int _connectionNumber;

    /// <summary>Creates a transport for "host:port" (see <see cref="HostAddress.Parse"/>).</summary>
    public HttpProvTransport(string hostPort, HttpTransportOptions options = null)
        : this(HostAddress.Parse(hostPort), options)
    {
    }

    /// <summary>Creates a transport for an address.</summary>
    public HttpProvTransport(HostAddress address, HttpTransportOptions options = null)
    {
        _address = address ?? throw new ArgumentNullException(nameof(address));
        _options = options ?? new HttpTransportOptions();
    }

    /// <inheritdoc />
    public string Description => "http://" + _address;

    /// <summary>The device address.</summary>
    public HostAddress Address => _address;

    /// <summary>The value sent in the <c>Cookie</c> header (null before any <c>Set-Cookie</c> or without cookies).</summary>
    public string Cookie { get; private set; }

    /// <summary>Number of TCP connections opened so far.</summary>
    public int ConnectionsOpened => _connectionNumber;

    /// <summary>True while a TCP connection is open.</summary>
    public bool IsConnected => _socket != null;

    /// <summary>Forgets the cookie (the next request looks like a brand-new client).</summary>
    public void ClearCookie() => Cookie = null;

    /// <summary>Closes the current TCP connection; the next request opens a new one. The cookie is kept.</summary>
    public void CloseConnection()
    {
        try
        {
            _stream?.Dispose();
            _socket?.Dispose();
        }
        catch (ObjectDisposedException)
        {
        }
        _stream = null;
        _socket = null;
    }

    /// <inheritdoc />
    public void Dispose() => CloseConnection();

    /// <inheritdoc />
    public byte[] Send(string endpoint, byte[] body)
    {
        ValidateEndpoint(endpoint);
        if (body == null) throw new ArgumentNullException(nameof(body));

        bool reused = EnsureConnected();
        bool sentCookie = _options.UseCookies && Cookie != null;
        byte[] request = BuildRequest(endpoint, body);
        try
        {
            _stream.Write(request, 0, request.Length);
            _stream.Flush();
        }
        catch (Exception e) when (e is IOException || e is SocketException)
        {
            CloseConnection();
            if (!reused) throw MapSendError(endpoint, e);
            // The kept-alive connection went away while idle: the request never reached a handler. Retry once.
            reused = EnsureConnected();
            try
            {
                _stream.Write(request, 0, request.Length);
                _stream.Flush();
            }
            catch (Exception e2) when (e2 is IOException || e2 is SocketException)
            {
                CloseConnection();
                throw MapSendError(endpoint, e2);
            }
        }

        HttpReply reply;
        try
        {
            reply = ReadReply(endpoint);
        }
        catch
        {
            CloseConnection();
            throw;
        }

        if (reply.SetCookie != null && _options.UseCookies && reply.SetCookie.IndexOfAny(new[] { '\r', '\n' }) < 0)
            Cookie = reply.SetCookie.Trim();

        _options.Trace?.Invoke(
            $"POST /{endpoint} ({body.Length} bytes, connection #{_connectionNumber}{(reused ? "" : " new")}" +
            $"{(sentCookie ? ", with cookie" : "")}) -> {reply.Status} ({reply.Body.Length} bytes" +
            $"{(reply.SetCookie != null ? ", Set-Cookie: " + reply.SetCookie : "")}{(reply.Close ? ", connection closed" : "")})");

        if (reply.Close || _options.NewConnectionPerRequest) CloseConnection();

        if (reply.Status != 200)
        {
            CloseConnection();
            throw new ProvTransportException(StatusMessage(endpoint, reply.Status, reply.Reason), httpStatus: reply.Status);
        }
        return reply.Body;
    }

    private static void ValidateEndpoint(string endpoint)
    {
        if (string.IsNullOrEmpty(endpoint))
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "the endpoint name is empty");
        foreach (char c in endpoint)
        {
            if (c <= ' ' || c >= 0x7f || c == '/' || c == '?' || c == '#' || c == '%')
                throw new ProvClientException(ProvErrorKind.InvalidArgument,
                    $"invalid endpoint name '{endpoint}': use a plain name such as custom-data");
        }
    }

    private byte[] BuildRequest(string endpoint, byte[] body)
    {
        var sb = new StringBuilder();
        sb.Append("POST /").Append(endpoint).Append(" HTTP/1.1\r\n");
        sb.Append("Host: ").Append(_address).Append("\r\n");
        sb.Append("Content-Type: application/x-www-form-urlencoded\r\n");
        sb.Append("Accept: text/plain\r\n");
        sb.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        if (_options.UseCookies && Cookie != null) sb.Append("Cookie: ").Append(Cookie).Append("\r\n");
        if (_options.NewConnectionPerRequest) sb.Append("Connection: close\r\n");
        sb.Append("\r\n");
        byte[] head = Encoding.ASCII.GetBytes(sb.ToString());
        var all = new byte[head.Length + body.Length];
        Buffer.BlockCopy(head, 0, all, 0, head.Length);
        Buffer.BlockCopy(body, 0, all, head.Length, body.Length);
        return all;
    }

    /// <summary>Opens a connection when needed. Returns true when an existing connection is reused.</summary>
    private bool EnsureConnected()
    {
        if (_socket != null)
        {
            bool peerClosed;
            try
            {
                peerClosed = _socket.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                peerClosed = true;
            }
            if (!peerClosed) return true;
            // Readable while idle means the peer closed (or sent garbage): start over.
            CloseConnection();
        }
        Connect();
        return false;
    }

    private void Connect()
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(_address.Host, out var literal))
        {
            addresses = new[] { literal };
        }
        else
        {
            try
            {
                addresses = Dns.GetHostAddresses(_address.Host);
            }
            catch (SocketException e)
            {
                throw new ProvTransportException($"cannot resolve host '{_address.Host}': {e.Message}", e);
            }
        }
        if (addresses.Length == 0) throw new ProvTransportException($"host '{_address.Host}' has no address");

        Exception last = null;
        foreach (var ip in addresses)
        {
            var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var cts = new CancellationTokenSource(_options.Timeout);
                socket.ConnectAsync(new IPEndPoint(ip, _address.Port), cts.Token).AsTask().GetAwaiter().GetResult();
                int ms = (int)Math.Clamp(_options.Timeout.TotalMilliseconds, 1, int.MaxValue);
                socket.ReceiveTimeout = ms;
                socket.SendTimeout = ms;
                _socket = socket;
                _stream = new NetworkStream(socket, ownsSocket: true);
                _connectionNumber++;
                return;
            }
            catch (OperationCanceledException e)
            {
                socket.Dispose();
                last = new ProvTimeoutException(
                    $"connecting to {_address} timed out after {_options.Timeout.TotalSeconds:0.#} s: is this machine on the " +
                    "device's network (joined its SoftAP) and is --host right?", e);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = MapConnectError(e);
            }
        }
        throw last ?? new ProvTransportException($"cannot connect to {_address}");
    }

    private ProvClientException MapConnectError(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => new ProvTransportException(
            $"connection refused by {_address}: nothing is listening there. Is the device in provisioning mode " +
            "(or the simulator running), and are host and port right? (--host; esp_prov's default is 192.168.4.1:80)", e),
        SocketError.TimedOut => new ProvTimeoutException($"connecting to {_address} timed out", e),
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown => new ProvTransportException(
            $"{_address} is unreachable ({e.SocketErrorCode}): join the device's SoftAP first", e),
        _ => new ProvTransportException($"cannot connect to {_address}: {e.Message} ({e.SocketErrorCode})", e),
    };

    private ProvClientException MapSendError(string endpoint, Exception e)
    {
        if (IsTimeout(e)) return new ProvTimeoutException($"sending the request to /{endpoint} timed out", e);
        if (IsReset(e)) return new DeviceClosedConnectionException(endpoint, null, e);
        return new ProvTransportException($"sending the request to /{endpoint} failed: {e.Message}", e);
    }

    private static bool IsTimeout(Exception e) =>
        (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode == SocketError.TimedOut;

    private static bool IsReset(Exception e)
    {
        var code = (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode;
        return code == SocketError.ConnectionReset || code == SocketError.ConnectionAborted || code == SocketError.Shutdown;
    }

    private static string StatusMessage(string endpoint, int status, string reason) => status switch
    {
        404 => $"the device has no endpoint '{endpoint}' (HTTP 404 Not Found)",
        405 => $"the device refused POST /{endpoint} (HTTP 405 Method Not Allowed)",
        413 => $"the request to /{endpoint} is too large for the device (HTTP 413)",
        _ => $"the device answered HTTP {status} {reason} to POST /{endpoint} (expected 200)",
    };

    private sealed class HttpReply
    {
        public int Status;
        public string Reason = "";
        public string SetCookie;
        public bool Close;
        public byte[] Body = Array.Empty<byte>();
    }

    private HttpReply ReadReply(string endpoint)
    {
        var reader = new ReplyReader(_stream, endpoint, _options.Timeout);
        string statusLine = reader.ReadLine(firstLine: true);
        var reply = new HttpReply();
        // HTTP/1.1 200 OK
        string[] parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out reply.Status))
            throw new ProvProtocolException($"malformed HTTP status line from the device: '{Printable(statusLine)}'");
        reply.Reason = parts.Length > 2 ? parts[2] : "";
        bool http10 = parts[0] == "HTTP/1.0";

        long contentLength = -1;
        bool chunked = false;
        bool keepAlive = false;
        while (true)
        {
            string line = reader.ReadLine(firstLine: false);
            if (line.Length == 0) break;
            int colon = line.IndexOf(':');
            if (colon <= 0) throw new ProvProtocolException($"malformed HTTP header from the device: '{Printable(line)}'");
            string name = line.Substring(0, colon).Trim();
            string value = line.Substring(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out contentLength))
                    throw new ProvProtocolException($"malformed Content-Length '{Printable(value)}' in the device's reply");
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                if (value.Contains("close", StringComparison.OrdinalIgnoreCase)) reply.Close = true;
                if (value.Contains("keep-alive", StringComparison.OrdinalIgnoreCase)) keepAlive = true;
            }
            else if (name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                reply.SetCookie = value;
            }
        }
        if (http10 && !keepAlive) reply.Close = true;

        if (chunked)
        {
            reply.Body = reader.ReadChunked(_options.MaxReplyBytes);
        }
        else if (contentLength >= 0)
        {
            if (contentLength > _options.MaxReplyBytes)
                throw new ProvProtocolException($"the device's reply is {contentLength} bytes, more than the {_options.MaxReplyBytes} accepted");
            reply.Body = reader.ReadExact((int)contentLength);
        }
        else
        {
            reply.Body = reader.ReadToEnd(_options.MaxReplyBytes);
            reply.Close = true;
        }
        return reply;
    }

    private static string Printable(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 80 ? s.Substring(0, 80) : s) sb.Append(c >= ' ' && c < 0x7f ? c : '?');
        return sb.ToString();
    }

    /// <summary>Buffered reader over the socket stream that maps socket errors to client exceptions.</summary>
    private sealed class ReplyReader
    {
        private readonly Stream _stream;
        private readonly string _endpoint;
        private readonly TimeSpan _timeout;
        private readonly byte[] _buffer = new byte[4096];
        private int _pos;
        private int _len;
        private long _total;

        public ReplyReader(Stream stream, string endpoint, TimeSpan timeout)
        {
            _stream = stream;
            _endpoint = endpoint;
            _timeout = timeout;
        }

        private bool Fill()
        {
            int n;
            try
            {
                n = _stream.Read(_buffer, 0, _buffer.Length);
            }
            catch (Exception e) when (e is IOException || e is SocketException)
            {
                if (IsTimeout(e))
                    throw new ProvTimeoutException(
                        $"no reply from the device to /{_endpoint} within {_timeout.TotalSeconds:0.#} s (raise --timeout?)", e);
                if (IsReset(e) && _total == 0) throw new DeviceClosedConnectionException(_endpoint, null, e);
                throw new ProvTransportException($"the connection to the device broke while reading the reply to /{_endpoint}: {e.Message}", e);
            }
            _pos = 0;
            _len = n;
            _total += n;
            return n > 0;
        }

        private int ReadByte()
        {
            if (_pos == _len && !Fill()) return -1;
            return _buffer[_pos++];
        }

        public string ReadLine(bool firstLine)
        {
            var sb = new StringBuilder();
            while (true)
            {
                int b = ReadByte();
                if (b < 0)
                {
                    if (firstLine && _total == 0) throw new DeviceClosedConnectionException(_endpoint);
                    throw new ProvTransportException($"the device closed the connection in the middle of the reply to /{_endpoint}");
                }
                if (b == '\n')
                {
                    if (sb.Length > 0 && sb[sb.Length - 1] == '\r') sb.Length--;
                    return sb.ToString();
                }
                sb.Append((char)b);
                if (sb.Length > 8192) throw new ProvProtocolException("an HTTP header line from the device is too long");
            }
        }

        public byte[] ReadExact(int count)
        {
            var result = new byte[count];
            int done = 0;
            while (done < count)
            {
                if (_pos == _len && !Fill())
                    throw new ProvTransportException(
                        $"the device closed the connection after {done} of {count} reply bytes from /{_endpoint}");
                int n = Math.Min(count - done, _len - _pos);
                Buffer.BlockCopy(_buffer, _pos, result, done, n);
                _pos += n;
                done += n;
            }
            return result;
        }

        public byte[] ReadToEnd(int max)
        {
            var ms = new MemoryStream();
            while (true)
            {
                if (_pos == _len && !Fill()) return ms.ToArray();
                ms.Write(_buffer, _pos, _len - _pos);
                _pos = _len;
                if (ms.Length > max) throw new ProvProtocolException($"the device's reply is larger than {max} bytes");
            }
        }

        public byte[] ReadChunked(int max)
        {
            var ms = new MemoryStream();
            while (true)
            {
                string sizeLine = ReadLine(firstLine: false);
                int semi = sizeLine.IndexOf(';');
                if (semi >= 0) sizeLine = sizeLine.Substring(0, semi);
                if (!int.TryParse(sizeLine.Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int size) || size < 0)
                    throw new ProvProtocolException("malformed chunk size in the device's reply");
                if (size == 0)
                {
                    while (ReadLine(firstLine: false).Length > 0)
                    {
                    }
                    return ms.ToArray();
                }
                if (ms.Length + size > max) throw new ProvProtocolException($"the device's reply is larger than {max} bytes");
                ms.Write(ReadExact(size));
                ReadLine(firstLine: false);
            }
        }
    }
}
