using System.Net;
using System.Net.Sockets;
using System.Text;
using NanoProv.Platform;
using NanoProv.Transports;

namespace NanoProv.Host.Http;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 that plays the part of the device's web server for the simulator,
/// the end-to-end tests and the benchmark: one thread per connection, a bounded number of connections,
/// header/body/idle timeouts, keep-alive or close-after-every-reply (as <see cref="HttpTransport.Options"/>
/// says). Every request goes to <see cref="HttpTransport.ProcessExchange"/>; every closed connection is
/// reported through <see cref="HttpTransport.ConnectionClosed"/>.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private static readonly byte[] ServiceUnavailable =
        Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    private readonly List<HttpConnection> _connections = new();
    private readonly ILog _log;
    private TcpListener _listener;
    private Thread _acceptThread;
    private volatile bool _stopping;
    private long _accepted;
    private long _evicted;
    private long _refused;
    private long _requests;
    private long _requestAllocatedBytes;

    /// <summary>Creates a stopped server.</summary>
    public LoopbackHttpServer(HttpTransport transport, LoopbackHttpServerOptions options = null, ILog log = null)
    {
        Transport = transport ?? throw new ArgumentNullException(nameof(transport));
        Options = options ?? new LoopbackHttpServerOptions();
        if (Options.MaxConnections < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxConnections must be at least 1");
        if (Options.MaxHeaderBytes < 256) throw new ArgumentOutOfRangeException(nameof(options), "MaxHeaderBytes must be at least 256");
        _log = log;
    }

    /// <summary>The transport every request goes to.</summary>
    public HttpTransport Transport { get; }

    /// <summary>The settings.</summary>
    public LoopbackHttpServerOptions Options { get; }

    /// <summary>The port actually bound (useful with Port = 0).</summary>
    public int Port { get; private set; }

    /// <summary>Connections currently open.</summary>
    public int OpenConnections
    {
        get { lock (_connections) return _connections.Count; }
    }

    /// <summary>Connections accepted since start.</summary>
    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    /// <summary>Idle connections closed to make room for a new one.</summary>
    public long EvictedConnections => Interlocked.Read(ref _evicted);

    /// <summary>Connections refused with 503 because every slot was busy.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refused);

    /// <summary>Requests handed to the transport since start.</summary>
    public long RequestsProcessed => Interlocked.Read(ref _requests);

    /// <summary>
    /// Managed bytes allocated on the connection threads while the transport processed requests (body read,
    /// protocomm, endpoints, reply write); a benchmark figure for the device-side cost per request.
    /// </summary>
    public long RequestAllocatedBytes => Interlocked.Read(ref _requestAllocatedBytes);

    /// <summary>Binds 127.0.0.1:Port and starts accepting. Throws SocketException when the port is taken.</summary>
    public void Start()
    {
        if (_listener != null) throw new InvalidOperationException("already started");
        _listener = new TcpListener(IPAddress.Loopback, Options.Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(64);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "http-accept" };
        _acceptThread.Start();
        Log(LogLevel.Info, $"listening on http://127.0.0.1:{Port} ({(Transport.Options.CloseAfterEveryReply ? "Connection: close mode" : "keep-alive mode")})");
    }

    /// <summary>Stops accepting, closes every connection and waits for their threads.</summary>
    public void Stop()
    {
        if (_stopping || _listener == null) return;
        _stopping = true;
        try { _listener.Stop(); } catch (SocketException) { }
        _acceptThread?.Join(2_000);
        HttpConnection[] open;
        lock (_connections) open = _connections.ToArray();
        foreach (var c in open) c.RequestClose();
        foreach (var c in open) c.Thread?.Join(2_000);
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    internal void Log(LogLevel level, string message) => _log?.Write(level, "httpd", message);

    internal void RecordRequest(long allocatedBytes)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _requestAllocatedBytes, allocatedBytes);
    }

    internal void OnConnectionEnded(HttpConnection connection)
    {
        lock (_connections) _connections.Remove(connection);
        ReportClosed(connection);
    }

    /// <summary>
    /// Reports idle connections of <paramref name="remoteAddress"/> whose peer already closed them (their
    /// threads may not have woken up yet) before a request of the same peer is processed.
    /// </summary>
    internal void ReapClosedConnectionsOf(string remoteAddress, HttpConnection except)
    {
        List<HttpConnection> candidates = null;
        lock (_connections)
        {
            foreach (var c in _connections)
            {
                if (c != except && c.RemoteAddress == remoteAddress)
                {
                    (candidates ??= new List<HttpConnection>()).Add(c);
                }
            }
        }

        if (candidates == null) return;
        foreach (var c in candidates)
        {
            if (c.TryReapIfClosedByPeer()) ReportClosed(c);
        }
    }

    /// <summary>A connection's own thread saw the peer close while idle: report it before anything else happens.</summary>
    internal void ReportClosedNow(HttpConnection connection) => ReportClosed(connection);

    private void ReportClosed(HttpConnection connection)
    {
        if (!connection.ClaimCloseReport()) return;
        try
        {
            Transport.ConnectionClosed(connection.Id);
        }
        catch (Exception ex)
        {
            Log(LogLevel.Error, "ConnectionClosed failed: " + ex.GetType().Name);
        }

        Log(LogLevel.Debug, "closed " + connection.Id);
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket socket;
            try
            {
                socket = _listener.AcceptSocket();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                if (_stopping) return;
                continue;
            }

            try
            {
                Admit(socket);
            }
            catch (Exception ex)
            {
                Log(LogLevel.Error, "accept failed: " + ex.GetType().Name);
                socket.Dispose();
            }
        }
    }

    private void Admit(Socket socket)
    {
        socket.NoDelay = true;
        socket.SendTimeout = Options.SendTimeoutMilliseconds;
        long number = Interlocked.Increment(ref _accepted);
        HttpConnection connection;
        lock (_connections)
        {
            if (_connections.Count >= Options.MaxConnections && !EvictOldestIdle())
            {
                Interlocked.Increment(ref _refused);
                Log(LogLevel.Warning, "all connections busy; refusing a new one with 503");
                try { socket.Send(ServiceUnavailable); socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
                socket.Dispose();
                return;
            }

            connection = new HttpConnection(socket, this, number);
            _connections.Add(connection);
        }

        var thread = new Thread(connection.Run) { IsBackground = true, Name = "http-" + number };
        connection.Thread = thread;
        Log(LogLevel.Debug, "accepted " + connection.Id);
        thread.Start();
    }

    // Caller holds the _connections lock.
    private bool EvictOldestIdle()
    {
        HttpConnection oldest = null;
        foreach (var c in _connections)
        {
            if (c.IsIdle && (oldest == null || c.LastActivity < oldest.LastActivity)) oldest = c;
        }

        if (oldest == null || !oldest.TryEvict()) return false;
        _connections.Remove(oldest);
        Interlocked.Increment(ref _evicted);
        Log(LogLevel.Info, "closed idle " + oldest.Id + " to make room");
        return true;
    }
}
