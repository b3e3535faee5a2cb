using System.Text.RegularExpressions;
using NanoProv.Firmware.Tests.NanoCheck;

namespace NanoProv.Firmware.Tests;

/// <summary>
/// The "Embed NanoProv in your firmware" sample (Samples/EmbedSample.cs, the code block the README shows) compiles as a
/// nanoFramework application against the compiled NanoProv library and the NanoRef assemblies NanoProv.nfproj references.
/// </summary>
public class SampleCompileTests
{
    private const string SamplePath = "tests/NanoProv.Firmware.Tests/Samples/EmbedSample.cs";

    [Fact]
    public void EmbedSampleCompilesAgainstNanoProvAndNanoRef()
    {
        NanoCompileResult result = NanoCompiler.CompileAgainstProject("firmware/NanoProv/NanoProv.nfproj", "MyDevice",
            new[] { NanoSource.FromFile(RepoPaths.Full(SamplePath)) });

        Assert.True(result.Success, result.Describe());
    }

    [Fact]
    public void TheSampleCheckCatchesAnApiThatDoesNotExist()
    {
        string broken = File.ReadAllText(RepoPaths.Full(SamplePath)).Replace("service.Start();", "service.StartAsync();");

        NanoCompileResult result = NanoCompiler.CompileAgainstProject("firmware/NanoProv/NanoProv.nfproj", "MyDevice",
            new[] { new NanoSource("broken.cs", broken) });

        Assert.True(result.HasError("CS1061"), result.Describe());
    }

    [Fact]
    public void ReadmeEmbedBlockCompilesWhenTheReadmeHasOne()
    {
        string readme = RepoPaths.Full("README.md");
        if (!File.Exists(readme))
        {
            return; // the README is written by the integrator; Samples/EmbedSample.cs is the source it copies
        }

        string text = File.ReadAllText(readme);
        int heading = text.IndexOf("Embed NanoProv in your firmware", StringComparison.Ordinal);
        if (heading < 0)
        {
            return;
        }

        Match block = new Regex("```csharp\\r?\\n(?<code>.*?)```", RegexOptions.Singleline).Match(text, heading);
        Assert.True(block.Success, "README.md has the \"Embed NanoProv in your firmware\" section but no ```csharp block after it");

        NanoCompileResult result = NanoCompiler.CompileAgainstProject("firmware/NanoProv/NanoProv.nfproj", "MyDevice",
            new[] { new NanoSource("README.md#embed", block.Groups["code"].Value) });

        Assert.True(result.Success, "the README's embed sample does not compile:\n" + result.Describe());
    }
}
