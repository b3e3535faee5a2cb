using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using QRCoder;

namespace NanoProv.Client.Qr;

/// <summary>What goes into a provisioning QR code.</summary>
public sealed class QrPayloadOptions
{
    /// <summary>Service name (SoftAP SSID or BLE device name), e.g. PROV_FC2FB4. Required.</summary>
    public string Name { get; init; } = "";

    /// <summary>"softap" or "ble".</summary>
    public string Transport { get; init; } = "softap";

    /// <summary>Security scheme 0, 1 or 2.</summary>
    public int Security { get; init; } = 2;

    /// <summary>Security 1 PoP, or the Security 2 password (the apps read both from "pop").</summary>
    public string Pop { get; init; }

    /// <summary>Security 2 username.</summary>
    public string Username { get; init; }

    /// <summary>Optional WPA2 passphrase of the device's SoftAP (key "password", understood by the apps).</summary>
    public string SoftApPassword { get; init; }
}

/// <summary>
/// The JSON payload of ESP provisioning QR codes, keys in the order the ESP example prints them:
/// Security 1 <c>{"ver","name","pop","transport"}</c>, Security 2 <c>{"ver","name","username","pop","transport"}</c>,
/// Security 0 <c>{"ver","name","transport","security":0}</c> (the apps default to Security 2 when "security" is
/// absent, and iOS refuses a mismatch involving Security 0).
/// </summary>
public static class QrPayload
{
    /// <summary>Page that renders a payload as a QR code in a browser (used by the ESP example).</summary>
    public const string JumpstartUrlPrefix = "https://espressif.github.io/esp-jumpstart/qrcode.html?data=";

    /// <summary>Recommended maximum payload length (the ESP example keeps it at 150 characters).</summary>
    public const int RecommendedMaxLength = 150;

    /// <summary>Builds the compact JSON payload.</summary>
    /// <exception cref="ProvClientException">Missing name, unknown transport or security.</exception>
    public static string Build(QrPayloadOptions o)
    {
        if (o == null) throw new ArgumentNullException(nameof(o));
        if (string.IsNullOrEmpty(o.Name))
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "the QR payload needs the device's service name (--name)");
        string transport = (o.Transport ?? "").ToLowerInvariant();
        if (transport != "softap" && transport != "ble")
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "the QR transport must be softap or ble");
        if (o.Security < 0 || o.Security > 2)
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "security must be 0, 1 or 2");

        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("ver", "v1");
            w.WriteString("name", o.Name);
            if (o.Security == 2 && !string.IsNullOrEmpty(o.Username)) w.WriteString("username", o.Username);
            if (o.Security != 0 && !string.IsNullOrEmpty(o.Pop)) w.WriteString("pop", o.Pop);
            w.WriteString("transport", transport);
            if (o.Security == 0) w.WriteNumber("security", 0);
            if (!string.IsNullOrEmpty(o.SoftApPassword)) w.WriteString("password", o.SoftApPassword);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>URL of the browser QR page for a payload.</summary>
    public static string JumpstartUrl(string payload) => JumpstartUrlPrefix + Uri.EscapeDataString(payload);

    /// <summary>The QR code as text with half-block characters (two modules per character row).</summary>
    public static string RenderTerminal(string payload, bool invert = false)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        using var ascii = new AsciiQRCode(data);
        return ascii.GetGraphicSmall(drawQuietZones: true, invert: invert, endOfLine: "\n");
    }

    /// <summary>The QR code as PNG bytes.</summary>
    public static byte[] RenderPng(string payload, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }
}
