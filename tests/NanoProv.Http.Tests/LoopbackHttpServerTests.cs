using System.Net.Sockets;
using System.Text;
using NanoProv.Host.Http;
using NanoProv.Protocomm;
using NanoProv.TestSupport;
using NanoProv.Transports;

namespace NanoProv.Http.Tests;

/// <summary>The loopback server adapter over real sockets, with the fake protocomm target.</summary>
public sealed class LoopbackHttpServerTests : IDisposable
{
    private readonly FakeTarget _target = new();
    private readonly ListLog _log = new();
    private LoopbackHttpServer _server;

    private LoopbackHttpServer Start(HttpTransportOptions transportOptions = null, LoopbackHttpServerOptions serverOptions = null)
    {
        var transport = new HttpTransport(_target, transportOptions, new TickClock(), _log);
        serverOptions ??= new LoopbackHttpServerOptions();
        serverOptions.Port = 0;
        _server = new LoopbackHttpServer(transport, serverOptions, _log);
        _server.Start();
        return _server;
    }

    public void Dispose() => _server?.Stop();

    private static byte[] B(params byte[] b) => b;

    private static void WaitUntil(Func<bool> condition, string what, int ms = 5_000)
    {
        var until = Environment.TickCount64 + ms;
        while (!condition())
        {
            if (Environment.TickCount64 > until) throw new Xunit.Sdk.XunitException("timed out waiting for " + what);
            Thread.Sleep(10);
        }
    }

    [Fact]
    public void Binds_only_the_loopback_address()
    {
        var server = Start();
        Assert.NotEqual(0, server.Port);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Connect("127.0.0.1", server.Port);
        Assert.Equal("127.0.0.1", ((System.Net.IPEndPoint)probe.RemoteEndPoint).Address.ToString());
    }

    [Fact]
    public void Keep_alive_serves_several_requests_on_one_connection_with_one_connection_id()
    {
        var server = Start();
        using var client = new RawHttpClient(server.Port);
        var first = client.Post("/prov-config", B(1, 2));
        var second = client.Post("/prov-scan", B(3));

        Assert.Equal(200, first.Status);
        Assert.Equal(new byte[] { 2, 1 }, first.Body);
        Assert.Equal("text/html", first.Header("Content-Type"));
        Assert.Null(first.Header("Connection"));
        Assert.Equal(200, second.Status);
        Assert.Equal(2, _target.Calls.Count);
        Assert.Equal(_target.Calls[0].Origin.ConnectionId, _target.Calls[1].Origin.ConnectionId);
        Assert.Equal("127.0.0.1", _target.Calls[0].Origin.PeerId);
        Assert.False(client.IsClosedByServer(300));
    }

    [Fact]
    public void Each_connection_gets_its_own_id_and_its_close_is_reported()
    {
        var server = Start();
        string firstId;
        using (var a = new RawHttpClient(server.Port))
        {
            Assert.Equal(200, a.Post("/prov-config", B(1)).Status);
            firstId = _target.Calls[0].Origin.ConnectionId;
        }

        WaitUntil(() => _target.ClosedConnections.Contains(firstId), "ConnectionClosed of the first connection");
        using var b = new RawHttpClient(server.Port);
        Assert.Equal(200, b.Post("/prov-config", B(1)).Status);
        Assert.NotEqual(firstId, _target.Calls[1].Origin.ConnectionId);
        Assert.Equal(1, _target.ClosedConnections.Count(c => c == firstId));
        WaitUntil(() => server.OpenConnections == 1, "one open connection");
    }

    [Fact]
    public void A_cookieless_request_on_a_new_connection_is_processed_after_the_previous_close_of_that_peer_is_reported()
    {
        var server = Start();
        var seenClosedBefore = new List<bool>();
        string previous = null;
        _target.Reply = (ep, o, b) =>
        {
            if (previous != null) seenClosedBefore.Add(_target.ClosedConnections.Contains(previous));
            previous = o.ConnectionId;
            return Replies.Make(ProtocommStatus.Ok, b, 1, false, 0);
        };

        for (int i = 0; i < 40; i++)
        {
            using var client = new RawHttpClient(server.Port);
            Assert.Equal(200, client.Post("/prov-config", B((byte)i)).Status);
        }

        Assert.Equal(39, seenClosedBefore.Count);
        Assert.All(seenClosedBefore, Assert.True);
        WaitUntil(() => _target.ClosedConnections.Count == 40, "every close reported");
        Assert.Equal(40, _target.ClosedConnections.Distinct().Count());
    }

