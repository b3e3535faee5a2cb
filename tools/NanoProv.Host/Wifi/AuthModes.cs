namespace NanoProv.Host.Wifi;

/// <summary>ESP-IDF wifi_auth_mode_t values (raw numbers as the device passes them to clients) and their names.</summary>
public static class AuthModes
{
    /// <summary>Open network.</summary>
    public const int Open = 0;
    /// <summary>WEP.</summary>
    public const int Wep = 1;
    /// <summary>WPA-PSK.</summary>
    public const int WpaPsk = 2;
    /// <summary>WPA2-PSK.</summary>
    public const int Wpa2Psk = 3;
    /// <summary>WPA/WPA2-PSK.</summary>
    public const int WpaWpa2Psk = 4;
    /// <summary>WPA2-Enterprise.</summary>
    public const int Wpa2Enterprise = 5;
    /// <summary>WPA3-PSK (SAE).</summary>
    public const int Wpa3Psk = 6;
    /// <summary>WPA2/WPA3-PSK.</summary>
    public const int Wpa2Wpa3Psk = 7;
    /// <summary>WAPI-PSK (beyond the 8 values of the provisioning proto).</summary>
    public const int WapiPsk = 8;
    /// <summary>OWE (opportunistic wireless encryption).</summary>
    public const int Owe = 9;

    private static readonly string[] Names =
    {
        "Open", "WEP", "WPA_PSK", "WPA2_PSK", "WPA_WPA2_PSK", "WPA2_ENTERPRISE", "WPA3_PSK", "WPA2_WPA3_PSK",
        "WAPI_PSK", "OWE", "WPA3_ENT_192", "WPA3_EXT_PSK", "WPA3_EXT_PSK_MIXED_MODE", "DPP", "WPA3_ENTERPRISE",
        "WPA2_WPA3_ENTERPRISE", "WPA_ENTERPRISE",
    };

    /// <summary>Name of a raw value ("Open", "WPA2_PSK", ...), or the number as text.</summary>
    public static string Name(int raw) => raw >= 0 && raw < Names.Length ? Names[raw] : raw.ToString();

    /// <summary>Parses a name (case-insensitive) or a decimal number.</summary>
    public static int Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text, out int raw) && raw >= 0)
        {
            return raw;
        }

        for (int i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new FormatException($"unknown auth mode '{text}' (use a name such as WPA2_PSK or a number)");
    }

    /// <summary>True when joining needs the right passphrase (everything but Open and OWE).</summary>
    public static bool NeedsPassphrase(int raw) => raw != Open && raw != Owe;
}
