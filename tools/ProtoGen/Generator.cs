namespace NanoProv.ProtoGen;

/// <summary>Entry points shared by the command line and the tests.</summary>
public static class Generator
{
    /// <summary>Folder of the generated classes, relative to the repository root.</summary>
    public static readonly string OutputRelative = Path.Combine("firmware", "NanoProv", "Wire", "Generated");

    /// <summary>Runs protoc over <c>protos/</c> and returns file name -> generated C# text.</summary>
    public static SortedDictionary<string, string> Generate(string repoRoot, string? protocPath = null)
    {
        string protoc = protocPath ?? Protoc.Locate();
        byte[] set = Protoc.BuildDescriptorSet(Path.Combine(repoRoot, "protos"), protoc);
        return Emitter.Generate(set);
    }

    /// <summary>
    /// Compares <paramref name="expected"/> with the *.g.cs files in <paramref name="outputDir"/>; returns one
    /// line per difference (changed, missing or stale file). Line endings are normalised before comparing.
    /// </summary>
    public static List<string> Compare(SortedDictionary<string, string> expected, string outputDir)
    {
        var problems = new List<string>();
        foreach (var pair in expected)
        {
            string path = Path.Combine(outputDir, pair.Key);
            if (!File.Exists(path))
            {
                problems.Add("missing: " + pair.Key);
            }
            else if (Normalize(File.ReadAllText(path)) != pair.Value)
            {
                problems.Add("differs: " + pair.Key);
            }
        }

        if (Directory.Exists(outputDir))
        {
            foreach (string path in Directory.GetFiles(outputDir, "*.g.cs").OrderBy(p => p, StringComparer.Ordinal))
            {
                if (!expected.ContainsKey(Path.GetFileName(path)))
                {
                    problems.Add("stale (no .proto generates it): " + Path.GetFileName(path));
                }
            }
        }

        return problems;
    }

    /// <summary>Writes the files (LF line endings, UTF-8 without BOM) and deletes stale *.g.cs files.</summary>
    public static void Write(SortedDictionary<string, string> files, string outputDir)
    {
        Directory.CreateDirectory(outputDir);
        var encoding = new System.Text.UTF8Encoding(false);
        foreach (var pair in files)
        {
            string path = Path.Combine(outputDir, pair.Key);
            if (!File.Exists(path) || File.ReadAllText(path) != pair.Value)
            {
                File.WriteAllText(path, pair.Value, encoding);
            }
        }

        foreach (string path in Directory.GetFiles(outputDir, "*.g.cs"))
        {
            if (!files.ContainsKey(Path.GetFileName(path)))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Finds the repository root (the folder holding protos/ and firmware/NanoProv/) above <paramref name="start"/>.</summary>
    public static string? FindRepoRoot(string start)
    {
        for (DirectoryInfo? d = new DirectoryInfo(start); d != null; d = d.Parent)
        {
            if (Directory.Exists(Path.Combine(d.FullName, "protos")) &&
                Directory.Exists(Path.Combine(d.FullName, "firmware", "NanoProv")))
            {
                return d.FullName;
            }
        }

        return null;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}
