using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NanoProv.ProtoGen;

/// <summary>Finds the protoc binary shipped in the Grpc.Tools NuGet package and runs it.</summary>
public static class Protoc
{
    private const string GrpcToolsVersionFallback = "2.85.0";

    /// <summary>
    /// Locates protoc: the Grpc.Tools package root recorded at build time, then the NuGet package folder
    /// ($NUGET_PACKAGES or ~/.nuget/packages).
    /// </summary>
    public static string Locate()
    {
        var candidates = new List<string>();
        string? baked = typeof(Protoc).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "GrpcToolsRoot")?.Value;
        if (!string.IsNullOrEmpty(baked))
        {
            candidates.Add(baked);
        }

        string? packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
        {
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        candidates.Add(Path.Combine(packages, "grpc.tools", GrpcToolsVersionFallback));

        string relative = Path.Combine("tools", PlatformFolder(), OperatingSystem.IsWindows() ? "protoc.exe" : "protoc");
        foreach (string root in candidates)
        {
            string path = Path.Combine(root, relative);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            "protoc not found in the Grpc.Tools package (looked under: " + string.Join(", ", candidates) +
            "). Run `dotnet restore tools/ProtoGen` or pass --protoc <path>.");
    }

    private static string PlatformFolder()
    {
        string os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macosx" : "linux";
        string cpu = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            _ => "x64",
        };
        if (os == "windows" && cpu == "arm64")
        {
            cpu = "x64";
        }

        return os + "_" + cpu;
    }

    /// <summary>
    /// Runs protoc over every .proto file in <paramref name="protosDir"/> and returns the serialized
    /// FileDescriptorSet (imports included, dependency order).
    /// </summary>
    public static byte[] BuildDescriptorSet(string protosDir, string protocPath)
    {
        string[] protos = Directory.GetFiles(protosDir, "*.proto")
            .Select(Path.GetFileName)
            .Select(n => n!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        if (protos.Length == 0)
        {
            throw new InvalidOperationException("no .proto files in " + protosDir);
        }

        EnsureExecutable(protocPath);
        string output = Path.Combine(Path.GetTempPath(), "protogen-" + Guid.NewGuid().ToString("N") + ".pb");
        try
        {
            var psi = new ProcessStartInfo(protocPath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = protosDir,
            };
            psi.ArgumentList.Add("--proto_path=" + protosDir);
            psi.ArgumentList.Add("--descriptor_set_out=" + output);
            psi.ArgumentList.Add("--include_imports");
            foreach (string p in protos)
            {
                psi.ArgumentList.Add(p);
            }

            using Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + protocPath);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            stdout.Wait();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("protoc failed (exit " + process.ExitCode + "):\n" + stderr + stdout.Result);
            }

            return File.ReadAllBytes(output);
        }
        finally
        {
            if (File.Exists(output))
            {
                File.Delete(output);
            }
        }
    }

    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        const UnixFileMode exec = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            try
            {
                File.SetUnixFileMode(path, mode | exec);
            }
            catch (UnauthorizedAccessException)
            {
                // Leave it; Process.Start reports the real problem.
            }
        }
    }
}
