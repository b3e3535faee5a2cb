using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using NanoProv.Wire;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>
/// Bad input of issue 4 item 7. Every case asserts the failure (transport-level, reason code, event) and that the
/// session it hit and a bystander session are unchanged (both still talk in step afterwards).
/// </summary>
public class BadInputTests
{
    public static TheoryData<string, string> SchemesAndCrypto()
    {
        var data = new TheoryData<string, string>();
        foreach (var crypto in CryptoProviders.List)
        {
            data.Add("sec1", crypto);
            data.Add("sec2", crypto);
        }
        return data;
    }

    private sealed class Setup
    {
        public Setup(string scheme, string crypto)
        {
            Rig = TestRig.For(scheme, null, CryptoProviders.Get(crypto));
            Bystander = Rig.NewClient();
            BystanderOrigin = new RequestOrigin("by", "10.0.0.99");
            BystanderId = Rig.Establish(Bystander, BystanderOrigin);
            Client = Rig.NewClient();
            Origin = new RequestOrigin("c", "10.0.0.2");
            var version = Rig.PostOk(EndpointNames.ProtoVer, Origin, "ESP"u8.ToArray());
            Origin.CookieSessionId = version.SessionId;
            Id = version.SessionId;
            Rig.Events.Clear();
        }

        public TestRig Rig { get; }
        public ITestClient Bystander { get; }
        public RequestOrigin BystanderOrigin { get; }
        public uint BystanderId { get; }
        public ITestClient Client { get; }
        public RequestOrigin Origin { get; }
        public uint Id { get; }

        public ProtocommReply Fails(string endpoint, byte[] body, int reason, SecurityEventKind kind)
        {
            int sessions = Rig.Protocomm.Sessions.Count;
            int calls = Rig.Echo.Calls;
            var reply = Rig.Post(endpoint, Origin, body);
            Assert.Equal(ProtocommStatus.Failed, reply.Status);
            Assert.Null(reply.Body);
            Assert.False(reply.SessionCreated);
            Assert.Equal(reason, reply.FailureReason);
            Assert.Equal(sessions, Rig.Protocomm.Sessions.Count);
            Assert.Equal(calls, Rig.Echo.Calls);
            var e = Assert.Single(Rig.Events.Events, x => x.Kind == kind);
            Assert.Equal(reason, e.Reason);
            Rig.Events.Clear();
            return reply;
        }

        /// <summary>The hit session can still complete a handshake and the bystander is in step.</summary>
        public void AssertRecoverableAndBystanderUntouched(ITestClient client = null)
        {
            client ??= Rig.NewClient();
            Assert.Equal(Id, Rig.Establish(client, Origin));
            Rig.AssertEcho(client, Origin, "recovered");
            Assert.Equal(BystanderId, Rig.AssertEcho(Bystander, BystanderOrigin, "bystander").SessionId);
        }
    }

    [Theory]
    [MemberData(nameof(SchemesAndCrypto))]
    public void Command1BeforeCommand0(string scheme, string crypto)
    {
        var s = new Setup(scheme, crypto);
        byte[] cmd1 = scheme == "sec1" ? Sec1Cmd1(new byte[32]) : ((Sec2Client)s.Client).Command1(new byte[64]);
        s.Fails(EndpointNames.Session, cmd1, SecurityFailure.OutOfOrder, SecurityEventKind.ProtocolError);
        s.AssertRecoverableAndBystanderUntouched();
    }

    [Theory]
    [MemberData(nameof(SchemesAndCrypto))]
    public void Command1BeforeCommand0OnABrandNewSessionLeavesNothingBehind(string scheme, string crypto)
    {
        var s = new Setup(scheme, crypto);
        byte[] cmd1 = scheme == "sec1" ? Sec1Cmd1(new byte[32]) : ((Sec2Client)s.Client).Command1(new byte[64]);
        int before = s.Rig.Protocomm.Sessions.Count;
        var reply = s.Rig.Post(EndpointNames.Session, new RequestOrigin("new", "10.0.0.3"), cmd1);
        Assert.Equal(ProtocommStatus.Failed, reply.Status);
        Assert.Equal(SecurityFailure.OutOfOrder, reply.FailureReason);
        Assert.Equal(before, s.Rig.Protocomm.Sessions.Count);
        Assert.Empty(s.Rig.Events.Of(SecurityEventKind.SessionCreated));
    }

