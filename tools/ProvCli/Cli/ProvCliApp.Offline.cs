using System.CommandLine;
using System.Globalization;
using System.Text;
using NanoProv.Client.Qr;
using NanoProv.Client.Security;

namespace NanoProv.Client.Cli;

public static partial class ProvCliApp
{
    // ------------------------------------------------------------------ offline commands

    private static Command BuildSec2()
    {
        var user = new Option<string>("--username", "--sec2-user") { Description = "Security 2 username", Required = true };
        var password = new Option<string>("--password", "--sec2-password") { Description = "Security 2 password", Required = true };
        var saltLen = new Option<int>("--salt-len") { Description = "Random salt length in bytes (default 16, like esp_prov)", DefaultValueFactory = _ => 16 };
        var salt = new Option<string>("--salt") { Description = "Use this salt (hex) instead of a random one; for reproducible output only" };
        AddCheck(saltLen, v => v < 1 || v > 1024 ? "--salt-len must be 1 to 1024" : null);
        var gen = new Command("gen-cred",
            "Generate the salt and SRP verifier a Security 2 device stores (esp_prov --sec2_gen_cred). " +
            "Prints hex, C arrays (ESP-IDF) and C# arrays (NanoProv). The password itself never goes on the device.");
        gen.Options.Add(user);
        gen.Options.Add(password);
        gen.Options.Add(saltLen);
        gen.Options.Add(salt);
        gen.SetAction(p =>
        {
            var output = p.InvocationConfiguration.Output;
            var error = p.InvocationConfiguration.Error;
            try
            {
                string saltHex = p.GetValue(salt);
                Sec2Credentials creds;
                if (saltHex != null)
                {
                    byte[] saltBytes;
                    try
                    {
                        saltBytes = Hex.Parse(saltHex);
                    }
                    catch (FormatException e)
                    {
                        throw new ProvClientException(ProvErrorKind.InvalidArgument, "invalid --salt: " + e.Message);
                    }
                    creds = Sec2Credentials.FromSalt(p.GetValue(user), p.GetValue(password), saltBytes);
                }
                else
                {
                    creds = Sec2Credentials.Generate(p.GetValue(user), p.GetValue(password), p.GetValue(saltLen));
                }
                if (creds.InnerHashAmbiguous)
                    error.WriteLine("warning: for this username/password H(user:password) starts with 0x00. esp_prov and ESP-IDF's " +
                                    "on-device generator disagree on such credentials (this verifier follows esp_prov). Choose another password.");
                output.WriteLine($"Security 2 credentials for username \"{creds.Username}\" (salt {creds.Salt.Length} bytes, verifier {creds.Verifier.Length} bytes)");
                output.WriteLine();
                output.WriteLine("salt (hex):     " + Hex.ToHex(creds.Salt));
                output.WriteLine("verifier (hex): " + Hex.ToHex(creds.Verifier));
                output.WriteLine();
                output.WriteLine("/* C (ESP-IDF wifi_prov_mgr / protocomm_security2_params_t) */");
                output.WriteLine(creds.ToCArrays());
                output.WriteLine();
                output.WriteLine("// C# (NanoProv)");
                output.WriteLine(creds.ToCSharpArrays());
                return ExitCodes.Success;
            }
            catch (ProvClientException e)
            {
                error.WriteLine("error: " + e.Message);
                return ExitCodes.For(e.Kind);
            }
        });
        var sec2 = new Command("sec2", "Security 2 tools.");
        sec2.Subcommands.Add(gen);
        return sec2;
    }

    private static Command BuildQr(CliEnvironment env)
    {
        var name = new Option<string>("--name", "--service-name") { Description = "Device service name (SoftAP SSID / BLE name), e.g. PROV_FC2FB4", Required = true };
        var transport = new Option<string>("--transport") { Description = "softap or ble (default softap)", DefaultValueFactory = _ => "softap" };
        var security = new Option<string>("--security") { Description = "Security scheme 0, 1 or 2 (default 2)", DefaultValueFactory = _ => "2" };
        var pop = new Option<string>("--pop") { Description = "Security 1 PoP (Security 2: the password, same as --sec2-password)" };
        var user = new Option<string>("--username", "--sec2-user") { Description = "Security 2 username" };
        var password = new Option<string>("--sec2-password") { Description = "Security 2 password (written to the \"pop\" key)" };
        var softapPassword = new Option<string>("--softap-password") { Description = "WPA2 passphrase of the device's SoftAP, if it has one" };
        var png = new Option<string>("--png") { Description = "Also write the QR code as a PNG file" };
        var noTerminal = new Option<bool>("--no-terminal") { Description = "Do not draw the QR code in the terminal" };
        var invert = new Option<bool>("--invert") { Description = "Invert the terminal QR code (for light-on-dark terminals if scanning fails)" };
        transport.AcceptOnlyFromAmong("softap", "ble");
        security.AcceptOnlyFromAmong("0", "1", "2");
        var cmd = new Command("qr", "Print the provisioning QR payload (JSON, ESP key order) as text, terminal QR code and optionally PNG.");
        foreach (var o in new Option[] { name, transport, security, pop, user, password, softapPassword, png, noTerminal, invert }) cmd.Options.Add(o);
        cmd.SetAction(p => Guard(env, () =>
        {
            int sec = int.Parse(p.GetValue(security) ?? "2", CultureInfo.InvariantCulture);
            string secret = p.GetValue(password) ?? p.GetValue(pop);
            if (sec == 2 && string.IsNullOrEmpty(p.GetValue(user)))
                throw new ProvClientException(ProvErrorKind.InvalidArgument, "a Security 2 QR code needs --username (and --sec2-password)");
            string payload = QrPayload.Build(new QrPayloadOptions
            {
                Name = p.GetValue(name),
                Transport = p.GetValue(transport),
                Security = sec,
                Pop = sec == 0 ? null : secret,
                Username = sec == 2 ? p.GetValue(user) : null,
                SoftApPassword = p.GetValue(softapPassword),
            });
            var w = env.Out;
            w.WriteLine("QR payload: " + payload);
            if (payload.Length > QrPayload.RecommendedMaxLength)
                env.Err.WriteLine($"warning: the payload is {payload.Length} characters; keep it under {QrPayload.RecommendedMaxLength} for easy scanning");
            w.WriteLine("Browser:    " + QrPayload.JumpstartUrl(payload));
            if (!p.GetValue(noTerminal))
            {
                w.WriteLine();
                w.WriteLine(QrPayload.RenderTerminal(payload, p.GetValue(invert)));
            }
            string pngPath = p.GetValue(png);
            if (pngPath != null)
            {
                try
                {
                    File.WriteAllBytes(pngPath, QrPayload.RenderPng(payload));
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new ProvClientException(ProvErrorKind.InvalidArgument, $"cannot write {pngPath}: {e.Message}");
                }
                w.WriteLine("PNG written to " + pngPath);
            }
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
