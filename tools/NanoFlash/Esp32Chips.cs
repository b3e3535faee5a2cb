namespace NanoProv.Flash;

/// <summary>
/// What this tool knows about nanoFramework's ESP32 targets: the target names of nf-interpreter's ESP32 configure presets,
/// the chip family each one builds for, which classic-ESP32 images include Bluetooth, and where the current partition
/// tables put the <c>deploy</c> partition (the managed application). Sources: nanoframework.md sections 0, 7 and 11
/// (nf-interpreter targets/ESP32/CMakePresets.json and targets/ESP32/_IDF/&lt;chip&gt;/partitions_nanoclr_*.csv;
/// nanoFirmwareFlasher Esp32Firmware.DeploymentPartitionAddress).
/// </summary>
public static class Esp32Chips
{
    /// <summary>Classic ESP32 (Xtensa LX6).</summary>
    public const string Esp32 = "esp32";

    /// <summary>nanoff's built-in deploy address, used when --address is not given (right for S2/S3/C3/P4 only).</summary>
    public const uint NanoffDefaultDeployAddress = 0x1B0000;

    /// <summary>The ESP32 target names of nf-interpreter's configure presets (nanoframework.md section 7).</summary>
    public static readonly IReadOnlyList<string> KnownTargets = new[]
    {
        "ESP32_PSRAM_REV0", "ESP32_PSRAM_REV3", "ESP32_PSRAM_REV3_IPV6", "ESP32_REV0", "ESP32_REV3",
        "ESP32_PSRAM_XTAL26_REV0", "ESP32_BLE_REV0", "ESP32_BLE_REV3", "ESP32_PICO", "ESP_WROVER_KIT", "ESP32_C3",
        "ESP32_C5_THREAD", "ESP32_C6_THREAD", "ESP32_C61", "ESP32_H2_THREAD", "ESP32_P4", "ESP32_S2", "ESP32_S3_QUAD",
        "ESP32_S3_OCTAL", "ESP32_PSRAM_BLE_GenericGraphic_REV3",
    };

    /// <summary>Chip families this tool has deploy addresses for.</summary>
    public static readonly IReadOnlyList<string> KnownChips = new[]
    {
        Esp32, "esp32s2", "esp32s3", "esp32c3", "esp32c5", "esp32c6", "esp32c61", "esp32h2", "esp32p4",
    };

    /// <summary>Classic-ESP32 stock targets whose image includes Bluetooth (nanoframework.md section 0, item 20).</summary>
    public static readonly IReadOnlyList<string> ClassicBleTargets = new[]
    {
        "ESP32_BLE_REV0", "ESP32_BLE_REV3", "ESP32_PSRAM_BLE_GenericGraphic_REV3",
    };

    /// <summary>The chip family of a known target name.</summary>
    public static string ChipOf(string target)
    {
        if (target.StartsWith("ESP32_S2", StringComparison.Ordinal)) return "esp32s2";
        if (target.StartsWith("ESP32_S3", StringComparison.Ordinal)) return "esp32s3";
        if (target.StartsWith("ESP32_C3", StringComparison.Ordinal)) return "esp32c3";
        if (target.StartsWith("ESP32_C5", StringComparison.Ordinal)) return "esp32c5";
        if (target.StartsWith("ESP32_C61", StringComparison.Ordinal)) return "esp32c61";
        if (target.StartsWith("ESP32_C6", StringComparison.Ordinal)) return "esp32c6";
        if (target.StartsWith("ESP32_H2", StringComparison.Ordinal)) return "esp32h2";
        if (target.StartsWith("ESP32_P4", StringComparison.Ordinal)) return "esp32p4";
        return Esp32;
    }

    /// <summary>Start of the <c>deploy</c> partition in the current nf-interpreter tables for the chip family.</summary>
    public static uint DeployAddressOf(string chip) => chip switch
    {
        Esp32 => 0x1E0000,       // since Sep 2025 (0x1C0000 before); nanoCLR "factory" partition is 0x10000..0x1E0000
        "esp32c5" or "esp32c6" or "esp32c61" => 0x250000,
        "esp32h2" => 0x1C0000,
        _ => 0x1B0000,            // esp32s2, esp32s3, esp32c3, esp32p4
    };

    /// <summary>The known target closest to <paramref name="name"/> (for "did you mean"), or null.</summary>
    public static string Suggest(string name)
    {
        string best = null;
        int bestDistance = int.MaxValue;
        foreach (string target in KnownTargets)
        {
            int d = Distance(name.ToUpperInvariant(), target);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = target;
            }
        }

        return bestDistance <= 4 ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int previous = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
