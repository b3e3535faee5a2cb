using System.Text.Json;
using System.Text.RegularExpressions;
using NanoProv.Firmware.Tests.NanoCheck;

namespace NanoProv.Firmware.Tests;

/// <summary>
/// tests/NanoProv.DeviceTests, the nanoFramework.TestFramework project that runs on a board or the nanoCLR emulator: its
/// shape (assembly NFUnitTest, static test methods, runsettings) and its vector constants.
/// </summary>
public class DeviceTestsProjectTests
{
    private const string ProjectPath = "tests/NanoProv.DeviceTests/NFUnitTest.nfproj";

    [Fact]
    public void IsATestFrameworkProjectNamedNFUnitTest()
    {
        NfProject project = NfProject.Load(RepoPaths.Full(ProjectPath));

        Assert.Equal("NFUnitTest", project.AssemblyName);
        Assert.Equal("true", project.Properties["IsTestProject"]);
        Assert.Equal("UnitTest", project.Properties["TestProjectType"]);
        Assert.Contains("nano.runsettings", project.Properties["RunSettingsFilePath"]);
        Assert.Contains("nanoFramework.TestFramework", project.References.Select(r => r.AssemblyName));
        Assert.Contains(project.References, r => r.HintPath.EndsWith("nanoFramework.UnitTestLauncher.exe", StringComparison.Ordinal));
        // NanoProv for the wire and security code, NanoProv.Crypto for NativeCrypto (the interop under test); not
        // NanoProv.Ble or the Bluetooth package, so the tests run on any image that carries the crypto interop.
        Assert.Equal(new[] { @"..\..\firmware\NanoProv\NanoProv.nfproj", @"..\..\firmware\NanoProv.Crypto\NanoProv.Crypto.nfproj" },
            project.ProjectReferences);
        Assert.DoesNotContain(project.References, r => r.AssemblyName == "nanoFramework.Device.Bluetooth");
        Assert.Contains("<ProjectCapability Include=\"TestContainer\" />", File.ReadAllText(RepoPaths.Full(ProjectPath)));
        Assert.True(File.Exists(RepoPaths.Full("tests/NanoProv.DeviceTests/nano.runsettings")));
        Assert.Contains(NanoCompiler.DiscoverProjects(), p => p == ProjectPath);
    }

    [Fact]
    public void EveryTestMethodIsStaticBecauseTheRunnerInvokesThemWithoutAnInstance()
    {
        NanoCompileResult result = NanoCompiler.CompileProject(ProjectPath);
        Assert.True(result.Success, result.Describe());

        var methods = result.Compilation.GetSymbolsWithName(_ => true, Microsoft.CodeAnalysis.SymbolFilter.Member)
            .OfType<Microsoft.CodeAnalysis.IMethodSymbol>()
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.Name is "TestMethodAttribute" or "SetupAttribute" or "CleanupAttribute"))
            .ToList();

        Assert.True(methods.Count >= 15, "expected the crypto, wire and security tests, found " + methods.Count);
        Assert.All(methods, m => Assert.True(m.IsStatic, m.ToDisplayString() + " must be static"));
        Assert.All(methods.Select(m => m.ContainingType).Distinct(Microsoft.CodeAnalysis.SymbolEqualityComparer.Default),
            t => Assert.Contains(((Microsoft.CodeAnalysis.INamedTypeSymbol)t).GetAttributes(), a => a.AttributeClass?.Name == "TestClassAttribute"));
    }

    [Fact]
    public void DeviceVectorsMatchTheJsonCopies()
    {
        string source = File.ReadAllText(RepoPaths.Full("tests/NanoProv.DeviceTests/DeviceVectors.cs"));
        var constants = Regex.Matches(source,
            @"// vector: (?<file>[\w.]+)#(?<path>[\w.]+)\s+public const string (?<name>\w+) =(?<value>(?:\s*""[0-9a-f]*""\s*\+?)+);");
        Assert.True(constants.Count >= 30, "found only " + constants.Count + " annotated constants");

        foreach (Match m in constants)
        {
            string value = string.Concat(Regex.Matches(m.Groups["value"].Value, "\"([0-9a-f]*)\"").Select(x => x.Groups[1].Value));
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Full("tests/NanoProv.DeviceTests/Vectors/" + m.Groups["file"].Value)));
            JsonElement node = doc.RootElement;
            foreach (string part in m.Groups["path"].Value.Split('.'))
            {
                node = int.TryParse(part, out int index) ? node[index] : node.GetProperty(part);
            }

            Assert.True(node.GetString() == value, m.Groups["name"].Value + " differs from " + m.Groups["file"].Value + "#" + m.Groups["path"].Value);
        }

        // Every constant of the class is annotated (an unannotated one would escape the check).
        Assert.Equal(Regex.Matches(source, "public const string").Count, constants.Count);
    }
}
