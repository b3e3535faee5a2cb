using System.Numerics;
using System.Text;
using NanoProv.Client.Security;
using NanoProv.Client.Tests.Support;

namespace NanoProv.Client.Tests;

/// <summary>Security 2 client against the spec pack's vectors (client secret a injected).</summary>
public class Sec2VectorTests
{
    public static TheoryData<string> Cases => new() { "main", "edge_B_383_bytes", "edge_S_383_bytes" };

    private static Security2Session NewSession(System.Text.Json.Nodes.JsonNode v, string password = "abcd1234") =>
        new(Encoding.ASCII.GetBytes("wifiprov"), Encoding.ASCII.GetBytes(password), Sec2Patch.Counter,
            new Srp6aKeyExchange(v["inputs"]!["a_hex"].Bytes()));

    [Fact]
    public void Group_constants_match_the_vector()
    {
        var d = Vectors.Load("sec2.json");
        Assert.Equal(d["group"]!["N_hex"].Bytes(), Srp6a.NBytes);
        Assert.Equal(d["constants"]!["k_hex"].Bytes(), Srp6a.ToBytes(Srp6a.K));
        Assert.Equal(d["constants"]!["H_N_xor_H_PAD_g_hex"].Bytes(), Srp6a.HashNXorHashG);
    }

