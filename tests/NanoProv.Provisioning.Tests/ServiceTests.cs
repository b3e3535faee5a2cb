using System.Text;
using System.Text.Json.Nodes;
using NanoProv.Host.Crypto;
using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Host.Wifi;
using NanoProv.Platform;
using NanoProv.Protocomm;
using NanoProv.Provisioning.Tests.Support;
using static NanoProv.Provisioning.Tests.EndpointTests;
using static NanoProv.Provisioning.Tests.Support.Harness;

namespace NanoProv.Provisioning.Tests;

public class ServiceTests
{
    private sealed class CountingRandom : IRandom
    {
        private byte _next = 1;

        public void Fill(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = _next++;
            }
        }
    }

    private sealed class Rig
    {
        public Rig(ProvisioningOptions options = null)
        {
            Options = options ?? DefaultOptions();
            Clock = new FakeClock(1_000_000);
            Timers = new ManualTimerService(Clock);
            Station = new SimulatedWifiStation(SimulatedWifiWorld.CreateDefault(), Timers);
            Store = new InMemoryCredentialStore();
            Service = new ProvisioningService(Options, new ManagedCrypto(), new CountingRandom(), Clock, Log, Station, Store, Timers);
            Events = new EventRecorder(Service);
        }

        public ProvisioningOptions Options { get; }
        public FakeClock Clock { get; }
        public ManualTimerService Timers { get; }
        public SimulatedWifiStation Station { get; }
        public InMemoryCredentialStore Store { get; }
        public ProvisioningService Service { get; }
        public EventRecorder Events { get; }
        public TestLog Log { get; } = new();

        public ProtocommReply Send(string endpoint, string hex)
        {
            byte[] body = Hex(hex);
            return Service.Protocomm.Handle(endpoint, new RequestOrigin("tcp-1", "192.168.4.2"), body, 0, body.Length);
        }
    }

    [Fact]
    public void Endpoints_exist_only_while_provisioning_runs()
    {
        var rig = new Rig();
        Assert.False(rig.Service.Protocomm.HasEndpoint(EndpointNames.Config));
        Assert.Equal(ProtocommStatus.UnknownEndpoint, rig.Send(EndpointNames.Config, "5200").Status);

        Assert.True(rig.Service.Start());
        Assert.False(rig.Service.Start());
        Assert.True(rig.Service.Protocomm.HasEndpoint(EndpointNames.Config));
        Assert.True(rig.Service.Protocomm.HasEndpoint(EndpointNames.Scan));
        Assert.True(rig.Service.Protocomm.HasEndpoint(EndpointNames.Ctrl));
        var reply = rig.Send(EndpointNames.Config, "5200");
        Assert.Equal(ProtocommStatus.Ok, reply.Status);
        Assert.Equal("08015a021001", ToHex(reply.Body));

        rig.Service.Stop();
        Assert.True(rig.Service.Protocomm.HasEndpoint(EndpointNames.Config)); // Stopping: the last replies still get out
        rig.Timers.Advance(1000);
        Assert.False(rig.Service.Protocomm.HasEndpoint(EndpointNames.Config));
        Assert.Equal(ProtocommStatus.UnknownEndpoint, rig.Send(EndpointNames.Config, "5200").Status);
        Assert.Equal(ProvisioningEventKind.Stopped, rig.Events.Kinds.Last());

        Assert.True(rig.Service.Start()); // restart without a reboot
        Assert.Equal(ProtocommStatus.Ok, rig.Send(EndpointNames.Config, "5200").Status);
    }

    [Fact]
    public void Full_provisioning_over_protocomm_then_auto_stop()
    {
        var rig = new Rig();
        rig.Service.Start();
        var set = new NanoProv.Wire.WiFiConfigPayload
        {
            Msg = NanoProv.Wire.WiFiConfigMsgType.TypeCmdSetConfig,
            CmdSetConfig = new NanoProv.Wire.CmdSetConfig { Ssid = B("HomeNet"), Passphrase = B("homepass") },
        };
        Assert.Equal("08036a00", ToHex(rig.Service.Protocomm.Handle(EndpointNames.Config, new RequestOrigin("c", "p"), set.ToByteArray(), 0, set.ToByteArray().Length).Body));
        Assert.Equal("08057a00", ToHex(rig.Send(EndpointNames.Config, "0804").Body));
        rig.Timers.Advance(5000);
        var status = NanoProv.Wire.WiFiConfigPayload.Parse(rig.Send(EndpointNames.Config, "5200").Body);
        Assert.Equal(NanoProv.Wire.WifiStationState.Connected, status.RespGetStatus.StaState);
        Assert.Equal("192.168.1.23", status.RespGetStatus.Connected.Ip4Addr);
        Assert.True(rig.Service.IsProvisioned);

        rig.Timers.Advance(5000 + 1000);
        Assert.Equal(ProvisioningState.Stopped, rig.Service.Manager.State);
        Assert.False(rig.Service.Protocomm.HasEndpoint(EndpointNames.Config));
        Assert.Equal(new[]
        {
            ProvisioningEventKind.Started, ProvisioningEventKind.CredentialsReceived, ProvisioningEventKind.Connecting,
            ProvisioningEventKind.Connected, ProvisioningEventKind.Stopping, ProvisioningEventKind.Stopped,
        }, rig.Events.Kinds);
        Assert.DoesNotContain(rig.Log.Lines, l => l.Contains("homepass"));
    }

    [Fact]
    public void Custom_endpoints_keep_registration_order_and_follow_the_life_cycle()
    {
        var options = DefaultOptions();
        options.AddCustomEndpoint("custom-data", new CallbackEndpoint((_, r) => Encoding.ASCII.GetBytes("SUCCESS\0")));
        var rig = new Rig(options);
        rig.Service.RegisterCustomEndpoint("app-config", new CallbackEndpoint((_, r) => (byte[])r.Clone())); // protocomm wipes the request buffer afterwards
        Assert.False(rig.Service.Protocomm.HasEndpoint("custom-data"));
        rig.Service.Start();
        rig.Service.RegisterCustomEndpoint("late-one", new CallbackEndpoint((_, r) => new byte[] { 1 }));
        Assert.Equal(new[] { "custom-data", "app-config", "late-one" }, rig.Service.CustomEndpointNames);
        Assert.Equal(new[] { "custom-data", "app-config", "late-one" }, rig.Service.Protocomm.CustomEndpointNames);

        Assert.Equal("5355434345535300", ToHex(rig.Send("custom-data", "68656c6c6f").Body));
        Assert.Equal("68656c6c6f", ToHex(rig.Send("app-config", "68656c6c6f").Body));
        Assert.Equal("01", ToHex(rig.Send("late-one", "00").Body));

        Assert.True(rig.Service.UnregisterCustomEndpoint("late-one"));
        Assert.False(rig.Service.UnregisterCustomEndpoint("late-one"));
        Assert.Equal(ProtocommStatus.UnknownEndpoint, rig.Send("late-one", "00").Status);

        rig.Service.Stop();
        rig.Timers.Advance(1000);
        Assert.Equal(ProtocommStatus.UnknownEndpoint, rig.Send("custom-data", "00").Status);
        Assert.Throws<ArgumentException>(() => rig.Service.RegisterCustomEndpoint("prov-scan", new CallbackEndpoint((_, r) => r)));
        Assert.Throws<ArgumentException>(() => rig.Service.RegisterCustomEndpoint("a/b", new CallbackEndpoint((_, r) => r)));
    }

    [Fact]
    public void Proto_ver_carries_app_info_and_security_capabilities()
    {
        var options = DefaultOptions();
        options.AddAppInfo("my-app", "2.1.0", new[] { "ota", "diag" });
        var rig = new Rig(options);
        rig.Service.Start();
        var json = JsonNode.Parse(rig.Send(EndpointNames.ProtoVer, "455350").Body)!;
        Assert.Equal("2.1.0", (string)json["my-app"]!["ver"]!);
        Assert.Equal(new[] { "ota", "diag" }, json["my-app"]!["cap"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("v1.1", (string)json["prov"]!["ver"]!);
        Assert.Equal(0, (int)json["prov"]!["sec_ver"]!);
        Assert.Equal(new[] { "no_sec", "wifi_scan" }, json["prov"]!["cap"]!.AsArray().Select(n => (string)n!));

        var sec1 = DefaultOptions();
        sec1.SecurityVersion = 1; // no PoP
        var json1 = JsonNode.Parse(new Rig(sec1).Send(EndpointNames.ProtoVer, "00").Body)!;
        Assert.Equal(new[] { "no_pop", "wifi_scan" }, json1["prov"]!["cap"]!.AsArray().Select(n => (string)n!));

        var sec2 = DefaultOptions();
        sec2.SecurityVersion = 2;
        sec2.Sec2Salt = new byte[16];
        sec2.Sec2Verifier = new byte[384];
        var json2 = JsonNode.Parse(new Rig(sec2).Send(EndpointNames.ProtoVer, "00").Body)!;
        Assert.Equal(2, (int)json2["prov"]!["sec_ver"]!);
        Assert.Equal(1, (int)json2["prov"]!["sec_patch_ver"]!);
    }

    [Fact]
    public void Options_errors_are_reported_at_construction()
    {
        var options = DefaultOptions();
        options.SecurityVersion = 2; // no salt / verifier
        var clock = new FakeClock();
        var timers = new ManualTimerService(clock);
        Assert.Throws<ArgumentException>(() => new ProvisioningService(options, new ManagedCrypto(), new CountingRandom(), clock, null,
            new SimulatedWifiStation(SimulatedWifiWorld.CreateDefault(), timers), new InMemoryCredentialStore(), timers));
    }
}
