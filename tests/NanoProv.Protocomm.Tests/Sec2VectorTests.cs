using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>The Security 2 vectors (sec2.json): main, B of 383 bytes, S of 383 bytes; handshake and GCM data.</summary>
public class Sec2VectorTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var crypto in CryptoProviders.List)
            foreach (var name in new[] { "main", "edge_B_383_bytes", "edge_S_383_bytes" })
                data.Add(crypto, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeviceProducesTheVectorBytes(string cryptoName, string caseName)
    {
        var file = VectorFiles.Load("sec2.json");
        var vector = file[caseName]!;
        var credentials = file["credentials"]!;
        byte[] nonce = VectorFiles.HexOf(vector["inputs"]!["device_nonce_hex"]);
        var random = new ScriptedRandom()
            .Then("session id", new byte[] { 0xCA, 0xFE, 0x00, 0x01 })
            .Then("sec2 b", VectorFiles.HexOf(vector["inputs"]!["b_hex"]))
            .Then("sec2 nonce prefix", nonce.AsSpan(0, 8).ToArray());
        var scheme = new Security2(CryptoProviders.Get(cryptoName), VectorFiles.HexOf(credentials["salt_hex"]), VectorFiles.HexOf(credentials["verifier_hex"]), Security2Mode.Patch1);
        var protocomm = new NanoProv.Protocomm.Protocomm(null, scheme, random, new FakeClock(), new RecordingLog());
        var handler = new VectorHandler();
        protocomm.RegisterEndpoint(EndpointNames.Config, handler);
        var origin = new RequestOrigin("c1", "10.0.0.2");

        var wire = vector["wire"]!;
        var r0 = Post(protocomm, EndpointNames.Session, origin, VectorFiles.HexOf(wire["cmd0"]!["hex"]));
        Assert.Equal((string)wire["resp0"]!["hex"], Hex.Of(r0.Body));
        Assert.Equal(0xCAFE0001u, r0.SessionId);
        origin.CookieSessionId = r0.SessionId;
        var r1 = Post(protocomm, EndpointNames.Session, origin, VectorFiles.HexOf(wire["cmd1"]!["hex"]));
        Assert.Equal((string)wire["resp1"]!["hex"], Hex.Of(r1.Body));

        foreach (var pair in vector["data_phase"]!.AsArray())
        {
            Post(protocomm, EndpointNames.ProtoVer, origin, "---"u8.ToArray());
            handler.Expect(VectorFiles.HexOf(pair!["request"]!["plaintext_hex"]), VectorFiles.HexOf(pair["response"]!["plaintext_hex"]));
            var reply = Post(protocomm, EndpointNames.Config, origin, VectorFiles.HexOf(pair["request"]!["wire_hex"]));
            Assert.Equal((string)pair["response"]!["wire_hex"], Hex.Of(reply.Body));
        }

        Assert.Equal(new[] { 4, 32, 8 }, random.Draws.Select(d => d.Length));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("edge_B_383_bytes")]
    [InlineData("edge_S_383_bytes")]
    public void TestClientAgreesWithTheVector(string caseName)
    {
        var file = VectorFiles.Load("sec2.json");
        var vector = file[caseName]!;
        var credentials = file["credentials"]!;
        var client = new Sec2Client("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray(), VectorFiles.HexOf(vector["inputs"]!["a_hex"]));
        Assert.Equal((string)vector["wire"]!["cmd0"]!["hex"], Hex.Of(client.Command0()));
        client.Response0(VectorFiles.HexOf(vector["wire"]!["resp0"]!["hex"]));
        Assert.Equal((string)vector["values"]!["K_hex"], Hex.Of(client.SessionKey));
        Assert.Equal((string)vector["wire"]!["cmd1"]!["hex"], Hex.Of(client.Command1()));
        Assert.True(client.Response1(VectorFiles.HexOf(vector["wire"]!["resp1"]!["hex"])));
        Assert.Equal(Hex.Of(VectorFiles.HexOf(credentials["verifier_hex"])),
            Hex.Of(SrpGroupForTests.Verifier("wifiprov"u8.ToArray(), "abcd1234"u8.ToArray(), VectorFiles.HexOf(credentials["salt_hex"]))));
    }

    private static ProtocommReply Post(NanoProv.Protocomm.Protocomm protocomm, string endpoint, RequestOrigin origin, byte[] body)
    {
        var reply = protocomm.Handle(endpoint, origin, body, 0, body.Length);
        Assert.True(reply.Status == ProtocommStatus.Ok, $"{endpoint} failed: reason {reply.FailureReason}");
        return reply;
    }
}
