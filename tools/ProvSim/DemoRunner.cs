using System.Diagnostics;
using NanoProv.Client;

namespace NanoProv.ProvSim;

/// <summary>
/// --demo: provisions the running simulator through ProvCli's client library over real loopback HTTP, the
/// way a phone app would, and shows each step: proto-ver, handshake, scan, SetConfig with a wrong password
/// (the device reports AuthError), then the right password in the SAME session (no reboot, no reset) until
/// Connected. Exit code 0 only when every step behaved as expected.
/// </summary>
public static class DemoRunner
{
    /// <summary>Network the demo joins (in the built-in world).</summary>
    public const string DemoSsid = "HomeNet";

    /// <summary>Its passphrase in the built-in world.</summary>
    public const string DemoPassphrase = "homepass";

    /// <summary>Runs the demo against <paramref name="host"/>; returns the process exit code.</summary>
    public static int Run(SimulatorHost host, TextWriter output, string ssid = DemoSsid, string passphrase = DemoPassphrase)
    {
        var total = Stopwatch.StartNew();
        int step = 0;
        void Step(string text) => output.WriteLine($"\n[{++step}] {text}");
        void Detail(string text) => output.WriteLine("    " + text);

        var creds = host.Credentials;
        var options = new ProvClientOptions
        {
            Security = creds.Security,
            Pop = creds.Pop,
            Sec2Username = creds.Sec2User,
            Sec2Password = creds.Sec2Password,
            Progress = p => output.WriteLine("      · " + p.Message),
        };

        try
        {
            var http = host.Ble == null ? new HttpProvTransport(host.HostPort) : null;
            using IProvTransport transport = http ?? (IProvTransport)GattSimProvTransport.ConnectSocket(host.HostPort, new GattSimTransportOptions { Mtu = 517 });
            using var client = new ProvClient(transport, options, ownsTransport: false);

            Step($"proto-ver: asking {transport.Description} what the device speaks");
            var version = client.GetVersion();
            Detail("device: " + version.Summary());
            if (http != null) Detail("session cookie: " + (http.Cookie ?? "(none)"));

            Step($"handshake: Security {creds.Security}");
            var security = client.CreateSecurity(version);
            client.EstablishSession(security);
            Detail("secure session established: " + security.Description);
            string cookie = http?.Cookie;

            Step("scan: the device scans for networks (prov-scan)");
            var networks = client.Scan();
            foreach (var n in networks) Detail(n.ToString());
            if (!networks.Any(n => n.Ssid == ssid)) return Fail(output, $"the scan did not list \"{ssid}\"");

            var fast = new ProvisionOptions { PollInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(90) };

            Step($"SetConfig + ApplyConfig for \"{ssid}\" with a WRONG password");
            var wrong = client.Provision(WifiCredentials.FromText(ssid, "not-the-" + passphrase), fast);
            Detail($"device reports: {wrong.LastStatus} after {wrong.Elapsed.TotalSeconds:0.0} s");
            if (wrong.Outcome != ProvisionOutcome.AuthError) return Fail(output, $"expected AuthError, got {wrong.Outcome}");
            Detail("as expected: AuthError, and the device still accepts credentials (no reboot needed)");

            Step($"SetConfig + ApplyConfig for \"{ssid}\" with the right password, same session");
            var right = client.Provision(WifiCredentials.FromText(ssid, passphrase), fast);
            Detail($"device reports: {right.LastStatus} after {right.Elapsed.TotalSeconds:0.0} s");
            if (right.Outcome != ProvisionOutcome.Connected) return Fail(output, $"expected Connected, got {right.Outcome}");
            if (http != null)
            {
                if (http.Cookie != cookie) return Fail(output, "the session changed between the attempts");
                Detail($"same session throughout (cookie {cookie}); {http.ConnectionsOpened} TCP connection(s) used");
            }
            else
            {
                Detail("same BLE connection and secure session throughout");
            }

            var stored = host.Store.Load();
            if (stored == null) return Fail(output, "the device did not store the working network");
            Detail("the device stored the network only after it got an IP address");

            output.WriteLine($"\nDemo passed in {total.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }
        catch (ProvClientException e)
        {
            return Fail(output, $"{e.Kind}: {e.Message}");
        }
    }

    private static int Fail(TextWriter output, string why)
    {
        output.WriteLine("\nDemo FAILED: " + why);
        return 1;
    }
}
