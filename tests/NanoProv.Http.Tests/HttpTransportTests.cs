using System.Text;
using NanoProv.Protocomm;
using NanoProv.Transports;

namespace NanoProv.Http.Tests;

public class HttpTransportTests
{
    private readonly ManualClock _clock = new();
    private readonly FakeTarget _target = new();
    private readonly ListLog _log = new();

    private HttpTransport Transport(HttpTransportOptions options = null) => new(_target, options, _clock, _log);

    private FakeExchange Post(string url, byte[] body, string connection = "conn-1") => new(_clock, "POST", url, body, connection);

    private static byte[] Bytes(params byte[] b) => b;

    [Fact]
    public void Post_to_known_endpoint_returns_the_protocomm_reply_and_keeps_the_connection()
    {
        var ex = Post("/prov-config", Bytes(1, 2, 3));
        Transport().ProcessExchange(ex);

        Assert.Equal(200, ex.Status);
        Assert.Equal(new byte[] { 3, 2, 1 }, ex.ResponseBody);
        Assert.Equal("text/html", ex.ResponseHeader("Content-Type"));
        Assert.Null(ex.ResponseHeader("Set-Cookie"));
        Assert.False(ex.Closed);
        Assert.Equal(1, ex.Completions);
        var call = Assert.Single(_target.Calls);
        Assert.Equal("prov-config", call.Endpoint);
        Assert.Equal(new byte[] { 1, 2, 3 }, call.Body);
        Assert.Equal("conn-1", call.Origin.ConnectionId);
        Assert.Equal("192.168.4.2", call.Origin.PeerId);
        Assert.False(call.Origin.HasCookie);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1234567890u)]
    [InlineData(4294967295u)]
    public void Reply_that_created_the_session_carries_exactly_the_session_cookie(uint id)
    {
        _target.Reply = (ep, o, b) => Replies.Make(ProtocommStatus.Ok, b, id, true, 0);
        var ex = Post("/proto-ver", Encoding.ASCII.GetBytes("ESP"));
        Transport().ProcessExchange(ex);

        Assert.Equal(200, ex.Status);
        var cookies = ex.ResponseHeaders.Where(h => h.StartsWith("Set-Cookie:", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(new[] { "Set-Cookie: session=" + id }, cookies);
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("prov-config")]
    [InlineData("/prov-config/extra")]
    [InlineData("//prov-config")]
    public void Unknown_url_gets_404_and_closes_without_touching_protocomm(string url)
    {
        var ex = Post(url, Bytes(1));
        Transport().ProcessExchange(ex);

        Assert.Equal(404, ex.Status);
        Assert.True(ex.Closed);
        Assert.Empty(_target.Calls);
        Assert.Equal(0, ex.BodyBytesRead);
    }

    [Fact]
    public void Query_string_is_ignored_when_resolving_the_endpoint()
    {
        var ex = Post("/prov-scan?x=1", Bytes(9));
        Transport().ProcessExchange(ex);
        Assert.Equal(200, ex.Status);
        Assert.Equal("prov-scan", Assert.Single(_target.Calls).Endpoint);
    }

    [Fact]
    public void Custom_endpoints_registered_on_the_target_are_served()
    {
        _target.Endpoints.Add("custom-data");
        var ex = Post("/custom-data", Encoding.ASCII.GetBytes("hello"));
        Transport().ProcessExchange(ex);
        Assert.Equal(200, ex.Status);
        Assert.Equal("custom-data", Assert.Single(_target.Calls).Endpoint);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("HEAD")]
    [InlineData("post")]
    public void Other_methods_on_a_known_endpoint_get_405_with_allow_header(string method)
    {
        var ex = new FakeExchange(_clock, method, "/prov-session", Bytes(1));
        Transport().ProcessExchange(ex);

        Assert.Equal(405, ex.Status);
        Assert.Equal("POST", ex.ResponseHeader("Allow"));
        Assert.True(ex.Closed);
        Assert.Empty(_target.Calls);
    }

    [Fact]
    public void Get_on_unknown_url_is_404_not_405()
    {
        var ex = new FakeExchange(_clock, "GET", "/favicon.ico");
        Transport().ProcessExchange(ex);
        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public void Missing_content_length_gets_411()
    {
        var ex = Post("/prov-config", Bytes(1, 2)).WithoutHeader("Content-Length");
        Transport().ProcessExchange(ex);
        Assert.Equal(411, ex.Status);
        Assert.True(ex.Closed);
        Assert.Empty(_target.Calls);
    }

    [Fact]
    public void Chunked_body_gets_411()
    {
        var ex = Post("/prov-config", Bytes(1, 2)).WithoutHeader("Content-Length").Header("Transfer-Encoding", "chunked");
        Transport().ProcessExchange(ex);
        Assert.Equal(411, ex.Status);
        Assert.Empty(_target.Calls);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("5, 5")]
    [InlineData("0x10")]
    [InlineData("")]
    [InlineData("9999999999999")]
    public void Malformed_content_length_gets_400(string value)
    {
        var ex = Post("/prov-config", Bytes(1, 2)).Header("Content-Length", value);
        Transport().ProcessExchange(ex);
        Assert.Equal(400, ex.Status);
        Assert.True(ex.Closed);
        Assert.Empty(_target.Calls);
    }

    [Fact]
    public void Empty_body_gets_400_and_never_reaches_protocomm()
    {
        var ex = Post("/prov-session", Array.Empty<byte>());
        Transport().ProcessExchange(ex);
        Assert.Equal(400, ex.Status);
        Assert.True(ex.Closed);
        Assert.Empty(_target.Calls);
    }

    [Fact]
    public void Body_over_4096_bytes_gets_413_without_reading_it()
    {
        var ex = Post("/prov-config", new byte[4097]);
        Transport().ProcessExchange(ex);
        Assert.Equal(413, ex.Status);
        Assert.True(ex.Closed);
        Assert.Equal(0, ex.BodyBytesRead);
        Assert.Empty(_target.Calls);
    }

    [Fact]
    public void Body_of_exactly_4096_bytes_is_accepted()
    {
        var body = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
        var ex = Post("/prov-config", body);
        Transport().ProcessExchange(ex);
        Assert.Equal(200, ex.Status);
        Assert.Equal(body, Assert.Single(_target.Calls).Body);
    }

    [Fact]
    public void Max_body_size_is_configurable()
    {
        var ex = Post("/prov-config", new byte[101]);
        Transport(new HttpTransportOptions { MaxBodyBytes = 100 }).ProcessExchange(ex);
        Assert.Equal(413, ex.Status);
    }

    [Fact]
    public void Body_arriving_in_pieces_is_reassembled()
    {
        var ex = Post("/prov-config", new byte[6]).Steps(
            BodyStep.Bytes(Bytes(1, 2)), BodyStep.Stall(100), BodyStep.Bytes(Bytes(3)), BodyStep.Bytes(Bytes(4, 5, 6)));
        Transport().ProcessExchange(ex);
        Assert.Equal(200, ex.Status);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, Assert.Single(_target.Calls).Body);
    }

    [Fact]
    public void Body_that_never_arrives_gets_408_after_the_read_timeout()
    {
        var ex = Post("/prov-config", new byte[4]).Steps(BodyStep.Bytes(Bytes(1)), BodyStep.Stall(60_000));
        long start = _clock.NowMilliseconds;
        Transport(new HttpTransportOptions { BodyReadTimeoutMilliseconds = 5_000 }).ProcessExchange(ex);

        Assert.Equal(408, ex.Status);
        Assert.True(ex.Closed);
        Assert.Empty(_target.Calls);
        Assert.Equal(5_000, _clock.NowMilliseconds - start);
    }

    [Fact]
    public void A_dripping_client_is_cut_off_by_the_total_body_deadline()
    {
        // One byte every 3 s: every single read is within a per-read timeout, but the total exceeds 10 s.
        var steps = new List<BodyStep>();
        for (int i = 0; i < 10; i++) { steps.Add(BodyStep.Stall(3_000)); steps.Add(BodyStep.Bytes(Bytes((byte)i))); }
        var ex = Post("/prov-config", new byte[10]).Steps(steps.ToArray());
        Transport().ProcessExchange(ex);

        Assert.Equal(408, ex.Status);
        Assert.Empty(_target.Calls);
        Assert.All(ex.ReadTimeouts, t => Assert.InRange(t, 1, 10_000));
    }

    [Fact]
    public void Peer_closing_mid_body_closes_without_reply()
    {
        var ex = Post("/prov-config", new byte[4]).Steps(BodyStep.Bytes(Bytes(1, 2)), BodyStep.Eof());
        Transport().ProcessExchange(ex);
        Assert.True(ex.Aborted);
        Assert.Null(ex.Status);
        Assert.Empty(_target.Calls);
    }

    [Fact]
    public void Protocomm_failure_closes_the_connection_without_any_response()
    {
        _target.Reply = (ep, o, b) => Replies.Make(ProtocommStatus.Failed, null, 0u, false, 3);
        var ex = Post("/prov-session", Bytes(1, 2, 3));
        var transport = Transport();
        transport.ProcessExchange(ex);

        Assert.True(ex.Aborted);
        Assert.Null(ex.Status);
        Assert.Equal(1, ex.Completions);
        Assert.Single(_target.Calls);
        Assert.Equal(1, transport.ClosedWithoutReply);
        Assert.Equal(0, transport.RepliesSent);
    }

    [Fact]
    public void Null_reply_is_treated_as_failure()
    {
        _target.Reply = (ep, o, b) => null;
        var ex = Post("/prov-config", Bytes(1));
        Transport().ProcessExchange(ex);
        Assert.True(ex.Aborted);
    }

    [Fact]
    public void Unknown_endpoint_status_from_protocomm_gives_404()
    {
        _target.Reply = (ep, o, b) => Replies.Make(ProtocommStatus.UnknownEndpoint, null, 0u, false, 0);
        var ex = Post("/prov-config", Bytes(1));
        Transport().ProcessExchange(ex);
        Assert.Equal(404, ex.Status);
        Assert.True(ex.Closed);
    }

    [Fact]
    public void Exception_in_protocomm_gives_500_and_does_not_escape()
    {
        _target.Reply = (ep, o, b) => throw new InvalidOperationException("boom");
        var ex = Post("/prov-config", Bytes(1));
        var transport = Transport();
        transport.ProcessExchange(ex);
        Assert.Equal(500, ex.Status);
        Assert.True(ex.Closed);

        // The transport still works afterwards.
        _target.Reply = (ep, o, b) => Replies.Make(ProtocommStatus.Ok, b, 0u, false, 0);
        var next = Post("/prov-config", Bytes(5));
        transport.ProcessExchange(next);
        Assert.Equal(200, next.Status);
    }

    [Theory]
    [InlineData("session=123", true, 123u)]
    [InlineData("session=1234567890", true, 1234567890u)]
    [InlineData("a=b; session=42; c=d", true, 42u)]
    [InlineData("theme=dark;session=7", true, 7u)]
    [InlineData("  session = 9 ", true, 9u)]
    [InlineData("session=\"77\"", true, 77u)]
    [InlineData("session=4294967295", true, 4294967295u)]
    [InlineData("session=4294967296", false, 0u)]
    [InlineData("session=abc", false, 0u)]
    [InlineData("session=", false, 0u)]
    [InlineData("session=12x", false, 0u)]
    [InlineData("SESSION=5", false, 0u)]
    [InlineData("mysession=5", false, 0u)]
    [InlineData("sessionid=5", false, 0u)]
    [InlineData("x=1, session=11", true, 11u)]
    [InlineData("session=abc; session=12", true, 12u)]
    [InlineData("", false, 0u)]
    public void Cookie_header_is_parsed_leniently(string cookie, bool has, uint id)
    {
        var ex = Post("/prov-config", Bytes(1)).Header("Cookie", cookie);
        Transport().ProcessExchange(ex);
        var origin = Assert.Single(_target.Calls).Origin;
        Assert.Equal(has, origin.HasCookie);
        Assert.Equal(id, origin.CookieSessionId);
    }

    [Fact]
    public void Cookie_values_and_bodies_never_reach_the_log()
    {
        _target.Reply = (ep, o, b) => Replies.Make(ProtocommStatus.Failed, null, 0u, false, 0);
        var ex = Post("/prov-config", Encoding.ASCII.GetBytes("secret-passphrase")).Header("Cookie", "session=987654321");
        Transport().ProcessExchange(ex);
        Assert.NotEmpty(_log.Lines);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("987654321") || l.Contains("secret"));
    }

    [Fact]
    public void Connection_close_mode_closes_after_every_successful_reply()
    {
        var ex = Post("/prov-config", Bytes(1));
        Transport(new HttpTransportOptions { CloseAfterEveryReply = true }).ProcessExchange(ex);
        Assert.Equal(200, ex.Status);
        Assert.True(ex.Closed);
    }

    [Theory]
    [InlineData("HTTP/1.1", null, false)]
    [InlineData("HTTP/1.1", "keep-alive", false)]
    [InlineData("HTTP/1.1", "close", true)]
    [InlineData("HTTP/1.1", "Close", true)]
    [InlineData("HTTP/1.1", "TE, close", true)]
    [InlineData("HTTP/1.0", null, true)]
    [InlineData("HTTP/1.0", "Keep-Alive", false)]
    public void Keep_alive_follows_the_client(string version, string connection, bool expectClose)
    {
        var ex = Post("/prov-config", Bytes(1));
        ex.HttpVersion = version;
        if (connection != null) ex.Header("Connection", connection);
        Transport().ProcessExchange(ex);
        Assert.Equal(200, ex.Status);
        Assert.Equal(expectClose, ex.Closed);
    }

    [Fact]
    public void Connection_closed_is_forwarded_to_protocomm()
    {
        var transport = Transport();
        transport.ConnectionClosed("conn-9");
        transport.ConnectionClosed(null);
        Assert.Equal(new[] { "conn-9" }, _target.ClosedConnections);
    }

    [Fact]
    public void Keep_alive_idle_timeout_is_never_below_30_seconds()
    {
        Assert.Equal(30_000, new HttpTransportOptions { KeepAliveIdleTimeoutMilliseconds = 5_000 }.EffectiveKeepAliveIdleTimeout);
        Assert.Equal(60_000, new HttpTransportOptions().EffectiveKeepAliveIdleTimeout);
        Assert.Equal(120_000, new HttpTransportOptions { KeepAliveIdleTimeoutMilliseconds = 120_000 }.EffectiveKeepAliveIdleTimeout);
    }

    [Fact]
    public void Counters_track_outcomes()
    {
        var transport = Transport();
        transport.ProcessExchange(Post("/prov-config", Bytes(1)));
        transport.ProcessExchange(Post("/x", Bytes(1)));
        _target.Reply = (ep, o, b) => Replies.Make(ProtocommStatus.Failed, null, 0u, false, 0);
        transport.ProcessExchange(Post("/prov-config", Bytes(1)));
        Assert.Equal(1, transport.RepliesSent);
        Assert.Equal(1, transport.RequestsRejected);
        Assert.Equal(1, transport.ClosedWithoutReply);
    }

    [Fact]
    public void Protocomm_is_never_entered_concurrently()
    {
        var target = new ConcurrencyProbeTarget();
        var transport = new HttpTransport(target, null, new SystemClock(), null);
        var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            for (int n = 0; n < 50; n++)
            {
                var ex = new BlockingExchange("c" + i);
                transport.ProcessExchange(ex);
                Assert.Equal(200, ex.Status);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(400, target.Calls);
        Assert.Equal(1, target.MaxConcurrent);
    }

    [Fact]
    public void A_client_stuck_in_its_body_does_not_block_other_clients()
    {
        var target = new ConcurrencyProbeTarget();
        var transport = new HttpTransport(target, null, new SystemClock(), null);
        using var release = new ManualResetEventSlim();
        var slow = new BlockingExchange("slow") { Gate = release };
        var slowThread = new Thread(() => transport.ProcessExchange(slow));
        slowThread.Start();
        Assert.True(slow.Entered.Wait(5_000));

        var fast = new BlockingExchange("fast");
        var fastThread = new Thread(() => transport.ProcessExchange(fast));
        fastThread.Start();
        Assert.True(fastThread.Join(5_000), "a slow body read blocked another client");
        Assert.Equal(200, fast.Status);
        Assert.Null(slow.Status);

        release.Set();
        Assert.True(slowThread.Join(5_000));
        Assert.Equal(200, slow.Status);
    }

    private sealed class SystemClock : NanoProv.Platform.IClock
    {
        public long NowMilliseconds => Environment.TickCount64;
    }

    private sealed class ConcurrencyProbeTarget : IProtocommTarget
    {
        private int _inside;
        public int MaxConcurrent;
        public int Calls;
        public bool HasEndpoint(string name) => true;
        public ProtocommReply Handle(string endpointName, RequestOrigin origin, byte[] body, int offset, int count)
        {
            int now = Interlocked.Increment(ref _inside);
            if (now > MaxConcurrent) MaxConcurrent = now;
            Thread.SpinWait(2000);
            Interlocked.Increment(ref Calls);
            Interlocked.Decrement(ref _inside);
            return Replies.Make(ProtocommStatus.Ok, new byte[] { 1 }, 0u, false, 0);
        }
        public void ConnectionClosed(string connectionId) { }
    }

    private sealed class BlockingExchange : IHttpExchange
    {
        public BlockingExchange(string id) => ConnectionId = id;
        public string Method => "POST";
        public string RawUrl => "/prov-config";
        public string HttpVersion => "HTTP/1.1";
        public string ConnectionId { get; }
        public string RemoteAddress => "10.0.0.1";
        public int? Status;
        public string GetHeader(string name) => name == "Content-Length" ? "1" : null;
        public ManualResetEventSlim Gate;
        public readonly ManualResetEventSlim Entered = new();
        public int ReadBody(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            Entered.Set();
            Gate?.Wait();
            buffer[offset] = 1;
            return 1;
        }
        public void Respond(int statusCode, string reasonPhrase, string[] headers, byte[] body, int offset, int count, bool closeConnection) => Status = statusCode;
        public void Abort() => Status = -1;
    }
}
