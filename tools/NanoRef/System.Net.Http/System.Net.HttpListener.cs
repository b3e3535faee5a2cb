// NanoRef stub (signatures only) of the HTTP server types of assembly System.Net.Http
// (package nanoFramework.System.Net.Http.Server 1.5.x; the client+server package ships the same assembly name).
// Verified against nanoframework/System.Net.Http nanoFramework.System.Net.Http/Http/System.Net.{HttpListener,
// HttpListenerContext,HttpListenerRequest,HttpListenerResponse,WebHeaders}.cs and nanoframework-api.md.
// Behaviour the NanoHttpServer adapter relies on (read from those sources, not testable here):
//  * the request line and headers are parsed on the first access to Context.Request/Response; a bad request line,
//    header or a non-numeric Content-Length throws (ProtocolViolationException/WebException) from that getter;
//  * request header names compare case-insensitively; a repeated header is joined with "," (no space);
//  * Request.InputStream wraps the socket's NetworkStream (created with ownsSocket = true) and forwards ReadTimeout to
//    the socket; Read may return fewer bytes than asked; closing it closes the socket;
//  * Response.Close() and the explicit IDisposable.Dispose() both send the status line and headers if nothing was
//    written yet; KeepAlive defaults to false ("Connection: Close"); Content-Length is sent only when ContentLength64
//    was set; Content-Length/Connection are restricted headers (set them through the properties).
// Internal constructors mirror types user code cannot create. Left out: SslProtocols/HttpsCert (TLS types), Url (Uri),
// Credentials (NetworkCredential), HttpListenerContext.Close(int), HttpListenerResponse.HasStarted/ContentEncoding,
// HttpStatusCode, the client classes.

namespace System.Net
{
    using System.IO;

    public class HttpListener
    {
        public HttpListener(string prefix) { }
        public HttpListener(string prefix, int port, IPAddress localEndpointIP = null) { }
        public bool IsListening { get { throw null; } }
        public int MaximumResponseHeadersLength { get { throw null; } set { } }
        public void Abort() { }
        public void Start() { }
        public void Close() { }
        public void Stop() { }
        public HttpListenerContext GetContext() { throw null; }
    }

    public class HttpListenerContext
    {
        internal HttpListenerContext() { }
        public HttpListenerRequest Request { get { throw null; } }
        public HttpListenerResponse Response { get { throw null; } }
        public void Reset() { }
        public void Close() { }
    }

    public class HttpListenerRequest
    {
        internal HttpListenerRequest() { }
        public string HttpMethod { get { throw null; } }
        public string RawUrl { get { throw null; } }
        public string[] AcceptTypes { get { throw null; } }
        public long ContentLength64 { get { throw null; } }
        public string ContentType { get { throw null; } }
        public WebHeaderCollection Headers { get { throw null; } }
        public Stream InputStream { get { throw null; } }
        public bool IsAuthenticated { get { throw null; } }
        public bool KeepAlive { get { throw null; } }
        public IPEndPoint LocalEndPoint { get { throw null; } }
        public Version ProtocolVersion { get { throw null; } }
        public IPEndPoint RemoteEndPoint { get { throw null; } }
        public string UserAgent { get { throw null; } }
        public string UserHostAddress { get { throw null; } }
        public string UserHostName { get { throw null; } }
        public string[] UserLanguages { get { throw null; } }
        public void Reset() { }
    }

    public sealed class HttpListenerResponse : IDisposable
    {
        internal HttpListenerResponse() { }
        public int StatusCode { get { throw null; } set { } }
        public long ContentLength64 { get { throw null; } set { } }
        public WebHeaderCollection Headers { get { throw null; } set { } }
        public bool KeepAlive { get { throw null; } set { } }
        public Stream OutputStream { get { throw null; } }
        public Version ProtocolVersion { get { throw null; } set { } }
        public string RedirectLocation { get { throw null; } set { } }
        public bool SendChunked { get { throw null; } set { } }
        public string ContentType { get { throw null; } set { } }
        public string StatusDescription { get { throw null; } set { } }
        public void Detach() { }
        public void Close() { }
        void IDisposable.Dispose() { }
    }

    public class WebHeaderCollection
    {
        public WebHeaderCollection() { }
        public string this[string header] { get { throw null; } }
        public int Count { get { throw null; } }
        public string[] AllKeys { get { throw null; } }
        public void Add(string name, string value) { }
        public void Add(string header) { }
        public void Set(string name, string value) { }
        public void Remove(string name) { }
        public string[] GetValues(string header) { throw null; }
        public override string ToString() { throw null; }
        public byte[] ToByteArray() { throw null; }
        public static bool IsRestricted(string headerName) { throw null; }
    }
}
