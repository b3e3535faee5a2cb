using System.Text;

namespace NanoProv.Flash;

/// <summary>A step of the flash flow.</summary>
public enum FlashStep
{
    /// <summary>Flash the custom nanoCLR image (bootloader and partition table come from the target's package).</summary>
    Firmware,

    /// <summary>Deploy the application image (NanoProv.App.bin and every referenced assembly).</summary>
    Deploy,

    /// <summary>Upload files to the device's internal storage (nanoff file deployment).</summary>
    Files,

    /// <summary>Write network configuration blocks (nanoff network deployment).</summary>
    Network,
}

/// <summary>One nanoff invocation.</summary>
public sealed class NanoffCommand
{
    /// <summary>Creates a command.</summary>
    public NanoffCommand(FlashStep step, IReadOnlyList<string> arguments)
    {
        Step = step;
        Arguments = arguments;
    }

    /// <summary>What it does.</summary>
    public FlashStep Step { get; }

    /// <summary>The arguments after "nanoff".</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The command as a POSIX shell line ("nanoff --update ..."), arguments quoted where needed.</summary>
    public string ToShellLine(string executable = "nanoff")
    {
        var sb = new StringBuilder(Quote(executable));
        foreach (string a in Arguments)
        {
            sb.Append(' ').Append(Quote(a));
        }

        return sb.ToString();
    }

    /// <summary>Single-quotes an argument when it holds anything but [A-Za-z0-9_./:=@%+-].</summary>
    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "_./:=@%+-".Contains(c)))
        {
            return argument;
        }

        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}

/// <summary>Turns a validated profile into the nanoff command lines, in the order they must run.</summary>
public static class NanoffPlanner
{
    /// <summary>The steps "all" means: every step the profile configures, in flash order.</summary>
    public static IReadOnlyList<FlashStep> ConfiguredSteps(FlashProfile p)
    {
        var steps = new List<FlashStep>();
        if (p.ClrFile != null) steps.Add(FlashStep.Firmware);
        if (p.DeployImage != null) steps.Add(FlashStep.Deploy);
        if (p.FileDeployment != null) steps.Add(FlashStep.Files);
        if (p.NetworkDeployment != null) steps.Add(FlashStep.Network);
        return steps;
    }

    /// <summary>
    /// The commands for <paramref name="steps"/> (null = <see cref="ConfiguredSteps"/>). Throws
    /// <see cref="ArgumentException"/> when a requested step is not configured in the profile.
    /// </summary>
    public static IReadOnlyList<NanoffCommand> Plan(FlashProfile p, IReadOnlyList<FlashStep> steps = null)
    {
        steps ??= ConfiguredSteps(p);
        var commands = new List<NanoffCommand>();
        foreach (FlashStep step in new[] { FlashStep.Firmware, FlashStep.Deploy, FlashStep.Files, FlashStep.Network }.Where(steps.Contains))
        {
            commands.Add(step switch
            {
                FlashStep.Firmware => Firmware(p),
                FlashStep.Deploy => Deploy(p),
                FlashStep.Files => new NanoffCommand(step, Required(p.FileDeployment, "fileDeployment", step, a => new[] { "--serialport", p.SerialPort, "--filedeployment", a })),
                _ => new NanoffCommand(step, Required(p.NetworkDeployment, "networkDeployment", step, a => new[] { "--serialport", p.SerialPort, "--networkdeployment", a })),
            });
        }

        return commands;
    }

    private static NanoffCommand Firmware(FlashProfile p)
    {
        string clr = p.ClrFile ?? throw new ArgumentException("step \"firmware\" needs \"clrFile\" in the profile (the custom image with the NanoProv crypto interop)");
        var args = new List<string> { "--update", "--target", p.Target, "--serialport", p.SerialPort };
        AddBaud(p, args);
        args.Add("--clrfile");
        args.Add(clr);
        if (p.MassErase)
        {
            args.Add("--masserase");
        }

        return new NanoffCommand(FlashStep.Firmware, args);
    }

    private static NanoffCommand Deploy(FlashProfile p)
    {
        string image = p.DeployImage ?? throw new ArgumentException("step \"deploy\" needs \"deployImage\" in the profile");
        if (p.DeployMethod == DeployMethod.NanoDevice)
        {
            return new NanoffCommand(FlashStep.Deploy, new[] { "--nanodevice", "--deploy", "--serialport", p.SerialPort, "--image", image });
        }

        var args = new List<string> { "--target", p.Target, "--serialport", p.SerialPort };
        AddBaud(p, args);
        args.AddRange(new[] { "--deploy", "--image", image, "--address", FlashProfile.Hex(p.DeployAddress!.Value) });
        return new NanoffCommand(FlashStep.Deploy, args);
    }

    private static IReadOnlyList<string> Required(string value, string key, FlashStep step, Func<string, string[]> build) =>
        value != null ? build(value) : throw new ArgumentException("step \"" + step.ToString().ToLowerInvariant() + "\" needs \"" + key + "\" in the profile");

    private static void AddBaud(FlashProfile p, List<string> args)
    {
        if (p.Baud != null)
        {
            args.Add("--baud");
            args.Add(p.Baud.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
