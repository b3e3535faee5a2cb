using System.Security.Cryptography;
using NanoProv.Platform;
using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>GcmChannel (counter IV), the any-IV GcmEngine behind the legacy mode, and legacy Security 2 end to end.</summary>
public class GcmTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Prefix = { 1, 2, 3, 4, 5, 6, 7, 8 };

    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string>();
        foreach (var name in CryptoProviders.List)
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void CounterStartsAtOneAndMovesAfterEverySealAndOpen(string crypto)
    {
        var device = new GcmChannel(CryptoProviders.Get(crypto), Key, Prefix, 1);
        Assert.Equal("010203040506070800000001", Hex.Of(device.CurrentNonce()));
        using var gcm = new AesGcm(Key, 16);

        // Request with counter 1 (client side sealed with .NET).
        byte[] iv1 = Hex.Bytes("010203040506070800000001");
        var request = new byte[5 + 16];
        gcm.Encrypt(iv1, "hello"u8, request.AsSpan(0, 5), request.AsSpan(5));
        Assert.Equal("hello"u8.ToArray(), device.Open(request, 0, request.Length, out int f1));
        Assert.Equal(SecurityFailure.None, f1);
        Assert.Equal(2u, device.Counter);

        // Reply with counter 2.
        byte[] reply = device.Seal("world!"u8.ToArray(), 0, 6, out int f2);
        Assert.Equal(SecurityFailure.None, f2);
        var plain = new byte[6];
        gcm.Decrypt(Hex.Bytes("010203040506070800000002"), reply.AsSpan(0, 6), reply.AsSpan(6), plain);
        Assert.Equal("world!"u8.ToArray(), plain);
        Assert.Equal(3u, device.Counter);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void AFailedTagCheckChangesNothing(string crypto)
    {
        var device = new GcmChannel(CryptoProviders.Get(crypto), Key, Prefix, 7);
        using var gcm = new AesGcm(Key, 16);
        var request = new byte[3 + 16];
        gcm.Encrypt(Hex.Bytes("010203040506070800000007"), "abc"u8, request.AsSpan(0, 3), request.AsSpan(3));
        var tampered = (byte[])request.Clone();
        tampered[4] ^= 0x80;
        Assert.Null(device.Open(tampered, 0, tampered.Length, out int failure));
        Assert.Equal(SecurityFailure.DecryptFailed, failure);
        Assert.Null(device.Open(request, 0, 15, out failure));
        Assert.Equal(SecurityFailure.DecryptFailed, failure);
        Assert.Equal(7u, device.Counter);
        Assert.Equal("abc"u8.ToArray(), device.Open(request, 0, request.Length, out failure));
        Assert.Equal(8u, device.Counter);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void ACounterThatWrapsIsNeverReused(string crypto)
    {
        var device = new GcmChannel(CryptoProviders.Get(crypto), Key, Prefix, 0xFFFFFFFF);
        Assert.NotNull(device.Seal(new byte[1], 0, 1, out int failure));
        Assert.Equal(0u, device.Counter);
        Assert.Null(device.Seal(new byte[1], 0, 1, out failure));
        Assert.Equal(SecurityFailure.CounterExhausted, failure);
        Assert.Null(device.Open(new byte[17], 0, 17, out failure));
        Assert.Equal(SecurityFailure.CounterExhausted, failure);

        var fresh = new GcmChannel(CryptoProviders.Get(crypto), Key, Prefix, 0);
        Assert.Null(fresh.Seal(new byte[1], 0, 1, out failure));
        Assert.Equal(SecurityFailure.CounterExhausted, failure);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void WipedChannelsRefuseToWork(string crypto)
    {
        var channel = new GcmChannel(CryptoProviders.Get(crypto), Key, Prefix, 1);
        channel.Wipe();
        Assert.Null(channel.Seal(new byte[1], 0, 1, out int failure));
        Assert.Equal(SecurityFailure.NotEstablished, failure);
        var legacy = new LegacyGcmChannel(CryptoProviders.Get(crypto), Key, new byte[16]);
        legacy.Wipe();
        Assert.Null(legacy.Seal(new byte[1], 0, 1, out failure));
        var stream = new CtrStream(CryptoProviders.Get(crypto), Key, new byte[16]);
        stream.Wipe();
        Assert.NotEqual(CryptoStatus.Ok, stream.Apply(new byte[1], 0, 1));
    }

    public static TheoryData<string, int, int> EngineCases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var crypto in CryptoProviders.List)
            foreach (int ivLength in new[] { 12, 16, 1, 8, 13, 20, 64 })
                foreach (int length in new[] { 0, 1, 15, 16, 17, 100 })
                    data.Add(crypto, ivLength, length);
        return data;
    }

    [Theory]
    [MemberData(nameof(EngineCases))]
    public void GcmEngineAgreesWithBouncyCastleForAnyIvLength(string crypto, int ivLength, int length)
    {
        var random = new Random(ivLength * 1000 + length);
        byte[] iv = new byte[ivLength];
        byte[] plaintext = new byte[length];
        random.NextBytes(iv);
        random.NextBytes(plaintext);
        byte[] expected = BouncyGcm.Process(true, Key, iv, plaintext);

        var output = new byte[length + 16 + 3];
        Assert.Equal(CryptoStatus.Ok, GcmEngine.Seal(CryptoProviders.Get(crypto), Key, iv, plaintext, 0, length, output, 3));
        Assert.Equal(Hex.Of(expected), Hex.Of(output.AsSpan(3).ToArray()));

        var opened = new byte[length];
        Assert.Equal(CryptoStatus.Ok, GcmEngine.Open(CryptoProviders.Get(crypto), Key, iv, expected, 0, expected.Length, opened, 0));
        Assert.Equal(Hex.Of(plaintext), Hex.Of(opened));

        var tampered = (byte[])expected.Clone();
        tampered[tampered.Length - 1] ^= 1;
        var untouched = Enumerable.Repeat((byte)0xEE, length).ToArray();
        Assert.Equal(CryptoStatus.AuthenticationFailed, GcmEngine.Open(CryptoProviders.Get(crypto), Key, iv, tampered, 0, tampered.Length, untouched, 0));
        Assert.All(untouched, b => Assert.Equal(0xEE, b));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void GcmEngineWithA12ByteIvMatchesTheProvidersGcm(string crypto)
    {
        var provider = CryptoProviders.Get(crypto);
        byte[] iv = Hex.Bytes("cafebabefacedbaddecaf888");
        byte[] plaintext = Enumerable.Range(0, 61).Select(i => (byte)(i * 7)).ToArray();
        var viaProvider = new byte[61 + 16];
        var viaEngine = new byte[61 + 16];
        Assert.Equal(CryptoStatus.Ok, provider.AesGcmSeal(Key, iv, plaintext, 0, 61, viaProvider, 0));
        Assert.Equal(CryptoStatus.Ok, GcmEngine.Seal(provider, Key, iv, plaintext, 0, 61, viaEngine, 0));
        Assert.Equal(Hex.Of(viaProvider), Hex.Of(viaEngine));
    }

    [Fact]
    public void GcmEngineRejectsBadArguments()
    {
        var crypto = CryptoProviders.Managed;
        Assert.Equal(CryptoStatus.NullArgument, GcmEngine.Seal(null, Key, new byte[12], new byte[1], 0, 1, new byte[17], 0));
        Assert.Equal(CryptoStatus.BadLength, GcmEngine.Seal(crypto, new byte[16], new byte[12], new byte[1], 0, 1, new byte[17], 0));
        Assert.Equal(CryptoStatus.BadLength, GcmEngine.Seal(crypto, Key, Array.Empty<byte>(), new byte[1], 0, 1, new byte[17], 0));
        Assert.Equal(CryptoStatus.BadLength, GcmEngine.Seal(crypto, Key, new byte[12], new byte[1], 0, 1, new byte[16], 0));
        Assert.Equal(CryptoStatus.BadLength, GcmEngine.Open(crypto, Key, new byte[12], new byte[15], 0, 15, new byte[0], 0));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void LegacySecurity2WorksEndToEndWithA16ByteFixedIv(string crypto)
    {
        var random = new ScriptedRandom()
            .Then("session id", new byte[] { 0, 0, 0, 9 })
            .Then("sec2 b", Enumerable.Repeat((byte)0x22, 32).ToArray())
            .Then("legacy iv", Enumerable.Range(0xA0, 16).Select(i => (byte)i).ToArray());
        var rig = TestRig.Sec2(CryptoProviders.Get(crypto), null, Security2Mode.Patch0Legacy, random);
        var json = System.Text.Json.Nodes.JsonNode.Parse(rig.PostOk(EndpointNames.ProtoVer, new RequestOrigin("c", "p"), "---"u8.ToArray()).Body)!;
        Assert.Equal(0, (int)json["prov"]!["sec_patch_ver"]!);

        var client = new Sec2Client(TestRig.Username, TestRig.Password, legacy: true);
        var origin = new RequestOrigin("c", "p", 9);
        rig.Establish(client, origin);
        Assert.Equal(Hex.Of(Enumerable.Range(0xA0, 16).Select(i => (byte)i).ToArray()), Hex.Of(client.DeviceNonce));

        // The fixed IV makes identical requests identical on the wire, so they are not treated as retries.
        byte[] poll = client.Encrypt("52 00"u8.ToArray());
        Assert.Equal(Hex.Of(poll), Hex.Of(client.Encrypt("52 00"u8.ToArray())));
        var first = rig.PostOk(EndpointNames.Config, origin, poll);
        var second = rig.PostOk(EndpointNames.Config, origin, poll);
        Assert.Equal(2, rig.Echo.Calls);
        Assert.Equal("reply:52 00", System.Text.Encoding.UTF8.GetString(client.Decrypt(first.Body)));
        Assert.Equal("reply:52 00", System.Text.Encoding.UTF8.GetString(client.Decrypt(second.Body)));
        Assert.Equal(SecurityFailure.DecryptFailed, rig.Post(EndpointNames.Config, origin, poll.AsSpan(0, 10).ToArray()).FailureReason);
        Assert.Equal(0, random.Remaining);
    }
}
