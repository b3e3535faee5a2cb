using System.Diagnostics;
using NanoProv.Flash;

namespace NanoProv.Flash.Tests;

/// <summary>A temporary folder with a profile and the files it points to, and a way to run NanoFlash in-process.</summary>
public sealed class FlashRig : IDisposable
{
    public FlashRig()
    {
        Dir = Path.Combine(Path.GetTempPath(), "nanoflash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Dir, "build"));
        Directory.CreateDirectory(Path.Combine(Dir, "app bin"));
        File.WriteAllBytes(Clr, new byte[] { 0xE9 });
        File.WriteAllBytes(Image, new byte[] { 0x4E, 0x46 });
        File.WriteAllText(FilesJson, "{\"Files\":[{\"DestinationFilePath\":\"I:\\\\ca.pem\",\"SourceFilePath\":\"ca.pem\"}]}");
        File.WriteAllText(NetworkJson, "{\"WirelessAccessPoint\":{\"Ssid\":\"PROV_1234\",\"Password\":\"\",\"Authentication\":\"Open\",\"IPv4Address\":\"192.168.4.1\",\"IPv4NetMask\":\"255.255.255.0\",\"AccessPointOptions\":\"AutoStart\",\"MaxConnections\":1}}");
    }

    public string Dir { get; }

    public string Config => Path.Combine(Dir, "nanoff-config.json");

    public string Clr => Path.Combine(Dir, "build", "nanoCLR.bin");

    public string Image => Path.Combine(Dir, "app bin", "NanoProv.App.bin");

    public string FilesJson => Path.Combine(Dir, "files.json");

    public string NetworkJson => Path.Combine(Dir, "network.json");

    /// <summary>A complete, valid profile; <paramref name="edit"/> may change or remove entries (null value = remove).</summary>
    public static Dictionary<string, object> ValidProfile() => new()
    {
        ["platform"] = "esp32",
        ["target"] = "ESP32_BLE_REV3",
        ["requiresBle"] = true,
        ["serialPort"] = "/dev/ttyUSB0",
        ["baud"] = 921600,
        ["clrFile"] = "build/nanoCLR.bin",
        ["massErase"] = false,
        ["deployImage"] = "app bin/NanoProv.App.bin",
        ["deployMethod"] = "serial",
        ["deployAddress"] = "0x1E0000",
    };

    public void Write(Dictionary<string, object> profile) =>
        File.WriteAllText(Config, System.Text.Json.JsonSerializer.Serialize(profile.Where(p => p.Value != null).ToDictionary(p => p.Key, p => p.Value)));

    public void WriteRaw(string json) => File.WriteAllText(Config, json);

    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = NanoFlashCli.Run(args.Concat(new[] { "--config", Config }).ToArray(), stdout, stderr, Config);
        return (exit, stdout.ToString().Replace("\r", ""), stderr.ToString().Replace("\r", ""));
    }

    /// <summary>A fake nanoff (shell script) that appends its arguments, one per line, plus "--" to a log and exits with the given codes in turn.</summary>
    public string FakeNanoff(params int[] exitCodes)
    {
        string script = Path.Combine(Dir, "fake-nanoff.sh");
        string log = Path.Combine(Dir, "nanoff.log");
        string counter = Path.Combine(Dir, "nanoff.count");
        string codes = string.Join(" ", exitCodes.Length == 0 ? new[] { 0 } : exitCodes);
        File.WriteAllText(script,
            "#!/usr/bin/env bash\n" +
            "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + log + "'; done\n" +
            "echo -- >> '" + log + "'\n" +
            "n=$(cat '" + counter + "' 2>/dev/null || echo 0); echo $((n+1)) > '" + counter + "'\n" +
            "codes=(" + codes + "); c=${codes[$n]:-0}; exit $c\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>The argument lists the fake nanoff received.</summary>
    public List<List<string>> FakeCalls()
    {
        string log = Path.Combine(Dir, "nanoff.log");
        var calls = new List<List<string>>();
        if (!File.Exists(log))
        {
            return calls;
        }

        var current = new List<string>();
        foreach (string line in File.ReadAllLines(log))
        {
            if (line == "--")
            {
                calls.Add(current);
                current = new List<string>();
            }
            else
            {
                current.Add(line);
            }
        }

        return calls;
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nanoff-config.json")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (nanoff-config.json) not found");
    }

    public static (int Exit, string Out, string Err) RunProcess(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Replace("\r", ""), error.Replace("\r", ""));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
