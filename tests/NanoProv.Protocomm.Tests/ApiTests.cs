using System.Reflection;
using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>Endpoint registry, cookie parsing, constant-time compare, Security 0 and secret hygiene.</summary>
public class ApiTests
{
    [Fact]
    public void RegistryKnowsBuiltInsAndListsCustomEndpointsInRegistrationOrder()
    {
        var rig = TestRig.Sec0();
        Assert.True(rig.Protocomm.HasEndpoint(EndpointNames.ProtoVer));
        Assert.True(rig.Protocomm.HasEndpoint(EndpointNames.Session));
        Assert.True(rig.Protocomm.HasEndpoint(EndpointNames.Config));
        Assert.False(rig.Protocomm.HasEndpoint(EndpointNames.Scan));
        rig.Protocomm.RegisterEndpoint("custom-b", new EchoHandler());
        rig.Protocomm.RegisterEndpoint(EndpointNames.Scan, new EchoHandler());
        rig.Protocomm.RegisterEndpoint("custom-a", new EchoHandler());
        rig.Protocomm.RegisterEndpoint("custom-b", new EchoHandler()); // replacing keeps the position
        Assert.Equal(new[] { "custom-b", "custom-a" }, rig.Protocomm.CustomEndpointNames);
        rig.Protocomm.UnregisterEndpoint("custom-b");
        Assert.Equal(new[] { "custom-a" }, rig.Protocomm.CustomEndpointNames);
        Assert.False(rig.Protocomm.HasEndpoint("custom-b"));
        Assert.Equal(ProtocommStatus.UnknownEndpoint, rig.Post("custom-b", new RequestOrigin("c", "p"), "x"u8.ToArray()).Status);
        Assert.Throws<ArgumentException>(() => rig.Protocomm.RegisterEndpoint(EndpointNames.ProtoVer, new EchoHandler()));
        Assert.Throws<ArgumentException>(() => rig.Protocomm.RegisterEndpoint(EndpointNames.Session, new EchoHandler()));
        Assert.Throws<ArgumentException>(() => rig.Protocomm.RegisterEndpoint("", new EchoHandler()));
        Assert.Throws<ArgumentNullException>(() => rig.Protocomm.RegisterEndpoint("x", null));
    }

    [Fact]
    public void Security0RequestEndpointsWorkWithAndWithoutTheHandshake()
    {
        var rig = TestRig.Sec0();
        var origin = new RequestOrigin("c", "p");
        var first = rig.PostOk(EndpointNames.Config, origin, "52 00"u8.ToArray());
        Assert.True(first.SessionCreated);
        Assert.Equal("reply:52 00", System.Text.Encoding.UTF8.GetString(first.Body));
        origin.CookieSessionId = first.SessionId;
        Assert.Equal("52050801aa0100", Hex.Of(rig.PostOk(EndpointNames.Session, origin, Hex.Bytes("5203a20100")).Body));
        Assert.True(rig.Protocomm.Sessions.Find(first.SessionId).IsEstablished);
        // Security 0 checks only sec_ver.
        Assert.Equal(ProtocommStatus.Failed, rig.Post(EndpointNames.Session, origin, Hex.Bytes("1001")).Status);
    }

    [Fact]
    public void Security1WithAnEmptyPopUsesNoXorLikeEspIdf()
    {
        // The without_pop vector, but the PoP is an empty (non-null) string: same keys, no "no_pop" capability.
        var vector = VectorFiles.Load("sec1.json")["without_pop"]!;
        var random = new ScriptedRandom()
            .Then("id", new byte[] { 0, 0, 0, 1 })
            .Then("key", VectorFiles.HexOf(vector["inputs"]!["device_private_key_hex"]))
            .Then("random", VectorFiles.HexOf(vector["inputs"]!["device_random_hex"]));
        var rig = new TestRig(new Security1(CryptoProviders.Managed, Array.Empty<byte>()), null, random);
        var origin = new RequestOrigin("c", "p");
        rig.PostOk(EndpointNames.Session, origin, VectorFiles.HexOf(vector["handshake"]!["cmd0"]!["hex"]));
        origin.CookieSessionId = 1;
        var r1 = rig.PostOk(EndpointNames.Session, origin, VectorFiles.HexOf(vector["handshake"]!["cmd1"]!["hex"]));
        Assert.Equal((string)vector["handshake"]!["resp1"]!["hex"], Hex.Of(r1.Body));
    }

