using System.Text.Json.Nodes;
using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>The Security 1 vectors (sec1.json): handshake bytes, keystream positions and data ciphertexts.</summary>
public class Sec1VectorTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var crypto in CryptoProviders.List)
        {
            data.Add(crypto, "with_pop");
            data.Add(crypto, "without_pop");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeviceProducesTheVectorBytes(string cryptoName, string caseName)
    {
        var vector = VectorFiles.Load("sec1.json")[caseName]!;
        var inputs = vector["inputs"]!;
        string pop = (string)inputs["pop_ascii"];
        var random = new ScriptedRandom()
            .Then("session id", new byte[] { 0x12, 0x34, 0x56, 0x78 })
            .Then("sec1 device private key", VectorFiles.HexOf(inputs["device_private_key_hex"]))
            .Then("sec1 device random", VectorFiles.HexOf(inputs["device_random_hex"]));
        var scheme = new Security1(CryptoProviders.Get(cryptoName), pop == null ? null : System.Text.Encoding.ASCII.GetBytes(pop));
        var protocomm = new NanoProv.Protocomm.Protocomm(null, scheme, random, new FakeClock(), new RecordingLog());
        var handler = new VectorHandler();
        protocomm.RegisterEndpoint(EndpointNames.Config, handler);
        var origin = new RequestOrigin("c1", "10.0.0.2");

        var handshake = vector["handshake"]!;
        var r0 = Post(protocomm, EndpointNames.Session, origin, VectorFiles.HexOf(handshake["cmd0"]!["hex"]));
        Assert.True(r0.SessionCreated);
        Assert.Equal(0x12345678u, r0.SessionId);
        Assert.Equal((string)handshake["resp0"]!["hex"], Hex.Of(r0.Body));
        origin.CookieSessionId = r0.SessionId;
        var r1 = Post(protocomm, EndpointNames.Session, origin, VectorFiles.HexOf(handshake["cmd1"]!["hex"]));
        Assert.Equal((string)handshake["resp1"]!["hex"], Hex.Of(r1.Body));
        Assert.True(protocomm.Sessions.Find(r0.SessionId).IsEstablished);

        foreach (var pair in vector["data_phase"]!.AsArray())
        {
            // proto-ver between data messages must not consume keystream.
            Post(protocomm, EndpointNames.ProtoVer, origin, "ESP"u8.ToArray());
            handler.Expect(VectorFiles.HexOf(pair!["request"]!["plaintext_hex"]), VectorFiles.HexOf(pair["response"]!["plaintext_hex"]));
            var reply = Post(protocomm, EndpointNames.Config, origin, VectorFiles.HexOf(pair["request"]!["ciphertext_hex"]));
            Assert.Equal((string)pair["response"]!["ciphertext_hex"], Hex.Of(reply.Body));
        }

        Assert.Equal(0, random.Remaining);
        Assert.Equal(new[] { 4, 32, 16 }, random.Draws.Select(d => d.Length));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CtrStreamReproducesTheKeystreamAcrossMessageBoundaries(string cryptoName, string caseName)
    {
        var derived = VectorFiles.Load("sec1.json")[caseName]!["derived"]!;
        byte[] keystream = VectorFiles.HexOf(derived["keystream_hex"]);
        var stream = new CtrStream(CryptoProviders.Get(cryptoName), VectorFiles.HexOf(derived["session_key_hex"]), VectorFiles.HexOf(derived["aes_ctr_initial_counter_block_hex"]));
        // Odd piece sizes cross block boundaries inside a piece and between pieces.
        int[] pieces = { 32, 32, 2, 6, 24, 4, 1, 15, 17, 23 };
        int position = 0;
        foreach (int size in pieces)
        {
            var zeros = new byte[size];
            Assert.Equal(0, stream.Apply(zeros, 0, size));
            Assert.Equal(Hex.Of(keystream.AsSpan(position, size).ToArray()), Hex.Of(zeros));
            position += size;
        }
        Assert.Equal(position, stream.Position);
    }

    [Theory]
    [InlineData("with_pop")]
    [InlineData("without_pop")]
    public void TestClientMatchesTheVectorToo(string caseName)
    {
        // Validates the independent test client used by the scenario tests.
        var vector = VectorFiles.Load("sec1.json")[caseName]!;
        string pop = (string)vector["inputs"]!["pop_ascii"];
        var client = new Sec1Client(pop == null ? null : System.Text.Encoding.ASCII.GetBytes(pop), VectorFiles.HexOf(vector["inputs"]!["client_private_key_hex"]));
        Assert.Equal((string)vector["handshake"]!["cmd0"]!["hex"], Hex.Of(client.Command0()));
        client.Response0(VectorFiles.HexOf(vector["handshake"]!["resp0"]!["hex"]));
        Assert.Equal((string)vector["handshake"]!["cmd1"]!["hex"], Hex.Of(client.Command1()));
        Assert.True(client.Response1(VectorFiles.HexOf(vector["handshake"]!["resp1"]!["hex"])));
    }

    private static ProtocommReply Post(NanoProv.Protocomm.Protocomm protocomm, string endpoint, RequestOrigin origin, byte[] body)
    {
        var reply = protocomm.Handle(endpoint, origin, body, 0, body.Length);
        Assert.True(reply.Status == ProtocommStatus.Ok, $"{endpoint} failed: reason {reply.FailureReason}");
        return reply;
    }
}
