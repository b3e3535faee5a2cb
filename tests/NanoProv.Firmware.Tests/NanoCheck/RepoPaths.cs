namespace NanoProv.Firmware.Tests.NanoCheck;

/// <summary>Locates the repository from the test binaries (or from NANOPROV_ROOT).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>Absolute path of the repository root (the folder holding firmware/ and tools/NanoRef/).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Absolute path of tools/NanoRef.</summary>
    public static string NanoRef => Path.Combine(Root, "tools", "NanoRef");

    /// <summary>Absolute path of firmware/.</summary>
    public static string Firmware => Path.Combine(Root, "firmware");

    /// <summary>Absolute path of a repository-relative path written with forward slashes.</summary>
    public static string Full(string relative) => Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Repository-relative path with forward slashes (used in every message the checks print).</summary>
    public static string Relative(string fullPath)
    {
        string rel = Path.GetRelativePath(Root, fullPath);
        return rel.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static string FindRoot()
    {
        string env = Environment.GetEnvironmentVariable("NANOPROV_ROOT");
        if (!string.IsNullOrEmpty(env) && IsRoot(env))
        {
            return Path.GetFullPath(env);
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null)
        {
            if (IsRoot(dir.FullName))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException(
            "Cannot find the NanoProv repository root (a folder with firmware/ and tools/NanoRef/) above " + AppContext.BaseDirectory +
            "; set NANOPROV_ROOT.");
    }

    private static bool IsRoot(string dir) =>
        Directory.Exists(Path.Combine(dir, "firmware")) && Directory.Exists(Path.Combine(dir, "tools", "NanoRef"));

    /// <summary>
    /// Every *.cs file below <paramref name="directory"/>, skipping bin/, obj/, packages/ and sub-folders that hold
    /// their own .nfproj (they are separate nanoFramework projects). Sorted ordinally by full path.
    /// </summary>
    public static IReadOnlyList<string> SourceFilesOfProject(string directory)
    {
        var result = new List<string>();
        Collect(directory, isProjectRoot: true, result);
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static void Collect(string directory, bool isProjectRoot, List<string> result)
    {
        if (!isProjectRoot && Directory.EnumerateFiles(directory, "*.nfproj").Any())
        {
            return;
        }

        result.AddRange(Directory.EnumerateFiles(directory, "*.cs"));
        foreach (string sub in Directory.EnumerateDirectories(directory))
        {
            string name = Path.GetFileName(sub);
            if (IsIgnoredFolder(name))
            {
                continue;
            }

            Collect(sub, isProjectRoot: false, result);
        }
    }

    /// <summary>Build output and package folders that never hold project sources.</summary>
    public static bool IsIgnoredFolder(string name) =>
        name.Equals("bin", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("obj", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("packages", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith('.');
}
