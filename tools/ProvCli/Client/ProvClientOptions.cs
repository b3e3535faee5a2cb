using NanoProv.Client.Security;

namespace NanoProv.Client;

/// <summary>Which credential a <see cref="ProvClientOptions.CredentialPrompt"/> is asked for.</summary>
public enum CredentialKind
{
    /// <summary>Security 1 proof of possession.</summary>
    Pop,
    /// <summary>Security 2 username.</summary>
    Sec2Username,
    /// <summary>Security 2 password.</summary>
    Sec2Password,
}

/// <summary>Session-level options of <see cref="ProvClient"/>.</summary>
public sealed class ProvClientOptions
{
    /// <summary>Security scheme 0, 1 or 2; null = auto-detect from proto-ver (sec_ver, else no_sec → 0, else 1).</summary>
    public int? Security { get; init; }

    /// <summary>Security 2 IV rule; null = from proto-ver sec_patch_ver (missing → legacy 0, as esp_prov does).</summary>
    public Sec2Patch? Sec2Patch { get; init; }

    /// <summary>Security 1 proof of possession (ignored when the device advertises no_pop).</summary>
    public string Pop { get; init; }

    /// <summary>Security 2 username.</summary>
    public string Sec2Username { get; init; }

    /// <summary>Security 2 password.</summary>
    public string Sec2Password { get; init; }

    /// <summary>When set, proto-ver must report this version (esp_prov --proto_ver rule, case-insensitive).</summary>
    public string ExpectedVersion { get; init; }

    /// <summary>Body of proto-ver requests (the device ignores it; esp_prov sends "---" and similar).</summary>
    public string VersionRequestBody { get; init; } = "---";

    /// <summary>Asked for a missing credential; return null to give up. Null = never prompt.</summary>
    public Func<CredentialKind, string> CredentialPrompt { get; init; }

    /// <summary>Progress reports (no secrets).</summary>
    public Action<ProvProgress> Progress { get; init; }

    /// <summary>
    /// Verbose protocol trace: hex dumps of requests and replies. Messages carrying the Wi-Fi passphrase are
    /// redacted unless <see cref="TraceSecrets"/> is set; key material is only shown with <see cref="TraceSecrets"/>.
    /// </summary>
    public Action<string> Trace { get; init; }

    /// <summary>Also trace secrets: keys, and messages containing the passphrase. Off by default.</summary>
    public bool TraceSecrets { get; init; }
}

/// <summary>Options of <see cref="ProvClient.Provision"/>.</summary>
public sealed class ProvisionOptions
{
    /// <summary>Delay between GetStatus polls (and before the first one). Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Overall time to wait for Connected or a failure after ApplyConfig. Default 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Check SSID/passphrase/BSSID lengths before sending (default true).</summary>
    public bool ValidateCredentials { get; init; } = true;

    /// <summary>Consecutive Disconnected answers treated as a final failure (the device never sends it normally). Default 3.</summary>
    public int DisconnectedPollsBeforeFailure { get; init; } = 3;
}

/// <summary>Options of <see cref="ProvClient.Scan"/>.</summary>
public sealed class ScanOptions
{
    /// <summary>Ask the device to reply only when the scan finished (default true, like every ESP client).</summary>
    public bool Blocking { get; init; } = true;

    /// <summary>Passive scan (default false = active).</summary>
    public bool Passive { get; init; }

    /// <summary>Channels per group with a pause between groups to keep the SoftAP alive (esp_prov: 5 on SoftAP; 0 = all at once).</summary>
    public uint GroupChannels { get; init; } = 5;

    /// <summary>Per-channel dwell time in ms (default 120).</summary>
    public uint PeriodMs { get; init; } = 120;

    /// <summary>Entries per ScanResult request (default 4, safe for BLE too).</summary>
    public uint PageSize { get; init; } = 4;

    /// <summary>How long to wait for a non-blocking scan to finish. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>ScanStatus poll interval for non-blocking scans. Default 0.5 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>Result of <see cref="ProvClient.Connect"/>.</summary>
public sealed class SessionInfo
{
    /// <summary>The proto-ver reply.</summary>
    public DeviceVersionInfo Version { get; init; }

    /// <summary>Security scheme used (0, 1, 2).</summary>
    public int Security { get; init; }

    /// <summary>Security 2 IV rule (null for 0/1).</summary>
    public Sec2Patch? Sec2Patch { get; init; }

    /// <summary>Human-readable description of the session.</summary>
    public string Description { get; init; } = "";
}
