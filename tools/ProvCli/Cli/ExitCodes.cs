namespace NanoProv.Client.Cli;

/// <summary>
/// ProvCli process exit codes. 0 means the device confirmed success (provision: it reported Connected);
/// unlike esp_prov, failures never exit 0.
/// </summary>
public static class ExitCodes
{
    /// <summary>The device confirmed success (provision: Connected; other commands: the operation succeeded).</summary>
    public const int Success = 0;
    /// <summary>Unexpected internal error (a bug; please report it).</summary>
    public const int InternalError = 1;
    /// <summary>Invalid or missing command-line arguments or credentials.</summary>
    public const int Usage = 2;
    /// <summary>Transport failure: connection refused/unreachable, HTTP error, connection lost, device closed it outside the handshake.</summary>
    public const int Transport = 3;
    /// <summary>Security handshake failed: wrong PoP / SRP username or password, device rate-limiting, bad device proof.</summary>
    public const int Handshake = 4;
    /// <summary>Wi-Fi authentication failed: the device reported AuthError (wrong Wi-Fi passphrase).</summary>
    public const int WifiAuthFailed = 5;
    /// <summary>Wi-Fi network not found: the device reported NetworkNotFound.</summary>
    public const int WifiNetworkNotFound = 6;
    /// <summary>Timed out (no reply, or no Wi-Fi result within --timeout).</summary>
    public const int Timeout = 7;
    /// <summary>The device refused the request (non-success status, e.g. reset when not failed).</summary>
    public const int DeviceRejected = 8;
    /// <summary>Protocol error: malformed or unexpected reply, version or capability mismatch.</summary>
    public const int Protocol = 9;
    /// <summary>Provisioning failed for another reason (Disconnected, unknown failure reason).</summary>
    public const int ProvisioningFailed = 10;
    /// <summary>status: the device is not connected yet (still connecting, or no credentials applied).</summary>
    public const int NotConnected = 11;
    /// <summary>Interrupted (Ctrl-C).</summary>
    public const int Cancelled = 130;

    /// <summary>The table printed in --help and the README.</summary>
    public const string HelpText =
        "Exit codes:\n" +
        "  0    success: the device reported Connected (provision) or the operation succeeded\n" +
        "  1    internal error\n" +
        "  2    usage error: invalid or missing arguments or credentials\n" +
        "  3    transport failure: connection refused/unreachable, HTTP error, connection lost\n" +
        "  4    handshake failed: wrong PoP or Security 2 username/password, or the device is rate-limiting\n" +
        "  5    Wi-Fi authentication failed: the device reported AuthError (wrong Wi-Fi passphrase)\n" +
        "  6    Wi-Fi network not found: the device reported NetworkNotFound\n" +
        "  7    timed out\n" +
        "  8    the device refused the request (e.g. reset when nothing failed, reprov with auto-stop)\n" +
        "  9    protocol error: malformed reply, version or capability mismatch\n" +
        "  10   provisioning failed for another reason (Disconnected)\n" +
        "  11   status only: not connected yet (connecting, or no credentials applied)\n" +
        "  130  interrupted";

    /// <summary>Exit code for a client error kind.</summary>
    public static int For(ProvErrorKind kind) => kind switch
    {
        ProvErrorKind.Transport => Transport,
        ProvErrorKind.DeviceClosedConnection => Transport,
        ProvErrorKind.Handshake => Handshake,
        ProvErrorKind.Protocol => Protocol,
        ProvErrorKind.Timeout => Timeout,
        ProvErrorKind.DeviceRejected => DeviceRejected,
        ProvErrorKind.VersionMismatch => Protocol,
        ProvErrorKind.MissingCredential => Usage,
        ProvErrorKind.InvalidArgument => Usage,
        ProvErrorKind.Cancelled => Cancelled,
        _ => InternalError,
    };

    /// <summary>Exit code for a provisioning outcome.</summary>
    public static int For(ProvisionOutcome outcome) => outcome switch
    {
        ProvisionOutcome.Connected => Success,
        ProvisionOutcome.AuthError => WifiAuthFailed,
        ProvisionOutcome.NetworkNotFound => WifiNetworkNotFound,
        ProvisionOutcome.TimedOut => Timeout,
        _ => ProvisioningFailed,
    };

    /// <summary>Exit code for a GetStatus answer (the status command).</summary>
    public static int For(WifiStatus status) => status.State switch
    {
        StationState.Connected => Success,
        StationState.Connecting => NotConnected,
        StationState.ConnectionFailed => status.FailReason switch
        {
            ConnectFailReason.AuthError => WifiAuthFailed,
            ConnectFailReason.NetworkNotFound => WifiNetworkNotFound,
            _ => ProvisioningFailed,
        },
        _ => ProvisioningFailed,
    };
}