    [Fact]
    public void Close_mode_sends_connection_close_and_closes_after_every_reply()
    {
        var server = Start(new HttpTransportOptions { CloseAfterEveryReply = true });
        using var client = new RawHttpClient(server.Port);
        var r = client.Post("/prov-config", B(1));
        Assert.Equal(200, r.Status);
        Assert.Equal("close", r.Header("Connection"));
        Assert.True(client.IsClosedByServer());
        WaitUntil(() => _target.ClosedConnections.Count == 1, "ConnectionClosed");
    }

    [Fact]
    public void Set_cookie_appears_exactly_once_and_cookie_reaches_protocomm()
    {
        _target.Reply = (ep, o, b) => Replies.Make(ProtocommStatus.Ok, b, 1234567890, !o.HasCookie, 0);
        var server = Start();
        using var client = new RawHttpClient(server.Port);
        var first = client.Post("/proto-ver", Encoding.ASCII.GetBytes("ESP"));
        Assert.Equal(new[] { "session=1234567890" }, first.HeaderValues("Set-Cookie").ToArray());
        var second = client.Post("/prov-session", B(1), cookie: "other=1; session=1234567890");
        Assert.Empty(second.HeaderValues("Set-Cookie"));
        Assert.True(_target.Calls[1].Origin.HasCookie);
        Assert.Equal(1234567890u, _target.Calls[1].Origin.CookieSessionId);
    }

    [Fact]
    public void Protocol_failure_closes_the_connection_without_a_single_byte()
    {
        _target.Reply = (ep, o, b) => Replies.Make(ProtocommStatus.Failed, null, 0u, false, 0);
        var server = Start();
        using var client = new RawHttpClient(server.Port);
        var r = client.Post("/prov-session", B(1, 2, 3));
        Assert.True(r.Closed, "expected no response, got " + r);
    }

    [Theory]
    [InlineData("POST /prov-config HTTP/1.1\r\nHost: x\r\n\r\n", 411)]
    [InlineData("POST /prov-config HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 400)]
    [InlineData("POST /prov-config HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab", 400)]
    [InlineData("POST /prov-config HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n", 411)]
    [InlineData("GET /prov-config HTTP/1.1\r\nHost: x\r\n\r\n", 405)]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 404)]
    [InlineData("POST /nothing-here HTTP/1.1\r\nContent-Length: 1\r\n\r\na", 404)]
    [InlineData("HELLO\r\n\r\n", 400)]
    [InlineData("POST /prov-config HTTP/2.0\r\nContent-Length: 1\r\n\r\na", 505)]
    [InlineData("POST /prov-config HTTP/1.1\r\nBad Header\r\n\r\n", 400)]
    [InlineData("POST /prov-config HTTP/1.1\r\nName : v\r\n\r\n", 400)]
    public void Malformed_requests_get_the_right_status_and_a_close(string request, int status)
    {
        var server = Start();
        using var client = new RawHttpClient(server.Port);
        client.SendRaw(request);
        var r = client.ReadResponse();
        Assert.Equal(status, r.Status);
        Assert.Equal("close", r.Header("Connection"));
        Assert.True(client.IsClosedByServer());
        Assert.Empty(_target.Calls);
    }

    [Fact]
    public void A_5000_byte_body_gets_413_even_though_the_client_sent_it_all()
    {
        var server = Start();
        using var client = new RawHttpClient(server.Port);
        var r = client.Post("/prov-config", new byte[5000]);
        Assert.Equal(413, r.Status);
        Assert.True(client.IsClosedByServer());
        Assert.Empty(_target.Calls);
    }

    [Fact]
    public void Oversized_header_block_gets_431()
    {
        var server = Start(serverOptions: new LoopbackHttpServerOptions { MaxHeaderBytes = 1024 });
        using var client = new RawHttpClient(server.Port);
        client.SendRaw("POST /prov-config HTTP/1.1\r\nX-Big: " + new string('a', 2000) + "\r\n\r\n");
        Assert.Equal(431, client.ReadResponse().Status);
    }

    [Fact]
    public void Pipelined_requests_are_answered_in_order()
    {
        var server = Start();
        using var client = new RawHttpClient(server.Port);
        client.SendRaw("POST /prov-config HTTP/1.1\r\nContent-Length: 2\r\n\r\nabPOST /prov-scan HTTP/1.1\r\nContent-Length: 1\r\n\r\nz");
        var first = client.ReadResponse();
        var second = client.ReadResponse();
        Assert.Equal("ba", Encoding.ASCII.GetString(first.Body));
        Assert.Equal("z", Encoding.ASCII.GetString(second.Body));
        Assert.Equal(new[] { "prov-config", "prov-scan" }, _target.Calls.Select(c => c.Endpoint).ToArray());
    }

