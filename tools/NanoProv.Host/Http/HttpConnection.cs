using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NanoProv.Platform;

namespace NanoProv.Host.Http;

/// <summary>
/// One accepted TCP connection, served by its own thread: reads request heads with timeouts, hands each
/// request to the transport as a <see cref="SocketHttpExchange"/>, keeps the connection open between
/// requests (up to the keep-alive idle timeout) or closes it as the transport decides.
/// </summary>
internal sealed class HttpConnection
{
    private const int StateIdle = 0;
    private const int StateBusy = 1;
    private const int StateEvicted = 2;
    private const int StateChecking = 3;
    private const int PollSliceMilliseconds = 200;
    private const int LingerMilliseconds = 500;

    private static readonly byte[] HeadTerminator = "\r\n\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly LoopbackHttpServer _server;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private int _state = StateIdle;
    private int _closeReported;
    private volatile bool _closing;
    private volatile bool _replied;

    public HttpConnection(Socket socket, LoopbackHttpServer server, long number)
    {
        _socket = socket;
        _server = server;
        var remote = (IPEndPoint)socket.RemoteEndPoint;
        RemoteAddress = remote.Address.ToString();
        Id = $"tcp-{number}@{remote}";
        _buffer = new byte[server.Options.MaxHeaderBytes + 1024];
        LastActivity = Stopwatch.GetTimestamp();
    }

    /// <summary>Unique id of this connection (the protocomm connection id).</summary>
    public string Id { get; }

    /// <summary>Remote IP address (the protocomm peer id).</summary>
    public string RemoteAddress { get; }

    /// <summary>Stopwatch timestamp of the last request or connect.</summary>
    public long LastActivity { get; private set; }

    /// <summary>True while the connection waits for its next request.</summary>
    public bool IsIdle => Volatile.Read(ref _state) == StateIdle;

    internal Thread Thread { get; set; }

    internal LoopbackHttpServer Server => _server;

    /// <summary>Closes the connection if it is idle (atomically, so a request that just started is never cut).</summary>
    public bool TryEvict()
    {
        if (Interlocked.CompareExchange(ref _state, StateEvicted, StateIdle) != StateIdle) return false;
        RequestClose();
        return true;
    }

    /// <summary>
    /// Called from another connection's thread: when this connection is idle (or has just replied and is about to
    /// be idle or closed) and its peer has already closed it, marks it closed and returns true (the caller then
    /// reports the close). While it checks, the connection is in a Checking state its own thread respects, so no
    /// byte can be consumed between the readability test and the "nothing to read" test.
    /// </summary>
    public bool TryReapIfClosedByPeer()
    {
        // A connection that has just replied goes idle (keep-alive) or reports its own close within microseconds,
        // and one whose thread is already closing it reports at once: wait for either instead of missing it.
        long until = Environment.TickCount64 + 100;
        while (Volatile.Read(ref _closeReported) == 0)
        {
            int state = Volatile.Read(ref _state);
            if (state == StateIdle)
            {
                if (Interlocked.CompareExchange(ref _state, StateChecking, StateIdle) != StateIdle) continue;
                bool closed = IsClosedByPeerUnsafe();
                Volatile.Write(ref _state, closed ? StateEvicted : StateIdle);
                return closed;
            }

            bool settling = state == StateEvicted || state == StateChecking || (state == StateBusy && _replied);
            if (!settling || Environment.TickCount64 > until) return false;
            Thread.Yield();
        }

        return false;
    }

