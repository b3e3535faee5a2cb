using System;
using System.Net;
using System.Threading;
using NanoProv.Platform;
using NanoProv.Transports;

namespace NanoProv.Nano
{
    /// <summary>
    /// The SoftAP HTTP server on nanoFramework: <c>System.Net.HttpListener</c> in front of <see cref="HttpTransport"/>.
    /// <list type="bullet">
    /// <item>Listens on port 80 of every interface (0.0.0.0) by default, so it answers on the access point address
    /// (192.168.4.1) and, while the station is connected, on the station address too.</item>
    /// <item>A dispatcher thread takes contexts from <c>GetContext()</c>; each request runs on its own worker thread,
    /// at most <see cref="MaxConcurrentRequests"/> at a time (HttpListener parses headers on the worker and has no
    /// header timeout, so a stalled client only ties up its own worker). Further connections wait in HttpListener's
    /// queue until a worker is free.</item>
    /// <item>Every reply carries <c>Connection: close</c> and the connection is closed after it; the server then reports
    /// <see cref="HttpTransport.ConnectionClosed"/> for it, so a client that reconnects without a cookie still finds its
    /// session (protocomm's migration rule).</item>
    /// </list>
    /// Stop it before rebooting or when provisioning stops; <see cref="Start"/> may be called again afterwards.
    /// </summary>
    public sealed class NanoHttpServer
    {
        private const string LogSource = "httpd";

        private readonly object _sync = new object();
        private readonly HttpTransport _transport;
        private readonly ILog _log;
        private readonly int _port;
        private readonly IPAddress _bindAddress;
        private HttpListener _listener;
        private Thread _dispatcher;
        private bool _running;
        private int _active;
        private readonly AutoResetEvent _slotFree = new AutoResetEvent(false);

        /// <summary>Creates the server (nothing listens before <see cref="Start"/>).</summary>
        /// <param name="transport">The HTTP transport of the provisioning service.</param>
        /// <param name="port">TCP port (80 for the ESP apps and esp_prov).</param>
        /// <param name="bindAddress">Local address to bind, or null for all interfaces.</param>
        /// <param name="log">Log sink (may be null).</param>
        public NanoHttpServer(HttpTransport transport, int port, IPAddress bindAddress, ILog log)
        {
            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            if (port < 1 || port > 65535)
            {
                throw new ArgumentOutOfRangeException("port");
            }

            _transport = transport;
            _port = port;
            _bindAddress = bindAddress;
            _log = log;
            MaxConcurrentRequests = 3;
        }

        /// <summary>Requests processed at the same time (default 3; each costs a thread and a socket).</summary>
        public int MaxConcurrentRequests { get; set; }

        /// <summary>True between <see cref="Start"/> and <see cref="Stop"/>.</summary>
        public bool IsRunning
        {
            get
            {
                lock (_sync)
                {
                    return _running;
                }
            }
        }

        /// <summary>Binds the port and starts serving. Throws when the port cannot be bound.</summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_running)
                {
                    return;
                }

                HttpListener listener = new HttpListener("http", _port, _bindAddress == null ? IPAddress.Any : _bindAddress);
                listener.Start();
                _listener = listener;
                _running = true;
                _dispatcher = new Thread(Dispatch);
                _dispatcher.Start();
            }

            Log(LogLevel.Info, "listening on port " + _port.ToString());
        }

        /// <summary>Stops accepting connections; requests already being served finish on their own threads.</summary>
        public void Stop()
        {
            HttpListener listener;
            lock (_sync)
            {
                if (!_running)
                {
                    return;
                }

                _running = false;
                listener = _listener;
                _listener = null;
            }

            try
            {
                listener.Close(); // unblocks GetContext, which then returns null
            }
            catch (Exception ex)
            {
                Log(LogLevel.Warning, "closing the listener threw " + ex.GetType().Name);
            }

            Log(LogLevel.Info, "stopped");
        }

        private void Dispatch()
        {
            while (true)
            {
                HttpListener listener;
                lock (_sync)
                {
                    if (!_running)
                    {
                        return;
                    }

                    listener = _listener;
                }

                HttpListenerContext context;
                try
                {
                    context = listener.GetContext();
                }
                catch (Exception ex)
                {
                    if (IsRunning)
                    {
                        Log(LogLevel.Warning, "GetContext threw " + ex.GetType().Name);
                        Thread.Sleep(100);
                        continue;
                    }

                    return;
                }

                if (context == null)
                {
                    return; // listener stopped
                }

                // Back-pressure: wait for a free worker; HttpListener's accept thread keeps queueing connections.
                while (Interlocked.Increment(ref _active) > MaxConcurrentRequests)
                {
                    Interlocked.Decrement(ref _active);
                    _slotFree.WaitOne(1000, false);
                }

                RequestWorker worker = new RequestWorker(this, context);
                new Thread(worker.Run).Start();
            }
        }

        private void Serve(HttpListenerContext context)
        {
            NanoHttpExchange exchange = null;
            try
            {
                exchange = NanoHttpExchange.TryCreate(context);
                if (exchange == null)
                {
                    Log(LogLevel.Info, "unreadable request closed");
                    return;
                }

                _transport.ProcessExchange(exchange);
            }
            catch (Exception ex)
            {
                Log(LogLevel.Error, "request failed: " + ex.GetType().Name);
            }
            finally
            {
                if (exchange != null)
                {
                    if (!exchange.Finished)
                    {
                        exchange.Abort();
                    }

                    _transport.ConnectionClosed(exchange.ConnectionId);
                }

                Interlocked.Decrement(ref _active);
                _slotFree.Set();
            }
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, LogSource, message);
            }
        }

        private sealed class RequestWorker
        {
            private readonly NanoHttpServer _server;
            private readonly HttpListenerContext _context;

            public RequestWorker(NanoHttpServer server, HttpListenerContext context)
            {
                _server = server;
                _context = context;
            }

            public void Run()
            {
                _server.Serve(_context);
            }
        }
    }
}
