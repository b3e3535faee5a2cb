using System.CommandLine;
using System.Globalization;
using System.Text;
using NanoProv.Client.Qr;
using NanoProv.Client.Security;

namespace NanoProv.Client.Cli;

public static partial class ProvCliApp
{
    // ------------------------------------------------------------------ provision

    private static Command BuildProvision(CliEnvironment env)
    {
        var c = new CommonOptions(env.Transports);
        var ssid = new Option<string>("--ssid") { Description = "Wi-Fi network name (omit to choose from a scan made by the device)" };
        var passphrase = new Option<string>("--passphrase") { Description = "Wi-Fi passphrase ('' for an open network; prompted when omitted)" };
        var bssid = new Option<string>("--bssid") { Description = "Optional BSSID of the access point, e.g. 24:0a:c4:12:34:56" };
        var channel = new Option<int>("--channel") { Description = "Optional channel hint (0 = any)" };
        var poll = new Option<double>("--poll-interval")
        {
            Description = "Seconds between status polls after apply (default 1)",
            DefaultValueFactory = _ => 1,
        };
        var expect = new Option<string>("--expect-ver") { Description = "Fail unless proto-ver reports this version (e.g. v1.1)" };
        var pageSize = new Option<int>("--page-size") { Description = "Scan results per request when picking a network (default 4)", DefaultValueFactory = _ => 4 };
        AddCheck(poll, v => !(v >= 0) || v > 3600 ? "--poll-interval must be 0 to 3600 seconds" : null);
        AddCheck(channel, v => v < 0 || v > 196 ? "--channel must be 0 to 196" : null);
        AddCheck(pageSize, v => v < 1 || v > 100 ? "--page-size must be 1 to 100" : null);

        var cmd = new Command("provision",
            "Send Wi-Fi credentials and wait until the device reports Connected (exit 0) or a failure " +
            "(5 wrong passphrase, 6 network not found, 7 timeout; full table: ProvCli --help). " +
            "Flow: proto-ver, handshake, SetConfig, ApplyConfig, GetStatus polling.");
        c.AddTo(cmd);
        foreach (var o in new Option[] { ssid, passphrase, bssid, channel, poll, expect, pageSize }) cmd.Options.Add(o);
        cmd.SetAction(p => Guard(env, () =>
        {
            byte[] bssidBytes = ParseBssid(p.GetValue(bssid));
            using var s = OpenSession(p, c, env, p.GetValue(expect));
            s.Client.Connect();

            string chosenSsid = p.GetValue(ssid);
            ScanEntry picked = null;
            if (chosenSsid == null)
            {
                var entries = s.Client.Scan(new ScanOptions { PageSize = (uint)Math.Max(1, p.GetValue(pageSize)), Timeout = s.Timeout },
                    env.Cancellation);
                picked = PickNetwork(env, entries, out chosenSsid);
                if (chosenSsid == null) throw new ProvClientException(ProvErrorKind.MissingCredential, "no network chosen: pass --ssid");
            }

            string pass = p.GetValue(passphrase);
            if (pass == null)
            {
                if (picked != null && picked.Auth == AuthMode.Open)
                {
                    pass = "";
                }
                else
                {
                    pass = env.ReadSecret($"Passphrase for \"{chosenSsid}\" (empty for an open network): ");
                    if (pass == null)
                        throw new ProvClientException(ProvErrorKind.MissingCredential, "no passphrase given: pass --passphrase ('' for an open network)");
                }
            }

            var creds = new WifiCredentials
            {
                Ssid = picked != null ? picked.SsidBytes : Encoding.UTF8.GetBytes(chosenSsid),
                Passphrase = Encoding.UTF8.GetBytes(pass),
                Bssid = bssidBytes,
                Channel = p.GetValue(channel),
            };
            var result = s.Client.Provision(creds, new ProvisionOptions
            {
                PollInterval = TimeSpan.FromSeconds(p.GetValue(poll)),
                Timeout = s.Timeout,
            }, env.Cancellation);

            switch (result.Outcome)
            {
                case ProvisionOutcome.Connected:
                    env.Out.WriteLine("Provisioning succeeded: the device is connected (" + result.LastStatus.Connected + ").");
                    break;
                case ProvisionOutcome.AuthError:
                    env.Err.WriteLine("error: Wi-Fi authentication failed: the passphrase is wrong for this network. " +
                                      "Run provision again with the right --passphrase (NanoProv devices accept it in the same session; " +
                                      "ESP-IDF devices need 'reset' first).");
                    break;
                case ProvisionOutcome.NetworkNotFound:
                    env.Err.WriteLine($"error: the device could not find the network \"{chosenSsid}\". Check the SSID (case matters), " +
                                      "that the access point is on and in range, and that it uses 2.4 GHz.");
                    break;
                case ProvisionOutcome.TimedOut:
                    env.Err.WriteLine($"error: no Wi-Fi result within {s.Timeout.TotalSeconds:0.#} s (last state: " +
                                      $"{result.LastStatus?.ToString() ?? "none"}). Raise --timeout or run 'status' later.");
                    break;
                default:
                    env.Err.WriteLine($"error: provisioning failed ({result.LastStatus?.ToString() ?? "no status"}).");
                    break;
            }
            return ExitCodes.For(result.Outcome);
        }));
        return cmd;
    }

    private static byte[] ParseBssid(string text)
    {
        if (string.IsNullOrEmpty(text)) return Array.Empty<byte>();
        byte[] b;
        try
        {
            b = Hex.Parse(text);
        }
        catch (FormatException)
        {
            b = null;
        }
        if (b == null || b.Length != 6)
            throw new ProvClientException(ProvErrorKind.InvalidArgument, $"invalid --bssid '{text}': expected 6 bytes such as 24:0a:c4:12:34:56");
        return b;
    }

    private static ScanEntry PickNetwork(CliEnvironment env, IReadOnlyList<ScanEntry> entries, out string ssid)
    {
        ssid = null;
        if (entries.Count == 0)
        {
            env.Out.WriteLine("The device found no networks.");
        }
        else
        {
            PrintScanTable(env.Out, entries);
        }
        string prompt = entries.Count > 0 ? $"Select a network [1-{entries.Count}] or type an SSID: " : "Type the SSID: ";
        while (true)
        {
            string line = env.ReadLine(prompt);
            if (line == null) return null;
            line = line.Trim();
            if (line.Length == 0) continue;
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && n <= entries.Count)
            {
                var entry = entries[n - 1];
                if (entry.SsidBytes.Length == 0)
                {
                    // A hidden network: its name is not broadcast, so ask for it.
                    ssid = env.ReadLine("This network hides its name; type its SSID: ")?.Trim();
                    return null;
                }
                ssid = entry.Ssid;
                env.Out.WriteLine($"Selected \"{ssid}\"");
                return entry;
            }
            ssid = line;
            return null;
        }
    }

    private static void PrintScanTable(TextWriter w, IReadOnlyList<ScanEntry> entries)
    {
        w.WriteLine($"  {"#",3}  {"SSID",-32}  {"BSSID",-17}  {"Ch",3}  {"RSSI",5}  Auth");
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            string name = e.SsidBytes.Length == 0 ? "(hidden)" : e.Ssid;
            w.WriteLine($"  {i + 1,3}  {name,-32}  {ProvNames.MacText(e.Bssid),-17}  {e.Channel,3}  {e.Rssi,5}  {ProvNames.AuthModeName(e.Auth)}");
        }
    }
}
