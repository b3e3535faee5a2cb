using System.Text;
using System.Text.Json.Nodes;
using NanoProv.EndToEnd.Tests.Support;
using NanoProv.Host.Wifi;
using NanoProv.ProvSim;

namespace NanoProv.EndToEnd.Tests;

/// <summary>ProvSim's command line, banner, QR payload, world files and demo.</summary>
public class ProvSimTests
{
    private static SimulatorSettings Parse(params string[] args)
    {
        SimulatorSettings parsed = null;
        int code = NanoProv.ProvSim.CommandLine.Build(s =>
        {
            parsed = s;
            return 0;
        }).Parse(args).Invoke();
        Assert.Equal(0, code);
        return parsed;
    }

    [Fact]
    public void Defaults_are_security_2_on_port_8080_with_keep_alive()
    {
        var s = Parse();
        Assert.Equal(8080, s.Port);
        Assert.Equal(2, s.Security);
        Assert.Null(s.Pop);
        Assert.Null(s.Sec2Password);
        Assert.False(s.ConnectionClose);
        Assert.False(s.Demo);
        Assert.Equal(CryptoMode.Auto, s.Crypto);
        Assert.Null(s.Validate());
    }

    [Fact]
    public void Every_documented_option_is_parsed()
    {
        var s = Parse("--port", "9001", "--security", "1", "--pop", "my-pop", "--world", "w.json", "--connection-close",
            "--service-name", "PROV_ABC", "--demo", "--crypto", "managed", "--auto-stop", "--credentials-file", "c.json", "-v");
        Assert.Equal(9001, s.Port);
        Assert.Equal(1, s.Security);
        Assert.Equal("my-pop", s.Pop);
        Assert.Equal("w.json", s.WorldFile);
        Assert.True(s.ConnectionClose);
        Assert.Equal("PROV_ABC", s.ServiceName);
        Assert.True(s.Demo);
        Assert.Equal(CryptoMode.Managed, s.Crypto);
        Assert.True(s.AutoStop);
        Assert.Equal("c.json", s.CredentialsFile);
        Assert.True(s.Verbose);

        var s2 = Parse("--sec2-user", "alice", "--sec2-password", "secret99", "--crypto", "native");
        Assert.Equal("alice", s2.Sec2User);
        Assert.Equal("secret99", s2.Sec2Password);
        Assert.Equal(CryptoMode.Native, s2.Crypto);
    }

