using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>
/// The documented order of IRandom draws (the transcript replay depends on it):
/// new session: 4 bytes, big-endian session id (redrawn when 0, 0xFFFFFFFF or in use);
/// Security 1 Command0: 32-byte private key, then 16-byte device random;
/// Security 2 Command0: 32-byte b; Security 2 Command1 (after the proof verified): 8-byte nonce prefix
/// (patch 1) or 16-byte IV (legacy).
/// </summary>
public class RandomDrawOrderTests
{
    [Fact]
    public void Security1()
    {
        var random = new ScriptedRandom()
            .Then("session id", new byte[] { 0, 0, 0, 0 })              // 0 is never used
            .Then("session id", new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })  // neither is 0xFFFFFFFF
            .Then("session id", new byte[] { 0x49, 0x96, 0x02, 0xD2 })  // 1234567890
            .Then("private key", Hex.Bytes("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))
            .Then("device random", Hex.Bytes("000102030405060708090a0b0c0d0e0f"))
            .Then("second session id", new byte[] { 0x49, 0x96, 0x02, 0xD2 }) // in use: redrawn
            .Then("second session id", new byte[] { 0x49, 0x96, 0x02, 0xD3 });
        var rig = TestRig.Sec1(random: random);
        var client = new Sec1Client(TestRig.Pop);
        var origin = new RequestOrigin("c", "10.0.0.2");
        Assert.Equal(1234567890u, rig.Establish(client, origin));
        var second = rig.PostOk(EndpointNames.ProtoVer, new RequestOrigin("d", "10.0.0.3"), "ESP"u8.ToArray());
        Assert.Equal(1234567891u, second.SessionId);
        Assert.Equal(0, random.Remaining);
        Assert.Equal(new[] { 4, 4, 4, 32, 16, 4, 4 }, random.Draws.Select(d => d.Length));
    }

    [Fact]
    public void Security2()
    {
        var random = new ScriptedRandom()
            .Then("session id", new byte[] { 0, 0, 0, 1 })
            .Then("b", Enumerable.Repeat((byte)0x22, 32).ToArray())
            .Then("nonce prefix", new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        var rig = TestRig.Sec2(random: random);
        var client = new Sec2Client(TestRig.Username, TestRig.Password);
        Assert.Equal(1u, rig.Establish(client, new RequestOrigin("c", "10.0.0.2")));
        Assert.Equal("010203040506070800000001", Hex.Of(client.DeviceNonce));
        Assert.Equal(0, random.Remaining);
    }

    [Fact]
    public void Security2WrongPasswordDrawsNoNonce()
    {
        var random = new ScriptedRandom()
            .Then("session id", new byte[] { 0, 0, 0, 1 })
            .Then("b", Enumerable.Repeat((byte)0x22, 32).ToArray());
        var rig = TestRig.Sec2(random: random);
        var client = new Sec2Client(TestRig.Username, "bad"u8.ToArray());
        var origin = new RequestOrigin("c", "10.0.0.2");
        var r0 = rig.PostOk(EndpointNames.Session, origin, client.Command0());
        client.Response0(r0.Body);
        origin.CookieSessionId = r0.SessionId;
        Assert.Equal(ProtocommStatus.Failed, rig.Post(EndpointNames.Session, origin, client.Command1()).Status);
        Assert.Equal(0, random.Remaining);
    }

    [Fact]
    public void Security0DrawsOnlySessionIds()
    {
        var random = new ScriptedRandom().Then("session id", new byte[] { 0, 0, 0, 5 });
        var rig = new TestRig(new Security0(), null, random);
        var reply = rig.PostOk(EndpointNames.Session, new RequestOrigin("c", "p"), Hex.Bytes("5203a20100"));
        Assert.Equal("5205 0801aa0100".Replace(" ", ""), Hex.Of(reply.Body));
        Assert.Equal(5u, reply.SessionId);
        Assert.Equal(0, random.Remaining);
    }

    [Fact]
    public void UnknownEndpointsAndRejectedBodiesDrawNothing()
    {
        var random = new ScriptedRandom();
        var rig = new TestRig(new Security0(), null, random);
        rig.Post("nope", new RequestOrigin("c", "p"), "x"u8.ToArray());
        rig.Post(EndpointNames.ProtoVer, new RequestOrigin("c", "p"), Array.Empty<byte>());
        Assert.Empty(random.Draws);
    }
}
