using System.Globalization;
using System.Text.Json;

namespace NanoProv.Flash;

/// <summary>How the application image reaches the device.</summary>
public enum DeployMethod
{
    /// <summary>Through the ESP32 serial bootloader at a fixed flash address (<c>nanoff --deploy --image --address</c>).</summary>
    Serial,

    /// <summary>Through the running nanoCLR, which tells nanoff its deployment address (<c>nanoff --nanodevice --deploy</c>).</summary>
    NanoDevice,
}

/// <summary>Options for loading a profile.</summary>
public sealed class ProfileLoadOptions
{
    /// <summary>Check that the referenced files exist (off for previewing commands before anything was built).</summary>
    public bool CheckFiles { get; init; } = true;

    /// <summary>Serial port given on the command line; replaces the profile's value.</summary>
    public string SerialPortOverride { get; init; }

    /// <summary>Accept a placeholder serial port (dry runs only print commands).</summary>
    public bool AllowPlaceholderPort { get; init; }
}

/// <summary>A validated nanoff-config.json.</summary>
public sealed class FlashProfile
{
    /// <summary>Keys of nanoff-config.json (keys starting with "_" are notes and ignored).</summary>
    public static readonly IReadOnlyList<string> Keys = new[]
    {
        "platform", "target", "chip", "serialPort", "baud", "clrFile", "massErase", "deployImage", "deployMethod",
        "deployAddress", "deployAddressOverride", "requiresBle", "fileDeployment", "networkDeployment",
    };

    private FlashProfile()
    {
    }

    /// <summary>Absolute path of the profile file.</summary>
    public string ConfigPath { get; private init; }

    /// <summary>nanoff platform (only "esp32" is supported).</summary>
    public string Platform { get; private init; }

    /// <summary>nanoff target name, e.g. ESP32_BLE_REV3.</summary>
    public string Target { get; private init; }

    /// <summary>Chip family the deploy address is checked against.</summary>
    public string Chip { get; private init; }

    /// <summary>Serial port, e.g. /dev/ttyUSB0 or COM3.</summary>
    public string SerialPort { get; private init; }

    /// <summary>True when <see cref="SerialPort"/> is still the placeholder of the checked-in profile.</summary>
    public bool SerialPortIsPlaceholder { get; private init; }

    /// <summary>Baud rate for nanoff, or null for its default.</summary>
    public int? Baud { get; private init; }

    /// <summary>Absolute path of the custom nanoCLR image (with the NanoProv crypto interop), or null.</summary>
    public string ClrFile { get; private init; }

    /// <summary>Erase the whole flash when updating the firmware (also erases stored Wi-Fi credentials).</summary>
    public bool MassErase { get; private init; }

    /// <summary>Absolute path of the application deployment image (NanoProv.App.bin), or null.</summary>
    public string DeployImage { get; private init; }

    /// <summary>How the image is deployed.</summary>
    public DeployMethod DeployMethod { get; private init; }

    /// <summary>Deploy address (serial method), or null.</summary>
    public uint? DeployAddress { get; private init; }

    /// <summary>Absolute path of a nanoff file-deployment JSON, or null.</summary>
    public string FileDeployment { get; private init; }

    /// <summary>Absolute path of a nanoff network-deployment JSON, or null.</summary>
    public string NetworkDeployment { get; private init; }

