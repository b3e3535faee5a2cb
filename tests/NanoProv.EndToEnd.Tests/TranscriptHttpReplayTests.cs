using System.Text;
using System.Text.Json.Nodes;
using NanoProv.EndToEnd.Tests.Support;
using NanoProv.TestSupport;

namespace NanoProv.EndToEnd.Tests;

/// <summary>
/// Replays the 14 recorded esp_prov sessions at the HTTP level over real loopback sockets: the same requests
/// (path, Cookie header or none, body, TCP connection index) with esp_prov's headers; every response must have
/// the recorded status (status null = the connection is closed without a single response byte), Set-Cookie
/// exactly where recorded (and nowhere else), and the recorded body byte for byte (proto-ver as JSON).
/// Time is paced like esp_prov (5 s before each GetStatus, 50 ms otherwise) on the simulator's manual clock.
/// </summary>
public class TranscriptHttpReplayTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var crypto in CryptoProviders.Available())
            foreach (var name in Names())
                data.Add(name, crypto);
        return data;
    }

    private static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Vectors", "transcripts"), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order();

    private static JsonNode Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "transcripts", name + ".json")))!;

    [Fact]
    public void All_fourteen_transcripts_are_copied()
    {
        Assert.Equal(14, Names().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Replays_over_a_socket_with_the_recorded_statuses_cookies_and_bodies(string name, string crypto)
    {
        var json = Load(name);
        using var device = ReplayDevice.Start(json, crypto);
        var connections = new Dictionary<int, RawHttpClient>();
        int closedWithoutReply = 0;
        try
        {
            foreach (var exchange in json["exchanges"]!.AsArray())
            {
                int seq = (int)exchange!["seq"]!;
                int index = (int)exchange["tcp_connection"]!;
                string path = (string)exchange["path"]!;
                var request = exchange["request"]!;
                var response = exchange["response"]!;
                Assert.Equal("POST", (string)exchange["method"]);

                device.Timers.Advance(IsGetStatus(exchange) ? 5_000 : 50);
                if (!connections.TryGetValue(index, out var connection))
                {
                    connection = new RawHttpClient(device.Host.Port);
                    connections[index] = connection;
                }

                var reply = connection.Post(path, Convert.FromHexString((string)request["body_hex"]!), (string)request["cookie"]);
                string where = $"{name} seq {seq} {path}";

                int? status = (int?)response["status"];
                if (status == null)
                {
                    Assert.True(reply.Closed, $"{where}: expected the connection to close without a response, got {reply}");
                    closedWithoutReply++;
                    continue;
                }

                Assert.False(reply.Closed, $"{where}: connection closed, expected {status}");
                Assert.Equal(status.Value, reply.Status);
                string setCookie = (string)response["set_cookie"];
                Assert.Equal(setCookie == null ? Array.Empty<string>() : new[] { setCookie }, reply.HeaderValues("Set-Cookie").ToArray());
                Assert.Null(reply.Header("Connection")); // keep-alive, like esp_http_server

                byte[] expected = Convert.FromHexString((string)response["body_hex"]!);
                if (path == "/proto-ver")
                {
                    Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(reply.Body)),
                        $"{where}: proto-ver differs: {Encoding.UTF8.GetString(reply.Body)}");
                }
                else
                {
                    Assert.True(expected.AsSpan().SequenceEqual(reply.Body),
                        $"{where}: body {Convert.ToHexString(reply.Body)} != {Convert.ToHexString(expected)}");
                }
            }
        }
        finally
        {
            foreach (var c in connections.Values) c.Dispose();
        }

        Assert.Equal(closedWithoutReply, device.Host.Transport.ClosedWithoutReply);
        Assert.Equal(0, device.Host.Transport.RequestsRejected);
    }

    [Fact]
    public void After_a_wrong_pop_the_connection_is_gone_but_a_new_connection_can_start_over()
    {
        var json = Load("sec1_wrong_pop");
        using var device = ReplayDevice.Start(json, CryptoProviders.Managed);
        var exchanges = json["exchanges"]!.AsArray();
        using (var first = new RawHttpClient(device.Host.Port))
        {
            foreach (var exchange in exchanges)
            {
                var request = exchange!["request"]!;
                first.Post((string)exchange["path"]!, Convert.FromHexString((string)request["body_hex"]!), (string)request["cookie"]);
            }

            Assert.True(first.IsClosedByServer());
        }

        // esp_prov would reconnect: the recorded proto-ver on a new connection with the old cookie is answered.
        using var second = new RawHttpClient(device.Host.Port);
        var again = exchanges[0]!;
        var reply = second.Post("/proto-ver", Convert.FromHexString((string)again["request"]!["body_hex"]!), "session=1234567890");
        Assert.Equal(200, reply.Status);
    }

    private static bool IsGetStatus(JsonNode exchange)
    {
        if ((string)exchange["path"]! != "/prov-config") return false;
        string plain = (string)exchange["decoded"]?["request_plaintext_hex"];
        return plain != null && NanoProv.Wire.WiFiConfigPayload.Parse(Convert.FromHexString(plain)).Msg == NanoProv.Wire.WiFiConfigMsgType.TypeCmdGetStatus;
    }
}