    [Fact]
    public void Expect_100_continue_gets_the_interim_response()
    {
        var server = Start();
        using var client = new RawHttpClient(server.Port);
        client.SendRaw("POST /prov-config HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
        Assert.Equal(100, client.ReadResponse().Status);
        client.SendRaw("xyz");
        var r = client.ReadResponse();
        Assert.Equal(200, r.Status);
        Assert.Equal("zyx", Encoding.ASCII.GetString(r.Body));
    }

    [Fact]
    public void Http_1_0_client_gets_a_close_unless_it_asks_for_keep_alive()
    {
        var server = Start();
        using (var c = new RawHttpClient(server.Port))
        {
            c.SendRaw("POST /prov-config HTTP/1.0\r\nContent-Length: 1\r\n\r\na");
            var r = c.ReadResponse();
            Assert.StartsWith("HTTP/1.0 200", r.StatusLine);
            Assert.True(c.IsClosedByServer());
        }

        using var k = new RawHttpClient(server.Port);
        k.SendRaw("POST /prov-config HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\na");
        Assert.Equal("keep-alive", k.ReadResponse().Header("Connection"));
        Assert.False(k.IsClosedByServer(300));
    }

    [Fact]
    public void A_client_stuck_in_its_head_does_not_block_others_and_is_dropped_after_the_header_timeout()
    {
        var server = Start(new HttpTransportOptions { HeaderReadTimeoutMilliseconds = 700 });
        using var slow = new RawHttpClient(server.Port);
        slow.SendRaw("POST /prov-config HTTP/1.1\r\nContent-Len");

        using var fast = new RawHttpClient(server.Port);
        Assert.Equal(200, fast.Post("/prov-config", B(1)).Status);

        var r = slow.ReadResponse();
        Assert.Equal(408, r.Status);
        Assert.True(slow.IsClosedByServer());
    }

    [Fact]
    public void A_silent_new_connection_is_dropped_after_the_header_timeout()
    {
        var server = Start(new HttpTransportOptions { HeaderReadTimeoutMilliseconds = 500 });
        using var silent = new RawHttpClient(server.Port);
        Assert.True(silent.IsClosedByServer(5_000));
    }

    [Fact]
    public void A_client_stuck_in_its_body_gets_408_while_others_are_served()
    {
        var server = Start(new HttpTransportOptions { BodyReadTimeoutMilliseconds = 700 });
        using var slow = new RawHttpClient(server.Port);
        slow.SendRaw("POST /prov-config HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");

        using var fast = new RawHttpClient(server.Port);
        Assert.Equal(200, fast.Post("/prov-config", B(1)).Status);

        Assert.Equal(408, slow.ReadResponse().Status);
        Assert.True(slow.IsClosedByServer());
        Assert.Single(_target.Calls);
    }

    [Fact]
    public void Full_server_evicts_the_least_recently_used_idle_connection()
    {
        var server = Start(serverOptions: new LoopbackHttpServerOptions { MaxConnections = 2 });
        using var a = new RawHttpClient(server.Port);
        Assert.Equal(200, a.Post("/prov-config", B(1)).Status);
        Thread.Sleep(20);
        using var b = new RawHttpClient(server.Port);
        Assert.Equal(200, b.Post("/prov-config", B(1)).Status);

        using var c = new RawHttpClient(server.Port);
        Assert.Equal(200, c.Post("/prov-config", B(1)).Status);
        Assert.True(a.IsClosedByServer(), "the oldest idle connection should have been closed");
        Assert.Equal(200, b.Post("/prov-config", B(2)).Status);
        Assert.Equal(1, server.EvictedConnections);
    }

    [Fact]
    public void Full_server_with_only_busy_connections_refuses_with_503()
    {
        var server = Start(serverOptions: new LoopbackHttpServerOptions { MaxConnections = 1 });
        using var busy = new RawHttpClient(server.Port);
        busy.SendRaw("POST /prov-config HTTP/1.1\r\nContent-Length: 5\r\n\r\nab");
        WaitUntil(() => server.OpenConnections == 1, "the busy connection");
        Thread.Sleep(100);

        using var late = new RawHttpClient(server.Port);
        Assert.Equal(503, late.ReadResponse().Status);
        Assert.Equal(1, server.RefusedConnections);

        busy.SendRaw("cde");
        Assert.Equal(200, busy.ReadResponse().Status);
    }

    [Fact]
    public void Stop_closes_every_connection()
    {
        var server = Start();
        using var a = new RawHttpClient(server.Port);
        Assert.Equal(200, a.Post("/prov-config", B(1)).Status);
        server.Stop();
        Assert.True(a.IsClosedByServer());
        Assert.Equal(0, server.OpenConnections);
        Assert.Throws<SocketException>(() => new RawHttpClient(server.Port).Dispose());
    }

    private sealed class TickClock : NanoProv.Platform.IClock
    {
        public long NowMilliseconds => Environment.TickCount64;
    }
}
