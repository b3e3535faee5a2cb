namespace NanoProv.Flash.Tests;

/// <summary>A bad profile gives exit code 2, a message that says what to change, and no command (printed or run).</summary>
public class BadProfileTests
{
    public static TheoryData<string, object, string> BadValues() => new()
    {
        { "target", "ESP32_BLE_REVX", "did you mean \"ESP32_BLE_REV" },
        { "target", "STM32F769I_DISCOVERY", "not a known ESP32 target" },
        { "target", null, "\"target\" is required" },
        { "platform", "stm32", "not supported" },
        { "chip", "esp8266", "chip \"esp8266\" is unknown" },
        { "serialPort", null, "\"serialPort\" is required" },
        { "baud", 12, "out of range" },
        { "clrFile", "build/missing.bin", "clrFile not found" },
        { "clrFile", "build/nanoCLR.elf", "must be a .bin file" },
        { "deployImage", "app bin/missing.bin", "deployImage not found" },
        { "deployAddress", "0x1B0000", "inside the nanoCLR \"factory\" partition" },
        { "deployAddress", "0x1C0000", "does not match the deploy partition of esp32" },
        { "deployAddress", "0x1E0800", "not aligned to a 4 KB flash sector" },
        { "deployAddress", "1E0000", "must be a hex address" },
        { "deployAddress", null, "\"deployAddress\" is required for serial deployment" },
        { "deployMethod", "usb", "deployMethod must be" },
        { "requiresBle", "yes", "requiresBle must be true or false" },
        { "fileDeployment", "nowhere.json", "fileDeployment not found" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void ABadValueIsRejectedWithAClearMessage(string key, object value, string expected)
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile[key] = value;
        rig.Write(profile);

        var (exit, output, error) = rig.Run("--dry-run");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("is not usable", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void ATargetWithoutBluetoothIsRejectedWhenBleIsRequired()
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile["target"] = "ESP32_REV3";
        rig.Write(profile);

        var (exit, _, error) = rig.Run("--dry-run");

        Assert.Equal(2, exit);
        Assert.Contains("has no Bluetooth", error);
        Assert.Contains("ESP32_BLE_REV3", error);

        profile["requiresBle"] = false;
        rig.Write(profile);
        Assert.Equal(0, rig.Run("--dry-run").Exit);
    }

    [Fact]
    public void CommentsAreRejectedBecauseNanoffRejectsThemToo()
    {
        using var rig = new FlashRig();
        rig.WriteRaw("{\n  // the board\n  \"target\": \"ESP32_BLE_REV3\"\n}");

        var (exit, _, error) = rig.Run("--dry-run");

        Assert.Equal(2, exit);
        Assert.Contains("comments are not allowed", error);
    }

    [Fact]
    public void AMistypedKeyIsNamedWithTheRightSpelling()
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile.Remove("serialPort");
        profile["serialport"] = "/dev/ttyUSB0";
        rig.Write(profile);

        var (exit, _, error) = rig.Run("--dry-run");

        Assert.Equal(2, exit);
        Assert.Contains("unknown key \"serialport\" (did you mean \"serialPort\"?)", error);
    }

    [Fact]
    public void NotesInUnderscoreKeysAreAllowed()
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile["_deployAddress"] = "why 0x1E0000";
        rig.Write(profile);

        Assert.Equal(0, rig.Run("--dry-run").Exit);
    }

    [Fact]
    public void ANanoffJsonWithCommentsIsRejected()
    {
        using var rig = new FlashRig();
        File.WriteAllText(rig.NetworkJson, "{ // AP\n \"WirelessAccessPoint\": {} }");
        var profile = FlashRig.ValidProfile();
        profile["networkDeployment"] = "network.json";
        rig.Write(profile);

        var (exit, _, error) = rig.Run("--dry-run");

        Assert.Equal(2, exit);
        Assert.Contains("networkDeployment", error);
        Assert.Contains("rejects comments", error);
    }

    [Fact]
    public void AnOverriddenAddressIsAcceptedWithAWarning()
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile["deployAddress"] = "0x1C0000";
        profile["deployAddressOverride"] = true;
        rig.Write(profile);

        var (exit, output, error) = rig.Run("--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("warning: deployAddress 0x1C0000", error);
        Assert.Contains("--address 0x1C0000", output);
    }

    [Fact]
    public void AllProblemsAreListedAtOnce()
    {
        using var rig = new FlashRig();
        var profile = FlashRig.ValidProfile();
        profile["clrFile"] = "build/missing.bin";
        profile["deployAddress"] = "0x1B0000";
        rig.Write(profile);

        var (_, _, error) = rig.Run("--dry-run");

        Assert.Contains("clrFile not found", error);
        Assert.Contains("0x1B0000", error);
    }

    [Fact]
    public void BadCommandLinesAreRejected()
    {
        using var rig = new FlashRig();
        rig.Write(FlashRig.ValidProfile());

        Assert.Equal(2, rig.Run("flash-everything").Exit);
        Assert.Equal(2, rig.Run("--port").Exit);
        Assert.Equal(2, rig.Run("--no-file-check").Exit);
        Assert.Equal(2, NanoProv.Flash.NanoFlashCli.Run(new[] { "--config", Path.Combine(rig.Dir, "absent.json") }, new StringWriter(), new StringWriter(), "x"));
    }
}
