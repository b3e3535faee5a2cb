using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>
/// Session-table scenarios (a)–(i) of issue 4. Each one runs with Security 1 (the fragile continuous keystream) and
/// Security 2, and checks both the observable result and that a bystander session of another peer is untouched
/// (it still decrypts and encrypts in step, keeps its id and its connection).
/// </summary>
public class SessionScenarioTests
{
    public static TheoryData<string> Schemes => new() { "sec1", "sec2" };

    private sealed class Bystander
    {
        public Bystander(TestRig rig)
        {
            Rig = rig;
            Client = rig.NewClient();
            Origin = new RequestOrigin("bystander-conn", "10.0.0.99");
            Id = rig.Establish(Client, Origin);
            rig.AssertEcho(Client, Origin, "bystander before");
        }

        public TestRig Rig { get; }
        public ITestClient Client { get; }
        public RequestOrigin Origin { get; }
        public uint Id { get; }

        public void AssertUntouched()
        {
            var session = Rig.Protocomm.Sessions.Find(Id);
            Assert.NotNull(session);
            Assert.True(session.IsEstablished);
            Assert.Equal("bystander-conn", session.ConnectionId);
            var reply = Rig.AssertEcho(Client, Origin, "bystander after");
            Assert.Equal(Id, reply.SessionId);
            Assert.False(reply.SessionCreated);
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void A_HandshakeOnOneConnectionDataOnAnotherWithCookie(string scheme)
    {
        var rig = TestRig.For(scheme);
        var bystander = new Bystander(rig);
        var client = rig.NewClient();
        var onA = new RequestOrigin("A", "10.0.0.2");
        uint id = rig.Establish(client, onA);
        rig.Protocomm.ConnectionClosed("A");

        var onB = new RequestOrigin("B", "10.0.0.2", id);
        var reply = rig.AssertEcho(client, onB, "over B");
        Assert.Equal(id, reply.SessionId);
        Assert.False(reply.SessionCreated);
        Assert.Equal("B", rig.Protocomm.Sessions.Find(id).ConnectionId);
        Assert.Equal(2, rig.Protocomm.Sessions.Count);
        Assert.Empty(rig.Events.Of(SecurityEventKind.SessionMigrated));
        bystander.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void B_SameWithoutCookieMigratesOnlyAfterTheOldConnectionClosed(string scheme)
    {
        var rig = TestRig.For(scheme);
        var bystander = new Bystander(rig);
        var client = rig.NewClient();
        uint id = rig.Establish(client, new RequestOrigin("A", "10.0.0.2"));

        // While A is still open the request on B cannot be matched: it gets a new (unestablished) session,
        // fails, and that session is discarded. The established session is not touched.
        byte[] request = client.Encrypt("over B"u8.ToArray());
        var early = rig.Post(EndpointNames.Config, new RequestOrigin("B", "10.0.0.2"), request);
        Assert.Equal(ProtocommStatus.Failed, early.Status);
        Assert.Equal(SecurityFailure.NotEstablished, early.FailureReason);
        Assert.Equal(2, rig.Protocomm.Sessions.Count);

        // Once A closed, the same bytes continue the session on B (no keystream was consumed by the failure).
        rig.Protocomm.ConnectionClosed("A");
        var reply = rig.PostOk(EndpointNames.Config, new RequestOrigin("B", "10.0.0.2"), request);
        Assert.Equal(id, reply.SessionId);
        Assert.False(reply.SessionCreated);
        Assert.Equal("reply:over B", System.Text.Encoding.UTF8.GetString(client.Decrypt(reply.Body)));
        var migrated = Assert.Single(rig.Events.Of(SecurityEventKind.SessionMigrated));
        Assert.Equal(id, migrated.SessionId);
        Assert.Contains("migrated", rig.Log.All);
        Assert.Equal("B", rig.Protocomm.Sessions.Find(id).ConnectionId);

        // Further requests on B find the session by connection.
        rig.AssertEcho(client, new RequestOrigin("B", "10.0.0.2"), "again");
        bystander.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void B3_CookielessHandshakeContinuesOnANewConnection(string scheme)
    {
        // A cookie-less client whose every request uses a new connection (e.g. against a Connection: close server):
        // Cmd0 on A, A closes, Cmd1 on B continues the same session's handshake.
        var rig = TestRig.For(scheme);
        var bystander = new Bystander(rig);
        var client = rig.NewClient();
        var r0 = rig.PostOk(EndpointNames.Session, new RequestOrigin("A", "10.0.0.2"), client.Command0());
        client.Response0(r0.Body);
        rig.Protocomm.ConnectionClosed("A");

        var r1 = rig.PostOk(EndpointNames.Session, new RequestOrigin("B", "10.0.0.2"), client.Command1());
        Assert.Equal(r0.SessionId, r1.SessionId);
        Assert.False(r1.SessionCreated);
        Assert.True(client.Response1(r1.Body));
        Assert.Single(rig.Events.Of(SecurityEventKind.SessionMigrated));
        rig.Protocomm.ConnectionClosed("B");
        rig.AssertEcho(client, new RequestOrigin("C", "10.0.0.2"), "after the hop");
        bystander.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void B4_AHandshakeInProgressIsNotAdoptedByDataOrByAnotherPeer(string scheme)
    {
        var rig = TestRig.For(scheme);
        var client = rig.NewClient();
        var r0 = rig.PostOk(EndpointNames.Session, new RequestOrigin("A", "10.0.0.2"), client.Command0());
        client.Response0(r0.Body);
        rig.Protocomm.ConnectionClosed("A");

        // Another peer replaying the Cmd1 gets its own new session (and fails: no Cmd0 there); the waiting handshake
        // is untouched.
        byte[] cmd1 = client.Command1();
        var foreign = rig.Post(EndpointNames.Session, new RequestOrigin("X", "10.0.0.66"), cmd1);
        Assert.Equal(ProtocommStatus.Failed, foreign.Status);
        Assert.Empty(rig.Events.Of(SecurityEventKind.SessionMigrated));

        // A data request of the same peer does not adopt a session whose handshake has not finished.
        var data = rig.Post(EndpointNames.Config, new RequestOrigin("B", "10.0.0.2"), new byte[] { 0x52, 0x00 });
        Assert.Equal(ProtocommStatus.Failed, data.Status);
        Assert.Empty(rig.Events.Of(SecurityEventKind.SessionMigrated));

        // The rightful client still completes its handshake on a new connection.
        var r1 = rig.PostOk(EndpointNames.Session, new RequestOrigin("C", "10.0.0.2"), cmd1);
        Assert.Equal(r0.SessionId, r1.SessionId);
        Assert.True(client.Response1(r1.Body));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void B2_MigrationNeedsExactlyOneCandidate(string scheme)
    {
        var rig = TestRig.For(scheme);
        var first = rig.NewClient();
        var second = rig.NewClient();
        rig.Establish(first, new RequestOrigin("A1", "10.0.0.2"));
        rig.Establish(second, new RequestOrigin("A2", "10.0.0.2"));
        rig.Protocomm.ConnectionClosed("A1");
        rig.Protocomm.ConnectionClosed("A2");

        // Two closed established sessions of the same peer: never guess.
        var reply = rig.Post(EndpointNames.Config, new RequestOrigin("B", "10.0.0.2"), first.Encrypt("x"u8.ToArray()));
        Assert.Equal(ProtocommStatus.Failed, reply.Status);
        Assert.Empty(rig.Events.Of(SecurityEventKind.SessionMigrated));
        Assert.Equal(2, rig.Protocomm.Sessions.Count);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void C_TwoClientsInterleavedDoNotDisturbEachOther(string scheme)
    {
        var rig = TestRig.For(scheme);
        var x = rig.NewClient();
        var y = rig.NewClient();
        var ox = new RequestOrigin("cx", "10.0.0.2");
        var oy = new RequestOrigin("cy", "10.0.0.3");

        var x0 = rig.PostOk(EndpointNames.Session, ox, x.Command0());
        ox.CookieSessionId = x0.SessionId;
        var y0 = rig.PostOk(EndpointNames.Session, oy, y.Command0());
        oy.CookieSessionId = y0.SessionId;
        Assert.NotEqual(x0.SessionId, y0.SessionId);
        Assert.True(x0.SessionCreated && y0.SessionCreated);
        x.Response0(x0.Body);
        y.Response0(y0.Body);
        var y1 = rig.PostOk(EndpointNames.Session, oy, y.Command1());
        var x1 = rig.PostOk(EndpointNames.Session, ox, x.Command1());
        Assert.True(x.Response1(x1.Body));
        Assert.True(y.Response1(y1.Body));

        for (int i = 0; i < 4; i++)
        {
            rig.AssertEcho(x, ox, "x" + i);
            rig.AssertEcho(y, oy, "y" + i);
            rig.AssertEcho(y, oy, "yy" + i);
        }

        Assert.Equal(2, rig.Events.Of(SecurityEventKind.SessionEstablished).Count());
        Assert.Equal(12, rig.Echo.Calls);
        Assert.Equal(4, rig.Echo.SessionIds.Count(id => id == x0.SessionId));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void D_StaleCookieNeverEndsAnotherSession(string scheme)
    {
        var rig = TestRig.For(scheme);
        var bystander = new Bystander(rig);
        uint stale = bystander.Id ^ 0x5A5A5A5A;

        // A phone with a cookie from an earlier run of the device: it gets a new session and a new cookie.
        var phone = new RequestOrigin("P1", "10.0.0.7", stale);
        var ver = rig.PostOk(EndpointNames.ProtoVer, phone, "ESP"u8.ToArray());
        Assert.True(ver.SessionCreated);
        Assert.NotEqual(stale, ver.SessionId);
        Assert.NotEqual(bystander.Id, ver.SessionId);

        // If it ignores Set-Cookie and keeps the stale cookie on the same connection, it stays on that session.
        var again = rig.PostOk(EndpointNames.ProtoVer, phone, "ESP"u8.ToArray());
        Assert.Equal(ver.SessionId, again.SessionId);
        Assert.False(again.SessionCreated);

        // An encrypted request with a stale cookie on a fresh connection fails and leaves nothing behind.
        int before = rig.Protocomm.Sessions.Count;
        var failed = rig.Post(EndpointNames.Config, new RequestOrigin("P2", "10.0.0.8", stale), new byte[40]);
        Assert.Equal(ProtocommStatus.Failed, failed.Status);
        Assert.Equal(before, rig.Protocomm.Sessions.Count);

        // The stale-cookie phone can complete its own handshake.
        var client = rig.NewClient();
        phone.CookieSessionId = ver.SessionId;
        Assert.Equal(ver.SessionId, rig.Establish(client, phone));
        rig.AssertEcho(client, phone, "mine");
        bystander.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void E_ClientRestartsHandshakeMidwayAndOnANewConnection(string scheme)
    {
        var rig = TestRig.For(scheme);
        var bystander = new Bystander(rig);

        // Cmd0 on A, then the app goes back and starts over on connection B with a new key (cookie kept).
        var abandoned = rig.NewClient();
        var onA = new RequestOrigin("A", "10.0.0.2");
        var first = rig.PostOk(EndpointNames.Session, onA, abandoned.Command0());
        uint id = first.SessionId;
        rig.Protocomm.ConnectionClosed("A");

        var fresh = rig.NewClient();
        var onB = new RequestOrigin("B", "10.0.0.2", id);
        Assert.Equal(id, rig.Establish(fresh, onB));
        rig.AssertEcho(fresh, onB, "after restart");
        Assert.Equal(2, rig.Protocomm.Sessions.Count);

        // "Back and reconnect" once established: Cmd0 restarts the same session in place; old keys are gone.
        var third = rig.NewClient();
        var onC = new RequestOrigin("C", "10.0.0.2", id);
        Assert.Equal(id, rig.Establish(third, onC));
        rig.AssertEcho(third, onC, "third");
        var stale = rig.Post(EndpointNames.Config, onB, fresh.Encrypt("old keys"u8.ToArray()));
        if (scheme == "sec2")
            Assert.Equal(ProtocommStatus.Failed, stale.Status);
        else
            Assert.NotEqual("reply:old keys", System.Text.Encoding.UTF8.GetString(fresh.Decrypt(stale.Body ?? Array.Empty<byte>())));

        // Restarting on a new connection without the cookie makes a new session (a handshake start never migrates).
        var fourth = rig.NewClient();
        var onD = new RequestOrigin("D", "10.0.0.2");
        uint other = rig.Establish(fourth, onD);
        Assert.NotEqual(id, other);
        rig.AssertEcho(fourth, onD, "fourth");
        bystander.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void F_ByteIdenticalRetryAfterALostReplyIsAnsweredFromTheCache(string scheme)
    {
        var rig = TestRig.For(scheme);
        var bystander = new Bystander(rig);
        var client = rig.NewClient();
        var origin = new RequestOrigin("A", "10.0.0.2");
        uint id = rig.Establish(client, origin);
        int callsBefore = rig.Echo.Calls;

        byte[] request = client.Encrypt("set config"u8.ToArray());
        var lost = rig.PostOk(EndpointNames.Config, origin, request);
        rig.Protocomm.ConnectionClosed("A");
        // The client never saw the reply and retries the same bytes on a new connection with its cookie.
        var retry = rig.PostOk(EndpointNames.Config, new RequestOrigin("A2", "10.0.0.2", id), request);
        Assert.Equal(Hex.Of(lost.Body), Hex.Of(retry.Body));
        Assert.Equal(callsBefore + 1, rig.Echo.Calls);
        Assert.Single(rig.Events.Of(SecurityEventKind.RetryAnswered));
        Assert.Equal("reply:set config", System.Text.Encoding.UTF8.GetString(client.Decrypt(retry.Body)));

        // The stream/counter is still in step for the next request.
        rig.AssertEcho(client, new RequestOrigin("A2", "10.0.0.2", id), "next");
        Assert.Equal(callsBefore + 2, rig.Echo.Calls);
        bystander.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void F2_RetryOfCommand1AfterALostResponse1(string scheme)
    {
        var rig = TestRig.For(scheme);
        var client = rig.NewClient();
        var origin = new RequestOrigin("A", "10.0.0.2");
        var r0 = rig.PostOk(EndpointNames.Session, origin, client.Command0());
        origin.CookieSessionId = r0.SessionId;
        client.Response0(r0.Body);
        byte[] cmd1 = client.Command1();
        var lost = rig.PostOk(EndpointNames.Session, origin, cmd1);
        rig.Protocomm.ConnectionClosed("A");
        // The reply was lost with the connection: the client retries the same bytes on a new one with its cookie.
        var retryOrigin = new RequestOrigin("A2", "10.0.0.2", r0.SessionId);
        var retry = rig.PostOk(EndpointNames.Session, retryOrigin, cmd1);
        Assert.Equal(Hex.Of(lost.Body), Hex.Of(retry.Body));
        Assert.True(client.Response1(retry.Body));
        rig.AssertEcho(client, retryOrigin, "after retried Cmd1");
        Assert.Single(rig.Events.Of(SecurityEventKind.SessionEstablished));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void F4_RepeatOnTheSameConnectionIsANewRequestNotARetry(string scheme)
    {
        // A client only retries after losing the connection. On the same connection, a repeated ciphertext is a new
        // request that collides by chance (Security 1: 1 in 65,536 for a 2-byte GetStatus), so it must be processed,
        // not answered from the cache.
        var rig = TestRig.For(scheme);
        var client = rig.NewClient();
        var origin = new RequestOrigin("A", "10.0.0.2");
        uint id = rig.Establish(client, origin);
        origin.CookieSessionId = id;
        int callsBefore = rig.Echo.Calls;

        byte[] request = client.Encrypt("poll"u8.ToArray());
        var first = rig.PostOk(EndpointNames.Config, origin, request);
        var second = rig.Post(EndpointNames.Config, origin, request);

        // Processed anew, never the cached reply: Security 1 decrypts it with the next keystream bytes (the handler
        // runs again and the reply differs); Security 2 rejects it (its counter moved on, the tag no longer checks).
        if (second.Status == ProtocommStatus.Ok)
        {
            Assert.NotEqual(Hex.Of(first.Body), Hex.Of(second.Body));
            Assert.Equal(callsBefore + 2, rig.Echo.Calls);
        }
        else
        {
            Assert.Equal(ProtocommStatus.Failed, second.Status);
            Assert.Equal(callsBefore + 1, rig.Echo.Calls);
        }
        Assert.Empty(rig.Events.Of(SecurityEventKind.RetryAnswered));
    }

    [Fact]
    public void F3_Security0DoesNotCacheBecauseIdenticalPollsAreNotRetries()
    {
        var rig = TestRig.Sec0();
        var origin = new RequestOrigin("A", "10.0.0.2");
        rig.PostOk(EndpointNames.Config, origin, "52 00"u8.ToArray());
        rig.PostOk(EndpointNames.Config, origin, "52 00"u8.ToArray());
        Assert.Equal(2, rig.Echo.Calls);
        Assert.Empty(rig.Events.Of(SecurityEventKind.RetryAnswered));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void G_TableFullEvictsTheLeastRecentlyUsedIdleSessionAndNeverAnActiveOne(string scheme)
    {
        var rig = TestRig.For(scheme);
        var idleOld = rig.NewClient();
        var idleNew = rig.NewClient();
        var oOld = new RequestOrigin("c1", "10.0.0.11");
        var oNew = new RequestOrigin("c2", "10.0.0.12");
        uint oldId = rig.Establish(idleOld, oOld);
        rig.Clock.Advance(1000);
        uint newId = rig.Establish(idleNew, oNew);
        rig.Clock.Advance(40_000); // both idle for more than 30 s

        var active = new Bystander(rig);
        var active2 = rig.NewClient();
        var oActive2 = new RequestOrigin("c4", "10.0.0.14");
        rig.Establish(active2, oActive2);
        Assert.Equal(4, rig.Protocomm.Sessions.Count);

        // Table full: the fifth client evicts the least recently used idle session.
        var late = rig.NewClient();
        var oLate = new RequestOrigin("c5", "10.0.0.15");
        uint lateId = rig.Establish(late, oLate);
        Assert.Null(rig.Protocomm.Sessions.Find(oldId));
        Assert.NotNull(rig.Protocomm.Sessions.Find(newId));
        var evicted = Assert.Single(rig.Events.Of(SecurityEventKind.SessionEvicted));
        Assert.Equal(oldId, evicted.SessionId);
        Assert.Equal(4, rig.Protocomm.Sessions.Count);

        // Its cookie is now stale: the evicted client gets a fresh session, not someone else's.
        var afterEviction = rig.Post(EndpointNames.Config, new RequestOrigin("c1b", "10.0.0.11", oldId), idleOld.Encrypt("x"u8.ToArray()));
        Assert.Equal(ProtocommStatus.Failed, afterEviction.Status);
        Assert.Single(rig.Events.Of(SecurityEventKind.SessionEvicted)); // a failing request never evicts anyone
        Assert.Equal(4, rig.Protocomm.Sessions.Count);

        // Active sessions survive and are in step.
        active.AssertUntouched();
        rig.AssertEcho(active2, oActive2, "still here");
        rig.AssertEcho(late, oLate, "late");
        rig.AssertEcho(idleNew, oNew, "idle but kept");
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void G2_NeverEstablishedIdleSessionsAreEvictedFirst(string scheme)
    {
        var rig = TestRig.For(scheme);
        var established = rig.NewClient();
        var oEst = new RequestOrigin("c1", "10.0.0.11");
        uint estId = rig.Establish(established, oEst);
        rig.Clock.Advance(1000);
        var probe = rig.PostOk(EndpointNames.ProtoVer, new RequestOrigin("c2", "10.0.0.12"), "ESP"u8.ToArray());
        rig.PostOk(EndpointNames.ProtoVer, new RequestOrigin("c3", "10.0.0.13"), "ESP"u8.ToArray());
        rig.PostOk(EndpointNames.ProtoVer, new RequestOrigin("c4", "10.0.0.14"), "ESP"u8.ToArray());
        rig.Clock.Advance(40_000);

        rig.PostOk(EndpointNames.ProtoVer, new RequestOrigin("c5", "10.0.0.15"), "ESP"u8.ToArray());
        Assert.NotNull(rig.Protocomm.Sessions.Find(estId));
        Assert.Null(rig.Protocomm.Sessions.Find(probe.SessionId));
        rig.AssertEcho(established, oEst, "kept although least recently used");
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void G3_WhenEverySessionIsActiveTheNewOneIsRefused(string scheme)
    {
        var rig = TestRig.For(scheme);
        var clients = new List<(ITestClient Client, RequestOrigin Origin, uint Id)>();
        for (int i = 0; i < 4; i++)
        {
            var client = rig.NewClient();
            var origin = new RequestOrigin("c" + i, "10.0.0." + (20 + i));
            clients.Add((client, origin, rig.Establish(client, origin)));
        }

        rig.Clock.Advance(5_000);
        var refused = rig.Post(EndpointNames.ProtoVer, new RequestOrigin("c9", "10.0.0.99"), "ESP"u8.ToArray());
        Assert.Equal(ProtocommStatus.Failed, refused.Status);
        Assert.Equal(SecurityFailure.TooManySessions, refused.FailureReason);
        Assert.Single(rig.Events.Of(SecurityEventKind.TooManySessions));
        Assert.Empty(rig.Events.Of(SecurityEventKind.SessionEvicted));
        foreach (var (client, origin, id) in clients)
        {
            Assert.Equal(id, rig.AssertEcho(client, origin, "alive").SessionId);
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void H_IdleSessionsExpireAndTheirKeysAreWiped(string scheme)
    {
        var rig = TestRig.For(scheme);
        var client = rig.NewClient();
        var origin = new RequestOrigin("A", "10.0.0.2");
        uint id = rig.Establish(client, origin);
        var session = rig.Protocomm.Sessions.Find(id);

        rig.Clock.Advance(100_000);
        var bystander = new Bystander(rig); // recent activity
        rig.Clock.Advance(19_999);          // client idle 119.999 s
        rig.Protocomm.ExpireIdleSessions();
        Assert.NotNull(rig.Protocomm.Sessions.Find(id));

        rig.Clock.Advance(1);               // idle 120 s: expired
        rig.Protocomm.ExpireIdleSessions();
        Assert.Null(rig.Protocomm.Sessions.Find(id));
        Assert.True(session.HasEnded);
        Assert.False(session.IsEstablished);
        Assert.Equal(id, Assert.Single(rig.Events.Of(SecurityEventKind.SessionExpired)).SessionId);

        // The expired session's cookie is now stale: the request fails and creates nothing.
        var late = rig.Post(EndpointNames.Config, origin, client.Encrypt("late"u8.ToArray()));
        Assert.Equal(ProtocommStatus.Failed, late.Status);
        Assert.Equal(SecurityFailure.NotEstablished, late.FailureReason);
        Assert.Equal(1, rig.Protocomm.Sessions.Count);
        bystander.AssertUntouched();
    }

    [Fact]
    public void H2_ExpiryAlsoHappensOnTheNextRequestAndTimeoutIsConfigurable()
    {
        var rig = TestRig.Sec1(options: new ProtocommOptions { SessionIdleTimeoutMilliseconds = 10_000 });
        var client = rig.NewClient();
        var origin = new RequestOrigin("A", "10.0.0.2");
        uint id = rig.Establish(client, origin);
        rig.Clock.Advance(10_000);
        var reply = rig.Post(EndpointNames.ProtoVer, new RequestOrigin("B", "10.0.0.3"), "ESP"u8.ToArray());
        Assert.Equal(ProtocommStatus.Ok, reply.Status);
        Assert.Null(rig.Protocomm.Sessions.Find(id));
        Assert.Single(rig.Events.Of(SecurityEventKind.SessionExpired));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void I_ADifferentPeerCannotAdoptASession(string scheme)
    {
        var rig = TestRig.For(scheme);
        var victim = rig.NewClient();
        var victimOrigin = new RequestOrigin("A", "10.0.0.2");
        uint id = rig.Establish(victim, victimOrigin);
        rig.Protocomm.ConnectionClosed("A");
        byte[] captured = victim.Encrypt("victim request"u8.ToArray());

        // Cookie-less from another peer: no migration.
        var noCookie = rig.Post(EndpointNames.Config, new RequestOrigin("X1", "10.0.0.66"), captured);
        Assert.Equal(ProtocommStatus.Failed, noCookie.Status);
        // With the victim's cookie from another peer: the cookie is not honoured.
        var withCookie = rig.Post(EndpointNames.Config, new RequestOrigin("X2", "10.0.0.66", id), captured);
        Assert.Equal(ProtocommStatus.Failed, withCookie.Status);
        Assert.Equal(0, rig.Echo.Calls);
        Assert.Empty(rig.Events.Of(SecurityEventKind.SessionMigrated));
        Assert.Null(rig.Protocomm.Sessions.Find(id).ConnectionId);

        // The victim continues (migration from its own address) with the very same bytes: nothing was consumed.
        var reply = rig.PostOk(EndpointNames.Config, new RequestOrigin("A2", "10.0.0.2"), captured);
        Assert.Equal(id, reply.SessionId);
        Assert.Equal("reply:victim request", System.Text.Encoding.UTF8.GetString(victim.Decrypt(reply.Body)));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void BleDisconnectEndsTheSessionAndWipesItsKeys(string scheme)
    {
        var rig = TestRig.For(scheme);
        var bystander = new Bystander(rig);
        var client = rig.NewClient();
        var link = new RequestOrigin("ble:7", "ble:7");
        uint id = rig.Establish(client, link);
        var session = rig.Protocomm.Sessions.Find(id);
        rig.Protocomm.EndSessionsOfConnection("ble:7");
        Assert.True(session.HasEnded);
        Assert.Null(rig.Protocomm.Sessions.Find(id));
        Assert.Equal(id, Assert.Single(rig.Events.Of(SecurityEventKind.SessionEnded)).SessionId);
        var after = rig.Post(EndpointNames.Config, new RequestOrigin("ble:8", "ble:8"), client.Encrypt("x"u8.ToArray()));
        Assert.Equal(ProtocommStatus.Failed, after.Status);
        bystander.AssertUntouched();
    }
}
