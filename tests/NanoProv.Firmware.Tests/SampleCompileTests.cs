using System.Text.RegularExpressions;
using NanoProv.Firmware.Tests.NanoCheck;

namespace NanoProv.Firmware.Tests;

/// <summary>
/// The "Embed NanoProv in your firmware" sample (Samples/EmbedSample.cs, the code block the README shows) compiles as a
/// nanoFramework application that references the three firmware libraries a BLE device uses — NanoProv, NanoProv.Crypto
/// (NativeCrypto) and NanoProv.Ble (NanoGattPeripheral) — and the NanoRef assemblies their .nfproj files reference.
/// A SoftAP-only application needs NanoProv and NanoProv.Crypto only, and no Bluetooth package.
/// </summary>
public class SampleCompileTests
{
    private const string SamplePath = "tests/NanoProv.Firmware.Tests/Samples/EmbedSample.cs";

    /// <summary>What an application with BLE provisioning references (README: "Embed NanoProv in your firmware").</summary>
    public static readonly string[] BleApplicationProjects =
    {
        "firmware/NanoProv/NanoProv.nfproj",
        "firmware/NanoProv.Crypto/NanoProv.Crypto.nfproj",
        "firmware/NanoProv.Ble/NanoProv.Ble.nfproj",
    };

    /// <summary>What a SoftAP-only application references: no NanoProv.Ble, so no nanoFramework.Device.Bluetooth.</summary>
    public static readonly string[] SoftApApplicationProjects =
    {
        "firmware/NanoProv/NanoProv.nfproj",
        "firmware/NanoProv.Crypto/NanoProv.Crypto.nfproj",
    };

    private const string SoftApSample = @"
using System.Threading;
using NanoProv.Nano;
using NanoProv.Platform;
using NanoProv.Provisioning;
using NanoProv.Transports;

namespace MySoftApDevice
{
    public class Program
    {
        public static void Main()
        {
            ILog log = new NanoLog(LogLevel.Info);
            IClock clock = new NanoClock();
            ProvisioningOptions options = new ProvisioningOptions();
            options.ServiceName = ""PROV_123456"";
            options.SecurityVersion = 1;
            ProvisioningService service = new ProvisioningService(options, new NativeCrypto(), new NanoRandom(),
                clock, log, new NanoWifiStation(null, log), new NanoCredentialStore(), new NanoTimerService(log));

            NanoSoftApSettings settings = new NanoSoftApSettings();
            settings.Ssid = options.ServiceName;
            NanoSoftAp accessPoint = new NanoSoftAp(settings, log);
            HttpTransport transport = new HttpTransport(new ProtocommTarget(service.Protocomm), new HttpTransportOptions(), clock, log);
            NanoHttpServer server = new NanoHttpServer(transport, 80, null, log);
            if (accessPoint.Enable())
            {
                NanoSoftAp.Reboot(log);
            }

            accessPoint.StartDhcp();
            service.Start();
            server.Start();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}";

    [Fact]
    public void EmbedSampleCompilesAgainstNanoProvCryptoBleAndNanoRef()
    {
        NanoCompileResult result = NanoCompiler.CompileAgainstProjects(BleApplicationProjects, "MyDevice",
            new[] { NanoSource.FromFile(RepoPaths.Full(SamplePath)) });

        Assert.True(result.Success, result.Describe());
        // The adapters bind to the assemblies they now live in.
        Assert.Equal("NanoProv.Crypto", result.Compilation.GetTypeByMetadataName("NanoProv.Nano.NativeCrypto")?.ContainingAssembly.Name);
        Assert.Equal("NanoProv.Ble", result.Compilation.GetTypeByMetadataName("NanoProv.Nano.NanoGattPeripheral")?.ContainingAssembly.Name);
    }

    [Fact]
    public void EmbedSampleNeedsTheCryptoAndBleAssemblies()
    {
        NanoCompileResult libraryOnly = NanoCompiler.CompileAgainstProject("firmware/NanoProv/NanoProv.nfproj", "MyDevice",
            new[] { NanoSource.FromFile(RepoPaths.Full(SamplePath)) });

        Assert.False(libraryOnly.Success);
        string described = libraryOnly.Describe();
        Assert.Contains("NativeCrypto", described);
        Assert.Contains("NanoGattPeripheral", described);
        Assert.True(libraryOnly.HasError("CS0246"), described);
    }

    [Fact]
    public void TheSampleCheckCatchesAnApiThatDoesNotExist()
    {
        string broken = File.ReadAllText(RepoPaths.Full(SamplePath)).Replace("service.Start();", "service.StartAsync();");

        NanoCompileResult result = NanoCompiler.CompileAgainstProjects(BleApplicationProjects, "MyDevice",
            new[] { new NanoSource("broken.cs", broken) });

        Assert.True(result.HasError("CS1061"), result.Describe());
    }

    [Fact]
    public void ASoftApOnlyApplicationCompilesWithoutBluetooth()
    {
        NanoCompileResult result = NanoCompiler.CompileAgainstProjects(SoftApApplicationProjects, "MySoftApDevice",
            new[] { new NanoSource("softap-sample.cs", SoftApSample) });

        Assert.True(result.Success, result.Describe());
        Assert.DoesNotContain("nanoFramework.Device.Bluetooth", result.NanoRefAssemblies);
        Assert.DoesNotContain(result.Compilation.References, r => r.Display?.Contains("Bluetooth", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void ReadmeEmbedBlockCompiles()
    {
        string readme = RepoPaths.Full("README.md");
        Assert.True(File.Exists(readme), "README.md is missing");

        string text = File.ReadAllText(readme);
        int heading = text.IndexOf("## Embed NanoProv in your firmware", StringComparison.Ordinal);
        Assert.True(heading >= 0, "README.md has no \"## Embed NanoProv in your firmware\" section");

        Match block = new Regex("```csharp\\r?\\n(?<code>.*?)```", RegexOptions.Singleline).Match(text, heading);
        Assert.True(block.Success, "README.md has the \"Embed NanoProv in your firmware\" section but no ```csharp block after it");

        NanoCompileResult result = NanoCompiler.CompileAgainstProjects(BleApplicationProjects, "MyDevice",
            new[] { new NanoSource("README.md#embed", block.Groups["code"].Value) });

        Assert.True(result.Success, "the README's embed sample does not compile:\n" + result.Describe());
    }
}
