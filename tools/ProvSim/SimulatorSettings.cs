namespace NanoProv.ProvSim;

/// <summary>How ProvSim picks its crypto provider.</summary>
public enum CryptoMode
{
    /// <summary>The native C library when it can be loaded, otherwise the managed provider.</summary>
    Auto,
    /// <summary>The native C library (mbedTLS) through P/Invoke; fails when it is not built.</summary>
    Native,
    /// <summary>The managed provider (.NET + BouncyCastle); always available.</summary>
    Managed,
}

/// <summary>
/// Everything ProvSim can be told on its command line (see <see cref="CommandLine"/>), with the embedded
/// defaults. The end-to-end tests and the benchmark fill it in code.
/// </summary>
public sealed class SimulatorSettings
{
    /// <summary>Default TCP port on 127.0.0.1.</summary>
    public const int DefaultPort = 8080;

    /// <summary>Default Security 2 username (the one Espressif's apps and examples use).</summary>
    public const string DefaultSec2User = "wifiprov";

    /// <summary>Port on 127.0.0.1 (0 = any free port).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Security scheme 0, 1 or 2 (default 2).</summary>
    public int Security { get; set; } = 2;

    /// <summary>Security 1 proof of possession; null = generate one, "" = no PoP.</summary>
    public string Pop { get; set; }

    /// <summary>Security 2 username; null = "wifiprov".</summary>
    public string Sec2User { get; set; }

    /// <summary>Security 2 password; null = generate one.</summary>
    public string Sec2Password { get; set; }

    /// <summary>JSON file describing the simulated Wi-Fi world; null = the built-in world.</summary>
    public string WorldFile { get; set; }

    /// <summary>Send <c>Connection: close</c> on every reply (the nanoFramework HttpListener default).</summary>
    public bool ConnectionClose { get; set; }

    /// <summary>Service name (SoftAP SSID on a device); null = PROV_ + 6 hex digits of the simulated MAC.</summary>
    public string ServiceName { get; set; }

    /// <summary>Provision itself through the client library, print each step and exit.</summary>
    public bool Demo { get; set; }

    /// <summary>Crypto provider choice.</summary>
    public CryptoMode Crypto { get; set; } = CryptoMode.Auto;

    /// <summary>Stop provisioning after success like a device (default off: the simulator keeps serving).</summary>
    public bool AutoStop { get; set; }

    /// <summary>File that persists the provisioned network (like flash); null = in memory.</summary>
    public string CredentialsFile { get; set; }

    /// <summary>Print the core's log lines (debug level).</summary>
    public bool Verbose { get; set; }

    /// <summary>"http" (SoftAP transport on a loopback HTTP server, default) or "ble-sim" (GATT simulator behind a local bridge).</summary>
    public string Transport { get; set; } = "http";

    /// <summary>True for <c>--transport ble-sim</c>.</summary>
    public bool IsBleSim => string.Equals(Transport, "ble-sim", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the first problem with the settings, or null when they are usable.</summary>
    public string Validate()
    {
        if (Port < 0 || Port > 65535) return "--port must be between 0 and 65535";
        if (Security is < 0 or > 2) return "--security must be 0, 1 or 2";
        if (Pop != null && Security != 1)
        {
            return Security == 2
                ? "--pop is the Security 1 proof of possession; for Security 2 use --sec2-user and --sec2-password"
                : "--pop needs --security 1";
        }

        if ((Sec2User != null || Sec2Password != null) && Security != 2) return "--sec2-user/--sec2-password need --security 2";
        if (Sec2User != null && Sec2User.Length == 0) return "--sec2-user must not be empty";
        if (Sec2Password != null && Sec2Password.Length == 0) return "--sec2-password must not be empty";
        if (Pop != null && System.Text.Encoding.UTF8.GetByteCount(Pop) > 64) return "--pop is limited to 64 bytes";
        if (ServiceName != null && (ServiceName.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(ServiceName) > 32))
            return "--service-name must be 1 to 32 bytes (it is the SoftAP SSID on a device)";
        if (WorldFile != null && !File.Exists(WorldFile)) return $"--world: file not found: {WorldFile}";
        if (Transport != null && !IsBleSim && !string.Equals(Transport, "http", StringComparison.OrdinalIgnoreCase)) return "--transport must be http or ble-sim";
        if (IsBleSim && ConnectionClose) return "--connection-close applies to the HTTP transport only";
        return null;
    }
}
