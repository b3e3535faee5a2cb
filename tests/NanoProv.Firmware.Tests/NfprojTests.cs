using Microsoft.CodeAnalysis;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using NanoProv.Firmware.Tests.NanoCheck;

namespace NanoProv.Firmware.Tests;

/// <summary>
/// The files a nanoFramework developer opens on Windows: every .nfproj lists every .cs explicitly (and nothing that does
/// not exist), packages.config and the HintPaths agree on versions, the project has the nanoFramework project-system
/// shape, and firmware/NanoProv.sln lists the firmware projects with Deploy configurations.
/// </summary>
public class NfprojTests
{
    private const string NanoProjectTypeGuid = "{11A8DD76-328B-46DF-9F39-F559912D0360}";
    private const string CSharpProjectTypeGuid = "{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}";

    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (string project in NanoCompiler.DiscoverProjects())
        {
            data.Add(project);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EverySourceFileIsListedAndEveryListedFileExists(string projectPath)
    {
        NfProject project = NfProject.Load(RepoPaths.Full(projectPath));

        string problems = CompileListProblems(project);

        Assert.True(problems.Length == 0, problems);
    }

    [Fact]
    public void TheListingCheckReportsTheExactLinesToAddAndRemove()
    {
        using var temp = TempProject.Create("Probe", new[] { "mscorlib" }, ("Listed.cs", "class Listed { }"));
        File.WriteAllText(Path.Combine(temp.Directory, "Listed.cs"), "class Listed { }");
        Directory.CreateDirectory(Path.Combine(temp.Directory, "Wire"));
        File.WriteAllText(Path.Combine(temp.Directory, "Wire", "ProtoReader.cs"), "class ProtoReader { }");
        Directory.CreateDirectory(Path.Combine(temp.Directory, "obj"));
        File.WriteAllText(Path.Combine(temp.Directory, "obj", "Generated.cs"), "class Ignored { }");
        string nfproj = File.ReadAllText(temp.NfprojPath).Replace(
            "<Compile Include=\"Listed.cs\" />", "<Compile Include=\"Listed.cs\" />\n    <Compile Include=\"Gone\\Old.cs\" />");
        File.WriteAllText(temp.NfprojPath, nfproj);

        string problems = CompileListProblems(NfProject.Load(temp.NfprojPath));

        Assert.Contains("    <Compile Include=\"Wire\\ProtoReader.cs\" />", problems);
        Assert.Contains("    <Compile Include=\"Gone\\Old.cs\" />", problems);
        Assert.DoesNotContain("Generated.cs", problems);
        Assert.DoesNotContain("Listed.cs", problems);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void PackagesConfigAndHintPathsAgree(string projectPath)
    {
        NfProject project = NfProject.Load(RepoPaths.Full(projectPath));

        IReadOnlyList<string> problems = PackageProblems(project);

        Assert.True(problems.Count == 0, projectPath + ":\n" + string.Join("\n", problems));
    }

    [Fact]
    public void ThePackageCheckCatchesAVersionMismatch()
    {
        using var temp = TempProject.Create("Probe", new[] { "mscorlib" }, ("A.cs", "class A { }"));
        File.WriteAllText(Path.Combine(temp.Directory, "packages.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<packages>\n  <package id=\"nanoFramework.CoreLibrary\" version=\"1.16.0\" targetFramework=\"netnano1.0\" />\n</packages>\n");

        IReadOnlyList<string> problems = PackageProblems(NfProject.Load(temp.NfprojPath));

        Assert.Contains(problems, p => p.Contains("1.16.0", StringComparison.Ordinal) && p.Contains("1.17.11", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectHasTheNanoFrameworkProjectSystemShape(string projectPath)
    {
        string text = File.ReadAllText(RepoPaths.Full(projectPath));
        NfProject project = NfProject.Load(RepoPaths.Full(projectPath));
        var problems = new List<string>();

        if (!Regex.IsMatch(text, @"<PropertyGroup Label=""Globals"">\s*<NanoFrameworkProjectSystemPath>\$\(MSBuildExtensionsPath\)\\nanoFramework\\v1\.0\\</NanoFrameworkProjectSystemPath>"))
        {
            problems.Add("first PropertyGroup must be Label=\"Globals\" with NanoFrameworkProjectSystemPath $(MSBuildExtensionsPath)\\nanoFramework\\v1.0\\");
        }

        string[] expectedImports =
        {
            "$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props",
            "$(NanoFrameworkProjectSystemPath)NFProjectSystem.props",
            "$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets",
        };
        var nanoImports = project.Imports.Where(i => i.StartsWith("$(NanoFrameworkProjectSystemPath)", StringComparison.Ordinal)).ToList();
        if (!nanoImports.SequenceEqual(expectedImports))
        {
            problems.Add("imports must be, in this order: " + string.Join(", ", expectedImports) + " (found " + string.Join(", ", nanoImports) + ")");
        }

        int globals = text.IndexOf("Label=\"Globals\"", StringComparison.Ordinal);
        int defaultProps = text.IndexOf("NFProjectSystem.Default.props\"", StringComparison.Ordinal);
        int firstItemGroup = text.IndexOf("<ItemGroup", StringComparison.Ordinal);
        int props = text.IndexOf("NFProjectSystem.props\"", StringComparison.Ordinal);
        int targets = text.IndexOf("NFProjectSystem.CSharp.targets\"", StringComparison.Ordinal);
        int capabilities = text.IndexOf("<ProjectConfigurationsDeclaredAsItems", StringComparison.Ordinal);
        if (!(globals >= 0 && globals < defaultProps && defaultProps < props && props < firstItemGroup &&
              text.LastIndexOf("<ItemGroup", StringComparison.Ordinal) < targets && targets < capabilities))
        {
            problems.Add("element order must be Globals, Default.props import, properties, NFProjectSystem.props import, item groups, " +
                         "CSharp.targets import, ProjectExtensions/ProjectCapabilities/ProjectConfigurationsDeclaredAsItems");
        }

        Expect(project, "ProjectTypeGuids", NanoProjectTypeGuid + ";" + CSharpProjectTypeGuid, problems);
        // Unit-test projects (nanoFramework.TestFramework template) carry TargetFrameworkVersion v4.0 (sic, nanoframework.md 8).
        bool isTestProject = string.Equals(project.Properties.GetValueOrDefault("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase);
        Expect(project, "TargetFrameworkVersion", isTestProject && project.Properties.GetValueOrDefault("TargetFrameworkVersion") == "v4.0" ? "v4.0" : "v1.0", problems);
        Expect(project, "AppDesignerFolder", "Properties", problems);
        Expect(project, "FileAlignment", "512", problems);
        if (project.OutputType is not ("Library" or "Exe"))
        {
            problems.Add("OutputType must be Library or Exe");
        }

        if (!project.Properties.ContainsKey("AssemblyName") || !project.Properties.ContainsKey("RootNamespace"))
        {
            problems.Add("AssemblyName and RootNamespace must be set");
        }

        if (!project.Properties.TryGetValue("ProjectGuid", out string guid) || !Guid.TryParse(guid, out _))
        {
            problems.Add("ProjectGuid must be a GUID");
        }

        if (project.CompileIncludes.Any(i => i.Contains('/', StringComparison.Ordinal)))
        {
            problems.Add("Compile Include paths must use backslashes, as Visual Studio writes them");
        }

        if (!project.NoneIncludes.Contains("packages.config"))
        {
            problems.Add("packages.config must be listed as <None Include=\"packages.config\" />");
        }

        Assert.True(problems.Count == 0, projectPath + ":\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// The assemblies firmware/NanoProv/NanoProv.nfproj references (core + the SoftAP/Wi-Fi adapters). No Bluetooth:
    /// the BLE adapter is NanoProv.Ble, so the library deploys to images without Bluetooth.
    /// </summary>
    public static readonly string[] ExpectedNanoProvReferences =
    {
        "mscorlib", "nanoFramework.System.Collections", "nanoFramework.System.Text",
        "nanoFramework.Runtime.Events", "nanoFramework.Runtime.Native", "System.Threading", "System.IO.Streams",
        "System.Net", "System.Net.Http", "System.Device.Wifi", "Iot.Device.DhcpServer",
    };

    /// <summary>NanoProv.Crypto references mscorlib only (plus the NanoProv project for ICrypto/CryptoStatus).</summary>
    public static readonly string[] ExpectedCryptoReferences = { "mscorlib" };

    /// <summary>NanoProv.Ble: mscorlib, the Bluetooth package and the packages that package depends on.</summary>
    public static readonly string[] ExpectedBleReferences =
    {
        "mscorlib", "nanoFramework.Device.Bluetooth", "nanoFramework.Runtime.Events", "nanoFramework.Runtime.Native",
        "nanoFramework.System.Collections", "nanoFramework.System.Text",
    };

    private const string NanoProvProject = "firmware/NanoProv/NanoProv.nfproj";
    private const string CryptoProject = "firmware/NanoProv.Crypto/NanoProv.Crypto.nfproj";
    private const string BleProject = "firmware/NanoProv.Ble/NanoProv.Ble.nfproj";
    private const string BluetoothAssembly = "nanoFramework.Device.Bluetooth";

    [Fact]
    public void NanoProvIsALibraryWithoutNativeMethodsOrBluetooth()
    {
        NfProject project = NfProject.Load(RepoPaths.Full(NanoProvProject));

        Assert.Equal("NanoProv", project.AssemblyName);
        Assert.Equal("NanoProv", project.Properties["RootNamespace"]);
        Assert.Equal("Library", project.OutputType);
        // No interop here any more: no stub generation, no native version (the checksum lives in NanoProv.Crypto).
        Assert.False(project.Properties.ContainsKey("NFMDP_GENERATE_STUBS"), "NanoProv.nfproj must not generate native stubs");
        Assert.Empty(project.ProjectReferences);
        Assert.Contains("Properties\\AssemblyInfo.cs", project.CompileIncludes);
        Assert.Equal(ExpectedNanoProvReferences.OrderBy(n => n, StringComparer.Ordinal),
            project.References.Select(r => r.AssemblyName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.DoesNotContain(project.LoadPackagesConfig(), p => p.Id == BluetoothAssembly);

        string assemblyInfo = File.ReadAllText(RepoPaths.Full("firmware/NanoProv/Properties/AssemblyInfo.cs"));
        Assert.DoesNotMatch(@"\[assembly:\s*AssemblyNativeVersion", assemblyInfo);
        Assert.Matches(@"\[assembly:\s*AssemblyVersion\(""\d+\.\d+\.\d+\.\d+""\)\]", assemblyInfo);

        NanoCompileResult compiled = NanoCompiler.CompileProject(NanoProvProject);
        Assert.True(compiled.Success, compiled.Describe());
        Assert.Empty(NativeMethodsOf(compiled));
        Assert.DoesNotContain(compiled.Compilation.Assembly.GetAttributes(),
            a => a.AttributeClass?.Name == "AssemblyNativeVersionAttribute");
        Assert.Null(compiled.Compilation.GetTypeByMetadataName("NanoProv.Nano.NativeCrypto"));
        Assert.Null(compiled.Compilation.GetTypeByMetadataName("NanoProv.Nano.NanoGattPeripheral"));
    }

    [Fact]
    public void NanoProvCryptoIsTheInteropLibraryProject()
    {
        NfProject project = NfProject.Load(RepoPaths.Full(CryptoProject));

        Assert.Equal("NanoProv.Crypto", project.AssemblyName);
        Assert.Equal("Library", project.OutputType);
        Assert.Equal("true", project.Properties.GetValueOrDefault("NFMDP_GENERATE_STUBS"));
        Assert.Equal(new[] { "NativeCrypto.cs", "Properties\\AssemblyInfo.cs" }, project.CompileIncludes);
        Assert.Equal(new[] { @"..\NanoProv\NanoProv.nfproj" }, project.ProjectReferences);
        Assert.Equal(ExpectedCryptoReferences, project.References.Select(r => r.AssemblyName));

        string assemblyInfo = File.ReadAllText(RepoPaths.Full("firmware/NanoProv.Crypto/Properties/AssemblyInfo.cs"));
        Assert.Matches(@"\[assembly:\s*AssemblyNativeVersion\(""1\.0\.0\.0""\)\]", assemblyInfo);
        Assert.Matches(@"\[assembly:\s*AssemblyVersion\(""\d+\.\d+\.\d+\.\d+""\)\]", assemblyInfo);

        // The attribute is nanoFramework's System.Reflection.AssemblyNativeVersionAttribute (mscorlib): it must bind.
        NanoCompileResult compiled = NanoCompiler.CompileProject(CryptoProject);
        Assert.True(compiled.Success, compiled.Describe());
        Assert.Contains(compiled.Compilation.Assembly.GetAttributes(),
            a => a.AttributeClass?.ToDisplayString() == "System.Reflection.AssemblyNativeVersionAttribute" &&
                 (string)a.ConstructorArguments[0].Value == "1.0.0.0");

        // The whole assembly is NativeCrypto (namespace kept for existing callers), so its native checksum covers the
        // crypto surface only.
        var types = compiled.Compilation.Assembly.GlobalNamespace.GetAllTypes().Select(t => t.ToDisplayString()).ToList();
        Assert.Equal(new[] { "NanoProv.Nano.NativeCrypto" }, types);
        var natives = NativeMethodsOf(compiled);
        Assert.Equal(11, natives.Count);
        Assert.All(natives, m => Assert.Equal("NanoProv.Nano.NativeCrypto", m.ContainingType.ToDisplayString()));
        INamedTypeSymbol crypto = compiled.Compilation.GetTypeByMetadataName("NanoProv.Nano.NativeCrypto");
        Assert.Contains(crypto.AllInterfaces, i => i.ToDisplayString() == "NanoProv.Platform.ICrypto");
        Assert.Equal("NanoProv", crypto.AllInterfaces.Single(i => i.Name == "ICrypto").ContainingAssembly.Name);
    }

    [Fact]
    public void NanoProvBleIsTheBluetoothAdapterProject()
    {
        NfProject project = NfProject.Load(RepoPaths.Full(BleProject));

        Assert.Equal("NanoProv.Ble", project.AssemblyName);
        Assert.Equal("Library", project.OutputType);
        Assert.False(project.Properties.ContainsKey("NFMDP_GENERATE_STUBS"));
        Assert.Equal(new[] { "NanoGattPeripheral.cs", "Properties\\AssemblyInfo.cs" }, project.CompileIncludes);
        Assert.Equal(new[] { @"..\NanoProv\NanoProv.nfproj" }, project.ProjectReferences);
        Assert.Equal(ExpectedBleReferences.OrderBy(n => n, StringComparer.Ordinal),
            project.References.Select(r => r.AssemblyName).OrderBy(n => n, StringComparer.Ordinal));

        NanoCompileResult compiled = NanoCompiler.CompileProject(BleProject);
        Assert.True(compiled.Success, compiled.Describe());
        Assert.Empty(NativeMethodsOf(compiled));
        INamedTypeSymbol peripheral = compiled.Compilation.GetTypeByMetadataName("NanoProv.Nano.NanoGattPeripheral");
        Assert.NotNull(peripheral);
        Assert.Contains(peripheral.AllInterfaces, i => i.ToDisplayString() == "NanoProv.Transports.IGattPeripheral");
    }

    [Fact]
    public void OnlyTheCryptoProjectHasNativeMethods()
    {
        foreach (string projectPath in NanoCompiler.DiscoverProjects())
        {
            NfProject project = NfProject.Load(RepoPaths.Full(projectPath));
            bool interop = projectPath == CryptoProject;
            Assert.True(interop == (project.Properties.GetValueOrDefault("NFMDP_GENERATE_STUBS") == "true"),
                projectPath + (interop ? " must" : " must not") + " set NFMDP_GENERATE_STUBS");

            NanoCompileResult compiled = NanoCompiler.CompileProject(projectPath);
            Assert.True(compiled.Success, compiled.Describe());
            Assert.True(interop == NativeMethodsOf(compiled).Count > 0,
                projectPath + (interop ? " must declare" : " must not declare") + " InternalCall methods");
        }
    }

    [Fact]
    public void BluetoothIsNeededOnlyByTheBleAdapterAndTheApplication()
    {
        // Projects that must deploy to images without Bluetooth (ESP32_REV0/REV3/PSRAM_*): not even indirectly.
        foreach (string projectPath in new[] { NanoProvProject, CryptoProject, "tests/NanoProv.DeviceTests/NFUnitTest.nfproj" })
        {
            foreach (string upstream in NanoCompiler.BuildOrder(new[] { projectPath }))
            {
                NfProject project = NfProject.Load(RepoPaths.Full(upstream));
                Assert.False(project.References.Any(r => r.AssemblyName == BluetoothAssembly),
                    projectPath + " depends on " + BluetoothAssembly + " through " + upstream);
                Assert.DoesNotContain(project.LoadPackagesConfig(), p => p.Id == BluetoothAssembly);
            }
        }

        Assert.Contains(NfProject.Load(RepoPaths.Full(BleProject)).References, r => r.AssemblyName == BluetoothAssembly);
    }

    [Fact]
    public void TheNativeMethodCheckSeesAnExtern()
    {
        NanoCompileResult compiled = NanoCompiler.CompileSnippet(@"
using System.Runtime.CompilerServices;
namespace Probe
{
    public static class Native
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Call(byte[] data);
        public static int Managed() { return 0; }
    }
}");

        Assert.True(compiled.Success, compiled.Describe());
        Assert.Equal(new[] { "Call" }, NativeMethodsOf(compiled).Select(m => m.Name));
    }

    /// <summary>Methods implemented natively (extern with MethodImplOptions.InternalCall) declared in the compilation.</summary>
    private static List<IMethodSymbol> NativeMethodsOf(NanoCompileResult compiled) =>
        compiled.Compilation.Assembly.GlobalNamespace.GetAllTypes()
            .SelectMany(t => t.GetMembers().OfType<IMethodSymbol>())
            .Where(m => m.IsExtern)
            .ToList();

    [Fact]
    public void SolutionListsEveryFirmwareProjectWithDeployConfigurations()
    {
        string slnPath = RepoPaths.Full("firmware/NanoProv.sln");
        string sln = File.ReadAllText(slnPath);
        var problems = new List<string>();

        Assert.StartsWith("Microsoft Visual Studio Solution File, Format Version 12.00", sln.TrimStart('\uFEFF', '\r', '\n'));
        var projectLines = Regex.Matches(sln, @"^Project\(""(?<type>\{[^}]+\})""\) = ""(?<name>[^""]+)"", ""(?<path>[^""]+)"", ""(?<guid>\{[^}]+\})""",
            RegexOptions.Multiline).Cast<Match>().ToList();

        foreach (string projectPath in NanoCompiler.DiscoverProjects().Where(p => p.StartsWith("firmware/", StringComparison.Ordinal)))
        {
            NfProject project = NfProject.Load(RepoPaths.Full(projectPath));
            string relative = Path.GetRelativePath(RepoPaths.Firmware, project.FullPath).Replace('/', '\\');
            Match line = projectLines.FirstOrDefault(m => string.Equals(m.Groups["path"].Value, relative, StringComparison.OrdinalIgnoreCase));
            if (line == null)
            {
                problems.Add("firmware/NanoProv.sln does not list " + relative);
                continue;
            }

            if (!string.Equals(line.Groups["type"].Value, NanoProjectTypeGuid, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(relative + ": project type GUID must be the nanoFramework one " + NanoProjectTypeGuid);
            }

            string guid = line.Groups["guid"].Value;
            if (!Guid.TryParse(project.Properties.GetValueOrDefault("ProjectGuid"), out Guid nfGuid) || nfGuid != Guid.Parse(guid))
            {
                problems.Add(relative + ": solution GUID " + guid + " differs from the .nfproj ProjectGuid");
            }

            foreach (string config in new[] { "Debug", "Release" })
            {
                foreach (string kind in new[] { "ActiveCfg", "Build.0", "Deploy.0" })
                {
                    string entry = guid + "." + config + "|Any CPU." + kind + " = " + config + "|Any CPU";
                    if (!sln.Contains(entry, StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add("firmware/NanoProv.sln lacks \"" + entry + "\"");
                    }
                }
            }
        }

        foreach (Match line in projectLines)
        {
            string full = Path.GetFullPath(Path.Combine(RepoPaths.Firmware, line.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar)));
            if (!File.Exists(full))
            {
                problems.Add("firmware/NanoProv.sln lists " + line.Groups["path"].Value + ", which does not exist");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void SyncScriptPrintsTheSameListAsTheTest(string projectPath)
    {
        string script = Path.Combine(RepoPaths.NanoRef, "sync-nfproj.sh");
        NfProject project = NfProject.Load(RepoPaths.Full(projectPath));

        (int exit, string output) = Run("bash", script, "--print", project.Directory);

        Assert.Equal(0, exit);
        string expected = string.Concat(ExpectedIncludes(project).Select(i => "    <Compile Include=\"" + i + "\" />\n"));
        Assert.Equal(expected, output.Replace("\r", ""));
    }

    [Fact]
    public void SyncScriptChecksSeveralProjectsInOneCall()
    {
        string script = Path.Combine(RepoPaths.NanoRef, "sync-nfproj.sh");
        string[] folders = NanoCompiler.DiscoverProjects().Select(p => Path.GetDirectoryName(RepoPaths.Full(p))).ToArray();

        (int exit, string output) = Run("bash", new[] { script, "--check" }.Concat(folders).ToArray());

        Assert.True(exit == 0, output);
        foreach (string projectPath in NanoCompiler.DiscoverProjects())
        {
            Assert.Contains(Path.GetFileName(projectPath) + ": <Compile> list is complete", output);
        }
    }

    [Fact]
    public void SyncScriptWriteMakesAStaleProjectComplete()
    {
        using var temp = TempProject.Create("Probe", new[] { "mscorlib" }, ("Listed.cs", "class Listed { }"), ("Old.cs", "class Old { }"));
        File.Delete(Path.Combine(temp.Directory, "Old.cs"));
        Directory.CreateDirectory(Path.Combine(temp.Directory, "Security"));
        File.WriteAllText(Path.Combine(temp.Directory, "Security", "Security1.cs"), "class S1 { }");
        File.WriteAllText(Path.Combine(temp.Directory, "Security", "nonce.cs"), "class N { }");
        string script = Path.Combine(RepoPaths.NanoRef, "sync-nfproj.sh");
        Assert.NotEmpty(CompileListProblems(NfProject.Load(temp.NfprojPath)));

        (int checkBefore, string report) = Run("bash", script, "--check", temp.Directory);
        (int write, _) = Run("bash", script, "--write", temp.NfprojPath);
        (int checkAfter, _) = Run("bash", script, "--check", temp.Directory);

        Assert.Equal(1, checkBefore);
        Assert.Contains("<Compile Include=\"Security\\Security1.cs\" />", report);
        Assert.Equal(0, write);
        Assert.Equal(0, checkAfter);
        NfProject after = NfProject.Load(temp.NfprojPath);
        Assert.Equal("", CompileListProblems(after));
        Assert.Equal(new[] { "Listed.cs", "Security\\nonce.cs", "Security\\Security1.cs" }, after.CompileIncludes);
    }

    /// <summary>Empty when the Compile list matches the files; otherwise the exact lines to add and remove.</summary>
    private static string CompileListProblems(NfProject project)
    {
        var expected = ExpectedIncludes(project);
        var listed = new HashSet<string>(project.CompileIncludes, StringComparer.OrdinalIgnoreCase);
        var onDisk = new HashSet<string>(expected, StringComparer.OrdinalIgnoreCase);
        var missing = expected.Where(i => !listed.Contains(i)).ToList();
        var stale = project.CompileIncludes.Where(i => !onDisk.Contains(i) || !File.Exists(project.ResolveRelative(i)))
            .OrderBy(i => i, Comparer<string>.Create(NfProject.CompareIncludes)).ToList();
        var duplicates = project.CompileIncludes.GroupBy(i => i, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (missing.Count == 0 && stale.Count == 0 && duplicates.Count == 0)
        {
            return "";
        }

        var sb = new StringBuilder();
        sb.Append(project.RelativePath).Append(" does not list its sources exactly (old-style .nfproj: every .cs must be a <Compile> item).\n");
        if (missing.Count > 0)
        {
            sb.Append("Add these lines to the <ItemGroup> with the <Compile> items:\n");
            foreach (string include in missing)
            {
                sb.Append("    <Compile Include=\"").Append(include).Append("\" />\n");
            }
        }

        if (stale.Count > 0)
        {
            sb.Append("Remove these lines (the file does not exist):\n");
            foreach (string include in stale)
            {
                sb.Append("    <Compile Include=\"").Append(include).Append("\" />\n");
            }
        }

        foreach (string duplicate in duplicates)
        {
            sb.Append("Listed more than once: ").Append(duplicate).Append('\n');
        }

        sb.Append("Or run: tools/NanoRef/sync-nfproj.sh --write ").Append(RepoPaths.Relative(project.Directory)).Append('\n');
        return sb.ToString();
    }

    private static List<string> ExpectedIncludes(NfProject project) =>
        RepoPaths.SourceFilesOfProject(project.Directory).Select(project.CompileIncludeFor)
            .OrderBy(i => i, Comparer<string>.Create(NfProject.CompareIncludes)).ToList();

    private static IReadOnlyList<string> PackageProblems(NfProject project)
    {
        var problems = new List<string>();
        IReadOnlyList<NfPackage> packages = project.LoadPackagesConfig();
        if (packages.Count == 0)
        {
            problems.Add("packages.config is missing or empty");
        }

        foreach (NfPackage package in packages)
        {
            if (package.TargetFramework != "netnano1.0")
            {
                problems.Add("packages.config: " + package.Id + " must have targetFramework=\"netnano1.0\"");
            }
        }

        foreach (IGrouping<string, NfPackage> dup in packages.GroupBy(p => p.Id).Where(g => g.Count() > 1))
        {
            problems.Add("packages.config lists " + dup.Key + " more than once");
        }

        var usedPackages = new HashSet<string>(StringComparer.Ordinal);
        foreach (NfReference reference in project.References)
        {
            Match hint = Regex.Match(reference.HintPath ?? "", @"^(?:\.\.\\)*(?:firmware\\)?packages\\(?<dir>[^\\]+)\\lib\\(?<dll>[^\\]+)\.(?<ext>dll|exe)$");
            if (!hint.Success)
            {
                problems.Add(reference.AssemblyName + ": HintPath '" + reference.HintPath + "' must look like ..\\packages\\<id>.<version>\\lib\\<assembly>.dll (tests: ..\\..\\firmware\\packages\\..., the solution's folder)");
                continue;
            }

            string dir = hint.Groups["dir"].Value;
            NfPackage package = packages.FirstOrDefault(p => string.Equals(p.Id + "." + p.Version, dir, StringComparison.OrdinalIgnoreCase));
            if (package == null)
            {
                NfPackage sameId = packages.FirstOrDefault(p => dir.StartsWith(p.Id + ".", StringComparison.OrdinalIgnoreCase));
                problems.Add(sameId != null
                    ? reference.AssemblyName + ": HintPath uses " + dir + " but packages.config pins " + sameId.Id + " " + sameId.Version
                    : reference.AssemblyName + ": HintPath package folder " + dir + " is not in packages.config");
                continue;
            }

            usedPackages.Add(package.Id);
            if (!string.Equals(hint.Groups["dll"].Value, reference.AssemblyName, StringComparison.Ordinal))
            {
                problems.Add(reference.AssemblyName + ": HintPath names " + hint.Groups["dll"].Value + ".dll");
            }

            if (hint.Groups["ext"].Value == "exe")
            {
                continue; // deployed tool (nanoFramework.UnitTestLauncher.exe), no code binds to it
            }

            NanoRefAssembly stub = NanoCompiler.NanoRef.Find(reference.AssemblyName);
            if (stub == null)
            {
                problems.Add(reference.AssemblyName + ": no tools/NanoRef stub for this assembly, so the compile check cannot cover it");
                continue;
            }

            if (!string.Equals(stub.Package, package.Id, StringComparison.Ordinal))
            {
                problems.Add(reference.AssemblyName + " ships in package " + stub.Package + ", not " + package.Id);
            }

            if (!string.Equals(stub.PackageVersion, package.Version, StringComparison.Ordinal))
            {
                problems.Add(package.Id + " " + package.Version + " in packages.config, but the pinned stable version (nanoframework.md 12, " +
                             "tools/NanoRef/" + stub.Name + "/assembly.json) is " + stub.PackageVersion);
            }

            if (!string.Equals(reference.Version, stub.Version, StringComparison.Ordinal))
            {
                problems.Add(reference.AssemblyName + ": Reference Version=" + reference.Version + " but the package " + package.Version +
                             " assembly is " + stub.Version);
            }

            if (!reference.Include.Contains("PublicKeyToken=c07d481e9758c731", StringComparison.Ordinal))
            {
                problems.Add(reference.AssemblyName + ": Reference Include must carry PublicKeyToken=c07d481e9758c731");
            }
        }

        foreach (NfPackage package in packages.Where(p => !p.DevelopmentDependency && !usedPackages.Contains(p.Id)))
        {
            problems.Add("packages.config lists " + package.Id + " but no <Reference> HintPath uses it");
        }

        return problems;
    }

    private static void Expect(NfProject project, string property, string value, List<string> problems)
    {
        if (!string.Equals(project.Properties.GetValueOrDefault(property), value, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(property + " must be " + value);
        }
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error);
    }
}
