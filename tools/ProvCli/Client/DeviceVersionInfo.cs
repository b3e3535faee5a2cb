using System.Text;
using System.Text.Json;

namespace NanoProv.Client;

/// <summary>Application info block from proto-ver (a top-level label other than "prov").</summary>
public sealed class AppVersionInfo
{
    /// <summary>The label (JSON key).</summary>
    public string Label { get; init; } = "";
    /// <summary>"ver" value, may be empty.</summary>
    public string Version { get; init; } = "";
    /// <summary>"cap" values.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = Array.Empty<string>();
}

/// <summary>
/// The decoded reply of the <c>proto-ver</c> endpoint. The device sends JSON such as
/// <c>{"prov":{"ver":"v1.1","sec_ver":2,"sec_patch_ver":1,"cap":["wifi_scan"]}}</c>; very old firmware sent a
/// plain version string, which is kept in <see cref="RawText"/> with <see cref="IsJson"/> false.
/// </summary>
public sealed class DeviceVersionInfo
{
    /// <summary>Reply text as received.</summary>
    public string RawText { get; init; } = "";
    /// <summary>True when the reply parsed as a JSON object.</summary>
    public bool IsJson { get; init; }
    /// <summary>prov.ver (e.g. "v1.1"), or the raw text when not JSON.</summary>
    public string ProvVersion { get; init; } = "";
    /// <summary>prov.sec_ver when present.</summary>
    public int? SecurityVersion { get; init; }
    /// <summary>prov.sec_patch_ver when present (clients treat missing as 0).</summary>
    public int? SecurityPatchVersion { get; init; }
    /// <summary>prov.cap in order.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = Array.Empty<string>();
    /// <summary>Application labels other than "prov", in order.</summary>
    public IReadOnlyList<AppVersionInfo> Apps { get; init; } = Array.Empty<AppVersionInfo>();

    /// <summary>True if prov.cap contains <paramref name="capability"/> (exact match).</summary>
    public bool HasCapability(string capability) => Capabilities.Contains(capability, StringComparer.Ordinal);

    /// <summary>
    /// esp_prov's <c>--proto_ver</c> rule: the expected text matches prov.ver (or the whole raw reply when it is
    /// not JSON), case-insensitively.
    /// </summary>
    public bool MatchesVersion(string expected)
    {
        if (expected == null) return true;
        string have = IsJson ? ProvVersion : RawText.Trim();
        return string.Equals(have, expected.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One-line summary for progress output.</summary>
    public string Summary()
    {
        if (!IsJson) return $"non-JSON version reply \"{Truncate(RawText, 40)}\"";
        var sb = new StringBuilder();
        sb.Append(ProvVersion.Length > 0 ? ProvVersion : "(no prov.ver)");
        if (SecurityVersion.HasValue) sb.Append(", Security ").Append(SecurityVersion.Value);
        if (SecurityPatchVersion.HasValue) sb.Append(" (patch ").Append(SecurityPatchVersion.Value).Append(')');
        sb.Append(", capabilities: ").Append(Capabilities.Count == 0 ? "none" : string.Join(", ", Capabilities));
        foreach (var app in Apps) sb.Append("; app '").Append(app.Label).Append("' ").Append(app.Version);
        return sb.ToString();
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s.Substring(0, n) + "...";

    /// <summary>Parses a proto-ver reply body. Never throws: non-JSON replies give <see cref="IsJson"/> false.</summary>
    public static DeviceVersionInfo Parse(byte[] body)
    {
        string text = Encoding.UTF8.GetString(body ?? Array.Empty<byte>());
        // A device may (wrongly) append the C string's NUL; tolerate it.
        string trimmed = text.TrimEnd('\0');
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(trimmed);
        }
        catch (JsonException)
        {
            return new DeviceVersionInfo { RawText = text, IsJson = false, ProvVersion = trimmed.Trim() };
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return new DeviceVersionInfo { RawText = text, IsJson = false, ProvVersion = trimmed.Trim() };

            string ver = "";
            int? sec = null, patch = null;
            var caps = new List<string>();
            var apps = new List<AppVersionInfo>();
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "prov" && prop.Value.ValueKind == JsonValueKind.Object)
                {
                    ver = GetString(prop.Value, "ver");
                    sec = GetInt(prop.Value, "sec_ver");
                    patch = GetInt(prop.Value, "sec_patch_ver");
                    caps = GetStrings(prop.Value, "cap");
                }
                else if (prop.Value.ValueKind == JsonValueKind.Object)
                {
                    apps.Add(new AppVersionInfo
                    {
                        Label = prop.Name,
                        Version = GetString(prop.Value, "ver"),
                        Capabilities = GetStrings(prop.Value, "cap"),
                    });
                }
            }
            return new DeviceVersionInfo
            {
                RawText = text,
                IsJson = true,
                ProvVersion = ver,
                SecurityVersion = sec,
                SecurityPatchVersion = patch,
                Capabilities = caps,
                Apps = apps,
            };
        }
    }

    private static string GetString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static int? GetInt(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : null;

    private static List<string> GetStrings(JsonElement obj, string name)
    {
        var list = new List<string>();
        if (obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in v.EnumerateArray())
                if (e.ValueKind == JsonValueKind.String) list.Add(e.GetString() ?? "");
        }
        return list;
    }
}