    [Theory]
    [InlineData("session=1234567890", true, 1234567890u)]
    [InlineData("session=0", true, 0u)]
    [InlineData("session=4294967295", true, 4294967295u)]
    [InlineData("theme=dark; session=42; x=1", true, 42u)]
    [InlineData("  session=7  ", true, 7u)]
    [InlineData("session=4294967296", false, 0u)]
    [InlineData("session=-1", false, 0u)]
    [InlineData("session=12a", false, 0u)]
    [InlineData("session=", false, 0u)]
    [InlineData("sessions=5", false, 0u)]
    [InlineData("", false, 0u)]
    [InlineData(null, false, 0u)]
    public void SessionCookieParsing(string header, bool ok, uint id)
    {
        Assert.Equal(ok, RequestOrigin.TryParseSessionCookie(header, out uint parsed));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public void OriginCookieProperties()
    {
        var origin = new RequestOrigin("c", "p");
        Assert.False(origin.HasCookie);
        origin.CookieSessionId = 5;
        Assert.True(origin.HasCookie);
        Assert.True(new RequestOrigin("c", "p", 9).HasCookie);
    }

    [Fact]
    public void ConstantTimeCompare()
    {
        var a = new byte[] { 1, 2, 3, 4 };
        Assert.True(ConstantTime.AreEqual(a, new byte[] { 1, 2, 3, 4 }));
        Assert.False(ConstantTime.AreEqual(a, new byte[] { 1, 2, 3, 5 }));
        Assert.False(ConstantTime.AreEqual(a, new byte[] { 0, 2, 3, 4 }));
        Assert.False(ConstantTime.AreEqual(a, new byte[] { 1, 2, 3 }));
        Assert.False(ConstantTime.AreEqual(a, null));
        Assert.True(ConstantTime.AreEqual(a, 1, new byte[] { 9, 2, 3 }, 1, 2));
        Assert.False(ConstantTime.AreEqual(a, 3, a, 0, 2));
    }

    [Fact]
    public void EventsCarryNoByteArraysAndLogsNoSecrets()
    {
        Assert.DoesNotContain(typeof(SecurityEventArgs).GetProperties(BindingFlags.Public | BindingFlags.Instance), p => p.PropertyType == typeof(byte[]));

        var rig = TestRig.Sec2();
        var client = new Sec2Client(TestRig.Username, TestRig.Password);
        var origin = new RequestOrigin("c", "10.0.0.2");
        rig.Establish(client, origin);
        rig.AssertEcho(client, origin, "mypassphrase");
        var wrong = new Sec2Client(TestRig.Username, "hunter2"u8.ToArray());
        var o2 = new RequestOrigin("d", "10.0.0.3");
        var r0 = rig.PostOk(EndpointNames.Session, o2, wrong.Command0());
        wrong.Response0(r0.Body);
        o2.CookieSessionId = r0.SessionId;
        rig.Post(EndpointNames.Session, o2, wrong.Command1());

        string log = rig.Log.All.ToLowerInvariant();
        Assert.NotEmpty(rig.Log.Lines);
        foreach (var secret in new[] { "abcd1234", "hunter2", "mypassphrase", "wifiprov", Hex.Of(client.SessionKey).Substring(0, 16), Hex.Of(client.Proof).Substring(0, 16) })
            Assert.DoesNotContain(secret, log);
    }

    [Fact]
    public void TheHandlersRequestBufferIsClearedAfterTheCall()
    {
        var rig = TestRig.Sec0();
        var keeper = new KeepingHandler();
        rig.Protocomm.RegisterEndpoint("custom-data", keeper);
        rig.PostOk("custom-data", new RequestOrigin("c", "p"), "secret"u8.ToArray());
        Assert.All(keeper.Kept, b => Assert.Equal(0, b));
    }

    [Fact]
    public void EndSessionAndEndAllSessionsWipeKeys()
    {
        var rig = TestRig.Sec1();
        var a = new Sec1Client(TestRig.Pop);
        var b = new Sec1Client(TestRig.Pop);
        uint idA = rig.Establish(a, new RequestOrigin("a", "1"));
        uint idB = rig.Establish(b, new RequestOrigin("b", "2"));
        var sessionA = rig.Protocomm.Sessions.Find(idA);
        Assert.True(rig.Protocomm.EndSession(idA));
        Assert.False(rig.Protocomm.EndSession(idA));
        Assert.True(sessionA.HasEnded);
        Assert.NotNull(rig.Protocomm.Sessions.Find(idB));
        rig.Protocomm.EndAllSessions();
        Assert.Equal(0, rig.Protocomm.Sessions.Count);
        Assert.Equal(2, rig.Events.Of(SecurityEventKind.SessionEnded).Count());
    }

    [Fact]
    public void ASubscriberThatThrowsDoesNotBreakTheCore()
    {
        var rig = TestRig.Sec0();
        rig.Protocomm.SecurityEvent += (_, _) => throw new InvalidOperationException("subscriber bug");
        Assert.Equal(ProtocommStatus.Ok, rig.Post(EndpointNames.ProtoVer, new RequestOrigin("c", "p"), "x"u8.ToArray()).Status);
    }

    private sealed class KeepingHandler : IRequestHandler
    {
        public byte[] Kept { get; private set; }

        public byte[] HandleRequest(uint sessionId, byte[] request)
        {
            Kept = request;
            return new byte[] { 1 };
        }
    }
}
