using NanoProv.Firmware.Tests.NanoCheck;

namespace NanoProv.Firmware.Tests;

/// <summary>
/// The compile check proper: every nanoFramework project of the repository (firmware/**.nfproj and
/// tests/NanoProv.DeviceTests) compiles against NanoRef only, in Release and Debug, in dependency order (NanoProv, then
/// NanoProv.Crypto and NanoProv.Ble, then the app and the device tests), with the references its .nfproj lists.
/// </summary>
public class FirmwareCompileTests
{
    public static TheoryData<string, string> Projects()
    {
        var data = new TheoryData<string, string>();
        foreach (string project in NanoCompiler.BuildOrder(NanoCompiler.DiscoverProjects()))
        {
            data.Add(project, NanoCompiler.Release);
            data.Add(project, NanoCompiler.Debug);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectCompilesAgainstNanoRef(string project, string configuration)
    {
        NanoCompileResult result = NanoCompiler.CompileProject(project, configuration);

        Assert.True(result.Success,
            project + " (" + configuration + ") does not compile against the nanoFramework API (tools/NanoRef):\n" + result.Describe());
    }

    /// <summary>Every nanoFramework project of the repository, in the order Visual Studio builds them.</summary>
    public static readonly string[] ExpectedBuildOrder =
    {
        "firmware/NanoProv/NanoProv.nfproj",
        "firmware/NanoProv.Ble/NanoProv.Ble.nfproj",
        "firmware/NanoProv.Crypto/NanoProv.Crypto.nfproj",
        "firmware/NanoProv.App/NanoProv.App.nfproj",
        "tests/NanoProv.DeviceTests/NFUnitTest.nfproj",
    };

    [Fact]
    public void TheCheckCoversEveryProjectInDependencyOrder()
    {
        IReadOnlyList<string> discovered = NanoCompiler.DiscoverProjects();
        IReadOnlyList<string> order = NanoCompiler.BuildOrder(discovered);

        Assert.Equal(ExpectedBuildOrder.OrderBy(p => p, StringComparer.Ordinal), discovered);
        Assert.Equal(discovered.Count, order.Count);
        // Each project comes after every project it references: compile them one by one in that order, each against the
        // upstream results already produced (the compile cache would otherwise hide an ordering mistake).
        var built = new Dictionary<string, NanoCompileResult>(StringComparer.Ordinal);
        foreach (string projectPath in order)
        {
            NfProject project = NfProject.Load(RepoPaths.Full(projectPath));
            foreach (string include in project.ProjectReferences)
            {
                string upstream = RepoPaths.Relative(project.ResolveRelative(include));
                Assert.True(built.ContainsKey(upstream), projectPath + " is ordered before its reference " + upstream);
                Assert.True(built[upstream].Success, upstream + " failed:\n" + built[upstream].Describe());
            }

            built[projectPath] = NanoCompiler.CompileProject(projectPath);
            Assert.True(built[projectPath].Success, projectPath + ":\n" + built[projectPath].Describe());
        }
    }

    [Fact]
    public void BuildOrderPutsReferencesFirstAndRejectsCycles()
    {
        IReadOnlyList<string> appOnly = NanoCompiler.BuildOrder(new[] { "firmware/NanoProv.App/NanoProv.App.nfproj" });
        Assert.Equal("firmware/NanoProv/NanoProv.nfproj", appOnly[0]);
        Assert.Equal("firmware/NanoProv.App/NanoProv.App.nfproj", appOnly[^1]);
        Assert.Contains("firmware/NanoProv.Crypto/NanoProv.Crypto.nfproj", appOnly);
        Assert.Contains("firmware/NanoProv.Ble/NanoProv.Ble.nfproj", appOnly);

        using var a = TempProject.Create("CycleA", new[] { "mscorlib" }, ("A.cs", "class A { }"));
        using var b = TempProject.Create("CycleB", new[] { "mscorlib" }, ("B.cs", "class B { }"));
        AddProjectReference(a.NfprojPath, b.NfprojPath);
        AddProjectReference(b.NfprojPath, a.NfprojPath);
        Assert.Throws<InvalidOperationException>(() => NanoCompiler.BuildOrder(new[] { a.NfprojPath }));
    }

    [Fact]
    public void TheAppBindsNativeCryptoAndTheGattAdapterFromTheirOwnAssemblies()
    {
        NanoCompileResult app = NanoCompiler.CompileProject("firmware/NanoProv.App/NanoProv.App.nfproj");

        Assert.True(app.Success, app.Describe());
        Assert.Equal("NanoProv.Crypto", app.Compilation.GetTypeByMetadataName("NanoProv.Nano.NativeCrypto")?.ContainingAssembly.Name);
        Assert.Equal("NanoProv.Ble", app.Compilation.GetTypeByMetadataName("NanoProv.Nano.NanoGattPeripheral")?.ContainingAssembly.Name);
        Assert.Equal("NanoProv", app.Compilation.GetTypeByMetadataName("NanoProv.Provisioning.ProvisioningService")?.ContainingAssembly.Name);
    }

    [Fact]
    public void TheCheckCoversTheNanoProvLibrary()
    {
        Assert.Contains("firmware/NanoProv/NanoProv.nfproj", NanoCompiler.DiscoverProjects());

        NanoCompileResult result = NanoCompiler.CompileProject("firmware/NanoProv/NanoProv.nfproj");

        Assert.Equal("NanoProv", result.AssemblyName);
        // Every .cs of the project folder went in, and only the nfproj's references were used.
        var compiled = result.Compilation.SyntaxTrees.Select(t => t.FilePath).ToHashSet();
        foreach (string file in RepoPaths.SourceFilesOfProject(RepoPaths.Full("firmware/NanoProv")))
        {
            Assert.Contains(RepoPaths.Relative(file), compiled);
        }

        Assert.Equal(
            NfProject.Load(RepoPaths.Full("firmware/NanoProv/NanoProv.nfproj")).References.Select(r => r.AssemblyName).OrderBy(n => n),
            result.NanoRefAssemblies.OrderBy(n => n));
    }

    [Fact]
    public void ReferencesComeFromTheNfproj_AMissingPackageReferenceIsCaught()
    {
        const string code = @"
namespace Probe
{
    public static class Utf8
    {
        public static string Decode(byte[] data) { return System.Text.Encoding.UTF8.GetString(data, 0, data.Length); }
    }
}";
        using var withoutText = TempProject.Create("Probe", new[] { "mscorlib" }, ("Utf8.cs", code));
        NanoCompileResult missing = NanoCompiler.CompileProject(withoutText.NfprojPath);
        Assert.False(missing.Success, "Encoding must not resolve when the .nfproj does not reference nanoFramework.System.Text");
        Assert.True(missing.HasError("CS0234", "CS0246", "CS0103"), missing.Describe());

        using var withText = TempProject.Create("Probe", new[] { "mscorlib", "nanoFramework.System.Text" }, ("Utf8.cs", code));
        NanoCompileResult ok = NanoCompiler.CompileProject(withText.NfprojPath);
        Assert.True(ok.Success, ok.Describe());
    }

    [Fact]
    public void AReferenceWithoutANanoRefStubIsReportedByName()
    {
        using var project = TempProject.Create("Probe", new[] { "mscorlib", "nanoFramework.Device.NotStubbedYet" },
            ("A.cs", "namespace Probe { public class A { } }"));

        NanoCompileResult result = NanoCompiler.CompileProject(project.NfprojPath);

        Assert.False(result.Success);
        Assert.Contains(result.Problems, p => p.Contains("nanoFramework.Device.NotStubbedYet", StringComparison.Ordinal));
    }

    [Fact]
    public void ApplicationCodeCompilesAgainstTheCompiledNanoProvLibrary()
    {
        const string app = @"
using NanoProv.Platform;

namespace Sample
{
    public sealed class TickClock : IClock
    {
        public long NowMilliseconds => System.DateTime.UtcNow.Ticks / System.TimeSpan.TicksPerMillisecond;
    }

    public static class Program
    {
        public static int Check(ICrypto crypto, byte[] data, byte[] digest)
        {
            int status = crypto.Sha256(data, 0, data.Length, digest);
            return status == CryptoStatus.Ok ? 0 : status;
        }
    }
}";
        var sources = new[] { new NanoSource("sample/Program.cs", app) };

        NanoCompileResult ok = NanoCompiler.CompileAgainstProject("firmware/NanoProv/NanoProv.nfproj", "Sample", sources);
        NanoCompileResult broken = NanoCompiler.CompileAgainstProject("firmware/NanoProv/NanoProv.nfproj", "Sample",
            new[] { new NanoSource("sample/Broken.cs", "class B { object M(NanoProv.Platform.IClock c) { return c.NowTicks; } }") });

        Assert.True(ok.Success, ok.Describe());
        Assert.True(broken.HasError("CS1061"), broken.Describe());
    }

    [Fact]
    public void ErrorsAreListedAsFileLineMessage()
    {
        using var project = TempProject.Create("Probe", new[] { "mscorlib" },
            ("Bad.cs", "namespace Probe\n{\n    public class Bad\n    {\n        public int M() { return \"x\".Replace(\"x\", \"y\").Length; }\n    }\n}\n"));

        NanoCompileResult result = NanoCompiler.CompileProject(project.NfprojPath);

        Assert.False(result.Success);
        string described = result.Describe();
        Assert.Matches(@"Bad\.cs:5: error CS1061: .*Replace", described);
    }

    private static void AddProjectReference(string from, string to)
    {
        string include = Path.GetRelativePath(Path.GetDirectoryName(from)!, to).Replace('/', '\\');
        string text = File.ReadAllText(from);
        int at = text.IndexOf("  <ItemGroup>", StringComparison.Ordinal);
        Assert.True(at >= 0, "no ItemGroup in " + from);
        File.WriteAllText(from, text.Insert(at,
            "  <ItemGroup>\n    <ProjectReference Include=\"" + include + "\" />\n  </ItemGroup>\n"));
    }
}