    /// <summary>Loads and validates a profile file.</summary>
    public static ProfileResult Load(string path, ProfileLoadOptions options = null)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return ProfileResult.Failed("profile not found: " + full + " (copy nanoff-config.json from the repository root)");
        }

        return Parse(File.ReadAllText(full), full, options);
    }

    /// <summary>Validates profile JSON; relative paths are resolved against the folder of <paramref name="configPath"/>.</summary>
    public static ProfileResult Parse(string json, string configPath, ProfileLoadOptions options = null)
    {
        options ??= new ProfileLoadOptions();
        string name = Path.GetFileName(configPath);
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(configPath));
        var errors = new List<string>();
        var warnings = new List<string>();

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            return ProfileResult.Failed(name + " is not valid JSON (comments are not allowed; use \"_note\" keys): " + e.Message);
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ProfileResult.Failed(name + " must contain a JSON object");
            }

            foreach (JsonProperty p in root.EnumerateObject())
            {
                if (!p.Name.StartsWith('_') && !Keys.Contains(p.Name))
                {
                    string near = Keys.FirstOrDefault(k => string.Equals(k, p.Name, StringComparison.OrdinalIgnoreCase));
                    errors.Add("unknown key \"" + p.Name + "\"" + (near != null ? " (did you mean \"" + near + "\"?)" : "") +
                               "; known keys: " + string.Join(", ", Keys));
                }
            }

            string platform = GetString(root, "platform", errors) ?? "esp32";
            if (platform != "esp32")
            {
                errors.Add("platform \"" + platform + "\" is not supported: this tool knows the ESP32 partition tables only");
            }

            string target = GetString(root, "target", errors);
            string chip = GetString(root, "chip", errors);
            if (target == null)
            {
                errors.Add("\"target\" is required, e.g. \"ESP32_BLE_REV3\" (nanoff --listtargets --platform esp32)");
            }
            else if (chip != null)
            {
                if (!Esp32Chips.KnownChips.Contains(chip))
                {
                    errors.Add("chip \"" + chip + "\" is unknown; use one of " + string.Join(", ", Esp32Chips.KnownChips));
                }
            }
            else if (!Esp32Chips.KnownTargets.Contains(target))
            {
                string suggestion = Esp32Chips.Suggest(target);
                errors.Add("target \"" + target + "\" is not a known ESP32 target" +
                           (suggestion != null ? " (did you mean \"" + suggestion + "\"?)" : "") +
                           "; for a board target not in this list set \"chip\" (esp32, esp32s3, ...) explicitly");
            }
            else
            {
                chip = Esp32Chips.ChipOf(target);
            }

            bool requiresBle = GetBool(root, "requiresBle", errors) ?? false;
            if (requiresBle && target != null && chip == Esp32Chips.Esp32 && Esp32Chips.KnownTargets.Contains(target) &&
                !Esp32Chips.ClassicBleTargets.Contains(target))
            {
                errors.Add("target " + target + " has no Bluetooth on classic ESP32, but requiresBle is true (BLE provisioning); " +
                           "use " + string.Join(", ", Esp32Chips.ClassicBleTargets));
            }

            string port = options.SerialPortOverride ?? GetString(root, "serialPort", errors);
            bool placeholder = port != null && IsPlaceholder(port);
            if (port == null)
            {
                errors.Add("\"serialPort\" is required (e.g. /dev/ttyUSB0 or COM3), or pass --port");
            }
            else if (placeholder && !options.AllowPlaceholderPort)
            {
                errors.Add("serialPort is still the placeholder \"" + port + "\": set it in " + name + " or pass --port (nanoff --listports lists them)");
            }
            else if (placeholder)
            {
                warnings.Add("serialPort is the placeholder \"" + port + "\"; pass --port to run these commands");
            }

            int? baud = GetInt(root, "baud", errors);
            if (baud is < 9600 or > 3000000)
            {
                errors.Add("baud " + baud + " is out of range (9600..3000000)");
            }

            string clr = GetPath(root, "clrFile", baseDir, ".bin", options.CheckFiles, errors);
            bool massErase = GetBool(root, "massErase", errors) ?? false;
            if (massErase && clr == null && root.TryGetProperty("clrFile", out _) == false)
            {
                errors.Add("massErase needs a firmware update: set \"clrFile\"");
            }

            string image = GetPath(root, "deployImage", baseDir, ".bin", options.CheckFiles, errors);
            DeployMethod method = DeployMethod.Serial;
            string methodText = GetString(root, "deployMethod", errors);
            if (methodText != null)
            {
                if (methodText == "serial")
                {
                    method = DeployMethod.Serial;
                }
                else if (methodText == "nanodevice")
                {
                    method = DeployMethod.NanoDevice;
                }
                else
                {
                    errors.Add("deployMethod must be \"serial\" (bootloader, fixed address) or \"nanodevice\" (asks the running nanoCLR)");
                }
            }

            uint? address = null;
            string addressText = GetString(root, "deployAddress", errors);
            bool addressOverride = GetBool(root, "deployAddressOverride", errors) ?? false;
            if (addressText != null)
            {
                address = ParseAddress(addressText, errors);
            }

            if (image != null && method == DeployMethod.Serial && addressText == null)
            {
                errors.Add("\"deployAddress\" is required for serial deployment: without --address nanoff writes to 0x1B0000, " +
                           "which on classic ESP32 is inside the nanoCLR partition" +
                           (chip != null && Esp32Chips.KnownChips.Contains(chip) ? " (use \"" + Hex(Esp32Chips.DeployAddressOf(chip)) + "\" for " + chip + ")" : "") +
                           "; or set \"deployMethod\": \"nanodevice\"");
            }

            if (address != null && chip != null && Esp32Chips.KnownChips.Contains(chip))
            {
                uint expected = Esp32Chips.DeployAddressOf(chip);
                if (address.Value != expected)
                {
                    string why = chip == Esp32Chips.Esp32 && address.Value == Esp32Chips.NanoffDefaultDeployAddress
                        ? "0x1B0000 is nanoff's default for S2/S3/C3/P4; on classic ESP32 it lies inside the nanoCLR \"factory\" " +
                          "partition (0x10000..0x1E0000) and would overwrite the firmware. "
                        : "";
                    string message = "deployAddress " + Hex(address.Value) + " does not match the deploy partition of " + chip +
                                     " (" + Hex(expected) + " in the current nf-interpreter partition tables). " + why +
                                     "Check the partition table of the firmware you flash";
                    if (addressOverride)
                    {
                        warnings.Add(message + " (accepted: deployAddressOverride is true)");
                    }
                    else
                    {
                        errors.Add(message + "; set \"deployAddressOverride\": true only for a custom table");
                    }
                }
            }

            if (method == DeployMethod.NanoDevice && addressText != null)
            {
                warnings.Add("deployAddress is ignored with deployMethod \"nanodevice\" (the device reports its own address)");
            }

            string files = GetPath(root, "fileDeployment", baseDir, ".json", options.CheckFiles, errors);
            string network = GetPath(root, "networkDeployment", baseDir, ".json", options.CheckFiles, errors);
            CheckNanoffJson(files, "fileDeployment", options.CheckFiles, errors);
            CheckNanoffJson(network, "networkDeployment", options.CheckFiles, errors);

            if (clr == null && image == null && files == null && network == null && errors.Count == 0)
            {
                errors.Add("nothing to do: set at least one of clrFile, deployImage, fileDeployment, networkDeployment");
            }

            if (errors.Count > 0)
            {
                return new ProfileResult(null, errors, warnings);
            }

            var profile = new FlashProfile
            {
                ConfigPath = Path.GetFullPath(configPath),
                Platform = platform,
                Target = target,
                Chip = chip,
                SerialPort = port,
                SerialPortIsPlaceholder = placeholder,
                Baud = baud,
                ClrFile = clr,
                MassErase = massErase,
                DeployImage = image,
                DeployMethod = method,
                DeployAddress = method == DeployMethod.Serial ? address : null,
                FileDeployment = files,
                NetworkDeployment = network,
            };
            return new ProfileResult(profile, errors, warnings);
        }
    }

    /// <summary>"0x1E0000" style.</summary>
    public static string Hex(uint value) => "0x" + value.ToString("X6", CultureInfo.InvariantCulture);

    private static bool IsPlaceholder(string port) =>
        port.Length == 0 || port.Contains('<') || port.Contains("REPLACE", StringComparison.OrdinalIgnoreCase);

    private static uint? ParseAddress(string text, List<string> errors)
    {
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ||
            !uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value))
        {
            errors.Add("deployAddress \"" + text + "\" must be a hex address like \"0x1E0000\"");
            return null;
        }

        if (value % 0x1000 != 0)
        {
            errors.Add("deployAddress " + text + " is not aligned to a 4 KB flash sector");
            return null;
        }

        if (value < 0x10000 || value >= 0x1000000)
        {
            errors.Add("deployAddress " + text + " is outside the application area of a 16 MB flash (0x10000..0xFFF000)");
            return null;
        }

        return value;
    }

    private static void CheckNanoffJson(string path, string key, bool checkFiles, List<string> errors)
    {
        if (path == null || !checkFiles || !File.Exists(path))
        {
            return;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(key + " " + path + " must contain a JSON object");
            }
        }
        catch (JsonException e)
        {
            errors.Add(key + " " + path + " is not valid JSON for nanoff (it rejects comments, although its README shows them): " + e.Message);
        }
    }

    private static string GetPath(JsonElement root, string key, string baseDir, string extension, bool checkFiles, List<string> errors)
    {
        string value = GetString(root, key, errors);
        if (value == null)
        {
            return null;
        }

        if (value.Length == 0)
        {
            errors.Add(key + " is empty; remove the key or give a path");
            return null;
        }

        string full = Path.GetFullPath(Path.Combine(baseDir, value));
        if (!full.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(key + " must be a " + extension + " file: " + value);
            return null;
        }

        if (checkFiles && !File.Exists(full))
        {
            errors.Add(key + " not found: " + full + Hint(key));
            return null;
        }

        return full;
    }

    private static string Hint(string key) => key switch
    {
        "clrFile" => " (build the firmware with the NanoProv interop: see README \"Flash and provision a real ESP32\")",
        "deployImage" => " (build firmware/NanoProv.App in Release: the .bin is produced for Exe projects)",
        _ => "",
    };

    private static string GetString(JsonElement root, string key, List<string> errors)
    {
        if (!root.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(key + " must be a string");
            return null;
        }

        return value.GetString();
    }

    private static bool? GetBool(JsonElement root, string key, List<string> errors)
    {
        if (!root.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(key + " must be true or false");
            return null;
        }

        return value.GetBoolean();
    }

    private static int? GetInt(JsonElement root, string key, List<string> errors)
    {
        if (!root.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int n))
        {
            errors.Add(key + " must be an integer");
            return null;
        }

        return n;
    }
}

/// <summary>Outcome of loading a profile: the profile (when valid), every error and every warning.</summary>
public sealed class ProfileResult
{
    internal ProfileResult(FlashProfile profile, List<string> errors, List<string> warnings)
    {
        Profile = profile;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The validated profile, or null.</summary>
    public FlashProfile Profile { get; }

    /// <summary>Problems that make the profile unusable.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Things worth knowing that do not stop the run.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when <see cref="Profile"/> is set.</summary>
    public bool Ok => Profile != null;

    internal static ProfileResult Failed(string error) => new(null, new List<string> { error }, new List<string>());
}
