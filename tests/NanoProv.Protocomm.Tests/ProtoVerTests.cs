using System.Text;
using System.Text.Json.Nodes;
using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>proto-ver for each security mode against proto-ver.json (parsed JSON, and the exact ESP text too).</summary>
public class ProtoVerTests
{
    private static JsonNode Example(string name) =>
        VectorFiles.Load("proto-ver.json")["examples"]!.AsArray().Single(e => (string)e!["name"] == name)!;

    private static NanoProv.Protocomm.Protocomm Device(ISecurityScheme scheme) =>
        new(null, scheme, new SeededRandom(1), new FakeClock(), new RecordingLog());

    public static TheoryData<string> Names => new() { "sec0", "sec1_with_pop", "sec1_without_pop", "sec2", "sec2_with_app_info" };

    private static ISecurityScheme SchemeFor(string name) => name switch
    {
        "sec0" => new Security0(),
        "sec1_with_pop" => new Security1(CryptoProviders.Managed, TestRig.Pop),
        "sec1_without_pop" => new Security1(CryptoProviders.Managed, null),
        _ => new Security2(CryptoProviders.Managed, TestRig.Salt, new byte[384], Security2Mode.Patch1),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesTheExample(string name)
    {
        var example = Example(name);
        var device = Device(SchemeFor(name));
        if (name == "sec2_with_app_info")
        {
            var info = VersionInfo.ForScheme(device.Security);
            info.AddAppInfo("myapp", "1.0.0", new[] { "cap_a", null, "cap_b" });
            device.SetVersionInfo(info);
        }

        foreach (var body in new[] { "ESP", "none", "no_pop", "---", "v1.1", "\u0001\u00ff" })
        {
            byte[] request = Encoding.UTF8.GetBytes(body);
            var reply = device.Handle(EndpointNames.ProtoVer, new RequestOrigin("c", "p"), request, 0, request.Length);
            Assert.Equal(ProtocommStatus.Ok, reply.Status);
            Assert.True(JsonNode.DeepEquals(example["json"], JsonNode.Parse(reply.Body)), Encoding.UTF8.GetString(reply.Body));
            Assert.Equal((string)example["idf_exact_text"], Encoding.UTF8.GetString(reply.Body));
        }
    }

    [Fact]
    public void LegacySecurity2AdvertisesPatchVersionZero()
    {
        var info = VersionInfo.ForScheme(new Security2(CryptoProviders.Managed, TestRig.Salt, new byte[384], Security2Mode.Patch0Legacy));
        var json = JsonNode.Parse(info.ToJson())!;
        Assert.Equal(2, (int)json["prov"]!["sec_ver"]!);
        Assert.Equal(0, (int)json["prov"]!["sec_patch_ver"]!);
    }

    [Fact]
    public void TheDefaultSecurity2ModeIsTheSafeCounterMode()
    {
        Assert.Equal(Security2Mode.Patch1, default(Security2Mode));
        Assert.Equal(1, new Security2(CryptoProviders.Managed, TestRig.Salt, new byte[384], default).PatchVersion);
    }

    [Fact]
    public void AnEmptyPopIsConfiguredSoNoPopIsNotListed()
    {
        var info = VersionInfo.ForScheme(new Security1(CryptoProviders.Managed, Array.Empty<byte>()));
        Assert.Equal(new[] { "wifi_scan" }, info.ProvCapabilities());
    }

    [Fact]
    public void AppLabelsKeepOrderReplaceInPlaceAndAreEscaped()
    {
        var info = new VersionInfo(1, 0, true);
        info.AddAppInfo("first", "1", null);
        info.AddAppInfo("sec\"ond\\", "2\n", new[] { "a" });
        info.AddAppInfo("first", "1.1", new[] { "x", "y" });
        var json = JsonNode.Parse(info.ToJson())!.AsObject();
        Assert.Equal(new[] { "first", "sec\"ond\\", "prov" }, json.Select(p => p.Key));
        Assert.Equal("1.1", (string)json["first"]!["ver"]!);
        Assert.Equal(2, json["first"]!["cap"]!.AsArray().Count);
        Assert.Equal("2\n", (string)json["sec\"ond\\"]!["ver"]!);
        Assert.Equal(new[] { "no_pop", "wifi_scan" }, json["prov"]!["cap"]!.AsArray().Select(n => (string)n!));
        Assert.Throws<ArgumentException>(() => info.AddAppInfo("prov", "1", null));
        Assert.Throws<ArgumentException>(() => info.AddAppInfo("", "1", null));
    }

    [Fact]
    public void ProtoVerNeverDisturbsAHandshakeInProgress()
    {
        var rig = TestRig.Sec1();
        var client = new Sec1Client(TestRig.Pop);
        var origin = new RequestOrigin("c", "10.0.0.2");
        var r0 = rig.PostOk(EndpointNames.Session, origin, client.Command0());
        origin.CookieSessionId = r0.SessionId;
        client.Response0(r0.Body);
        for (int i = 0; i < 3; i++)
            Assert.Equal(r0.SessionId, rig.PostOk(EndpointNames.ProtoVer, origin, "ESP"u8.ToArray()).SessionId);
        var r1 = rig.PostOk(EndpointNames.Session, origin, client.Command1());
        Assert.True(client.Response1(r1.Body));
        rig.AssertEcho(client, origin, "after proto-ver");
    }
}
