using System.Text;

namespace NanoProv.Client;

/// <summary>Protocomm status codes (constants.proto <c>Status</c>), as reported in replies.</summary>
public enum DeviceStatus
{
    /// <summary>0: the request succeeded.</summary>
    Success = 0,
    /// <summary>1: never sent by ESP devices.</summary>
    InvalidSecScheme = 1,
    /// <summary>2: never sent by ESP devices.</summary>
    InvalidProto = 2,
    /// <summary>3: never sent by ESP devices.</summary>
    TooManySessions = 3,
    /// <summary>4: an argument failed validation (e.g. SSID too long).</summary>
    InvalidArgument = 4,
    /// <summary>5: the handler refused or failed (e.g. apply twice, reset when not failed).</summary>
    InternalError = 5,
    /// <summary>6: never sent by ESP devices.</summary>
    CryptoError = 6,
    /// <summary>7: never sent by ESP devices.</summary>
    InvalidSession = 7,
}

/// <summary>Station state reported by GetStatus (wifi_constants.proto <c>WifiStationState</c>).</summary>
public enum StationState
{
    /// <summary>0: connected and has an IP address.</summary>
    Connected = 0,
    /// <summary>1: trying (also the answer before any credentials were applied).</summary>
    Connecting = 1,
    /// <summary>2: disconnected (never produced by ESP devices).</summary>
    Disconnected = 2,
    /// <summary>3: gave up; see <see cref="WifiStatus.FailReason"/>.</summary>
    ConnectionFailed = 3,
}

/// <summary>Why the station failed (wifi_constants.proto <c>WifiConnectFailedReason</c>).</summary>
public enum ConnectFailReason
{
    /// <summary>0: authentication failed (wrong Wi-Fi passphrase).</summary>
    AuthError = 0,
    /// <summary>1: no access point with that SSID was found.</summary>
    NetworkNotFound = 1,
}

/// <summary>Wi-Fi authentication mode. Devices may send raw values above 7 (WAPI, OWE, ...); they are kept.</summary>
public enum AuthMode
{
    /// <summary>Open network.</summary>
    Open = 0,
    /// <summary>WEP.</summary>
    Wep = 1,
    /// <summary>WPA-PSK.</summary>
    WpaPsk = 2,
    /// <summary>WPA2-PSK.</summary>
    Wpa2Psk = 3,
    /// <summary>WPA/WPA2-PSK mixed.</summary>
    WpaWpa2Psk = 4,
    /// <summary>WPA2-Enterprise.</summary>
    Wpa2Enterprise = 5,
    /// <summary>WPA3-PSK (SAE).</summary>
    Wpa3Psk = 6,
    /// <summary>WPA2/WPA3-PSK mixed.</summary>
    Wpa2Wpa3Psk = 7,
}

/// <summary>Display helpers for the enums.</summary>
public static class ProvNames
{
    /// <summary>Wire-style name of an auth mode ("WPA2_PSK"), or "auth(9)" for values outside the proto enum.</summary>
    public static string AuthModeName(AuthMode mode) => mode switch
    {
        AuthMode.Open => "Open",
        AuthMode.Wep => "WEP",
        AuthMode.WpaPsk => "WPA_PSK",
        AuthMode.Wpa2Psk => "WPA2_PSK",
        AuthMode.WpaWpa2Psk => "WPA_WPA2_PSK",
        AuthMode.Wpa2Enterprise => "WPA2_ENTERPRISE",
        AuthMode.Wpa3Psk => "WPA3_PSK",
        AuthMode.Wpa2Wpa3Psk => "WPA2_WPA3_PSK",
        _ => $"auth({(int)mode})",
    };

    /// <summary>"aa:bb:cc:dd:ee:ff" for a 6-byte BSSID, hex otherwise, "" when empty.</summary>
    public static string MacText(byte[] mac)
    {
        if (mac == null || mac.Length == 0) return "";
        return string.Join(":", mac.Select(b => b.ToString("x2")));
    }

    /// <summary>
    /// SSID bytes as text: UTF-8 when valid, otherwise a hex form so nothing is silently mangled.
    /// </summary>
    public static string SsidText(byte[] ssid)
    {
        if (ssid == null || ssid.Length == 0) return "";
        try
        {
            return new UTF8Encoding(false, true).GetString(ssid);
        }
        catch (DecoderFallbackException)
        {
            return "0x" + Hex.ToHex(ssid);
        }
    }
}