    [Theory]
    [InlineData("--security", "3")]
    [InlineData("--crypto", "fast")]
    [InlineData("--port", "x")]
    [InlineData("--no-such-option")]
    public void Invalid_command_lines_are_rejected(params string[] args)
    {
        bool ran = false;
        int code = NanoProv.ProvSim.CommandLine.Build(_ =>
        {
            ran = true;
            return 0;
        }).Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });
        Assert.False(ran);
        Assert.NotEqual(0, code);
    }

    [Theory]
    [InlineData(2, "my-pop", null, null, "--pop is the Security 1")]
    [InlineData(0, "my-pop", null, null, "--pop needs --security 1")]
    [InlineData(1, null, "bob", null, "need --security 2")]
    [InlineData(2, null, null, "", "must not be empty")]
    [InlineData(2, null, null, null, null)]
    public void Option_combinations_are_validated(int security, string pop, string user, string password, string error)
    {
        var s = new SimulatorSettings { Security = security, Pop = pop, Sec2User = user, Sec2Password = password };
        string problem = s.Validate();
        if (error == null) Assert.Null(problem);
        else Assert.Contains(error, problem);
    }

    [Fact]
    public void Generated_development_credentials_are_random_and_work()
    {
        var settings = new SimulatorSettings { Security = 2 };
        var first = DevCredentials.Resolve(settings, new NanoProv.Host.Crypto.ManagedCrypto());
        var second = DevCredentials.Resolve(settings, new NanoProv.Host.Crypto.ManagedCrypto());
        Assert.True(first.Generated);
        Assert.Equal("wifiprov", first.Sec2User);
        Assert.Equal(10, first.Sec2Password.Length);
        Assert.NotEqual(first.Sec2Password, second.Sec2Password);
        Assert.NotEqual(first.Sec2Salt, second.Sec2Salt);

        var pop = DevCredentials.Resolve(new SimulatorSettings { Security = 1 }, new NanoProv.Host.Crypto.ManagedCrypto());
        Assert.True(pop.Generated);
        Assert.Equal(10, pop.Pop.Length);
        Assert.Null(DevCredentials.Resolve(new SimulatorSettings { Security = 1, Pop = "" }, new NanoProv.Host.Crypto.ManagedCrypto()).Pop);
    }

    [Theory]
    [InlineData(0, "{\"ver\":\"v1\",\"name\":\"PROV_E2E\",\"transport\":\"softap\",\"security\":0}")]
    [InlineData(1, "{\"ver\":\"v1\",\"name\":\"PROV_E2E\",\"pop\":\"e2e-pop-1234\",\"transport\":\"softap\"}")]
    [InlineData(2, "{\"ver\":\"v1\",\"name\":\"PROV_E2E\",\"username\":\"wifiprov\",\"pop\":\"e2e-password\",\"transport\":\"softap\"}")]
    public void Qr_payload_follows_the_esp_example_key_order(int security, string expected)
    {
        using var host = Sim.Start(security);
        Assert.Equal(expected, Banner.QrJson(host));
    }

    [Fact]
    public void Banner_shows_the_payload_and_commands_for_provcli_and_esp_prov()
    {
        using var host = Sim.Start(2);
        var output = new StringWriter();
        Banner.Print(host, output);
        string text = output.ToString();
        Assert.Contains(Banner.QrJson(host), text);
        Assert.Contains($"provision --host {host.HostPort} --security 2 --sec2-user wifiprov --sec2-password e2e-password", text);
        Assert.Contains($"esp_prov.py --transport softap --service_name {host.HostPort} --sec_ver 2 --sec2_username wifiprov --sec2_pwd e2e-password", text);
        Assert.Contains("█", text); // the terminal QR code
    }

    [Fact]
    public void Banner_prints_a_generated_password_once_and_the_log_never_sees_it()
    {
        var log = new ListLog();
        using var host = new SimulatorHost(new SimulatorSettings { Port = 0, Security = 2 },
            new SimulatorOverrides { World = Sim.FastWorld(), Log = log, ConfigureProvisioning = o => o.ConnectDelayMs = 5 });
        host.Start();
        var output = new StringWriter();
        Banner.Print(host, output);
        string password = host.Credentials.Sec2Password;
        Assert.Contains("generated development credentials", output.ToString());

        using var client = Sim.Client(host);
        Assert.Equal(NanoProv.Client.ProvisionOutcome.Connected,
            client.Provision(NanoProv.Client.WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(log.Lines, l => l.Contains(password) || l.Contains("homepass"));
    }

    [Fact]
    public void World_file_replaces_the_built_in_world()
    {
        string path = Path.Combine(Path.GetTempPath(), $"provsim-world-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "association_delay_ms": 5, "dhcp_delay_ms": 5, "auth_failure_delay_ms": 5, "not_found_delay_ms": 5, "scan_latency_ms": 5,
              "access_points": [ { "ssid": "LabNet", "bssid": "02:00:00:00:00:01", "channel": 3, "rssi": -50, "auth": "WPA2_PSK",
                                   "password": "lab-password", "ip": "10.1.2.3" } ] }
            """);
        try
        {
            var settings = new SimulatorSettings { Port = 0, Security = 0, WorldFile = path, Crypto = CryptoMode.Managed };
            using var host = new SimulatorHost(settings, new SimulatorOverrides { ConfigureProvisioning = o => o.ConnectDelayMs = 5 });
            host.Start();
            Assert.Single(host.World.AccessPoints);
            using var client = Sim.Client(host);
            var result = client.Provision(NanoProv.Client.WifiCredentials.FromText("LabNet", "lab-password"), Sim.FastPoll);
            Assert.Equal("10.1.2.3", result.LastStatus.Connected.Ip4Address);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_world_file_is_a_clear_error()
    {
        var settings = new SimulatorSettings { WorldFile = "/no/such/world.json" };
        Assert.Contains("file not found", settings.Validate());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Demo_provisions_the_simulator_end_to_end(int security)
    {
        using var host = Sim.Start(security);
        var output = new StringWriter();
        int code = DemoRunner.Run(host, output);
        string text = output.ToString();
        Assert.True(code == 0, text);
        Assert.Contains("proto-ver", text);
        Assert.Contains("handshake", text);
        Assert.Contains("\"HomeNet\"", text);
        Assert.Contains("as expected: AuthError", text);
        Assert.Contains("Demo passed", text);
        Assert.NotNull(host.Store.Load());
    }

    [Fact]
    public void Demo_fails_with_a_non_zero_code_when_the_network_is_missing()
    {
        using var host = Sim.Start(1);
        var output = new StringWriter();
        Assert.Equal(1, DemoRunner.Run(host, output, ssid: "NotInThisWorld"));
        Assert.Contains("Demo FAILED", output.ToString());
    }

    private sealed class ListLog : NanoProv.Platform.ILog
    {
        public readonly List<string> Lines = new();
        public void Write(NanoProv.Platform.LogLevel level, string source, string message)
        {
            lock (Lines) Lines.Add(message);
        }
    }
}
