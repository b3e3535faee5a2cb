using System.Text;
using NanoProv.Client;
using NanoProv.EndToEnd.Tests.Support;
using NanoProv.Protocomm;
using NanoProv.TestSupport;

namespace NanoProv.EndToEnd.Tests;

/// <summary>
/// The transport cases that broke ESP-IDF devices in the field: clients that open a new TCP connection per
/// request (Android's HttpURLConnection), with and without cookies, the Connection: close server mode,
/// two clients at once, a client that disappears in the middle of a handshake.
/// </summary>
public class SocketReuseTests
{
    public static TheoryData<int, string> Cases() => Sim.SecurityAndCrypto();

    [Theory]
    [MemberData(nameof(Cases))]
    public void New_connection_per_request_with_cookies(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var client = Sim.Client(host, newConnectionPerRequest: true);
        var result = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll);

        Assert.Equal(ProvisionOutcome.Connected, result.Outcome);
        // proto-ver, the handshake (1 or 2 messages), SetConfig, ApplyConfig and at least one GetStatus: one connection each.
        int minimum = 4 + (security == 0 ? 1 : 2);
        Assert.True(Sim.TransportOf(client).ConnectionsOpened >= minimum, "every request should have used its own connection");
        Assert.Equal(1, host.Service.Protocomm.Sessions.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void New_connection_per_request_without_cookies_after_the_handshake(int security, string crypto)
    {
        // A cookie-less client (no cookie store at all) that hops to a new TCP connection for every request once
        // its session is up, like an app whose socket was dropped by an app switch: ESP-IDF starts a new session
        // on each hop ("Secure session not established"); NanoProv migrates the peer's session to the new connection.
        using var host = Sim.Start(security, crypto);
        var hopping = new HoppingTransport(host.HostPort);
        using var client = new ProvClient(hopping, Sim.ClientOptions(host));
        client.Connect();
        hopping.Hop = true;

        var result = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll);
        Assert.Equal(ProvisionOutcome.Connected, result.Outcome);
        // One connection for proto-ver + handshake, then one each for SetConfig, ApplyConfig and >= 1 GetStatus.
        Assert.True(hopping.Inner.ConnectionsOpened >= 4, $"expected a connection per request, saw {hopping.Inner.ConnectionsOpened}");
        Assert.Null(hopping.Inner.Cookie);
        Assert.Equal(1, host.Service.Protocomm.Sessions.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void New_connection_per_request_without_cookies_including_the_handshake(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var client = Sim.Client(host, newConnectionPerRequest: true, cookies: false);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
    }

    [Fact]
    public void New_connection_per_request_without_cookies_works_for_security_0_from_the_first_request()
    {
        using var host = Sim.Start(0);
        using var client = Sim.Client(host, newConnectionPerRequest: true, cookies: false);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
        Assert.Null(Sim.TransportOf(client).Cookie);
        Assert.True(Sim.TransportOf(client).ConnectionsOpened >= 5); // proto-ver, Sec0 session, SetConfig, Apply, GetStatus
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Connection_close_mode_closes_after_every_reply_and_provisioning_still_works(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto, connectionClose: true);
        using var client = Sim.Client(host);
        var result = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll);

        Assert.Equal(ProvisionOutcome.Connected, result.Outcome);
        var transport = Sim.TransportOf(client);
        int minimum = 4 + (security == 0 ? 1 : 2);
        Assert.True(transport.ConnectionsOpened >= minimum, $"expected a connection per request, saw {transport.ConnectionsOpened}");
        Assert.Equal(host.Server.AcceptedConnections, transport.ConnectionsOpened);
        Assert.Equal(0, host.Transport.ClosedWithoutReply);

        using var raw = new RawHttpClient(host.Port);
        var reply = raw.Post("/proto-ver", Encoding.ASCII.GetBytes("ESP"), cookie: transport.Cookie);
        Assert.Equal("close", reply.Header("Connection"));
        Assert.True(raw.IsClosedByServer());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Connection_close_mode_with_a_cookieless_client(int security)
    {
        // Every reply closes the connection, so Cmd0 and Cmd1 arrive on different connections without a cookie.
        using var host = Sim.Start(security, connectionClose: true);
        using var client = Sim.Client(host, cookies: false);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("Office", "office-secret"), Sim.FastPoll).Outcome);
    }

