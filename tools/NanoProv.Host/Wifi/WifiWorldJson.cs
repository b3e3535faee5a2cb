using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoProv.Host.Wifi;

/// <summary>
/// Reads and writes world files (ProvSim <c>--world FILE.json</c>). Format (every key optional unless noted;
/// unknown keys are errors so typos do not pass silently):
/// <code>
/// {
///   "scan_latency_ms": 1500,        // scan time when the client sends no period_ms
///   "association_delay_ms": 600,    // connect -> associated
///   "dhcp_delay_ms": 800,           // associated -> IP
///   "auth_failure_delay_ms": 3500,  // wrong passphrase -> AuthError
///   "not_found_delay_ms": 2500,     // unknown SSID -> NetworkNotFound
///   "access_points": [              // required
///     { "ssid": "HomeNet",          // or "ssid_hex": "486f6d654e6574" (any bytes, 0..32)
///       "bssid": "24:0a:c4:00:00:06", // required; 6 bytes, ':' '-' or no separators
///       "channel": 6, "rssi": -40,
///       "auth": "WPA2_PSK",         // name (Open, WEP, WPA_PSK, WPA2_PSK, WPA_WPA2_PSK, WPA2_ENTERPRISE, WPA3_PSK,
///                                   // WPA2_WPA3_PSK, WAPI_PSK, OWE, ...) or raw number (values above 7 allowed)
///       "password": "homepass",     // or "password_hex"; ignored for Open/OWE
///       "hidden": false,            // hidden: empty SSID in scans, joinable by name
///       "ip": "192.168.1.23",       // address given by DHCP
///       "fail_first_attempts": 0,   // this many attempts fail first ...
///       "fail_reason_code": 15,     // ... with this raw ESP-IDF reason (15 handshake timeout, 201 no AP, 202 auth fail)
///       "dhcp": "assign",           // or "timeout": associates but never gets an address
///       "dhcp_delay_ms": 800 } ]    // per-AP override
/// }
/// </code>
/// </summary>
public static class WifiWorldJson
{
    private static readonly HashSet<string> TopKeys = new()
    {
        "scan_latency_ms", "association_delay_ms", "dhcp_delay_ms", "auth_failure_delay_ms", "not_found_delay_ms", "access_points", "comment",
    };

    private static readonly HashSet<string> ApKeys = new()
    {
        "ssid", "ssid_hex", "bssid", "channel", "rssi", "auth", "password", "password_hex", "hidden", "ip",
        "fail_first_attempts", "fail_reason_code", "dhcp", "dhcp_delay_ms", "comment",
    };

