using System.Text;
using NanoProv.Client;
using NanoProv.EndToEnd.Tests.Support;
using NanoProv.TestSupport;

namespace NanoProv.EndToEnd.Tests;

/// <summary>
/// Malformed HTTP against a simulator that has a live secure session: each gets the right status (and a
/// closed connection), no session is created or disturbed, and the legitimate client carries on.
/// </summary>
public class MalformedHttpTests
{
    public static TheoryData<string, int> Requests() => new()
    {
        { "POST /prov-config HTTP/1.1\r\nHost: 127.0.0.1\r\n{COOKIE}\r\n", 411 },
        { "POST /prov-config HTTP/1.1\r\nHost: 127.0.0.1\r\n{COOKIE}Content-Length: 0\r\n\r\n", 400 },
        { "POST /prov-session HTTP/1.1\r\nHost: 127.0.0.1\r\n{COOKIE}Content-Length: 5000\r\n\r\n" + new string('x', 5000), 413 },
        { "GET /prov-config HTTP/1.1\r\nHost: 127.0.0.1\r\n{COOKIE}\r\n", 405 },
        { "GET /proto-ver HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 405 },
        { "POST /no-such-endpoint HTTP/1.1\r\nHost: 127.0.0.1\r\n{COOKIE}Content-Length: 3\r\n\r\nabc", 404 },
        { "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 404 },
        { "POST /prov-config HTTP/1.1\r\n{COOKIE}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 411 },
        { "POST /prov-config HTTP/1.1\r\n{COOKIE}Content-Length: abc\r\n\r\n", 400 },
        { "BREW /prov-config HTCPCP/1.0\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Malformed_request_gets_its_status_and_leaves_the_session_alone(string template, int status)
    {
        using var host = Sim.Start(2);
        using var client = Sim.Client(host);
        client.Connect();
        string cookie = Sim.TransportOf(client).Cookie;
        Assert.Equal(1, host.Service.Protocomm.Sessions.Count);

        using (var raw = new RawHttpClient(host.Port))
        {
            raw.SendRaw(template.Replace("{COOKIE}", "Cookie: " + cookie + "\r\n"));
            var response = raw.ReadResponse();
            Assert.Equal(status, response.Status);
            Assert.Equal("close", response.Header("Connection"));
            Assert.Empty(response.HeaderValues("Set-Cookie"));
            Assert.True(raw.IsClosedByServer());
        }

        Assert.Equal(1, host.Service.Protocomm.Sessions.Count);
        byte[] reply = client.SendCustomData("custom-data", Encoding.UTF8.GetBytes("still here"));
        Assert.Equal("SUCCESS\0", Encoding.ASCII.GetString(reply));
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
        Assert.Equal(cookie, Sim.TransportOf(client).Cookie);
    }

    [Fact]
    public void Garbage_on_an_established_sessions_cookie_is_dropped_without_reply_and_the_session_survives()
    {
        using var host = Sim.Start(2);
        using var client = Sim.Client(host);
        client.Connect();
        string cookie = Sim.TransportOf(client).Cookie;

        using (var raw = new RawHttpClient(host.Port))
        {
            var response = raw.Post("/prov-config", new byte[] { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }, cookie);
            Assert.True(response.Closed, "a decrypt failure must close the connection without a response, got " + response);
        }

        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
    }

    [Fact]
    public void Slow_client_does_not_block_a_provisioning_client()
    {
        using var host = Sim.Start(1);
        using var slow = new RawHttpClient(host.Port);
        slow.SendRaw("POST /prov-config HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly a little");

        using var client = Sim.Client(host);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
    }
}
