using System.CommandLine;

namespace NanoProv.ProvSim;

/// <summary>
/// ProvSim's command line (System.CommandLine). The option names are an interface other tools and the
/// README rely on: --port, --security, --pop, --sec2-user, --sec2-password, --world, --connection-close,
/// --service-name, --demo, --crypto, --transport.
/// </summary>
public static class CommandLine
{
    /// <summary>Builds the root command; <paramref name="run"/> receives the parsed settings and returns the exit code.</summary>
    public static RootCommand Build(Func<SimulatorSettings, int> run)
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => SimulatorSettings.DefaultPort };
        var security = new Option<int>("--security") { Description = "Security scheme: 0 (none), 1 (X25519 + PoP + AES-CTR), 2 (SRP6a + AES-GCM)", DefaultValueFactory = _ => 2 };
        security.AcceptOnlyFromAmong("0", "1", "2");
        var pop = new Option<string>("--pop") { Description = "Security 1 proof of possession (default: a random one shown at start; \"\" = no PoP)" };
        var user = new Option<string>("--sec2-user") { Description = $"Security 2 username (default {SimulatorSettings.DefaultSec2User})" };
        var password = new Option<string>("--sec2-password") { Description = "Security 2 password (default: a random development password shown once at start)" };
        var world = new Option<string>("--world") { Description = "JSON file describing the simulated Wi-Fi networks (default: built-in world of 9 networks)" };
        var close = new Option<bool>("--connection-close") { Description = "Send 'Connection: close' and close after every reply (nanoFramework HttpListener default) instead of keep-alive" };
        var name = new Option<string>("--service-name") { Description = "Service name / SoftAP SSID (default PROV_ + 6 hex digits)" };
        var demo = new Option<bool>("--demo") { Description = "Provision the simulator through ProvCli's client library over loopback, show each step, exit 0 on success" };
        var crypto = new Option<string>("--crypto") { Description = "Crypto provider: auto (native if loadable, else managed), native, managed", DefaultValueFactory = _ => "auto" };
        crypto.AcceptOnlyFromAmong("auto", "native", "managed");
        var autoStop = new Option<bool>("--auto-stop") { Description = "Stop provisioning after success like a device does (default: keep serving)" };
        var credentials = new Option<string>("--credentials-file") { Description = "Persist the provisioned network in this JSON file (default: in memory)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print the firmware core's log lines" };
        var transport = new Option<string>("--transport") { Description = "http (loopback HTTP server, default) or ble-sim (GATT simulator; ProvCli connects with --transport ble-sim --host 127.0.0.1:PORT)", DefaultValueFactory = _ => "http" };
        transport.AcceptOnlyFromAmong("http", "ble-sim");

        var root = new RootCommand("ProvSim: the NanoProv firmware core on your PC, provisionable over HTTP on 127.0.0.1 by ProvCli, esp_prov or your own client.");
        foreach (var option in new Option[] { port, security, pop, user, password, world, close, name, demo, crypto, autoStop, credentials, verbose, transport })
        {
            root.Options.Add(option);
        }

        root.SetAction(result => run(new SimulatorSettings
        {
            Port = result.GetValue(port),
            Security = result.GetValue(security),
            Pop = result.GetValue(pop),
            Sec2User = result.GetValue(user),
            Sec2Password = result.GetValue(password),
            WorldFile = result.GetValue(world),
            ConnectionClose = result.GetValue(close),
            ServiceName = result.GetValue(name),
            Demo = result.GetValue(demo),
            Crypto = Enum.Parse<CryptoMode>(result.GetValue(crypto) ?? "auto", ignoreCase: true),
            AutoStop = result.GetValue(autoStop),
            CredentialsFile = result.GetValue(credentials),
            Verbose = result.GetValue(verbose),
            Transport = result.GetValue(transport),
        }));
        return root;
    }
}
