using System.CommandLine;
using System.Globalization;
using System.Text;
using NanoProv.Client.Qr;
using NanoProv.Client.Security;

namespace NanoProv.Client.Cli;

/// <summary>
/// The ProvCli command line. <see cref="Run"/> parses, runs one command and returns the exit code
/// (see <see cref="ExitCodes"/>); it never calls Environment.Exit, so it can run in-process.
/// </summary>
public static class ProvCliApp
{
    /// <summary>Default device address (the simulator's default).</summary>
    public const string DefaultHost = "127.0.0.1:8080";

    /// <summary>Runs ProvCli with <paramref name="args"/>.</summary>
    public static int Run(string[] args, CliEnvironment env = null)
    {
        env ??= new CliEnvironment();
        var root = BuildRootCommand(env);
        ParseResult parse = root.Parse(args ?? Array.Empty<string>());
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) env.Err.WriteLine("error: " + error.Message);
            env.Err.WriteLine("Run 'ProvCli --help' (or 'ProvCli <command> --help') for usage.");
            return ExitCodes.Usage;
        }
        return parse.Invoke(new InvocationConfiguration
        {
            Output = env.Out,
            Error = env.Err,
            EnableDefaultExceptionHandler = false,
        });
    }

    /// <summary>Builds the command tree (exposed for tests and documentation).</summary>
    public static RootCommand BuildRootCommand(CliEnvironment env)
    {
        var root = new RootCommand(
            "ProvCli - provision ESP unified-provisioning devices (NanoProv, ESP-IDF wifi_provisioning) over SoftAP/HTTP.\n" +
            "Security 0/1/2 (auto-detected), scan, status, reset, reprovision, custom data, Security 2 credentials, QR codes.\n\n" +
            "Examples:\n" +
            "  ProvCli provision --sec2-user wifiprov --sec2-password abcd1234 --ssid HomeNet --passphrase 'my wifi pass'\n" +
            "  ProvCli provision --host 192.168.4.1:80 --pop abcd1234           (pick the network from a scan)\n" +
            "  ProvCli sec2 gen-cred --username wifiprov --password abcd1234\n\n" +
            ExitCodes.HelpText);

        root.Subcommands.Add(BuildProvision(env));
        root.Subcommands.Add(BuildScan(env));
        root.Subcommands.Add(BuildStatus(env));
        root.Subcommands.Add(BuildCtrl(env, "reset",
            "Send CtrlReset: after a failed connection attempt, return the device to 'waiting for credentials'.", reprov: false));
        root.Subcommands.Add(BuildCtrl(env, "reprov",
            "Send CtrlReprov: let a provisioned device accept new credentials (needs auto-stop disabled on the device).", reprov: true));
        root.Subcommands.Add(BuildCustom(env));
        root.Subcommands.Add(BuildVersion(env));
        root.Subcommands.Add(BuildSec2());
        root.Subcommands.Add(BuildQr(env));
        return root;
    }

    // ------------------------------------------------------------------ common options

    /// <summary>Adds a range check; values that do not even convert are reported by the parser itself.</summary>
    private static void AddCheck<T>(Option<T> option, Func<T, string> check)
    {
        option.Validators.Add(r =>
        {
            T value;
            try
            {
                value = r.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return;
            }
            string error = check(value);
            if (error != null) r.AddError(error);
        });
    }

    private sealed class CommonOptions
    {
        public readonly Option<string> Host = new("--host")
        {
            Description = $"Device address host:port (simulator default {DefaultHost}; a real SoftAP device is 192.168.4.1:80)",
            DefaultValueFactory = _ => DefaultHost,
        };
        public readonly Option<string> Transport = new("--transport")
        {
            Description = "Transport: http (aliases softap, httpd)",
            DefaultValueFactory = _ => "http",
        };
        public readonly Option<string> Security = new("--security")
        {
            Description = "Security scheme 0, 1 or 2 (default: auto-detect from proto-ver)",
        };
        public readonly Option<string> Sec2Patch = new("--sec2-patch")
        {
            Description = "Security 2 AES-GCM IV mode: 1 = counter (current), 0 = legacy static IV (default: from proto-ver sec_patch_ver)",
        };
        public readonly Option<string> Pop = new("--pop") { Description = "Security 1 proof of possession" };
        public readonly Option<string> Sec2User = new("--sec2-user", "--sec2-username") { Description = "Security 2 username" };
        public readonly Option<string> Sec2Password = new("--sec2-password", "--sec2-pwd") { Description = "Security 2 password" };
        public readonly Option<double> Timeout = new("--timeout")
        {
            Description = "Seconds to wait for the device: each network operation, and the Wi-Fi result after apply (default 60)",
            DefaultValueFactory = _ => 60,
        };
        public readonly Option<bool> Verbose = new("--verbose", "-v")
        {
            Description = "Hex dumps of every request and reply (no keys; the passphrase message is redacted)",
        };
        public readonly Option<bool> VerboseSecrets = new("--verbose-secrets")
        {
            Description = "With --verbose: also show session keys and the unredacted passphrase message",
        };
        public readonly Option<bool> NewConnection = new("--new-connection-per-request")
        {
            Description = "Open a new TCP connection for every request (default: one persistent connection like esp_prov)",
        };
        public readonly Option<bool> NoCookies = new("--no-cookies")
        {
            Description = "Do not send the session cookie back (the device must then track the session by connection)",
        };

        public CommonOptions(TransportRegistry transports)
        {
            Security.AcceptOnlyFromAmong("0", "1", "2");
            Sec2Patch.AcceptOnlyFromAmong("0", "1");
            Transport.Description = "Transport: " + transports.Describe();
            Transport.Validators.Add(r =>
            {
                string v = r.GetValueOrDefault<string>();
                if (!transports.Contains(v))
                    r.AddError($"unknown transport '{v}' (known: {string.Join(", ", transports.Names)})");
            });
            AddCheck(Timeout, v => !(v > 0) || v > 86400 ? "--timeout must be a number of seconds greater than 0" : null);
        }

        public void AddTo(Command command)
        {
            foreach (var o in new Option[]
                     {
                         Host, Transport, Security, Sec2Patch, Pop, Sec2User, Sec2Password, Timeout, Verbose, VerboseSecrets,
                         NewConnection, NoCookies,
                     })
                command.Options.Add(o);
        }
    }

    /// <summary>Everything a device command needs, created from the parse result.</summary>
    private sealed class Session : IDisposable
    {
        public ProvClient Client;
        public CliEnvironment Env;
        public TimeSpan Timeout;
        public bool Verbose;
        public void Dispose() => Client?.Dispose();
    }

    private static Session OpenSession(ParseResult p, CommonOptions c, CliEnvironment env, string expectedVersion = null)
    {
        bool verbose = p.GetValue(c.Verbose);
        bool secrets = p.GetValue(c.VerboseSecrets);
        var timeout = TimeSpan.FromSeconds(p.GetValue(c.Timeout));
        var printer = new ProgressPrinter(env.Out, env.Err, verbose);
        Action<string> trace = verbose ? line => { env.Err.WriteLine(line); } : null;
        var settings = new TransportSettings
        {
            Host = p.GetValue(c.Host) ?? DefaultHost,
            Timeout = timeout,
            NewConnectionPerRequest = p.GetValue(c.NewConnection),
            UseCookies = !p.GetValue(c.NoCookies),
            Trace = trace,
        };
        var transport = env.Transports.Create(p.GetValue(c.Transport) ?? "http", settings);
        string sec = p.GetValue(c.Security);
        string patch = p.GetValue(c.Sec2Patch);
        var options = new ProvClientOptions
        {
            Security = sec == null ? null : int.Parse(sec, CultureInfo.InvariantCulture),
            Sec2Patch = patch == null ? null : (Sec2Patch)int.Parse(patch, CultureInfo.InvariantCulture),
            Pop = p.GetValue(c.Pop),
            Sec2Username = p.GetValue(c.Sec2User),
            Sec2Password = p.GetValue(c.Sec2Password),
            ExpectedVersion = expectedVersion,
            Progress = printer.Print,
            Trace = trace,
            TraceSecrets = verbose && secrets,
            CredentialPrompt = kind => kind switch
            {
                CredentialKind.Pop => env.ReadSecret("Proof of possession (PoP): "),
                CredentialKind.Sec2Username => env.ReadLine("Security 2 username: "),
                CredentialKind.Sec2Password => env.ReadSecret("Security 2 password: "),
                _ => null,
            },
        };
        return new Session { Client = new ProvClient(transport, options), Env = env, Timeout = timeout, Verbose = verbose };
    }

    /// <summary>Runs a command body, mapping client exceptions to messages and exit codes.</summary>
    private static int Guard(CliEnvironment env, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ProvClientException e)
        {
            env.Err.WriteLine("error: " + e.Message);
            return ExitCodes.For(e.Kind);
        }
        catch (OperationCanceledException)
        {
            env.Err.WriteLine("error: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            env.Err.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.InternalError;
        }
    }

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
                ssid = entries[n - 1].Ssid;
                env.Out.WriteLine($"Selected \"{ssid}\"");
                return entries[n - 1];
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
            w.WriteLine($"  {i + 1,3}  {e.Ssid,-32}  {ProvNames.MacText(e.Bssid),-17}  {e.Channel,3}  {e.Rssi,5}  {ProvNames.AuthModeName(e.Auth)}");
        }
    }

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

    // ------------------------------------------------------------------ offline commands

    private static Command BuildSec2()
    {
        var user = new Option<string>("--username", "--sec2-user") { Description = "Security 2 username", Required = true };
        var password = new Option<string>("--password", "--sec2-password") { Description = "Security 2 password", Required = true };
        var saltLen = new Option<int>("--salt-len") { Description = "Random salt length in bytes (default 16, like esp_prov)", DefaultValueFactory = _ => 16 };
        var salt = new Option<string>("--salt") { Description = "Use this salt (hex) instead of a random one; for reproducible output only" };
        AddCheck(saltLen, v => v < 1 || v > 1024 ? "--salt-len must be 1 to 1024" : null);
        var gen = new Command("gen-cred",
            "Generate the salt and SRP verifier a Security 2 device stores (esp_prov --sec2_gen_cred). " +
            "Prints hex, C arrays (ESP-IDF) and C# arrays (NanoProv). The password itself never goes on the device.");
        gen.Options.Add(user);
        gen.Options.Add(password);
        gen.Options.Add(saltLen);
        gen.Options.Add(salt);
        gen.SetAction(p =>
        {
            var output = p.InvocationConfiguration.Output;
            var error = p.InvocationConfiguration.Error;
            try
            {
                string saltHex = p.GetValue(salt);
                Sec2Credentials creds;
                if (saltHex != null)
                {
                    byte[] saltBytes;
                    try
                    {
                        saltBytes = Hex.Parse(saltHex);
                    }
                    catch (FormatException e)
                    {
                        throw new ProvClientException(ProvErrorKind.InvalidArgument, "invalid --salt: " + e.Message);
                    }
                    creds = Sec2Credentials.FromSalt(p.GetValue(user), p.GetValue(password), saltBytes);
                }
                else
                {
                    creds = Sec2Credentials.Generate(p.GetValue(user), p.GetValue(password), p.GetValue(saltLen));
                }
                if (creds.InnerHashAmbiguous)
                    error.WriteLine("warning: for this username/password H(user:password) starts with 0x00. esp_prov and ESP-IDF's " +
                                    "on-device generator disagree on such credentials (this verifier follows esp_prov). Choose another password.");
                output.WriteLine($"Security 2 credentials for username \"{creds.Username}\" (salt {creds.Salt.Length} bytes, verifier {creds.Verifier.Length} bytes)");
                output.WriteLine();
                output.WriteLine("salt (hex):     " + Hex.ToHex(creds.Salt));
                output.WriteLine("verifier (hex): " + Hex.ToHex(creds.Verifier));
                output.WriteLine();
                output.WriteLine("/* C (ESP-IDF wifi_prov_mgr / protocomm_security2_params_t) */");
                output.WriteLine(creds.ToCArrays());
                output.WriteLine();
                output.WriteLine("// C# (NanoProv)");
                output.WriteLine(creds.ToCSharpArrays());
                return ExitCodes.Success;
            }
            catch (ProvClientException e)
            {
                error.WriteLine("error: " + e.Message);
                return ExitCodes.For(e.Kind);
            }
        });
        var sec2 = new Command("sec2", "Security 2 tools.");
        sec2.Subcommands.Add(gen);
        return sec2;
    }

    private static Command BuildQr(CliEnvironment env)
    {
        var name = new Option<string>("--name", "--service-name") { Description = "Device service name (SoftAP SSID / BLE name), e.g. PROV_FC2FB4", Required = true };
        var transport = new Option<string>("--transport") { Description = "softap or ble (default softap)", DefaultValueFactory = _ => "softap" };
        var security = new Option<string>("--security") { Description = "Security scheme 0, 1 or 2 (default 2)", DefaultValueFactory = _ => "2" };
        var pop = new Option<string>("--pop") { Description = "Security 1 PoP (Security 2: the password, same as --sec2-password)" };
        var user = new Option<string>("--username", "--sec2-user") { Description = "Security 2 username" };
        var password = new Option<string>("--sec2-password") { Description = "Security 2 password (written to the \"pop\" key)" };
        var softapPassword = new Option<string>("--softap-password") { Description = "WPA2 passphrase of the device's SoftAP, if it has one" };
        var png = new Option<string>("--png") { Description = "Also write the QR code as a PNG file" };
        var noTerminal = new Option<bool>("--no-terminal") { Description = "Do not draw the QR code in the terminal" };
        var invert = new Option<bool>("--invert") { Description = "Invert the terminal QR code (for light-on-dark terminals if scanning fails)" };
        transport.AcceptOnlyFromAmong("softap", "ble");
        security.AcceptOnlyFromAmong("0", "1", "2");
        var cmd = new Command("qr", "Print the provisioning QR payload (JSON, ESP key order) as text, terminal QR code and optionally PNG.");
        foreach (var o in new Option[] { name, transport, security, pop, user, password, softapPassword, png, noTerminal, invert }) cmd.Options.Add(o);
        cmd.SetAction(p => Guard(env, () =>
        {
            int sec = int.Parse(p.GetValue(security) ?? "2", CultureInfo.InvariantCulture);
            string secret = p.GetValue(password) ?? p.GetValue(pop);
            if (sec == 2 && string.IsNullOrEmpty(p.GetValue(user)))
                throw new ProvClientException(ProvErrorKind.InvalidArgument, "a Security 2 QR code needs --username (and --sec2-password)");
            string payload = QrPayload.Build(new QrPayloadOptions
            {
                Name = p.GetValue(name),
                Transport = p.GetValue(transport),
                Security = sec,
                Pop = sec == 0 ? null : secret,
                Username = sec == 2 ? p.GetValue(user) : null,
                SoftApPassword = p.GetValue(softapPassword),
            });
            var w = env.Out;
            w.WriteLine("QR payload: " + payload);
            if (payload.Length > QrPayload.RecommendedMaxLength)
                env.Err.WriteLine($"warning: the payload is {payload.Length} characters; keep it under {QrPayload.RecommendedMaxLength} for easy scanning");
            w.WriteLine("Browser:    " + QrPayload.JumpstartUrl(payload));
            if (!p.GetValue(noTerminal))
            {
                w.WriteLine();
                w.WriteLine(QrPayload.RenderTerminal(payload, p.GetValue(invert)));
            }
            string pngPath = p.GetValue(png);
            if (pngPath != null)
            {
                try
                {
                    File.WriteAllBytes(pngPath, QrPayload.RenderPng(payload));
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new ProvClientException(ProvErrorKind.InvalidArgument, $"cannot write {pngPath}: {e.Message}");
                }
                w.WriteLine("PNG written to " + pngPath);
            }
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
