using System.Text.Json;
using System.Text.Json.Nodes;
using NanoProv.Platform;

namespace NanoProv.Host.Storage;

/// <summary>
/// <see cref="ICredentialStore"/> in a small JSON file (the simulator's "flash"). Writes are atomic: a temporary file
/// in the same directory, created with mode 0600 where the OS has Unix permissions, flushed to disk and renamed over
/// the target. The passphrase is stored as hex (like the device's config block, not encrypted) and never logged.
/// A file that cannot be read or parsed counts as "nothing stored" (and is left in place for inspection).
/// <code>
/// { "format": "nanoprov-credentials/1", "ssid_hex": "486f6d654e6574", "ssid_text": "HomeNet",
///   "passphrase_hex": "...", "bssid_hex": "", "channel": 0 }
/// </code>
/// </summary>
public sealed class FileCredentialStore : ICredentialStore
{
    /// <summary>Value of the "format" key.</summary>
    public const string Format = "nanoprov-credentials/1";

    private readonly object _sync = new();
    private readonly Action<string> _warn;

    /// <summary>Creates a store for <paramref name="path"/> (the directory is created on first save).</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="warn">Receives warnings (never secrets); may be null.</param>
    public FileCredentialStore(string path, Action<string> warn = null)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("path must not be empty", nameof(path));
        }

        Path = System.IO.Path.GetFullPath(path);
        _warn = warn;
    }

    /// <summary>Full path of the JSON file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public StoredNetwork Load()
    {
        lock (_sync)
        {
            if (!File.Exists(Path))
            {
                return null;
            }

            try
            {
                var root = JsonNode.Parse(File.ReadAllText(Path)) as JsonObject
                    ?? throw new FormatException("not a JSON object");
                if ((string)root["format"] != Format)
                {
                    throw new FormatException("unknown format");
                }

                byte[] ssid = Convert.FromHexString((string)root["ssid_hex"] ?? string.Empty);
                byte[] pass = Convert.FromHexString((string)root["passphrase_hex"] ?? string.Empty);
                byte[] bssid = Convert.FromHexString((string)root["bssid_hex"] ?? string.Empty);
                int channel = (int?)root["channel"] ?? 0;
                if (ssid.Length is < 1 or > 32 || (pass.Length != 0 && pass.Length is < 8 or > 63) || (bssid.Length != 0 && bssid.Length != 6))
                {
                    throw new FormatException("field lengths out of range");
                }

                var network = new StoredNetwork(ssid, pass, bssid, channel);
                Array.Clear(pass);
                return network;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException)
            {
                _warn?.Invoke($"credential file {Path} ignored: {ex.GetType().Name}");
                return null;
            }
        }
    }

    /// <inheritdoc />
    public void Save(StoredNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var root = new JsonObject
        {
            ["format"] = Format,
            ["ssid_hex"] = Convert.ToHexString(network.Ssid).ToLowerInvariant(),
            ["ssid_text"] = PrintableOrNull(network.Ssid),
            ["passphrase_hex"] = Convert.ToHexString(network.Passphrase).ToLowerInvariant(),
            ["bssid_hex"] = network.Bssid == null ? string.Empty : Convert.ToHexString(network.Bssid).ToLowerInvariant(),
            ["channel"] = network.Channel,
        };
        byte[] content = JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { WriteIndented = true });

        lock (_sync)
        {
            string directory = System.IO.Path.GetDirectoryName(Path)!;
            Directory.CreateDirectory(directory);
            string temp = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(Path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(temp, options))
                {
                    stream.Write(content);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, Path, overwrite: true);
            }
            finally
            {
                Array.Clear(content);
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Clear()
    {
        lock (_sync)
        {
            if (File.Exists(Path))
            {
                File.Delete(Path);
            }
        }
    }

    private static string PrintableOrNull(byte[] ssid)
    {
        foreach (byte b in ssid)
        {
            if (b < 0x20 || b > 0x7e)
            {
                return null;
            }
        }

        return System.Text.Encoding.ASCII.GetString(ssid);
    }
}
