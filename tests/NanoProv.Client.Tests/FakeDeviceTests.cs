using System.Text;
using NanoProv.Client.Security;
using NanoProv.Client.Tests.Support;

namespace NanoProv.Client.Tests;

/// <summary>
/// The device double used by the flow and CLI tests must itself be right: with the vector secrets it produces the
/// recorded device messages byte for byte.
/// </summary>
public class FakeDeviceTests
{
    private sealed class Recorder : IProvTransport
    {
        private readonly IProvTransport _inner;
        public readonly List<(string Endpoint, byte[] Request, byte[] Reply)> Exchanges = new();
        public Recorder(IProvTransport inner) => _inner = inner;
        public string Description => _inner.Description;
        public byte[] Send(string endpoint, byte[] body)
        {
            byte[] reply = _inner.Send(endpoint, body);
            Exchanges.Add((endpoint, body, reply));
            return reply;
        }
        public void Dispose() => _inner.Dispose();
    }

    [Theory]
    [InlineData("with_pop")]
    [InlineData("without_pop")]
    public void Sec1_device_double_reproduces_the_vector(string name)
    {
        var v = Vectors.Load("sec1.json")[name]!;
        var device = new FakeDevice
        {
            Security = 1,
            Pop = (string)v["inputs"]!["pop_ascii"],
            Sec1DevicePrivateKey = v["inputs"]!["device_private_key_hex"].Bytes(),
            Sec1DeviceRandom = v["inputs"]!["device_random_hex"].Bytes(),
        };
        var rec = new Recorder(device);
        using var client = new ProvClient(rec);
        var pop = device.Pop == null ? null : Encoding.ASCII.GetBytes(device.Pop);
        client.EstablishSession(new Security1Session(pop, new X25519KeyExchange(v["inputs"]!["client_private_key_hex"].Bytes())));
        client.GetWifiStatus();
        var hs = v["handshake"]!;
        Assert.Equal(hs["resp0"]!["hex"].Bytes(), rec.Exchanges[0].Reply);
        Assert.Equal(hs["resp1"]!["hex"].Bytes(), rec.Exchanges[1].Reply);
        Assert.Equal(v["data_phase"]![0]!["response"]!["ciphertext_hex"].Bytes(), rec.Exchanges[2].Reply);
    }

    [Theory]
    [InlineData("main")]
    [InlineData("edge_B_383_bytes")]
    [InlineData("edge_S_383_bytes")]
    public void Sec2_device_double_reproduces_the_vector(string name)
    {
        var v = Vectors.Load("sec2.json")[name]!;
        var device = new FakeDevice
        {
            Security = 2,
            Sec2B = v["inputs"]!["b_hex"].Bytes(),
            Sec2Nonce = v["inputs"]!["device_nonce_hex"].Bytes(),
        };
        var rec = new Recorder(device);
        using var client = new ProvClient(rec);
        client.EstablishSession(new Security2Session(Encoding.ASCII.GetBytes("wifiprov"), Encoding.ASCII.GetBytes("abcd1234"),
            Sec2Patch.Counter, new Srp6aKeyExchange(v["inputs"]!["a_hex"].Bytes())));
        client.GetWifiStatus();
        var w = v["wire"]!;
        Assert.Equal(w["resp0"]!["hex"].Bytes(), rec.Exchanges[0].Reply);
        Assert.Equal(w["resp1"]!["hex"].Bytes(), rec.Exchanges[1].Reply);
        Assert.Equal(v["data_phase"]![0]!["response"]!["wire_hex"].Bytes(), rec.Exchanges[2].Reply);
    }

    [Fact]
    public void Device_double_proto_ver_parses_like_the_recorded_replies()
    {
        var examples = Vectors.Load("proto-ver.json")["examples"]!.AsArray();
        foreach (var ex in examples)
        {
            var info = DeviceVersionInfo.Parse(Encoding.UTF8.GetBytes(ex!["idf_exact_text"].Str()));
            var compact = DeviceVersionInfo.Parse(Encoding.UTF8.GetBytes(ex["compact_text"].Str()));
            Assert.True(info.IsJson);
            Assert.Equal(compact.SecurityVersion, info.SecurityVersion);
            Assert.Equal(compact.Capabilities, info.Capabilities);
            Assert.Equal("v1.1", info.ProvVersion);
        }
    }
}
