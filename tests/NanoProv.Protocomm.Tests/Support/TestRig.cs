using NanoProv.Platform;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests.Support;

/// <summary>A Protocomm with fake clock, seeded random, recorded log/events and an echo endpoint, plus client helpers.</summary>
public sealed class TestRig
{
    public static readonly byte[] Pop = "abcd1234"u8.ToArray();
    public static readonly byte[] Username = "wifiprov"u8.ToArray();
    public static readonly byte[] Password = "abcd1234"u8.ToArray();
    public static readonly byte[] Salt = Hex.Bytes("036ee0c7bcb9eda84c9eac97d93decf4");

    public TestRig(ISecurityScheme scheme, ProtocommOptions options = null, IRandom random = null)
    {
        Clock = new FakeClock();
        Log = new RecordingLog();
        Protocomm = new NanoProv.Protocomm.Protocomm(options, scheme, random ?? new SeededRandom(42), Clock, Log);
        Events = new EventRecorder(Protocomm);
        Echo = new EchoHandler();
        Protocomm.RegisterEndpoint(EndpointNames.Config, Echo);
    }

    public static TestRig Sec0(ProtocommOptions options = null) => new(new Security0(), options);

    public static TestRig Sec1(ICrypto crypto = null, ProtocommOptions options = null, IRandom random = null) =>
        new(new Security1(crypto ?? CryptoProviders.Managed, Pop), options, random);

    public static TestRig Sec2(ICrypto crypto = null, ProtocommOptions options = null, Security2Mode mode = Security2Mode.Patch1, IRandom random = null) =>
        new(new Security2(crypto ?? CryptoProviders.Managed, Salt, SrpGroupForTests.Verifier(Username, Password, Salt), mode), options, random);

    public NanoProv.Protocomm.Protocomm Protocomm { get; }
    public FakeClock Clock { get; }
    public RecordingLog Log { get; }
    public EventRecorder Events { get; }
    public EchoHandler Echo { get; }

    public ProtocommReply Post(string endpoint, RequestOrigin origin, byte[] body) =>
        Protocomm.Handle(endpoint, origin, body, 0, body.Length);

    public ProtocommReply PostOk(string endpoint, RequestOrigin origin, byte[] body)
    {
        var reply = Post(endpoint, origin, body);
        Assert.True(reply.Status == ProtocommStatus.Ok, $"{endpoint} failed with reason {reply.FailureReason}");
        return reply;
    }

    /// <summary>The Security 1/2 handshake; the origin gets the cookie when the session is new. Returns the session id.</summary>
    public uint Establish(ITestClient client, RequestOrigin origin)
    {
        var first = PostOk(EndpointNames.Session, origin, client.Command0());
        if (first.SessionCreated)
            origin.CookieSessionId = first.SessionId;
        client.Response0(first.Body);
        var second = PostOk(EndpointNames.Session, origin, client.Command1());
        Assert.False(second.SessionCreated);
        Assert.True(client.Response1(second.Body), "device proof/verify token rejected by the client");
        Assert.True(Protocomm.Sessions.Find(first.SessionId).IsEstablished);
        return first.SessionId;
    }

    /// <summary>Sends an encrypted echo request and checks the decrypted reply: proves the session's keys are in sync.</summary>
    public ProtocommReply AssertEcho(ITestClient client, RequestOrigin origin, string text)
    {
        var request = System.Text.Encoding.UTF8.GetBytes(text);
        var reply = PostOk(EndpointNames.Config, origin, client.Encrypt(request));
        Assert.Equal("reply:" + text, System.Text.Encoding.UTF8.GetString(client.Decrypt(reply.Body)));
        return reply;
    }

    /// <summary>A new client for this rig's scheme.</summary>
    public ITestClient NewClient()
    {
        return Protocomm.Security switch
        {
            Security1 => new Sec1Client(Pop),
            Security2 s2 => new Sec2Client(Username, Password, null, s2.Mode == Security2Mode.Patch0Legacy),
            _ => throw new InvalidOperationException("no client for this scheme"),
        };
    }

    /// <summary>Rig for "sec1", "sec2" or "sec2-legacy".</summary>
    public static TestRig For(string scheme, ProtocommOptions options = null, ICrypto crypto = null) => scheme switch
    {
        "sec1" => Sec1(crypto, options),
        "sec2" => Sec2(crypto, options),
        "sec2-legacy" => Sec2(crypto, options, Security2Mode.Patch0Legacy),
        _ => throw new ArgumentException(scheme),
    };
}
