using System.Text;
using NanoProv.Client.Security;
using NanoProv.Client.Tests.Support;

namespace NanoProv.Client.Tests;

/// <summary>Security 1 client against the spec pack's deterministic vector (client private key injected).</summary>
public class Sec1VectorTests
{
    public static TheoryData<string> Cases => new() { "with_pop", "without_pop" };

    private static Security1Session NewSession(System.Text.Json.Nodes.JsonNode v)
    {
        var inputs = v["inputs"]!;
        string pop = (string)inputs["pop_ascii"];
        return new Security1Session(pop == null ? null : Encoding.ASCII.GetBytes(pop),
            new X25519KeyExchange(inputs["client_private_key_hex"].Bytes()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Handshake_produces_recorded_requests_and_accepts_recorded_responses(string name)
    {
        var v = Vectors.Load("sec1.json")[name]!;
        var hs = v["handshake"]!;
        using var session = NewSession(v);

        Assert.Equal(hs["cmd0"]!["hex"].Bytes(), session.CreateHandshakeRequest());
        Assert.Equal(hs["cmd1"]!["hex"].Bytes(), session.HandleHandshakeResponse(hs["resp0"]!["hex"].Bytes()));
        Assert.Null(session.HandleHandshakeResponse(hs["resp1"]!["hex"].Bytes()));
        Assert.True(session.IsEstablished);
        Assert.Equal(64, session.KeystreamPosition);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Data_phase_matches_every_recorded_pair_in_both_directions(string name)
    {
        var v = Vectors.Load("sec1.json")[name]!;
        var hs = v["handshake"]!;
        using var session = NewSession(v);
        session.CreateHandshakeRequest();
        session.HandleHandshakeResponse(hs["resp0"]!["hex"].Bytes());
        session.HandleHandshakeResponse(hs["resp1"]!["hex"].Bytes());

        foreach (var pair in v["data_phase"]!.AsArray())
        {
            var req = pair!["request"]!;
            var resp = pair["response"]!;
            Assert.Equal((long)req["keystream_offset"]!, session.KeystreamPosition);
            Assert.Equal(req["ciphertext_hex"].Bytes(), session.Encrypt(req["plaintext_hex"].Bytes()));
            Assert.Equal((long)resp["keystream_offset"]!, session.KeystreamPosition);
            Assert.Equal(resp["plaintext_hex"].Bytes(), session.Decrypt(resp["ciphertext_hex"].Bytes()));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProvClient_runs_the_vector_session_end_to_end(string name)
    {
        var v = Vectors.Load("sec1.json")[name]!;
        var hs = v["handshake"]!;
        var steps = new List<ScriptedTransport.Step>
        {
            new("prov-session", hs["cmd0"]!["hex"].Bytes(), hs["resp0"]!["hex"].Bytes()),
            new("prov-session", hs["cmd1"]!["hex"].Bytes(), hs["resp1"]!["hex"].Bytes()),
        };
        foreach (var pair in v["data_phase"]!.AsArray())
            steps.Add(new("prov-config", pair!["request"]!["ciphertext_hex"].Bytes(), pair["response"]!["ciphertext_hex"].Bytes()));
        var transport = new ScriptedTransport(steps);
        using var client = new ProvClient(transport);
        client.EstablishSession(NewSession(v));

        Assert.Equal(StationState.Connecting, client.GetWifiStatus().State);
        Assert.Equal(DeviceStatus.Success, client.SetWifiConfig(WifiCredentials.FromText("myssid", "mypassword")));
        Assert.Equal(DeviceStatus.Success, client.ApplyWifiConfig());
        Assert.Equal(StationState.Connecting, client.GetWifiStatus().State);
        var connected = client.GetWifiStatus();
        Assert.Equal(StationState.Connected, connected.State);
        Assert.Equal("192.168.1.23", connected.Connected.Ip4Address);
        Assert.Equal("myssid", connected.Connected.Ssid);
        Assert.Equal(Convert.FromHexString("240ac4123456"), connected.Connected.Bssid);
        Assert.Equal(6, connected.Connected.Channel);
        Assert.Equal(AuthMode.Wpa2Psk, connected.Connected.AuthMode);
        Assert.Equal(0, transport.Remaining);
    }

    [Fact]
    public void Wrong_pop_is_detected_when_the_device_proof_does_not_decrypt_to_our_key()
    {
        var v = Vectors.Load("sec1.json")["with_pop"]!;
        var hs = v["handshake"]!;
        using var session = new Security1Session(Encoding.ASCII.GetBytes("wrong-pop"),
            new X25519KeyExchange(v["inputs"]!["client_private_key_hex"].Bytes()));
        session.CreateHandshakeRequest();
        byte[] cmd1 = session.HandleHandshakeResponse(hs["resp0"]!["hex"].Bytes());
        Assert.NotEqual(hs["cmd1"]!["hex"].Bytes(), cmd1);
        var e = Assert.Throws<ProvHandshakeException>(() => session.HandleHandshakeResponse(hs["resp1"]!["hex"].Bytes()));
        Assert.DoesNotContain("wrong-pop", e.Message);
        Assert.False(session.IsEstablished);
    }

    [Fact]
    public void Device_public_key_of_wrong_length_is_a_protocol_error()
    {
        var v = Vectors.Load("sec1.json")["with_pop"]!;
        using var session = NewSession(v);
        session.CreateHandshakeRequest();
        var resp0 = SessionData.Parser.ParseFrom(v["handshake"]!["resp0"]!["hex"].Bytes());
        resp0.Sec1.Sr0.DevicePubkey = Google.Protobuf.ByteString.CopyFrom(new byte[31]);
        Assert.Throws<ProvProtocolException>(() => session.HandleHandshakeResponse(resp0.ToByteArray()));
    }

    [Fact]
    public void Garbage_and_wrong_scheme_replies_are_protocol_errors()
    {
        var v = Vectors.Load("sec1.json")["with_pop"]!;
        using (var s = NewSession(v))
        {
            s.CreateHandshakeRequest();
            Assert.Throws<ProvProtocolException>(() => s.HandleHandshakeResponse(new byte[] { 0xff, 0xff, 0xff }));
        }
        using (var s = NewSession(v))
        {
            s.CreateHandshakeRequest();
            // A Security 0 reply to a Security 1 request.
            var e = Assert.Throws<ProvProtocolException>(() => s.HandleHandshakeResponse(Convert.FromHexString("52050801aa0100")));
            Assert.Contains("Security 0", e.Message);
        }
        using (var s = NewSession(v))
        {
            s.CreateHandshakeRequest();
            // Response1 where Response0 is expected (out of order).
            Assert.Throws<ProvProtocolException>(() => s.HandleHandshakeResponse(v["handshake"]!["resp1"]!["hex"].Bytes()));
        }
    }

    [Fact]
    public void Keys_are_not_usable_before_the_handshake()
    {
        using var s = new Security1Session(null);
        Assert.Throws<InvalidOperationException>(() => s.Encrypt(new byte[] { 1 }));
    }
}