    /// <summary>Readable with nothing to read = end of stream or error. Only valid while nobody else reads.</summary>
    private bool IsClosedByPeerUnsafe()
    {
        try
        {
            return _start == _end && _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Called by the exchange just before its reply (or abort) goes out.</summary>
    internal void MarkReplied() => _replied = true;

    /// <summary>Returns true exactly once: the caller then reports the close to the transport.</summary>
    public bool ClaimCloseReport() => Interlocked.Exchange(ref _closeReported, 1) == 0;

    /// <summary>Asks the connection thread to end (server stop or eviction).</summary>
    public void RequestClose()
    {
        _closing = true;
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception) { /* already gone */ }
    }

    /// <summary>The connection thread's body.</summary>
    public void Run()
    {
        var transportOptions = _server.Transport.Options;
        bool first = true;
        try
        {
            while (!_closing)
            {
                int firstByteWait = first ? transportOptions.HeaderReadTimeoutMilliseconds : transportOptions.EffectiveKeepAliveIdleTimeout;
                var head = ReadHead(firstByteWait, transportOptions.HeaderReadTimeoutMilliseconds, out int errorStatus);
                if (head == null)
                {
                    if (errorStatus != 0) SendError(errorStatus);
                    break;
                }

                first = false;
                LastActivity = Stopwatch.GetTimestamp();
                if (head.Get("Cookie") == null)
                {
                    // A cookie-less client that hops to a new connection can only be matched to its session
                    // (protocomm migration) once its previous connection is known to be closed. The client
                    // closed it before opening this one, but that connection's own thread may not have
                    // noticed yet; settle it now so the outcome does not depend on thread scheduling.
                    _server.ReapClosedConnectionsOf(RemoteAddress, this);
                }

                var exchange = new SocketHttpExchange(this, head);
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                _server.Transport.ProcessExchange(exchange);
                _server.RecordRequest(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
                LastActivity = Stopwatch.GetTimestamp();
                if (!exchange.Completed)
                {
                    _server.Log(LogLevel.Error, "transport left an exchange open on " + Id);
                    break;
                }

                if (exchange.CloseAfter || !exchange.BodyFullyRead) break;
                Volatile.Write(ref _state, StateIdle);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The peer went away; nothing to answer.
        }
        catch (Exception ex)
        {
            _server.Log(LogLevel.Error, $"connection {Id} failed: {ex.GetType().Name}");
        }
        finally
        {
            // Report first: the peer may already be opening its next connection; the lingering close below can
            // take up to half a second.
            _server.OnConnectionEnded(this);
            CloseSocket();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="firstByteWait"/> for the start of a request, then up to
    /// <paramref name="headTimeout"/> for the complete head. Returns null at end of stream, on a timeout
    /// (errorStatus 0 when idle, 408 mid-head) or when the head is invalid (400/431/505).
    /// </summary>
    private HttpRequestHead ReadHead(int firstByteWait, int headTimeout, out int errorStatus)
    {
        errorStatus = 0;
        long headDeadline = 0;
        while (true)
        {
            // RFC 9112 §2.2: ignore empty lines before the request line.
            while (_start < _end && (_buffer[_start] == '\r' || _buffer[_start] == '\n')) _start++;

            if (headDeadline == 0)
            {
                if (_start == _end)
                {
                    // Idle: wait for the next request without consuming anything until this thread owns the
                    // connection again (an eviction or a reaper check may hold it meanwhile).
                    int ready = WaitForRequestStart(firstByteWait);
                    if (ready <= 0) return null;
                }
                else if (!ClaimBusy())
                {
                    return null;
                }

                _replied = false;
                headDeadline = Environment.TickCount64 + headTimeout;
            }

            if (_start < _end)
            {
                int at = _buffer.AsSpan(_start, _end - _start).IndexOf(HeadTerminator);
                if (at >= 0)
                {
                    int headLength = at + HeadTerminator.Length;
                    if (headLength > _server.Options.MaxHeaderBytes)
                    {
                        errorStatus = 431;
                        return null;
                    }

                    var copy = new byte[headLength];
                    Array.Copy(_buffer, _start, copy, 0, headLength);
                    _start += headLength;
                    var head = HttpRequestHead.Parse(copy, headLength, out errorStatus);
                    return head;
                }

                if (_end - _start >= _server.Options.MaxHeaderBytes)
                {
                    errorStatus = 431;
                    return null;
                }
            }

            Compact();
            int wait = (int)Math.Max(0, headDeadline - Environment.TickCount64);
            int n = Receive(_buffer, _end, _buffer.Length - _end, wait);
            if (n > 0)
            {
                _end += n;
                continue;
            }

            if (n == HttpBodyReadTimedOut) errorStatus = 408;
            return null;
        }
    }

    /// <summary>Idle → Busy; waits out a reaper check; false when the connection was evicted or reaped.</summary>
    private bool ClaimBusy()
    {
        while (true)
        {
            int previous = Interlocked.CompareExchange(ref _state, StateBusy, StateIdle);
            if (previous == StateIdle || previous == StateBusy) return true;
            if (previous == StateEvicted) return false;
            Thread.Yield(); // StateChecking: a reaper looks at the socket for a moment
        }
    }

    /// <summary>
    /// Waits until the socket is readable (data, end of stream or error) and claims the connection.
    /// Returns 1 when claimed, 0 on timeout, -1 when evicted, reaped or closing.
    /// </summary>
    private int WaitForRequestStart(int timeoutMilliseconds)
    {
        long deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!_closing)
        {
            long remaining = deadline - Environment.TickCount64;
            if (remaining <= 0) return 0;
            bool readable;
            try
            {
                readable = _socket.Poll((int)Math.Min(remaining, PollSliceMilliseconds) * 1000, SelectMode.SelectRead);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return -1;
            }

            if (Volatile.Read(ref _state) == StateEvicted) return -1;
            if (!readable) continue;

            // End of stream while idle: report the close right away (the peer may already be sending its next
            // request on a new connection), without a window in which this connection looks busy.
            int previous = Interlocked.CompareExchange(ref _state, StateChecking, StateIdle);
            if (previous == StateChecking)
            {
                Thread.Yield();
                continue;
            }

            if (previous != StateIdle) return -1;
            if (IsClosedByPeerUnsafe())
            {
                Volatile.Write(ref _state, StateEvicted);
                _server.ReportClosedNow(this);
                return -1;
            }

            Volatile.Write(ref _state, StateBusy);
            return 1;
        }

        return -1;
    }

    private const int HttpBodyReadTimedOut = NanoProv.Transports.HttpBodyRead.TimedOut;
    private const int Gone = -2;

    /// <summary>Number of request bytes buffered beyond the head (body or pipelined requests).</summary>
    internal int Buffered => _end - _start;

    /// <summary>Takes up to count buffered bytes.</summary>
    internal int TakeBuffered(byte[] target, int offset, int count)
    {
        int n = Math.Min(count, _end - _start);
        Array.Copy(_buffer, _start, target, offset, n);
        _start += n;
        return n;
    }

    /// <summary>
    /// Receives up to count bytes, waiting at most timeout ms in short slices so a stop or eviction is seen
    /// promptly. Returns &gt; 0 bytes, 0 at end of stream, TimedOut (-1), or -2 when closing or on an error.
    /// </summary>
    internal int Receive(byte[] target, int offset, int count, int timeoutMilliseconds)
    {
        if (count <= 0) return Gone;
        long deadline = Environment.TickCount64 + timeoutMilliseconds;
        while (!_closing)
        {
            long remaining = deadline - Environment.TickCount64;
            if (remaining <= 0) return HttpBodyReadTimedOut;
            int slice = (int)Math.Min(remaining, PollSliceMilliseconds);
            try
            {
                if (!_socket.Poll(slice * 1000, SelectMode.SelectRead)) continue;
                int n = _socket.Receive(target, offset, count, SocketFlags.None, out SocketError error);
                if (error != SocketError.Success) return Gone;
                return n;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return Gone;
            }
        }

        return Gone;
    }

    /// <summary>Writes all bytes; false when the peer is gone or does not read within the send timeout.</summary>
    internal bool SendAll(byte[] data, int offset, int count)
    {
        try
        {
            while (count > 0)
            {
                int n = _socket.Send(data, offset, count, SocketFlags.None);
                if (n <= 0) return false;
                offset += n;
                count -= n;
            }

            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    private void SendError(int status)
    {
        string reason = status switch
        {
            400 => "Bad Request",
            408 => "Request Timeout",
            431 => "Request Header Fields Too Large",
            505 => "HTTP Version Not Supported",
            _ => "Error",
        };
        _server.Log(LogLevel.Info, $"rejected a request head on {Id} with {status}");
        var bytes = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        SendAll(bytes, 0, bytes.Length);
    }

    private void Compact()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0 && _end == _buffer.Length)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
    }

    /// <summary>
    /// Lingering close: send FIN, then read and discard what the client still sends for a short while, so
    /// an error response is not destroyed by a TCP reset caused by unread request bytes.
    /// </summary>
    private void CloseSocket()
    {
        try
        {
            if (!_closing)
            {
                _socket.Shutdown(SocketShutdown.Send);
                var sink = new byte[1024];
                long deadline = Environment.TickCount64 + LingerMilliseconds;
                int drained = 0;
                while (drained < 65536)
                {
                    long remaining = deadline - Environment.TickCount64;
                    if (remaining <= 0 || !_socket.Poll((int)remaining * 1000, SelectMode.SelectRead)) break;
                    int n = _socket.Receive(sink, 0, sink.Length, SocketFlags.None, out SocketError error);
                    if (n <= 0 || error != SocketError.Success) break;
                    drained += n;
                }
            }
        }
        catch (Exception)
        {
            // Closing anyway.
        }
        finally
        {
            _socket.Dispose();
        }
    }
}
