using System.Net;
using System.Net.Sockets;
using NanoProv.Client.Tests.Support;

namespace NanoProv.Client.Tests;

/// <summary>HttpProvTransport over real loopback sockets against the device double.</summary>
[Collection(LoopbackCollection.Name)]
public class HttpTransportTests
{
    private static readonly ProvisionOptions Fast = new() { PollInterval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(10) };

    private static ProvClient Client(string host, HttpTransportOptions o = null, int? security = null) =>
        new(new HttpProvTransport(host, o ?? new HttpTransportOptions { Timeout = TimeSpan.FromSeconds(10) }), new ProvClientOptions
        {
            Security = security,
            Pop = "abcd1234",
            Sec2Username = "wifiprov",
            Sec2Password = "abcd1234",
        });

    [Fact]
    public void Persistent_connection_with_cookie_like_esp_prov()
    {
        var device = new FakeDevice { Security = 1 };
        using var server = new LoopbackHttpDevice(device);
        using (var c = Client(server.Host))
        {
            Assert.True(c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast).Succeeded);
            var http = (HttpProvTransport)c.Transport;
            Assert.Equal(1, http.ConnectionsOpened);
            Assert.Equal("session=1234567890", http.Cookie);
        }
        Assert.Equal(1, server.Connections);
        Assert.Null(server.Requests[0].Cookie);
        Assert.Equal("session=1234567890", server.Requests[0].SetCookie);
        Assert.All(server.Requests.Skip(1), r => Assert.Equal("session=1234567890", r.Cookie));
        Assert.All(server.Requests.Skip(1), r => Assert.Null(r.SetCookie));
        Assert.All(server.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public void The_whole_set_cookie_value_is_copied_into_the_cookie_header()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice { Security = 0 }) { CookieAttributes = true };
        using var c = Client(server.Host);
        c.Connect();
        c.GetWifiStatus();
        Assert.Equal("session=1234567890; Path=/", server.Requests.Last().Cookie);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void New_connection_per_request_with_cookies_keeps_the_session(int security)
    {
        using var server = new LoopbackHttpDevice(new FakeDevice { Security = security });
        using var c = Client(server.Host, new HttpTransportOptions { NewConnectionPerRequest = true, Timeout = TimeSpan.FromSeconds(10) });
        Assert.True(c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast).Succeeded);
        Assert.Equal(server.Requests.Count, server.Connections);
        Assert.All(server.Requests, r => Assert.Equal("close", r.ConnectionHeader));
        Assert.Equal(server.Requests.Count, server.Requests.Select(r => r.Connection).Distinct().Count());
    }

    [Fact]
    public void New_connection_per_request_without_cookies_loses_the_session_with_a_clear_error()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice { Security = 1 });
        using var c = Client(server.Host, new HttpTransportOptions { NewConnectionPerRequest = true, UseCookies = false, Timeout = TimeSpan.FromSeconds(10) });
        var e = Assert.Throws<ProvHandshakeException>(() => c.Connect());
        Assert.Contains("handshake rejected", e.Message);
        Assert.All(server.Requests, r => Assert.Null(r.Cookie));
    }

    [Fact]
    public void Persistent_connection_without_cookies_works_through_the_socket_fallback()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice { Security = 2 });
        using var c = Client(server.Host, new HttpTransportOptions { UseCookies = false, Timeout = TimeSpan.FromSeconds(10) });
        Assert.True(c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast).Succeeded);
        Assert.All(server.Requests, r => Assert.Null(r.Cookie));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public void Connection_close_server_mode_reconnects_for_every_request()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice { Security = 2 }) { ConnectionClose = true };
        using var c = Client(server.Host);
        Assert.True(c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast).Succeeded);
        Assert.Equal(server.Requests.Count, server.Connections);
        Assert.Equal(server.Requests.Count, ((HttpProvTransport)c.Transport).ConnectionsOpened);
    }

    [Fact]
    public void Idle_keep_alive_connection_closed_by_the_device_is_reopened()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice { Security = 1 });
        using var c = Client(server.Host);
        c.Connect();
        int before = server.Connections;

        // From now on the device drops every keep-alive connection right after replying (idle expiry).
        server.CloseSilentlyAfterReply = true;
        Assert.Equal(StationState.Connecting, c.GetWifiStatus().State);

        // Reuse only once the device really has dropped the idle connection (no timing assumption): the client must
        // notice the closed connection and open a new one instead of failing the request.
        Assert.True(server.WaitUntilAllConnectionsClosed(TimeSpan.FromSeconds(10)), "the device did not close its connections");
        Assert.Equal(StationState.Connecting, c.GetWifiStatus().State);
        Assert.True(server.Connections > before, "the client did not open a new connection");
    }

    [Fact]
    public void Chunked_replies_are_decoded()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice { Security = 2 }) { Chunked = true };
        using var c = Client(server.Host);
        Assert.True(c.Provision(WifiCredentials.FromText("HomeNet", "homepass1"), Fast).Succeeded);
    }

    [Fact]
    public void Device_closing_without_reply_surfaces_as_DeviceClosedConnectionException()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice());
        using var t = new HttpProvTransport(server.Host);
        // A data request without any session: the device closes the connection.
        var e = Assert.Throws<DeviceClosedConnectionException>(() => t.Send("prov-config", new byte[] { 0x52, 0x00 }));
        Assert.Equal("prov-config", e.Endpoint);
        Assert.Equal(ProvErrorKind.DeviceClosedConnection, e.Kind);
        // The transport recovers with a new connection.
        Assert.NotEmpty(t.Send("proto-ver", "---"u8.ToArray()));
    }

    [Fact]
    public void Unknown_endpoint_is_a_404_transport_error()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice());
        using var t = new HttpProvTransport(server.Host);
        var e = Assert.Throws<ProvTransportException>(() => t.Send("no-such-thing", new byte[] { 1 }));
        Assert.Equal(404, e.HttpStatus);
        Assert.Contains("no endpoint 'no-such-thing'", e.Message);
    }

    [Fact]
    public void Connection_refused_has_an_actionable_message()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        using var t = new HttpProvTransport("127.0.0.1:" + port);
        var e = Assert.Throws<ProvTransportException>(() => t.Send("proto-ver", "---"u8.ToArray()));
        Assert.Contains("connection refused", e.Message);
        Assert.Contains("--host", e.Message);
    }

    [Fact]
    public void A_device_that_never_answers_times_out()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice()) { Stall = true };
        using var t = new HttpProvTransport(server.Host, new HttpTransportOptions { Timeout = TimeSpan.FromMilliseconds(300) });
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<ProvTimeoutException>(() => t.Send("proto-ver", "---"u8.ToArray()));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Contains("no reply", e.Message);
    }

    [Fact]
    public void Invalid_endpoint_names_are_refused_locally()
    {
        using var t = new HttpProvTransport("127.0.0.1:9");
        Assert.Throws<ProvClientException>(() => t.Send("a/b", new byte[] { 1 }));
        Assert.Throws<ProvClientException>(() => t.Send("a b", new byte[] { 1 }));
        Assert.Throws<ProvClientException>(() => t.Send("", new byte[] { 1 }));
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("192.168.4.1:80", "192.168.4.1", 80)]
    [InlineData("192.168.4.1", "192.168.4.1", 80)]
    [InlineData("http://10.0.0.5:8000/", "10.0.0.5", 8000)]
    [InlineData("localhost:1234", "localhost", 1234)]
    [InlineData("[::1]:8080", "::1", 8080)]
    public void Host_addresses_parse(string text, string host, int port)
    {
        var a = HostAddress.Parse(text);
        Assert.Equal(host, a.Host);
        Assert.Equal(port, a.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:abc")]
    [InlineData("https://x:1")]
    [InlineData("::1:80")]
    [InlineData("x:80/path")]
    public void Bad_host_addresses_are_usage_errors(string text)
    {
        var e = Assert.Throws<ProvClientException>(() => HostAddress.Parse(text));
        Assert.Equal(ProvErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Two_clients_on_one_device_the_second_takes_over_the_session()
    {
        using var server = new LoopbackHttpDevice(new FakeDevice { Security = 2 });
        using var a = Client(server.Host);
        using var b = Client(server.Host);
        a.Connect();
        b.Connect();
        Assert.Equal(StationState.Connecting, b.GetWifiStatus().State);
        // a's stale cookie makes the device start yet another session (ESP rule), so a gets a clear error.
        var e = Assert.Throws<DeviceClosedConnectionException>(() => a.GetWifiStatus());
        Assert.Contains("another client", e.Message);
    }
}
