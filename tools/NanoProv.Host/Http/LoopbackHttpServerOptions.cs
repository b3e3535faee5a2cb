namespace NanoProv.Host.Http;

/// <summary>Settings of <see cref="LoopbackHttpServer"/> (timeouts and the close mode come from the transport's options).</summary>
public sealed class LoopbackHttpServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free ephemeral port (see <see cref="LoopbackHttpServer.Port"/>).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>
    /// Most connections served at once (default 8). When full, the least recently active idle keep-alive
    /// connection is closed to make room (like esp_http_server's LRU purge); when every connection is in the
    /// middle of a request the newcomer gets 503 and is closed.
    /// </summary>
    public int MaxConnections { get; set; } = 8;

    /// <summary>Largest request line + header block accepted (default 8 KiB); larger gets 431 and a close.</summary>
    public int MaxHeaderBytes { get; set; } = 8192;

    /// <summary>How long a response write may block on a client that does not read (default 10 s).</summary>
    public int SendTimeoutMilliseconds { get; set; } = 10_000;
}
