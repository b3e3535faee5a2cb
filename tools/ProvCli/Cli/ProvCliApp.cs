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
public static partial class ProvCliApp
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
        public CancellationTokenRegistration Registration;

        public void Dispose()
        {
            Registration.Dispose();
            Client?.Dispose();
        }
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
        // Ctrl-C: closing the transport unblocks a pending socket read.
        var registration = env.Cancellation.Register(() =>
        {
            try
            {
                transport.Dispose();
            }
            catch (Exception)
            {
                // best effort while shutting down
            }
        });
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
        return new Session
        {
            Client = new ProvClient(transport, options), Env = env, Timeout = timeout, Verbose = verbose, Registration = registration,
        };
    }

    /// <summary>Runs a command body, mapping client exceptions to messages and exit codes.</summary>
    private static int Guard(CliEnvironment env, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception) when (env.Cancellation.IsCancellationRequested)
        {
            env.Err.WriteLine("error: interrupted");
            return ExitCodes.Cancelled;
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
}
