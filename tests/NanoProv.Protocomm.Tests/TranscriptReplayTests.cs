using System.Text;
using System.Text.Json.Nodes;
using NanoProv.Platform;
using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>
/// Replays every recorded esp_prov session against a device built from the transcript's secrets and scenario:
/// same status (null = connection closed without a response), Set-Cookie only where recorded, byte-identical
/// bodies (proto-ver compared as parsed JSON).
/// </summary>
public class TranscriptReplayTests
{
    private const string PeerIp = "192.168.4.2";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var crypto in CryptoProviders.List)
            foreach (var name in VectorFiles.TranscriptNames())
                data.Add(crypto, name);
        return data;
    }

    [Fact]
    public void AllFourteenTranscriptsAreCopied()
    {
        Assert.Equal(14, VectorFiles.TranscriptNames().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReplaysByteIdentically(string cryptoName, string transcript)
    {
        var json = VectorFiles.Load($"transcripts/{transcript}.json");
        var device = TranscriptDevice.Build(json, CryptoProviders.Get(cryptoName));

        foreach (var exchange in json["exchanges"]!.AsArray())
        {
            int seq = (int)exchange!["seq"]!;
            string connection = "tcp-" + (int)exchange["tcp_connection"]!;
            string endpoint = ((string)exchange["path"]!).TrimStart('/');
            var request = exchange["request"]!;
            var response = exchange["response"]!;

            var origin = new RequestOrigin(connection, PeerIp);
            string cookie = (string)request["cookie"];
            if (cookie != null)
            {
                Assert.True(RequestOrigin.TryParseSessionCookie(cookie, out uint cookieId), $"seq {seq}: cookie {cookie}");
                origin.CookieSessionId = cookieId;
            }

            byte[] body = Hex.Bytes((string)request["body_hex"]!);
            device.Clock.Advance(50);
            var reply = device.Protocomm.Handle(endpoint, origin, body, 0, body.Length);

            int? status = (int?)response["status"];
            if (status == null)
            {
                Assert.True(reply.Status == ProtocommStatus.Failed, $"seq {seq}: expected a closed connection, got {reply.Status}");
                Assert.Null(reply.Body);
                device.Protocomm.ConnectionClosed(connection);
                continue;
            }

            Assert.True(reply.Status == ProtocommStatus.Ok, $"seq {seq} ({endpoint}): expected 200, got {reply.Status} reason {reply.FailureReason}");
            string setCookie = (string)response["set_cookie"];
            if (setCookie == null)
                Assert.False(reply.SessionCreated, $"seq {seq}: unexpected Set-Cookie");
            else
            {
                Assert.True(reply.SessionCreated, $"seq {seq}: missing Set-Cookie");
                Assert.Equal(setCookie, "session=" + reply.SessionId);
            }

            byte[] expected = Hex.Bytes((string)response["body_hex"]!);
            if (endpoint == EndpointNames.ProtoVer)
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(reply.Body)),
                    $"seq {seq}: proto-ver JSON differs: {Encoding.UTF8.GetString(reply.Body)}");
            }
            else
            {
                Assert.True(expected.AsSpan().SequenceEqual(reply.Body), $"seq {seq} ({endpoint}): body {Hex.Of(reply.Body)} != {Hex.Of(expected)}");
            }
        }
    }

    [Fact]
    public void ProtoVerBodiesMatchTheEspTextByteForByte()
    {
        // Stronger than the replay rule: our JSON uses the cJSON layout, so even the bytes match.
        foreach (var name in VectorFiles.TranscriptNames())
        {
            var json = VectorFiles.Load($"transcripts/{name}.json");
            var device = TranscriptDevice.Build(json, CryptoProviders.Managed);
            string expected = (string)json["device"]!["proto_ver_reply_text"]!;
            var reply = device.Protocomm.Handle(EndpointNames.ProtoVer, new RequestOrigin("c", "p"), "ESP"u8.ToArray(), 0, 3);
            Assert.Equal(expected, Encoding.UTF8.GetString(reply.Body));
        }
    }

    [Fact]
    public void WrongPopTranscriptRaisesCredentialsMismatchWithoutSecretsInLog()
    {
        var json = VectorFiles.Load("transcripts/sec1_wrong_pop.json");
        var device = TranscriptDevice.Build(json, CryptoProviders.Managed);
        var events = new EventRecorder(device.Protocomm);
        Replay(device, json);
        var mismatch = Assert.Single(events.Of(SecurityEventKind.CredentialsMismatch));
        Assert.Equal(1234567890u, mismatch.SessionId);
        Assert.Equal(SecurityFailure.CredentialsMismatch, mismatch.Reason);
        Assert.DoesNotContain("abcd1234", device.Log.All);
        Assert.DoesNotContain("5dab087e", device.Log.All, StringComparison.OrdinalIgnoreCase);
        // The session survives (the client may retry with the right PoP), but its handshake starts over.
        var session = device.Protocomm.Sessions.Find(1234567890u);
        Assert.NotNull(session);
        Assert.False(session.IsEstablished);
    }

    [Fact]
    public void CustomDataTranscriptDeliversThePlaintextToTheHandler()
    {
        var json = VectorFiles.Load("transcripts/sec2_custom_data.json");
        var device = TranscriptDevice.Build(json, CryptoProviders.Managed);
        Replay(device, json);
        Assert.Equal(new[] { "hello" }, device.Scenario.CustomData);
    }

    private static void Replay(TranscriptDevice device, JsonNode json)
    {
        foreach (var exchange in json["exchanges"]!.AsArray())
        {
            var request = exchange!["request"]!;
            var origin = new RequestOrigin("tcp-" + (int)exchange["tcp_connection"]!, PeerIp);
            if (RequestOrigin.TryParseSessionCookie((string)request["cookie"], out uint id))
                origin.CookieSessionId = id;
            byte[] body = Hex.Bytes((string)request["body_hex"]!);
            device.Protocomm.Handle(((string)exchange["path"]!).TrimStart('/'), origin, body, 0, body.Length);
        }
    }
}

