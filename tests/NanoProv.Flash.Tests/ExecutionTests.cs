namespace NanoProv.Flash.Tests;

/// <summary>Without --dry-run the commands run, in order, through the nanoff given with --nanoff (a fake here).</summary>
public class ExecutionTests
{
    [Fact]
    public void RunsNanoffOncePerStepWithTheExactArguments()
    {
        using var rig = new FlashRig();
        rig.Write(FlashRig.ValidProfile());
        string nanoff = rig.FakeNanoff(0, 0);

        var (exit, output, _) = rig.Run("--nanoff", nanoff);

        Assert.Equal(0, exit);
        var calls = rig.FakeCalls();
        Assert.Equal(2, calls.Count);
        Assert.Equal(new[] { "--update", "--target", "ESP32_BLE_REV3", "--serialport", "/dev/ttyUSB0", "--baud", "921600", "--clrfile", rig.Clr }, calls[0]);
        Assert.Equal(new[] { "--target", "ESP32_BLE_REV3", "--serialport", "/dev/ttyUSB0", "--baud", "921600", "--deploy", "--image", rig.Image, "--address", "0x1E0000" }, calls[1]);
        Assert.Contains("==> ", output);
    }

    [Fact]
    public void AFailingStepStopsTheFlowWithNanoffsExitCode()
    {
        using var rig = new FlashRig();
        rig.Write(FlashRig.ValidProfile());
        string nanoff = rig.FakeNanoff(3, 0);

        var (exit, _, error) = rig.Run("--nanoff", nanoff);

        Assert.Equal(3, exit);
        Assert.Single(rig.FakeCalls());
        Assert.Contains("step \"firmware\"", error);
        Assert.Contains("later steps were not run", error);
    }

    [Fact]
    public void AMissingNanoffGivesTheInstallCommand()
    {
        using var rig = new FlashRig();
        rig.Write(FlashRig.ValidProfile());

        var (exit, _, error) = rig.Run("--nanoff", Path.Combine(rig.Dir, "no-such-nanoff"));

        Assert.Equal(127, exit);
        Assert.Contains("dotnet tool install -g nanoff", error);
    }

    [Fact]
    public void ThePlaceholderPortIsOnlyAcceptedForADryRun()
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile["serialPort"] = "<SERIAL_PORT>";
        rig.Write(profile);
        string nanoff = rig.FakeNanoff(0, 0);

        var (exit, _, error) = rig.Run("--nanoff", nanoff);
        var withPort = rig.Run("--nanoff", nanoff, "--port", "/dev/ttyACM0");

        Assert.Equal(2, exit);
        Assert.Contains("placeholder", error);
        Assert.Equal(0, withPort.Exit);
        Assert.All(rig.FakeCalls(), call => Assert.Contains("/dev/ttyACM0", call));
    }
}