    [Theory]
    [MemberData(nameof(SchemesAndCrypto))]
    public void Command1AfterTheHandshakeCompletedIsOutOfOrderAndChangesNothing(string scheme, string crypto)
    {
        var s = new Setup(scheme, crypto);
        s.Rig.Establish(s.Client, s.Origin);
        byte[] cmd1 = scheme == "sec1" ? Sec1Cmd1(new byte[32]) : ((Sec2Client)s.Client).Command1(new byte[64]);
        s.Rig.Events.Clear();
        s.Fails(EndpointNames.Session, cmd1, SecurityFailure.OutOfOrder, SecurityEventKind.ProtocolError);
        s.Rig.AssertEcho(s.Client, s.Origin, "still established");
    }

    [Theory]
    [MemberData(nameof(SchemesAndCrypto))]
    public void DataBeforeTheHandshake(string scheme, string crypto)
    {
        var s = new Setup(scheme, crypto);
        s.Fails(EndpointNames.Config, new byte[24], SecurityFailure.NotEstablished, SecurityEventKind.ProtocolError);
        s.AssertRecoverableAndBystanderUntouched();
    }

    [Theory]
    [MemberData(nameof(SchemesAndCrypto))]
    public void DataBetweenCommand0AndCommand1(string scheme, string crypto)
    {
        var s = new Setup(scheme, crypto);
        var r0 = s.Rig.PostOk(EndpointNames.Session, s.Origin, s.Client.Command0());
        s.Client.Response0(r0.Body);
        s.Rig.Events.Clear();
        s.Fails(EndpointNames.Config, new byte[24], SecurityFailure.NotEstablished, SecurityEventKind.ProtocolError);
        // The pending handshake is intact: Command1 still completes it.
        var r1 = s.Rig.PostOk(EndpointNames.Session, s.Origin, s.Client.Command1());
        Assert.True(s.Client.Response1(r1.Body));
        s.Rig.AssertEcho(s.Client, s.Origin, "ok");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Sec1WrongClientKeyLength(int length)
    {
        var s = new Setup("sec1", "managed");
        s.Rig.Establish(s.Client, s.Origin);
        s.Rig.Events.Clear();
        var message = new SessionData { SecVer = SecSchemeVersion.SecScheme1 };
        message.Sec1 = new Sec1Payload { Msg = Sec1MsgType.Session_Command0, Sc0 = new SessionCmd0 { ClientPubkey = new byte[length] } };
        s.Fails(EndpointNames.Session, message.ToByteArray(), SecurityFailure.InvalidParameters, SecurityEventKind.InvalidParameters);
        // An invalid Command0 does not restart an established session.
        s.Rig.AssertEcho(s.Client, s.Origin, "still established");
    }

    [Fact]
    public void Sec1LowOrderClientKeyIsRejected()
    {
        var s = new Setup("sec1", "managed");
        var message = new SessionData { SecVer = SecSchemeVersion.SecScheme1 };
        message.Sec1 = new Sec1Payload { Msg = Sec1MsgType.Session_Command0, Sc0 = new SessionCmd0 { ClientPubkey = new byte[32] } };
        s.Fails(EndpointNames.Session, message.ToByteArray(), SecurityFailure.InvalidParameters, SecurityEventKind.InvalidParameters);
        s.AssertRecoverableAndBystanderUntouched();
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void Sec1WrongVerifyTokenLengthKeepsTheHandshakePending(int length)
    {
        var s = new Setup("sec1", "managed");
        var client = (Sec1Client)s.Client;
        var r0 = s.Rig.PostOk(EndpointNames.Session, s.Origin, client.Command0());
        client.Response0(r0.Body);
        s.Rig.Events.Clear();
        s.Fails(EndpointNames.Session, Sec1Cmd1(new byte[length]), SecurityFailure.InvalidParameters, SecurityEventKind.InvalidParameters);
        var r1 = s.Rig.PostOk(EndpointNames.Session, s.Origin, client.Command1());
        Assert.True(client.Response1(r1.Body));
        s.Rig.AssertEcho(client, s.Origin, "ok");
    }

    [Fact]
    public void Sec1WrongPop()
    {
        var s = new Setup("sec1", "managed");
        var wrong = new Sec1Client("wrong-pop"u8.ToArray());
        var r0 = s.Rig.PostOk(EndpointNames.Session, s.Origin, wrong.Command0());
        wrong.Response0(r0.Body);
        s.Rig.Events.Clear();
        s.Fails(EndpointNames.Session, wrong.Command1(), SecurityFailure.CredentialsMismatch, SecurityEventKind.CredentialsMismatch);
        Assert.False(s.Rig.Protocomm.Sessions.Find(s.Id).IsEstablished);
        // The same session accepts a new attempt with the right PoP ("retry after wrong PoP" without a reboot).
        s.AssertRecoverableAndBystanderUntouched();
        Assert.DoesNotContain("wrong-pop", s.Rig.Log.All);
    }

    [Theory]
    [InlineData(383)]
    [InlineData(385)]
    [InlineData(0)]
    public void Sec2WrongClientKeyLength(int length)
    {
        var s = new Setup("sec2", "managed");
        s.Fails(EndpointNames.Session, ((Sec2Client)s.Client).Command0(new byte[length]), SecurityFailure.InvalidParameters, SecurityEventKind.InvalidParameters);
        s.AssertRecoverableAndBystanderUntouched();
    }

    [Fact]
    public void Sec2EmptyUsername()
    {
        var s = new Setup("sec2", "managed");
        var client = (Sec2Client)s.Client;
        s.Fails(EndpointNames.Session, client.Command0(client.A, Array.Empty<byte>()), SecurityFailure.InvalidParameters, SecurityEventKind.InvalidParameters);
        s.AssertRecoverableAndBystanderUntouched();
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("N")]
    public void Sec2ClientKeyZeroModuloNIsRejected(string which)
    {
        var s = new Setup("sec2", "managed");
        byte[] a = which == "zero" ? new byte[384] : (byte[])SrpGroupForTests.NBytes.Clone();
        Assert.Equal(384, a.Length);
        s.Fails(EndpointNames.Session, ((Sec2Client)s.Client).Command0(a), SecurityFailure.InvalidParameters, SecurityEventKind.InvalidParameters);
        s.AssertRecoverableAndBystanderUntouched();
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(0)]
    public void Sec2WrongProofLengthKeepsTheHandshakePending(int length)
    {
        var s = new Setup("sec2", "managed");
        var client = (Sec2Client)s.Client;
        var r0 = s.Rig.PostOk(EndpointNames.Session, s.Origin, client.Command0());
        client.Response0(r0.Body);
        s.Rig.Events.Clear();
        s.Fails(EndpointNames.Session, client.Command1(new byte[length]), SecurityFailure.InvalidParameters, SecurityEventKind.InvalidParameters);
        var r1 = s.Rig.PostOk(EndpointNames.Session, s.Origin, client.Command1());
        Assert.True(client.Response1(r1.Body));
        s.Rig.AssertEcho(client, s.Origin, "ok");
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("wrong username")]
    public void Sec2WrongCredentials(string what)
    {
        var s = new Setup("sec2", "managed");
        var wrong = what == "wrong password"
            ? new Sec2Client(TestRig.Username, "not-the-password"u8.ToArray())
            : new Sec2Client("someone"u8.ToArray(), TestRig.Password);
        var r0 = s.Rig.PostOk(EndpointNames.Session, s.Origin, wrong.Command0());
        wrong.Response0(r0.Body);
        s.Rig.Events.Clear();
        s.Fails(EndpointNames.Session, wrong.Command1(), SecurityFailure.CredentialsMismatch, SecurityEventKind.CredentialsMismatch);
        Assert.False(s.Rig.Protocomm.Sessions.Find(s.Id).IsEstablished);
        s.AssertRecoverableAndBystanderUntouched();
        Assert.DoesNotContain("not-the-password", s.Rig.Log.All);
    }

    [Theory]
    [InlineData("flip ciphertext")]
    [InlineData("flip tag")]
    [InlineData("truncate tag")]
    [InlineData("shorter than a tag")]
    [InlineData("append byte")]
    public void Sec2TamperedOrTruncatedCiphertextDoesNotMoveTheCounter(string how)
    {
        foreach (var crypto in CryptoProviders.List)
        {
            var s = new Setup("sec2", crypto);
            var client = (Sec2Client)s.Client;
            s.Rig.Establish(client, s.Origin);
            s.Rig.AssertEcho(client, s.Origin, "first");
            s.Rig.Events.Clear();
            uint counter = client.Counter;
            byte[] good = client.Encrypt("payload"u8.ToArray());
            byte[] bad = how switch
            {
                "flip ciphertext" => Flip(good, 0),
                "flip tag" => Flip(good, good.Length - 1),
                "truncate tag" => good.AsSpan(0, good.Length - 1).ToArray(),
                "shorter than a tag" => good.AsSpan(0, 15).ToArray(),
                _ => good.Concat(new byte[] { 0 }).ToArray(),
            };
            s.Fails(EndpointNames.Config, bad, SecurityFailure.DecryptFailed, SecurityEventKind.DecryptFailed);
            // The untampered message, sealed with the same counter value, is still accepted: nothing advanced.
            var reply = s.Rig.PostOk(EndpointNames.Config, s.Origin, good);
            Assert.Equal("reply:payload", System.Text.Encoding.UTF8.GetString(client.Decrypt(reply.Body)));
            Assert.Equal(counter + 2, client.Counter);
            Assert.Equal(s.BystanderId, s.Rig.AssertEcho(s.Bystander, s.BystanderOrigin, "bystander").SessionId);
        }
    }

    [Fact]
    public void Sec1TamperedCiphertextReachesTheHandlerAsGarbageAndAParsingHandlerFails()
    {
        // Security 1 has no MAC: tampering cannot be detected by the cipher. A handler that parses its protobuf
        // rejects the garbage, which is a handler failure (transport-level, no reply).
        var rig = TestRig.Sec1();
        rig.Protocomm.RegisterEndpoint(EndpointNames.Ctrl, new ParsingHandler());
        var client = new Sec1Client(TestRig.Pop);
        var origin = new RequestOrigin("c", "10.0.0.2");
        rig.Establish(client, origin);
        byte[] request = client.Encrypt(new byte[] { 0xFF, 0xFF, 0xFF }); // invalid protobuf once decrypted
        var reply = rig.Post(EndpointNames.Ctrl, origin, request);
        Assert.Equal(ProtocommStatus.Failed, reply.Status);
        Assert.Equal(SecurityFailure.HandlerFailed, reply.FailureReason);
        Assert.Single(rig.Events.Of(SecurityEventKind.HandlerFailed));
    }

    [Theory]
    [MemberData(nameof(SchemesAndCrypto))]
    public void UnknownEndpointTouchesNothing(string scheme, string crypto)
    {
        var s = new Setup(scheme, crypto);
        int sessions = s.Rig.Protocomm.Sessions.Count;
        var reply = s.Rig.Post("prov-nonexistent", new RequestOrigin("fresh", "10.0.0.5"), "x"u8.ToArray());
        Assert.Equal(ProtocommStatus.UnknownEndpoint, reply.Status);
        Assert.Equal(SecurityFailure.UnknownEndpoint, reply.FailureReason);
        Assert.Null(reply.Body);
        Assert.Equal(sessions, s.Rig.Protocomm.Sessions.Count);
        Assert.Equal(SecurityEventKind.RequestRejected, Assert.Single(s.Rig.Events.Events).Kind);
        Assert.Equal(ProtocommStatus.UnknownEndpoint, s.Rig.Post("", s.Origin, "x"u8.ToArray()).Status);
        Assert.Equal(ProtocommStatus.UnknownEndpoint, s.Rig.Post(null, s.Origin, "x"u8.ToArray()).Status);
        Assert.Equal(ProtocommStatus.UnknownEndpoint, s.Rig.Post("prov-config?x=1", s.Origin, "x"u8.ToArray()).Status);
        s.AssertRecoverableAndBystanderUntouched();
    }

    [Theory]
    [MemberData(nameof(SchemesAndCrypto))]
    public void EmptyOrOversizedBodiesTouchNothing(string scheme, string crypto)
    {
        var s = new Setup(scheme, crypto);
        foreach (var endpoint in new[] { EndpointNames.ProtoVer, EndpointNames.Session, EndpointNames.Config })
        {
            s.Fails(endpoint, Array.Empty<byte>(), SecurityFailure.InvalidLength, SecurityEventKind.RequestRejected);
            s.Fails(endpoint, new byte[4097], SecurityFailure.InvalidLength, SecurityEventKind.RequestRejected);
        }
        var outside = s.Rig.Protocomm.Handle(EndpointNames.Config, s.Origin, new byte[10], 8, 5);
        Assert.Equal(SecurityFailure.InvalidLength, outside.FailureReason);
        var negative = s.Rig.Protocomm.Handle(EndpointNames.Config, s.Origin, new byte[10], -1, 5);
        Assert.Equal(SecurityFailure.InvalidLength, negative.FailureReason);
        var nullBody = s.Rig.Protocomm.Handle(EndpointNames.Config, s.Origin, null, 0, 0);
        Assert.Equal(SecurityFailure.InvalidLength, nullBody.FailureReason);
        s.AssertRecoverableAndBystanderUntouched();
    }

    [Theory]
    [MemberData(nameof(SchemesAndCrypto))]
    public void MalformedHandshakeMessages(string scheme, string crypto)
    {
        var s = new Setup(scheme, crypto);
        s.Rig.Establish(s.Client, s.Origin);
        s.Rig.Events.Clear();
        var wrongScheme = new SessionData { SecVer = scheme == "sec1" ? SecSchemeVersion.SecScheme2 : SecSchemeVersion.SecScheme1 };
        var sec0 = new SessionData { SecVer = SecSchemeVersion.SecScheme0, Sec0 = new Sec0Payload { Sc = new S0SessionCmd() } };
        var noPayload = new SessionData { SecVer = scheme == "sec1" ? SecSchemeVersion.SecScheme1 : SecSchemeVersion.SecScheme2 };
        var confused = new SessionData { SecVer = SecSchemeVersion.SecScheme1 };
        confused.Sec1 = new Sec1Payload { Msg = Sec1MsgType.Session_Command1, Sc0 = new SessionCmd0 { ClientPubkey = new byte[32] } };
        var confused2 = new SessionData { SecVer = SecSchemeVersion.SecScheme2 };
        confused2.Sec2 = new Sec2Payload { Msg = Sec2MsgType.S2Session_Command1, Sc0 = new S2SessionCmd0() };
        byte[][] bodies =
        {
            new byte[] { 0xFF, 0xFF, 0xFF, 0xFF },       // not protobuf
            new byte[] { 0x5A, 0x50, 0x01 },             // truncated length-delimited field
            wrongScheme.ToByteArray(),
            sec0.ToByteArray(),
            noPayload.ToByteArray().Length == 0 ? new byte[] { 0x00 } : noPayload.ToByteArray(),
            scheme == "sec1" ? confused.ToByteArray() : confused2.ToByteArray(), // msg type and oneof disagree
        };
        foreach (var body in bodies)
            s.Fails(EndpointNames.Session, body, SecurityFailure.MalformedMessage, SecurityEventKind.ProtocolError);
        s.Rig.AssertEcho(s.Client, s.Origin, "still established");
        Assert.Equal(s.BystanderId, s.Rig.AssertEcho(s.Bystander, s.BystanderOrigin, "bystander").SessionId);
    }

    [Fact]
    public void AThrowingHandlerIsAHandlerFailure()
    {
        var rig = TestRig.Sec0();
        rig.Protocomm.RegisterEndpoint("custom-data", new ThrowingHandler());
        var reply = rig.Post("custom-data", new RequestOrigin("c", "p"), "x"u8.ToArray());
        Assert.Equal(ProtocommStatus.Failed, reply.Status);
        Assert.Equal(SecurityFailure.HandlerFailed, reply.FailureReason);
        Assert.Equal(0, rig.Protocomm.Sessions.Count);
    }

    private static byte[] Sec1Cmd1(byte[] token)
    {
        var message = new SessionData { SecVer = SecSchemeVersion.SecScheme1 };
        message.Sec1 = new Sec1Payload { Msg = Sec1MsgType.Session_Command1, Sc1 = new SessionCmd1 { ClientVerifyData = token } };
        return message.ToByteArray();
    }

    private static byte[] Flip(byte[] data, int index)
    {
        var copy = (byte[])data.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private sealed class ParsingHandler : IRequestHandler
    {
        public byte[] HandleRequest(uint sessionId, byte[] request)
        {
            try
            {
                return WiFiCtrlPayload.Parse(request).ToByteArray();
            }
            catch (ProtoException)
            {
                return null;
            }
        }
    }

    private sealed class ThrowingHandler : IRequestHandler
    {
        public byte[] HandleRequest(uint sessionId, byte[] request) => throw new InvalidOperationException("boom");
    }
}
