namespace NanoProv.Transports
{
    /// <summary>
    /// Settings of <see cref="HttpTransport"/> and of the server adapter that feeds it. The defaults suit
    /// both the device and the host simulator.
    /// </summary>
    public sealed class HttpTransportOptions
    {
        /// <summary>The smallest allowed keep-alive idle timeout (30 s): phone apps pause between steps.</summary>
        public const int MinimumKeepAliveIdleTimeoutMilliseconds = 30000;

        /// <summary>Creates options with the defaults.</summary>
        public HttpTransportOptions()
        {
            MaxBodyBytes = 4096;
            CloseAfterEveryReply = false;
            KeepAliveIdleTimeoutMilliseconds = 60000;
            BodyReadTimeoutMilliseconds = 10000;
            HeaderReadTimeoutMilliseconds = 10000;
            ResponseContentType = "text/html";
        }

        /// <summary>
        /// Largest accepted request body (default 4096, like ESP-IDF). Larger bodies get 413 and the
        /// connection is closed without reading them.
        /// </summary>
        public int MaxBodyBytes { get; set; }

        /// <summary>
        /// When true every reply carries <c>Connection: close</c> and the connection is closed after it (the
        /// nanoFramework HttpListener default, and the cheapest mode on a device: no thread per idle
        /// connection). When false (default) HTTP/1.1 connections stay open like ESP-IDF's server.
        /// </summary>
        public bool CloseAfterEveryReply { get; set; }

        /// <summary>
        /// How long an open connection may wait for its next request before the server adapter closes it
        /// (default 60 s; values below 30 s are raised to 30 s by <see cref="EffectiveKeepAliveIdleTimeout"/>).
        /// </summary>
        public int KeepAliveIdleTimeoutMilliseconds { get; set; }

        /// <summary>
        /// Total time allowed for receiving a whole request body once its headers arrived (default 10 s).
        /// A client that sends slower gets 408 and is disconnected; other connections are not affected.
        /// </summary>
        public int BodyReadTimeoutMilliseconds { get; set; }

        /// <summary>
        /// Total time the server adapter allows for the request line and headers once the first byte of a
        /// request arrived (default 10 s).
        /// </summary>
        public int HeaderReadTimeoutMilliseconds { get; set; }

        /// <summary>
        /// Content-Type of successful replies. Default "text/html", the esp_http_server default that ESP-IDF
        /// devices send; no client inspects it.
        /// </summary>
        public string ResponseContentType { get; set; }

        /// <summary>The keep-alive idle timeout actually applied: at least 30 s.</summary>
        public int EffectiveKeepAliveIdleTimeout
        {
            get
            {
                return KeepAliveIdleTimeoutMilliseconds < MinimumKeepAliveIdleTimeoutMilliseconds
                    ? MinimumKeepAliveIdleTimeoutMilliseconds
                    : KeepAliveIdleTimeoutMilliseconds;
            }
        }
    }
}