    /// <summary>Loads a world file. Throws <see cref="FormatException"/> with the offending key on bad content.</summary>
    public static SimulatedWifiWorld Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses world JSON. Throws <see cref="FormatException"/> on bad content.</summary>
    public static SimulatedWifiWorld Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject;
        }
        catch (JsonException ex)
        {
            throw new FormatException("world file is not valid JSON: " + ex.Message, ex);
        }

        if (root == null)
        {
            throw new FormatException("world file must be a JSON object");
        }

        CheckKeys(root, TopKeys, "world");
        var defaults = new WifiWorldTiming();
        var timing = new WifiWorldTiming
        {
            ScanLatencyMs = Int(root, "scan_latency_ms", defaults.ScanLatencyMs, 0, 600_000),
            AssociationDelayMs = Int(root, "association_delay_ms", defaults.AssociationDelayMs, 0, 600_000),
            DhcpDelayMs = Int(root, "dhcp_delay_ms", defaults.DhcpDelayMs, 0, 600_000),
            AuthFailureDelayMs = Int(root, "auth_failure_delay_ms", defaults.AuthFailureDelayMs, 0, 600_000),
            NotFoundDelayMs = Int(root, "not_found_delay_ms", defaults.NotFoundDelayMs, 0, 600_000),
        };

        if (root["access_points"] is not JsonArray list)
        {
            throw new FormatException("world: \"access_points\" (array) is required");
        }

        var aps = new List<SimulatedAccessPoint>();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject o)
            {
                throw new FormatException($"access_points[{i}] must be an object");
            }

            aps.Add(ParseAp(o, $"access_points[{i}]"));
        }

        try
        {
            return new SimulatedWifiWorld(aps, timing);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    /// <summary>Writes a world as JSON in the format <see cref="Parse"/> reads.</summary>
    public static string Serialize(SimulatedWifiWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var aps = new JsonArray();
        foreach (var ap in world.AccessPoints)
        {
            var o = new JsonObject();
            if (IsPrintable(ap.Ssid))
            {
                o["ssid"] = Encoding.ASCII.GetString(ap.Ssid);
            }
            else
            {
                o["ssid_hex"] = Convert.ToHexString(ap.Ssid).ToLowerInvariant();
            }

            o["bssid"] = string.Join(":", ap.Bssid.Select(b => b.ToString("x2")));
            o["channel"] = ap.Channel;
            o["rssi"] = ap.Rssi;
            o["auth"] = AuthModes.Name(ap.AuthMode);
            if (ap.Password.Length > 0)
            {
                if (IsPrintable(ap.Password))
                {
                    o["password"] = Encoding.ASCII.GetString(ap.Password);
                }
                else
                {
                    o["password_hex"] = Convert.ToHexString(ap.Password).ToLowerInvariant();
                }
            }

            if (ap.Hidden)
            {
                o["hidden"] = true;
            }

            o["ip"] = ap.IpAddress;
            if (ap.FailFirstAttempts > 0)
            {
                o["fail_first_attempts"] = ap.FailFirstAttempts;
                o["fail_reason_code"] = ap.FailReasonCode;
            }

            if (ap.Dhcp == DhcpBehavior.Timeout)
            {
                o["dhcp"] = "timeout";
            }

            if (ap.DhcpDelayMs >= 0)
            {
                o["dhcp_delay_ms"] = ap.DhcpDelayMs;
            }

            aps.Add(o);
        }

        var t = world.Timing;
        var root = new JsonObject
        {
            ["scan_latency_ms"] = t.ScanLatencyMs,
            ["association_delay_ms"] = t.AssociationDelayMs,
            ["dhcp_delay_ms"] = t.DhcpDelayMs,
            ["auth_failure_delay_ms"] = t.AuthFailureDelayMs,
            ["not_found_delay_ms"] = t.NotFoundDelayMs,
            ["access_points"] = aps,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static SimulatedAccessPoint ParseAp(JsonObject o, string where)
    {
        CheckKeys(o, ApKeys, where);
        byte[] ssid;
        if (o.ContainsKey("ssid") && o.ContainsKey("ssid_hex"))
        {
            throw new FormatException($"{where}: give \"ssid\" or \"ssid_hex\", not both");
        }

        if (o.ContainsKey("ssid_hex"))
        {
            ssid = Hex(o, "ssid_hex", where);
        }
        else
        {
            ssid = Encoding.UTF8.GetBytes(Str(o, "ssid", where) ?? throw new FormatException($"{where}: \"ssid\" or \"ssid_hex\" is required"));
        }

        string bssidText = Str(o, "bssid", where) ?? throw new FormatException($"{where}: \"bssid\" is required");
        byte[] bssid;
        try
        {
            bssid = Convert.FromHexString(bssidText.Replace(":", string.Empty).Replace("-", string.Empty));
        }
        catch (FormatException)
        {
            throw new FormatException($"{where}.bssid: not hex");
        }

        if (bssid.Length != 6)
        {
            throw new FormatException($"{where}.bssid: must be 6 bytes");
        }

        int auth;
        var authNode = o["auth"];
        if (authNode == null)
        {
            auth = AuthModes.Wpa2Psk;
        }
        else if (authNode.GetValueKind() == JsonValueKind.Number)
        {
            auth = authNode.GetValue<int>();
        }
        else
        {
            auth = AuthModes.Parse(authNode.GetValue<string>());
        }

        byte[] password = o.ContainsKey("password_hex")
            ? Hex(o, "password_hex", where)
            : Encoding.UTF8.GetBytes(Str(o, "password", where) ?? string.Empty);

        string dhcp = Str(o, "dhcp", where) ?? "assign";
        DhcpBehavior behavior = dhcp switch
        {
            "assign" => DhcpBehavior.Assign,
            "timeout" => DhcpBehavior.Timeout,
            _ => throw new FormatException($"{where}.dhcp: \"assign\" or \"timeout\""),
        };

        return new SimulatedAccessPoint
        {
            Ssid = ssid,
            Bssid = bssid,
            Channel = Int(o, "channel", 1, 1, 196),
            Rssi = Int(o, "rssi", -60, -127, 0),
            AuthMode = auth,
            Password = password,
            Hidden = o["hidden"]?.GetValue<bool>() ?? false,
            IpAddress = Str(o, "ip", where) ?? "192.168.1.100",
            FailFirstAttempts = Int(o, "fail_first_attempts", 0, 0, 1000),
            FailReasonCode = Int(o, "fail_reason_code", 15, 0, 65535),
            Dhcp = behavior,
            DhcpDelayMs = Int(o, "dhcp_delay_ms", -1, -1, 600_000),
        };
    }

    private static void CheckKeys(JsonObject o, HashSet<string> allowed, string where)
    {
        foreach (var pair in o)
        {
            if (!allowed.Contains(pair.Key))
            {
                throw new FormatException($"{where}: unknown key \"{pair.Key}\"");
            }
        }
    }

    private static int Int(JsonObject o, string key, int fallback, int min, int max)
    {
        var node = o[key];
        if (node == null)
        {
            return fallback;
        }

        int value;
        try
        {
            value = node.GetValue<int>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new FormatException($"\"{key}\" must be an integer");
        }

        if (value < min || value > max)
        {
            throw new FormatException($"\"{key}\" must be between {min} and {max}");
        }

        return value;
    }

    private static string Str(JsonObject o, string key, string where)
    {
        var node = o[key];
        if (node == null)
        {
            return null;
        }

        try
        {
            return node.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            throw new FormatException($"{where}.{key} must be a string");
        }
    }

    private static byte[] Hex(JsonObject o, string key, string where)
    {
        try
        {
            return Convert.FromHexString(Str(o, key, where) ?? string.Empty);
        }
        catch (FormatException)
        {
            throw new FormatException($"{where}.{key}: not hex");
        }
    }

    private static bool IsPrintable(byte[] data) => data.All(b => b is >= 0x20 and <= 0x7e);
}