/// <summary>The <c>connected</c> details of a GetStatus reply.</summary>
public sealed class ConnectedInfo
{
    /// <summary>Dotted IPv4 address as sent by the device.</summary>
    public string Ip4Address { get; init; } = "";
    /// <summary>Authentication mode of the joined network.</summary>
    public AuthMode AuthMode { get; init; }
    /// <summary>Raw SSID bytes.</summary>
    public byte[] SsidBytes { get; init; } = Array.Empty<byte>();
    /// <summary>SSID as text (see <see cref="ProvNames.SsidText"/>).</summary>
    public string Ssid => ProvNames.SsidText(SsidBytes);
    /// <summary>BSSID of the joined access point (6 bytes, may be empty).</summary>
    public byte[] Bssid { get; init; } = Array.Empty<byte>();
    /// <summary>Wi-Fi channel.</summary>
    public int Channel { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"IP {Ip4Address}, SSID \"{Ssid}\", BSSID {ProvNames.MacText(Bssid)}, channel {Channel}, {ProvNames.AuthModeName(AuthMode)}";
}

/// <summary>A decoded GetStatus reply.</summary>
public sealed class WifiStatus
{
    /// <summary>Status field of the reply (Success on ESP devices).</summary>
    public DeviceStatus Status { get; init; }
    /// <summary>Station state.</summary>
    public StationState State { get; init; }
    /// <summary>Set when <see cref="State"/> is ConnectionFailed (the device always sends it then).</summary>
    public ConnectFailReason? FailReason { get; init; }
    /// <summary>Set while Connecting after a failed attempt: attempts the device still has.</summary>
    public uint? AttemptsRemaining { get; init; }
    /// <summary>Set when <see cref="State"/> is Connected.</summary>
    public ConnectedInfo Connected { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        switch (State)
        {
            case StationState.Connected:
                return Connected != null ? "Connected: " + Connected : "Connected";
            case StationState.Connecting:
                return AttemptsRemaining.HasValue
                    ? $"Connecting (an attempt failed, {AttemptsRemaining.Value} attempt(s) remaining)"
                    : "Connecting";
            case StationState.ConnectionFailed:
                return FailReason switch
                {
                    ConnectFailReason.AuthError => "Connection failed: authentication error (wrong Wi-Fi passphrase?)",
                    ConnectFailReason.NetworkNotFound => "Connection failed: network not found",
                    null => "Connection failed (no reason given)",
                    _ => $"Connection failed: reason {(int)FailReason.Value}",
                };
            case StationState.Disconnected:
                return "Disconnected";
            default:
                return $"Unknown station state {(int)State}";
        }
    }
}

/// <summary>One access point from a device scan.</summary>
public sealed class ScanEntry
{
    /// <summary>Raw SSID bytes.</summary>
    public byte[] SsidBytes { get; init; } = Array.Empty<byte>();
    /// <summary>SSID as text.</summary>
    public string Ssid => ProvNames.SsidText(SsidBytes);
    /// <summary>Primary channel.</summary>
    public uint Channel { get; init; }
    /// <summary>Signal strength in dBm (negative).</summary>
    public int Rssi { get; init; }
    /// <summary>BSSID (6 bytes).</summary>
    public byte[] Bssid { get; init; } = Array.Empty<byte>();
    /// <summary>Authentication mode (raw device value; may exceed the proto enum).</summary>
    public AuthMode Auth { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"\"{Ssid}\" {ProvNames.MacText(Bssid)} ch {Channel} {Rssi} dBm {ProvNames.AuthModeName(Auth)}";
}

/// <summary>ScanStatus reply.</summary>
public sealed class ScanStatusInfo
{
    /// <summary>Status field of the scan payload.</summary>
    public DeviceStatus Status { get; init; }
    /// <summary>True when no scan is running.</summary>
    public bool Finished { get; init; }
    /// <summary>Number of stored results.</summary>
    public uint ResultCount { get; init; }
}

/// <summary>One page of scan results.</summary>
public sealed class ScanPage
{
    /// <summary>Status field (5 when the device had fewer entries than requested).</summary>
    public DeviceStatus Status { get; init; }
    /// <summary>Entries in device order (strongest first).</summary>
    public IReadOnlyList<ScanEntry> Entries { get; init; } = Array.Empty<ScanEntry>();
}

/// <summary>Wi-Fi credentials to send with SetConfig.</summary>
public sealed class WifiCredentials
{
    /// <summary>SSID bytes (1..32).</summary>
    public byte[] Ssid { get; init; } = Array.Empty<byte>();
    /// <summary>Passphrase bytes (empty for an open network, else 8..63).</summary>
    public byte[] Passphrase { get; init; } = Array.Empty<byte>();
    /// <summary>Optional BSSID (empty or 6 bytes).</summary>
    public byte[] Bssid { get; init; } = Array.Empty<byte>();
    /// <summary>Optional channel (0 = any).</summary>
    public int Channel { get; init; }

