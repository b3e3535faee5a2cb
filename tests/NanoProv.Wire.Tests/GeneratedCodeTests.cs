using System.Reflection;
using NanoProv.ProtoGen;
using Xunit;

namespace NanoProv.Wire.Tests;

/// <summary>
/// The checked-in firmware/NanoProv/Wire/Generated/*.g.cs must equal a fresh ProtoGen run over protos/
/// (protoc from the Grpc.Tools package), and the comparison itself must notice changes.
/// </summary>
public class GeneratedCodeTests
{
    private static readonly Lazy<SortedDictionary<string, string>> Fresh = new(() => Generator.Generate(Model.RepoRoot));

    private static string GeneratedDir => Path.Combine(Model.RepoRoot, Generator.OutputRelative);

    [Fact]
    public void CheckedInCodeEqualsAFreshGeneration()
    {
        List<string> problems = Generator.Compare(Fresh.Value, GeneratedDir);
        Assert.True(problems.Count == 0,
            "firmware/NanoProv/Wire/Generated is out of date; run `dotnet run --project tools/ProtoGen`:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void OneFilePerProtoWithTheContractNames()
    {
        string[] protos = Directory.GetFiles(Path.Combine(Model.RepoRoot, "protos"), "*.proto");
        Assert.Equal(9, protos.Length);
        Assert.Equal(
            new[] { "Constants.g.cs", "Sec0.g.cs", "Sec1.g.cs", "Sec2.g.cs", "Session.g.cs", "WifiConfig.g.cs", "WifiConstants.g.cs", "WifiCtrl.g.cs", "WifiScan.g.cs" },
            Fresh.Value.Keys.ToArray());
        foreach (var pair in Fresh.Value)
        {
            Assert.Contains("by tools/ProtoGen. Do not edit", pair.Value);
            Assert.Contains("namespace NanoProv.Wire\n{", pair.Value);
        }
    }

    [Fact]
    public void GenerationIsDeterministic()
    {
        SortedDictionary<string, string> again = Generator.Generate(Model.RepoRoot);
        Assert.Equal(Fresh.Value, again);
    }

    [Fact]
    public void GeneratedCodeAvoidsConstructsNanoFrameworkLacks()
    {
        string[] forbidden = { "List<", "Dictionary<", "IEnumerable<", "Func<", "Action<", "Span<", "int?", "uint?", "bool?", "async ", "await ", "System.Linq", "=>", "$\"", "record ", "Math." };
        foreach (var pair in Fresh.Value)
        {
            foreach (string f in forbidden)
            {
                Assert.False(pair.Value.Contains(f, StringComparison.Ordinal), pair.Key + " contains " + f);
            }
        }
    }

    [Fact]
    public void CompareReportsChangedMissingAndStaleFiles()
    {
        string dir = Path.Combine(Path.GetTempPath(), "protogen-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            Generator.Write(Fresh.Value, dir);
            Assert.Empty(Generator.Compare(Fresh.Value, dir));

            File.AppendAllText(Path.Combine(dir, "Sec1.g.cs"), "// hand edit\n");
            File.Delete(Path.Combine(dir, "WifiCtrl.g.cs"));
            File.WriteAllText(Path.Combine(dir, "Old.g.cs"), "// left over\n");
            List<string> problems = Generator.Compare(Fresh.Value, dir);
            Assert.Equal(new[] { "differs: Sec1.g.cs", "missing: WifiCtrl.g.cs", "stale (no .proto generates it): Old.g.cs" }, problems);

            // CRLF checkouts are not a difference.
            Generator.Write(Fresh.Value, dir);
            string path = Path.Combine(dir, "Session.g.cs");
            File.WriteAllText(path, File.ReadAllText(path).Replace("\n", "\r\n"));
            Assert.Empty(Generator.Compare(Fresh.Value, dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CommandLineCheckFailsOnAModifiedCopyAndPassesOnAFreshOne()
    {
        string root = Path.Combine(Path.GetTempPath(), "protogen-root-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "firmware", "NanoProv"));
            CopyDir(Path.Combine(Model.RepoRoot, "protos"), Path.Combine(root, "protos"));
            MethodInfo main = typeof(Generator).Assembly.EntryPoint!;
            int Run(params string[] args) => (int)main.Invoke(null, new object[] { args })!;

            Assert.Equal(1, Run("--check", "--root", root));   // nothing generated yet
            Assert.Equal(0, Run("--root", root));              // regenerate in place
            Assert.Equal(0, Run("--check", "--root", root));
            string file = Path.Combine(root, Generator.OutputRelative, "Session.g.cs");
            File.WriteAllText(file, File.ReadAllText(file).Replace("SecVer", "SecVersion"));
            Assert.Equal(1, Run("--check", "--root", root));
            Assert.Equal(2, Run("--bogus"));
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }
    }
}
