using System.CommandLine;
using System.Globalization;
using System.Text;
using NanoProv.Client.Qr;
using NanoProv.Client.Security;

namespace NanoProv.Client.Cli;

public static partial class ProvCliApp
{
    // ------------------------------------------------------------------ scan / status / ctrl / custom / version

    private static Command BuildScan(CliEnvironment env)
    {
        var c = new CommonOptions(env.Transports);
        var passive = new Option<bool>("--passive") { Description = "Passive scan (default active)" };
        var group = new Option<int>("--group-channels") { Description = "Channels per group, pausing between groups to keep the SoftAP alive (0 = all at once; default 5)", DefaultValueFactory = _ => 5 };
        var period = new Option<int>("--period-ms") { Description = "Dwell time per channel in ms (default 120)", DefaultValueFactory = _ => 120 };
        var pageSize = new Option<int>("--page-size") { Description = "Results per request (default 4)", DefaultValueFactory = _ => 4 };
        var nonBlocking = new Option<bool>("--non-blocking") { Description = "Start the scan without waiting and poll ScanStatus" };
        AddCheck(group, v => v < 0 || v > 14 ? "--group-channels must be 0 to 14" : null);
        AddCheck(period, v => v < 0 || v > 10000 ? "--period-ms must be 0 to 10000" : null);
        AddCheck(pageSize, v => v < 1 || v > 100 ? "--page-size must be 1 to 100" : null);
        var cmd = new Command("scan", "Ask the device to scan for Wi-Fi networks and list them (strongest first).");
        c.AddTo(cmd);
        foreach (var o in new Option[] { passive, group, period, pageSize, nonBlocking }) cmd.Options.Add(o);
        cmd.SetAction(p => Guard(env, () =>
        {
            using var s = OpenSession(p, c, env);
            s.Client.Connect();
            var entries = s.Client.Scan(new ScanOptions
            {
                Blocking = !p.GetValue(nonBlocking),
                Passive = p.GetValue(passive),
                GroupChannels = (uint)p.GetValue(group),
                PeriodMs = (uint)p.GetValue(period),
                PageSize = (uint)Math.Max(1, p.GetValue(pageSize)),
                Timeout = s.Timeout,
            }, env.Cancellation);
            if (entries.Count == 0) env.Out.WriteLine("No networks found.");
            else PrintScanTable(env.Out, entries);
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command BuildStatus(CliEnvironment env)
    {
        var c = new CommonOptions(env.Transports);
        var cmd = new Command("status",
            "Show the device's Wi-Fi station state. Exit 0 when connected, 11 while connecting or not provisioned, " +
            "5/6 after an authentication/network-not-found failure.");
        c.AddTo(cmd);
        cmd.SetAction(p => Guard(env, () =>
        {
            using var s = OpenSession(p, c, env);
            s.Client.Connect();
            var status = s.Client.GetWifiStatus();
            env.Out.WriteLine("Wi-Fi status: " + status);
            if (status.State == StationState.Connecting && !status.AttemptsRemaining.HasValue)
                env.Out.WriteLine("(devices also answer Connecting when no credentials were applied yet)");
            return ExitCodes.For(status);
        }));
        return cmd;
    }

    private static Command BuildCtrl(CliEnvironment env, string name, string description, bool reprov)
    {
        var c = new CommonOptions(env.Transports);
        var cmd = new Command(name, description);
        c.AddTo(cmd);
        cmd.SetAction(p => Guard(env, () =>
        {
            using var s = OpenSession(p, c, env);
            s.Client.Connect();
            var status = reprov ? s.Client.Reprovision() : s.Client.ResetProvisioning();
            if (status == DeviceStatus.Success)
            {
                env.Out.WriteLine(reprov
                    ? "Reprovisioning enabled: the device accepts new credentials now (run 'provision')."
                    : "Reset done: the device waits for new credentials (run 'provision').");
                return ExitCodes.Success;
            }
            env.Err.WriteLine(reprov
                ? $"error: the device refused reprovisioning (status {status}): it only allows it when its auto-stop is disabled; " +
                  "restart provisioning on the device instead."
                : $"error: the device refused the reset (status {status}): reset is only allowed after a failed connection attempt " +
                  "(the device is not in the failed state).");
            return ExitCodes.DeviceRejected;
        }));
        return cmd;
    }

    private static Command BuildCustom(CliEnvironment env)
    {
        var c = new CommonOptions(env.Transports);
        var endpoint = new Option<string>("--endpoint") { Description = "Custom endpoint name (default custom-data)", DefaultValueFactory = _ => ProvClient.Endpoints.CustomData };
        var data = new Option<string>("--data") { Description = "Text to send (UTF-8)" };
        var dataHex = new Option<string>("--data-hex") { Description = "Bytes to send, as hex" };
        var cmd = new Command("custom", "Send data to a custom endpoint through the secure session and print the reply.");
        c.AddTo(cmd);
        cmd.Options.Add(endpoint);
        cmd.Options.Add(data);
        cmd.Options.Add(dataHex);
        cmd.SetAction(p => Guard(env, () =>
        {
            string text = p.GetValue(data);
            string hex = p.GetValue(dataHex);
            if ((text == null) == (hex == null))
                throw new ProvClientException(ProvErrorKind.InvalidArgument, "give exactly one of --data TEXT or --data-hex HEX");
            byte[] payload;
            if (text != null)
            {
                payload = Encoding.UTF8.GetBytes(text);
            }
            else
            {
                try
                {
                    payload = Hex.Parse(hex);
                }
                catch (FormatException e)
                {
                    throw new ProvClientException(ProvErrorKind.InvalidArgument, "invalid --data-hex: " + e.Message);
                }
            }
            using var s = OpenSession(p, c, env);
            s.Client.Connect();
            byte[] reply = s.Client.SendCustomData(p.GetValue(endpoint), payload);
            env.Out.WriteLine($"Reply ({reply.Length} bytes): \"{PrintableText(reply)}\"");
            env.Out.WriteLine("Reply hex: " + Hex.ToHex(reply));
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static string PrintableText(byte[] data)
    {
        var sb = new StringBuilder();
        string text = Encoding.UTF8.GetString(data);
        foreach (char ch in text)
        {
            if (ch == '\0') sb.Append("\\0");
            else if (ch < ' ' || ch == 0x7f) sb.Append($"\\x{(int)ch:x2}");
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    private static Command BuildVersion(CliEnvironment env)
    {
        var c = new CommonOptions(env.Transports);
        var expect = new Option<string>("--expect-ver") { Description = "Exit 9 unless the device reports this version (e.g. v1.1)" };
        var cmd = new Command("version", "Show the device's proto-ver reply: protocol version, security scheme, capabilities, app info.");
        c.AddTo(cmd);
        cmd.Options.Add(expect);
        cmd.SetAction(p => Guard(env, () =>
        {
            using var s = OpenSession(p, c, env, p.GetValue(expect));
            var v = s.Client.GetVersion();
            var w = env.Out;
            w.WriteLine($"Device {s.Client.Transport.Description}:");
            if (!v.IsJson)
            {
                w.WriteLine($"  version:      {v.RawText.Trim()} (plain text, no capabilities)");
            }
            else
            {
                w.WriteLine($"  version:      {(v.ProvVersion.Length > 0 ? v.ProvVersion : "(missing)")}");
                w.WriteLine($"  security:     {(v.SecurityVersion.HasValue ? v.SecurityVersion.Value.ToString(CultureInfo.InvariantCulture) : "(not reported)")}" +
                            (v.SecurityPatchVersion.HasValue ? $" (sec_patch_ver {v.SecurityPatchVersion.Value})" : ""));
                w.WriteLine($"  capabilities: {(v.Capabilities.Count == 0 ? "(none)" : string.Join(", ", v.Capabilities))}");
                foreach (var app in v.Apps)
                    w.WriteLine($"  app '{app.Label}': ver {app.Version}, cap [{string.Join(", ", app.Capabilities)}]");
            }
            w.WriteLine("  raw reply:    " + v.RawText.Replace("\n", " ").Replace("\t", ""));
            s.Client.CheckExpectedVersion(v);
            if (p.GetValue(expect) != null) w.WriteLine($"Version matches {p.GetValue(expect)}.");
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