    /// <summary>Builds credentials from text (UTF-8).</summary>
    public static WifiCredentials FromText(string ssid, string passphrase, byte[] bssid = null, int channel = 0) => new()
    {
        Ssid = Encoding.UTF8.GetBytes(ssid ?? ""),
        Passphrase = Encoding.UTF8.GetBytes(passphrase ?? ""),
        Bssid = bssid ?? Array.Empty<byte>(),
        Channel = channel,
    };

    /// <summary>
    /// Checks the rules a device enforces (SSID 1..32 bytes, passphrase empty or 8..63 bytes, BSSID empty or 6 bytes,
    /// channel 0..14 or more for 5 GHz but not negative). Returns null when valid, otherwise a message without secrets.
    /// </summary>
    public string Validate()
    {
        if (Ssid == null || Ssid.Length == 0) return "the SSID is empty";
        if (Ssid.Length > 32) return $"the SSID is {Ssid.Length} bytes long; Wi-Fi allows at most 32";
        int p = Passphrase?.Length ?? 0;
        if (p != 0 && (p < 8 || p > 63))
            return $"the passphrase is {p} bytes long; WPA/WPA2/WPA3 passphrases are 8 to 63 bytes (leave it empty for an open network)";
        int b = Bssid?.Length ?? 0;
        if (b != 0 && b != 6) return $"the BSSID must be 6 bytes, got {b}";
        if (Channel < 0 || Channel > 196) return $"channel {Channel} is out of range";
        return null;
    }
}

/// <summary>Final outcome of <see cref="ProvClient.Provision"/>.</summary>
public enum ProvisionOutcome
{
    /// <summary>The device reported Connected.</summary>
    Connected,
    /// <summary>The device reported ConnectionFailed / AuthError (wrong passphrase).</summary>
    AuthError,
    /// <summary>The device reported ConnectionFailed / NetworkNotFound.</summary>
    NetworkNotFound,
    /// <summary>The device reported Disconnected (repeatedly) or a failure with an unknown reason.</summary>
    Failed,
    /// <summary>No final state before the timeout.</summary>
    TimedOut,
}

/// <summary>Result of a complete provisioning run.</summary>
public sealed class ProvisionResult
{
    /// <summary>How it ended.</summary>
    public ProvisionOutcome Outcome { get; init; }
    /// <summary>Last GetStatus reply (null if none was received).</summary>
    public WifiStatus LastStatus { get; init; }
    /// <summary>Number of GetStatus requests sent.</summary>
    public int StatusPolls { get; init; }
    /// <summary>Time from ApplyConfig to the final state.</summary>
    public TimeSpan Elapsed { get; init; }
    /// <summary>True when <see cref="Outcome"/> is Connected.</summary>
    public bool Succeeded => Outcome == ProvisionOutcome.Connected;
}

/// <summary>Steps reported through <see cref="ProvClientOptions.Progress"/>.</summary>
public enum ProvStep
{
    /// <summary>Asking proto-ver.</summary>
    Version,
    /// <summary>Security handshake running.</summary>
    Handshake,
    /// <summary>Secure session ready.</summary>
    SessionEstablished,
    /// <summary>Device Wi-Fi scan.</summary>
    Scan,
    /// <summary>SetConfig sent/accepted.</summary>
    SetConfig,
    /// <summary>ApplyConfig sent/accepted.</summary>
    ApplyConfig,
    /// <summary>A GetStatus answer while waiting.</summary>
    Status,
    /// <summary>The device reported a failed attempt and keeps trying.</summary>
    AttemptFailed,
    /// <summary>Final success.</summary>
    Connected,
    /// <summary>Final failure.</summary>
    Failed,
    /// <summary>prov-ctrl command.</summary>
    Control,
    /// <summary>Custom endpoint exchange.</summary>
    Custom,
    /// <summary>Something the user should know (e.g. auto-detection overridden).</summary>
    Warning,
}

/// <summary>A progress report.</summary>
/// <param name="Step">Which step.</param>
/// <param name="Message">Human-readable text, never containing secrets.</param>
public sealed record ProvProgress(ProvStep Step, string Message);
