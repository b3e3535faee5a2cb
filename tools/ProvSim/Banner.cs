using NanoProv.Client.Qr;

namespace NanoProv.ProvSim;

/// <summary>What ProvSim prints at start: the QR payload (terminal QR + JSON) and ready-to-paste commands.</summary>
public static class Banner
{
    /// <summary>The QR JSON of this simulator (ESP example format, transport softap).</summary>
    public static string QrJson(SimulatorHost host) => QrPayload.Build(new QrPayloadOptions
    {
        Name = host.ServiceName,
        Transport = host.Ble != null ? "ble" : "softap",
        Security = host.Credentials.Security,
        Pop = host.Credentials.Security == 2 ? host.Credentials.Sec2Password : host.Credentials.Pop,
        Username = host.Credentials.Sec2User,
    });

    /// <summary>The ProvCli command that provisions this simulator onto the given network.</summary>
    public static string ProvCliCommand(SimulatorHost host, string ssid, string passphrase)
    {
        string cmd = $"dotnet run --project tools/ProvCli -- provision{(host.Ble != null ? " --transport ble-sim" : "")} --host {host.HostPort} --security {host.Credentials.Security}";
        cmd += SecurityArguments(host, "--pop", "--sec2-user", "--sec2-password");
        return cmd + $" --ssid {Quote(ssid)} --passphrase {Quote(passphrase)}";
    }

    /// <summary>The esp_prov command (ESP-IDF tools/esp_prov) that provisions this simulator.</summary>
    public static string EspProvCommand(SimulatorHost host, string ssid, string passphrase)
    {
        string cmd = $"python esp_prov.py --transport softap --service_name {host.HostPort} --sec_ver {host.Credentials.Security}";
        cmd += SecurityArguments(host, "--pop", "--sec2_username", "--sec2_pwd");
        return cmd + $" --ssid {Quote(ssid)} --passphrase {Quote(passphrase)}";
    }

    /// <summary>Writes the whole banner.</summary>
    public static void Print(SimulatorHost host, TextWriter output)
    {
        string json = QrJson(host);
        var creds = host.Credentials;
        output.WriteLine();
        output.WriteLine(host.Ble != null
            ? $"NanoProv simulator \"{host.ServiceName}\" advertising on a simulated BLE link; GATT bridge for ProvCli at {host.HostPort}"
            : $"NanoProv simulator \"{host.ServiceName}\" listening on http://{host.HostPort}");
        output.WriteLine($"  security      : {SecurityText(creds)}");
        if (creds.Security == 1 && creds.Pop != null)
            output.WriteLine($"  PoP           : {creds.Pop}{(creds.Generated ? "   (generated development credential, shown only now)" : "")}");
        if (creds.Security == 2)
            output.WriteLine($"  username/pass : {creds.Sec2User} / {creds.Sec2Password}{(creds.Generated ? "   (generated development credentials, shown only now)" : "")}");
        if (host.Ble != null)
            output.WriteLine($"  BLE           : service {host.Ble.Transport.UuidPlan.ServiceUuid}, {host.Ble.Transport.UuidPlan.Count} endpoint characteristics, MTU up to 517");
        else
            output.WriteLine($"  HTTP          : {(host.Settings.ConnectionClose ? "Connection: close after every reply" : "keep-alive (idle timeout " + host.Transport.Options.EffectiveKeepAliveIdleTimeout / 1000 + " s)")}");
        output.WriteLine($"  crypto        : {host.CryptoDescription}");
        output.WriteLine($"  Wi-Fi world   : {host.World.AccessPoints.Count} networks ({(host.Settings.WorldFile ?? "built-in")}); try HomeNet / homepass");
        output.WriteLine($"  after success : {(host.Settings.AutoStop ? "provisioning stops (like a device)" : "keeps serving (use --auto-stop for device behaviour)")}");
        output.WriteLine();
        output.WriteLine("QR payload (scan with a provisioning app, or paste the JSON):");
        output.WriteLine(QrPayload.RenderTerminal(json).TrimEnd('\n'));
        output.WriteLine(json);
        output.WriteLine();
        output.WriteLine("Provision it with ProvCli (from the repository root):");
        output.WriteLine("  " + ProvCliCommand(host, "HomeNet", "homepass"));
        if (host.Ble == null)
        {
            output.WriteLine("Provision it with Espressif's esp_prov (IDF_PATH must contain the protocomm/wifi_provisioning pb2 files):");
            output.WriteLine("  cd $IDF_PATH/tools/esp_prov && " + EspProvCommand(host, "HomeNet", "homepass"));
        }
        output.WriteLine();
        output.WriteLine(host.Settings.Demo ? "Demo: provisioning this simulator through ProvCli's client library." : "Serving until Ctrl-C.");
    }

    private static string SecurityArguments(SimulatorHost host, string pop, string user, string password)
    {
        var creds = host.Credentials;
        if (creds.Security == 1 && creds.Pop != null) return $" {pop} {Quote(creds.Pop)}";
        if (creds.Security == 2) return $" {user} {Quote(creds.Sec2User)} {password} {Quote(creds.Sec2Password)}";
        return "";
    }

    private static string SecurityText(DevCredentials creds) => creds.Security switch
    {
        0 => "0 (no encryption)",
        1 => creds.Pop == null ? "1 (X25519 + AES-CTR, no PoP)" : "1 (X25519 + PoP + AES-CTR)",
        _ => "2 (SRP6a-3072 + AES-GCM, patch 1)",
    };

    /// <summary>Quotes a shell argument when it needs it.</summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "-_.:/@".IndexOf(c) >= 0)) return value;
        return "'" + value.Replace("'", "'\\''") + "'";
    }
}