/// <summary>A device built from a transcript's device.secrets and device.scenario.</summary>
public sealed class TranscriptDevice
{
    public NanoProv.Protocomm.Protocomm Protocomm { get; private init; }
    public FakeClock Clock { get; private init; }
    public RecordingLog Log { get; private init; }
    public ScenarioDevice Scenario { get; private init; }
    public TranscriptRandom Random { get; private init; }

    public static TranscriptDevice Build(JsonNode transcript, ICrypto crypto)
    {
        var deviceNode = transcript["device"]!;
        var secrets = deviceNode["secrets"]!;
        int security = (int)deviceNode["security"]!;
        uint firstId = (uint)secrets["first_session_id"]!;

        ISecurityScheme scheme;
        TranscriptRandom random;
        switch (security)
        {
            case 0:
                scheme = new Security0();
                random = new TranscriptRandom(firstId, null, null, null);
                break;
            case 1:
                string pop = (string)secrets["sec1_pop_ascii"];
                scheme = new Security1(crypto, pop == null ? null : Encoding.UTF8.GetBytes(pop));
                random = new TranscriptRandom(firstId, Hex.Bytes((string)secrets["sec1_device_private_key_hex"]!),
                    Hex.Bytes((string)secrets["sec1_device_random_hex"]!), null);
                break;
            case 2:
                scheme = new Security2(crypto, Hex.Bytes((string)secrets["sec2_salt_hex"]!), Hex.Bytes((string)secrets["sec2_verifier_hex"]!), Security2Mode.Patch1);
                random = new TranscriptRandom(firstId, Hex.Bytes((string)secrets["sec2_b_hex"]!), null,
                    Hex.Bytes((string)secrets["sec2_nonce_hex"]!).AsSpan(0, 8).ToArray());
                break;
            default:
                throw new InvalidOperationException("unknown security " + security);
        }

        var clock = new FakeClock();
        var log = new RecordingLog();
        var protocomm = new NanoProv.Protocomm.Protocomm(new ProtocommOptions(), scheme, random, clock, log);
        var scenario = new ScenarioDevice(deviceNode["scenario"]!);
        scenario.RegisterOn(protocomm);
        return new TranscriptDevice { Protocomm = protocomm, Clock = clock, Log = log, Scenario = scenario, Random = random };
    }
}