    [Fact]
    public void Official_credentials_reproduce_x_and_the_official_verifier()
    {
        var c = Vectors.Load("sec2.json")["credentials"]!;
        byte[] salt = c["salt_hex"].Bytes();
        byte[] user = Encoding.ASCII.GetBytes("wifiprov"), pass = Encoding.ASCII.GetBytes("abcd1234");
        Assert.Equal(c["x_hex"].Bytes(), Srp6a.ToBytes(Srp6a.ComputeX(salt, user, pass)));
        Assert.Equal(c["verifier_hex"].Bytes(), Srp6a.ComputeVerifier(salt, user, pass));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Handshake_produces_recorded_requests_and_accepts_recorded_responses(string name)
    {
        var v = Vectors.Load("sec2.json")[name]!;
        var w = v["wire"]!;
        Assert.Equal(v["values"]!["A_hex"].Bytes(), new Srp6aKeyExchange(v["inputs"]!["a_hex"].Bytes()).PublicKey);
        using var session = NewSession(v);
        Assert.Equal(w["cmd0"]!["hex"].Bytes(), session.CreateHandshakeRequest());
        Assert.Equal(w["cmd1"]!["hex"].Bytes(), session.HandleHandshakeResponse(w["resp0"]!["hex"].Bytes()));
        Assert.Null(session.HandleHandshakeResponse(w["resp1"]!["hex"].Bytes()));
        Assert.True(session.IsEstablished);
        Assert.Equal(1u, session.GcmCounter);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Session_key_and_proofs_match_the_intermediate_values(string name)
    {
        var v = Vectors.Load("sec2.json")[name]!;
        var vals = v["values"]!;
        byte[] salt = Vectors.Load("sec2.json")["credentials"]!["salt_hex"].Bytes();
        var keys = new Srp6aKeyExchange(v["inputs"]!["a_hex"].Bytes());
        byte[] a = keys.PublicKey, b = vals["B_hex"].Bytes();
        Assert.Equal(Srp6a.FromBytes(vals["u_hex"].Bytes()), Srp6a.ComputeU(a, b));
        byte[] k = keys.ComputeSessionKey(Encoding.ASCII.GetBytes("wifiprov"), Encoding.ASCII.GetBytes("abcd1234"), salt, b);
        Assert.Equal(vals["K_hex"].Bytes(), k);
        byte[] m1 = Srp6a.ComputeM1(Encoding.ASCII.GetBytes("wifiprov"), salt, a, b, k);
        Assert.Equal(vals["M1_hex"].Bytes(), m1);
        Assert.Equal(vals["M2_hex"].Bytes(), Srp6a.ComputeM2(a, m1, k));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Data_phase_uses_counter_iv_and_matches_every_recorded_pair(string name)
    {
        var v = Vectors.Load("sec2.json")[name]!;
        var w = v["wire"]!;
        using var session = NewSession(v);
        session.CreateHandshakeRequest();
        session.HandleHandshakeResponse(w["resp0"]!["hex"].Bytes());
        session.HandleHandshakeResponse(w["resp1"]!["hex"].Bytes());
        foreach (var pair in v["data_phase"]!.AsArray())
        {
            var req = pair!["request"]!;
            var resp = pair["response"]!;
            Assert.Equal((uint)req["gcm_counter"]!, session.GcmCounter);
            Assert.Equal(req["wire_hex"].Bytes(), session.Encrypt(req["plaintext_hex"].Bytes()));
            Assert.Equal((uint)resp["gcm_counter"]!, session.GcmCounter);
            Assert.Equal(resp["plaintext_hex"].Bytes(), session.Decrypt(resp["wire_hex"].Bytes()));
        }
    }

    [Fact]
    public void ProvClient_runs_the_main_vector_session()
    {
        var v = Vectors.Load("sec2.json")["main"]!;
        var w = v["wire"]!;
        var steps = new List<ScriptedTransport.Step>
        {
            new("prov-session", w["cmd0"]!["hex"].Bytes(), w["resp0"]!["hex"].Bytes()),
            new("prov-session", w["cmd1"]!["hex"].Bytes(), w["resp1"]!["hex"].Bytes()),
        };
        foreach (var pair in v["data_phase"]!.AsArray())
            steps.Add(new("prov-config", pair!["request"]!["wire_hex"].Bytes(), pair["response"]!["wire_hex"].Bytes()));
        var transport = new ScriptedTransport(steps);
        using var client = new ProvClient(transport);
        client.EstablishSession(NewSession(v));
        Assert.Equal(StationState.Connecting, client.GetWifiStatus().State);
        Assert.Equal(DeviceStatus.Success, client.SetWifiConfig(WifiCredentials.FromText("myssid", "mypassword")));
        Assert.Equal(DeviceStatus.Success, client.ApplyWifiConfig());
        Assert.Equal(StationState.Connecting, client.GetWifiStatus().State);
        var s = client.GetWifiStatus();
        Assert.Equal(StationState.Connected, s.State);
        Assert.Equal("192.168.1.23", s.Connected.Ip4Address);
        Assert.Equal(0, transport.Remaining);
    }

    [Fact]
    public void Wrong_password_gives_a_different_proof_and_rejects_the_device_proof()
    {
        var v = Vectors.Load("sec2.json")["main"]!;
        var w = v["wire"]!;
        using var session = NewSession(v, password: "wrong-password");
        session.CreateHandshakeRequest();
        Assert.NotEqual(w["cmd1"]!["hex"].Bytes(), session.HandleHandshakeResponse(w["resp0"]!["hex"].Bytes()));
        var e = Assert.Throws<ProvHandshakeException>(() => session.HandleHandshakeResponse(w["resp1"]!["hex"].Bytes()));
        Assert.DoesNotContain("wrong-password", e.Message);
    }

    [Fact]
    public void A_tampered_reply_fails_authentication()
    {
        var v = Vectors.Load("sec2.json")["main"]!;
        var w = v["wire"]!;
        using var session = NewSession(v);
        session.CreateHandshakeRequest();
        session.HandleHandshakeResponse(w["resp0"]!["hex"].Bytes());
        session.HandleHandshakeResponse(w["resp1"]!["hex"].Bytes());
        var pair = v["data_phase"]![0]!;
        session.Encrypt(pair["request"]!["plaintext_hex"].Bytes());
        byte[] reply = pair["response"]!["wire_hex"].Bytes();
        reply[0] ^= 1;
        Assert.Throws<ProvProtocolException>(() => session.Decrypt(reply));
    }

    [Fact]
    public void Invalid_B_is_refused()
    {
        var v = Vectors.Load("sec2.json")["main"]!;
        using var session = NewSession(v);
        session.CreateHandshakeRequest();
        var resp0 = SessionData.Parser.ParseFrom(v["wire"]!["resp0"]!["hex"].Bytes());
        resp0.Sec2.Sr0.DevicePubkey = Google.Protobuf.ByteString.CopyFrom(Srp6a.NBytes); // B = N, so B mod N = 0
        Assert.Throws<ProvHandshakeException>(() => session.HandleHandshakeResponse(resp0.ToByteArray()));
    }

    [Fact]
    public void Random_secret_always_gives_a_384_byte_A()
    {
        for (int i = 0; i < 20; i++)
            Assert.Equal(384, new Srp6aKeyExchange().PublicKey.Length);
    }

    [Fact]
    public void Fixed_secret_with_short_A_is_refused()
    {
        // a = 1 gives A = 5 (one byte); the device would reject it.
        Assert.Throws<ArgumentException>(() => new Srp6aKeyExchange(new byte[] { 1 }));
    }

    [Fact]
    public void Legacy_patch0_uses_the_device_nonce_as_a_fixed_iv_in_both_directions()
    {
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        byte[] nonce16 = Enumerable.Range(100, 16).Select(i => (byte)i).ToArray();
        using var client = new Sec2Cipher(key, nonce16, Sec2Patch.Legacy);
        using var device = new Sec2Cipher(key, nonce16, Sec2Patch.Legacy);
        byte[] msg = Encoding.ASCII.GetBytes("hello");
        byte[] c1 = client.Encrypt(msg);
        byte[] c2 = client.Encrypt(msg);
        Assert.Equal(c1, c2); // same IV every time: the legacy weakness, but what old devices expect
        Assert.Equal(msg.Length + 16, c1.Length);
        Assert.Equal(msg, device.Decrypt(c1));
        Assert.Equal(msg, device.Decrypt(c2));
    }

    [Fact]
    public void Legacy_mode_with_a_12_byte_nonce_equals_the_first_counter_message()
    {
        byte[] key = new byte[32];
        byte[] nonce = Convert.FromHexString("010203040506070800000001");
        using var legacy = new Sec2Cipher(key, nonce, Sec2Patch.Legacy);
        using var counter = new Sec2Cipher(key, nonce, Sec2Patch.Counter);
        byte[] msg = { 0x52, 0x00 };
        Assert.Equal(counter.Encrypt(msg), legacy.Encrypt(msg));
        Assert.NotEqual(counter.Encrypt(msg), legacy.Encrypt(msg)); // counter moved on, legacy did not
    }

    [Fact]
    public void Counter_mode_refuses_a_nonce_that_is_not_12_bytes()
    {
        var e = Assert.Throws<ProvProtocolException>(() => new Sec2Cipher(new byte[32], new byte[16], Sec2Patch.Counter));
        Assert.Contains("--sec2-patch 0", e.Message);
    }

    [Fact]
    public void Salt_is_hashed_exactly_as_received()
    {
        // A salt with a leading zero byte: esp_prov would drop it; we must not (the device hashes it as stored).
        byte[] user = Encoding.ASCII.GetBytes("u"), pass = Encoding.ASCII.GetBytes("password1");
        byte[] salt = Convert.FromHexString("00112233");
        Assert.NotEqual(Srp6a.ComputeX(salt, user, pass), Srp6a.ComputeX(salt[1..], user, pass));
        BigInteger x = Srp6a.FromBytes(Srp6a.Hash(salt, Srp6a.Minimal(Srp6a.InnerHash(user, pass))));
        Assert.Equal(x, Srp6a.ComputeX(salt, user, pass));
    }
}
