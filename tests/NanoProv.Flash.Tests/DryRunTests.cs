namespace NanoProv.Flash.Tests;

/// <summary>--dry-run prints exactly the nanoff command lines the profile leads to, and nothing runs.</summary>
public class DryRunTests
{
    [Fact]
    public void FirmwareThenDeployAtTheClassicEsp32DeployAddress()
    {
        using var rig = new FlashRig();
        rig.Write(FlashRig.ValidProfile());

        var (exit, output, error) = rig.Run("--dry-run");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(new[]
        {
            "# ESP32_BLE_REV3 (esp32) from " + rig.Config,
            "nanoff --update --target ESP32_BLE_REV3 --serialport /dev/ttyUSB0 --baud 921600 --clrfile " + rig.Clr,
            "nanoff --target ESP32_BLE_REV3 --serialport /dev/ttyUSB0 --baud 921600 --deploy --image '" + rig.Image + "' --address 0x1E0000",
        }, Lines(output));
    }

    [Fact]
    public void EveryStepInFlashOrderWithMassEraseAndThePortOverride()
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile["massErase"] = true;
        profile["baud"] = null;
        profile["fileDeployment"] = "files.json";
        profile["networkDeployment"] = "network.json";
        rig.Write(profile);

        var (exit, output, _) = rig.Run("--dry-run", "--port", "COM7");

        Assert.Equal(0, exit);
        Assert.Equal(new[]
        {
            "nanoff --update --target ESP32_BLE_REV3 --serialport COM7 --clrfile " + rig.Clr + " --masserase",
            "nanoff --target ESP32_BLE_REV3 --serialport COM7 --deploy --image '" + rig.Image + "' --address 0x1E0000",
            "nanoff --serialport COM7 --filedeployment " + rig.FilesJson,
            "nanoff --serialport COM7 --networkdeployment " + rig.NetworkJson,
        }, Lines(output).Skip(1));
    }

    [Fact]
    public void NanodeviceDeploymentAsksTheDeviceForItsAddress()
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile["deployMethod"] = "nanodevice";
        profile["deployAddress"] = null;
        rig.Write(profile);

        var (exit, output, _) = rig.Run("deploy", "--dry-run");

        Assert.Equal(0, exit);
        Assert.Equal(new[] { "nanoff --nanodevice --deploy --serialport /dev/ttyUSB0 --image '" + rig.Image + "'" }, Lines(output).Skip(1));
    }

    [Fact]
    public void ASingleStepCanBeChosen()
    {
        using var rig = new FlashRig();
        rig.Write(FlashRig.ValidProfile());

        var (exit, output, _) = rig.Run("firmware", "--dry-run");

        Assert.Equal(0, exit);
        string only = Assert.Single(Lines(output).Skip(1));
        Assert.StartsWith("nanoff --update ", only);
    }

    [Fact]
    public void AStepTheProfileDoesNotConfigureIsAnError()
    {
        using var rig = new FlashRig();
        rig.Write(FlashRig.ValidProfile());

        var (exit, output, error) = rig.Run("network", "--dry-run");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("needs \"networkDeployment\"", error);
    }

    [Fact]
    public void OtherChipsUseTheirOwnDeployPartition()
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile["target"] = "ESP32_S3_QUAD";
        profile["deployAddress"] = "0x1B0000";
        rig.Write(profile);

        var (exit, output, _) = rig.Run("deploy", "--dry-run");

        Assert.Equal(0, exit);
        Assert.EndsWith("--address 0x1B0000", Lines(output)[1]);
    }

    [Fact]
    public void TheCheckedInProfilePreviewsBeforeAnythingIsBuilt()
    {
        string root = FlashRig.RepoRoot();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = NanoFlashCli.Run(new[] { "--dry-run", "--no-file-check" }, stdout, stderr, Path.Combine(root, "nanoff-config.json"));

        Assert.Equal(0, exit);
        Assert.Contains("placeholder", stderr.ToString());
        Assert.Equal(new[]
        {
            "nanoff --update --target ESP32_BLE_REV3 --serialport '<SERIAL_PORT>' --baud 921600 --clrfile " + Path.Combine(root, "build", "nanoCLR.bin"),
            "nanoff --target ESP32_BLE_REV3 --serialport '<SERIAL_PORT>' --baud 921600 --deploy --image " +
                Path.Combine(root, "firmware", "NanoProv.App", "bin", "Release", "NanoProv.App.bin") + " --address 0x1E0000",
        }, Lines(stdout.ToString().Replace("\r", "")).Skip(1));
    }

    [Fact]
    public void FlashShPrintsTheSameCommands()
    {
        using var rig = new FlashRig();
        rig.Write(FlashRig.ValidProfile());
        var inProcess = rig.Run("--dry-run");

        var (exit, output, error) = FlashRig.RunProcess("bash", Path.Combine(FlashRig.RepoRoot(), "tools", "flash.sh"), "--dry-run", "--config", rig.Config);

        Assert.True(exit == 0, error);
        Assert.Equal(inProcess.Out, output);
    }

    [Fact]
    public void ArgumentsWithShellCharactersAreQuoted()
    {
        Assert.Equal("/dev/ttyUSB0", NanoffCommand.Quote("/dev/ttyUSB0"));
        Assert.Equal("'a b'", NanoffCommand.Quote("a b"));
        Assert.Equal("'it'\\''s'", NanoffCommand.Quote("it's"));
        Assert.Equal("''", NanoffCommand.Quote(""));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