    [Fact]
    public void Connection_close_mode_with_a_cookieless_security_0_client()
    {
        using var host = Sim.Start(0, connectionClose: true);
        using var client = Sim.Client(host, cookies: false);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("Office", "office-secret"), Sim.FastPoll).Outcome);
        Assert.Equal(host.Server.AcceptedConnections, Sim.TransportOf(client).ConnectionsOpened);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Two_clients_at_once_keep_their_own_sessions(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var a = Sim.Client(host);
        using var b = Sim.Client(host);
        using var start = new Barrier(2);
        var errors = new List<Exception>();

        void Run(ProvClient client, string tag)
        {
            try
            {
                start.SignalAndWait();
                client.Connect();
                start.SignalAndWait();
                for (int i = 0; i < 10; i++)
                {
                    byte[] reply = client.SendCustomData("custom-data", Encoding.UTF8.GetBytes($"{tag}-{i}"));
                    Assert.Equal("SUCCESS\0", Encoding.ASCII.GetString(reply));
                    Assert.NotNull(client.GetWifiStatus());
                }
            }
            catch (Exception e)
            {
                lock (errors) errors.Add(e);
            }
        }

        var ta = new Thread(() => Run(a, "a"));
        var tb = new Thread(() => Run(b, "b"));
        ta.Start();
        tb.Start();
        ta.Join();
        tb.Join();

        Assert.Empty(errors);
        Assert.NotEqual(Sim.TransportOf(a).Cookie, Sim.TransportOf(b).Cookie);
        Assert.Equal(2, host.Service.Protocomm.Sessions.Count);
        var received = host.CustomDataReceived.Select(d => Encoding.UTF8.GetString(d)).ToList();
        Assert.Equal(20, received.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "a-" + i), received.Where(r => r.StartsWith('a')));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "b-" + i), received.Where(r => r.StartsWith('b')));

        // One of them provisions; the other's session is still alive and sees the result.
        Assert.Equal(ProvisionOutcome.Connected, a.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
        Assert.Equal(StationState.Connected, b.GetWifiStatus().State);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_client_that_vanishes_mid_handshake_does_not_disturb_the_next_one(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using (var vanishing = new ProvClient(new VanishingTransport(host.HostPort), new ProvClientOptions
               {
                   Security = host.Credentials.Security,
                   Pop = host.Credentials.Pop,
                   Sec2Username = host.Credentials.Sec2User,
                   Sec2Password = host.Credentials.Sec2Password,
               }))
        {
            var error = Record.Exception(() => vanishing.Connect());
            if (security != 0) Assert.IsType<VanishedException>(error);
        }

        Sim.WaitUntil(() => host.Server.OpenConnections == 0, "the vanished connection to be closed");
        using var client = Sim.Client(host);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
        Assert.InRange(host.Service.Protocomm.Sessions.Count, 1, host.Service.Protocomm.Sessions.Capacity);
    }

    [Fact]
    public void Many_clients_vanishing_mid_handshake_keep_the_session_table_bounded()
    {
        var clock = new NanoProv.Host.Timers.FakeClock(1_000_000);
        using var host = Sim.Start(1, clock: clock);
        int capacity = host.Service.Protocomm.Sessions.Capacity;
        for (int i = 0; i < capacity * 3; i++)
        {
            using var vanishing = new ProvClient(new VanishingTransport(host.HostPort), Sim.ClientOptions(host));
            var error = Record.Exception(() => vanishing.Connect());
            Assert.True(error is VanishedException or DeviceClosedConnectionException or ProvHandshakeException, error?.ToString());
            Assert.InRange(host.Service.Protocomm.Sessions.Count, 0, capacity);
            clock.Advance(1_000);
        }

        // Half-open handshakes are not evicted while fresh (so a flood cannot push out a real session); once they
        // have idled long enough, a new client gets in.
        clock.Advance(60_000);
        using var client = Sim.Client(host);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
        Assert.InRange(host.Service.Protocomm.Sessions.Count, 1, capacity);
    }

    /// <summary>
    /// Cookie-less HTTP transport that, once <see cref="Hop"/> is set, opens a new TCP connection for every request.
    /// </summary>
    private sealed class HoppingTransport : IProvTransport
    {
        public HoppingTransport(string hostPort) =>
            Inner = new HttpProvTransport(hostPort, new NanoProv.Client.HttpTransportOptions { UseCookies = false });

        public HttpProvTransport Inner { get; }

        public bool Hop { get; set; }

        public string Description => Inner.Description;

        public byte[] Send(string endpoint, byte[] body)
        {
            if (Hop) Inner.CloseConnection();
            return Inner.Send(endpoint, body);
        }

        public void Dispose() => Inner.Dispose();
    }

    private sealed class VanishedException : Exception
    {
    }

    /// <summary>Forwards to an HTTP transport until the second prov-session message, then resets the socket and gives up.</summary>
    private sealed class VanishingTransport : IProvTransport
    {
        private readonly HttpProvTransport _inner;
        private int _sessionMessages;

        public VanishingTransport(string hostPort) => _inner = new HttpProvTransport(hostPort);

        public string Description => _inner.Description;

        public byte[] Send(string endpoint, byte[] body)
        {
            if (endpoint == EndpointNames.Session && ++_sessionMessages == 2)
            {
                _inner.CloseConnection();
                throw new VanishedException();
            }

            return _inner.Send(endpoint, body);
        }

        public void Dispose() => _inner.Dispose();
    }
}
