using System.Diagnostics;

namespace NanoProv.Flash;

/// <summary>The command line of NanoFlash / tools/flash.sh.</summary>
public static class NanoFlashCli
{
    /// <summary>Exit code for a bad command line or profile.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code when nanoff cannot be started.</summary>
    public const int NanoffMissing = 127;

    private const string Usage =
        "usage: tools/flash.sh [firmware] [deploy] [files] [network] [options]\n" +
        "  with no step: every step the profile configures, in this order\n" +
        "options:\n" +
        "  --config <file>     profile (default: nanoff-config.json at the repository root)\n" +
        "  --port <port>       serial port, overrides the profile (e.g. /dev/ttyUSB0, COM3)\n" +
        "  --dry-run           print the exact nanoff commands, run nothing\n" +
        "  --no-file-check     with --dry-run: do not require the images to exist yet\n" +
        "  --nanoff <path>     nanoff executable (default: nanoff on PATH; install: dotnet tool install -g nanoff)\n";

    /// <summary>Runs the tool; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string defaultConfig)
    {
        string config = defaultConfig;
        string port = null;
        string nanoff = "nanoff";
        bool dryRun = false;
        bool noFileCheck = false;
        var steps = new List<FlashStep>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-h":
                case "--help":
                    stdout.Write(Usage);
                    return 0;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--no-file-check":
                    noFileCheck = true;
                    break;
                case "--config":
                case "--port":
                case "--nanoff":
                    if (i + 1 >= args.Length)
                    {
                        stderr.WriteLine("error: " + a + " needs a value\n" + Usage);
                        return UsageError;
                    }

                    string value = args[++i];
                    if (a == "--config") config = value;
                    else if (a == "--port") port = value;
                    else nanoff = value;
                    break;
                case "firmware": steps.Add(FlashStep.Firmware); break;
                case "deploy": steps.Add(FlashStep.Deploy); break;
                case "files": steps.Add(FlashStep.Files); break;
                case "network": steps.Add(FlashStep.Network); break;
                case "all": break;
                default:
                    stderr.WriteLine("error: unknown argument \"" + a + "\"\n" + Usage);
                    return UsageError;
            }
        }

        if (noFileCheck && !dryRun)
        {
            stderr.WriteLine("error: --no-file-check only makes sense with --dry-run");
            return UsageError;
        }

        ProfileResult loaded = FlashProfile.Load(config, new ProfileLoadOptions
        {
            CheckFiles = !noFileCheck,
            SerialPortOverride = port,
            AllowPlaceholderPort = dryRun,
        });
        foreach (string w in loaded.Warnings)
        {
            stderr.WriteLine("warning: " + w);
        }

        if (!loaded.Ok)
        {
            stderr.WriteLine("error: " + Path.GetFullPath(config) + " is not usable:");
            foreach (string e in loaded.Errors)
            {
                stderr.WriteLine("  - " + e);
            }

            return UsageError;
        }

        IReadOnlyList<NanoffCommand> commands;
        try
        {
            commands = NanoffPlanner.Plan(loaded.Profile, steps.Count == 0 ? null : steps);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine("error: " + e.Message);
            return UsageError;
        }

        if (dryRun)
        {
            stdout.WriteLine("# " + loaded.Profile.Target + " (" + loaded.Profile.Chip + ") from " + loaded.Profile.ConfigPath);
            foreach (NanoffCommand c in commands)
            {
                stdout.WriteLine(c.ToShellLine(nanoff));
            }

            return 0;
        }

        foreach (NanoffCommand c in commands)
        {
            stdout.WriteLine("==> " + c.ToShellLine(nanoff));
            int code = Execute(nanoff, c, stderr);
            if (code == NanoffMissing)
            {
                return code;
            }

            if (code != 0)
            {
                stderr.WriteLine("error: nanoff failed (exit code " + code + ") during step \"" + c.Step.ToString().ToLowerInvariant() + "\"; later steps were not run");
                return code;
            }
        }

        return 0;
    }

    private static int Execute(string nanoff, NanoffCommand command, TextWriter stderr)
    {
        var info = new ProcessStartInfo(nanoff) { UseShellExecute = false };
        foreach (string a in command.Arguments)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using Process process = Process.Start(info);
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            stderr.WriteLine("error: cannot run \"" + nanoff + "\": install it with \"dotnet tool install -g nanoff\" (and put ~/.dotnet/tools on PATH) or pass --nanoff <path>");
            return NanoffMissing;
        }
    }
}
