using System.Text;

namespace NanoProv.Host.Wifi;

/// <summary>
/// The radio environment a <see cref="SimulatedWifiStation"/> lives in: access points with their passwords and
/// failure injections, plus the timing of scans, association, DHCP and failures. Build one in code, load one from
/// a JSON world file (<see cref="WifiWorldJson"/>), or use <see cref="CreateDefault"/>.
/// The per-AP attempt counters (for "first attempts fail") are the only mutable state; they are thread-safe.
/// </summary>
public sealed class SimulatedWifiWorld
{
    private readonly SimulatedAccessPoint[] _accessPoints;
    private readonly int[] _attempts;

    /// <summary>Creates a world.</summary>
    public SimulatedWifiWorld(IEnumerable<SimulatedAccessPoint> accessPoints, WifiWorldTiming timing = null)
    {
        ArgumentNullException.ThrowIfNull(accessPoints);
        _accessPoints = accessPoints.ToArray();
        foreach (var ap in _accessPoints)
        {
            Validate(ap);
        }

        _attempts = new int[_accessPoints.Length];
        Timing = timing ?? new WifiWorldTiming();
    }

    /// <summary>The access points, in definition order.</summary>
    public IReadOnlyList<SimulatedAccessPoint> AccessPoints => _accessPoints;

    /// <summary>Delays used by the simulated station.</summary>
    public WifiWorldTiming Timing { get; }

    /// <summary>
    /// The built-in world of ProvSim: 9 networks covering the interesting cases. Passwords: HomeNet "homepass",
    /// Office "office-secret", Legacy "wepkey-13chr", the 32-byte SSID "edge-case-pass", HiddenLab "hidden-pass",
    /// Flaky "flaky-pass" (first attempt fails with a handshake timeout), NoDhcp "nodhcp-pass" (never gets an address).
    /// Cafe is open, Metro-OWE uses raw auth mode 9 (OWE, outside the proto's 0..7).
    /// </summary>
    public static SimulatedWifiWorld CreateDefault() => new(new[]
    {
        Ap("HomeNet", "240ac4000006", 6, -40, AuthModes.Wpa2Psk, "homepass", "192.168.1.23"),
        Ap("Office", "240ac400000b", 11, -55, AuthModes.Wpa2Wpa3Psk, "office-secret", "10.20.0.57"),
        Ap("Cafe", "240ac4000001", 1, -70, AuthModes.Open, "", "172.16.4.9"),
        Ap("Legacy", "240ac4000003", 3, -88, AuthModes.Wep, "wepkey-13chr", "192.168.2.33"),
        Ap("NanoProv-Edge-SSID-32-bytes-long", "240ac4000020", 9, -62, AuthModes.Wpa2Psk, "edge-case-pass", "192.168.3.32"),
        new SimulatedAccessPoint
        {
            Ssid = Encoding.UTF8.GetBytes("HiddenLab"), Bssid = Convert.FromHexString("240ac4000004"), Channel = 4, Rssi = -58,
            AuthMode = AuthModes.Wpa2Psk, Password = Encoding.UTF8.GetBytes("hidden-pass"), Hidden = true, IpAddress = "192.168.4.44",
        },
        Ap("Metro-OWE", "240ac4000009", 13, -80, AuthModes.Owe, "", "100.64.9.9"),
        new SimulatedAccessPoint
        {
            Ssid = Encoding.UTF8.GetBytes("Flaky"), Bssid = Convert.FromHexString("240ac4000005"), Channel = 5, Rssi = -70,
            AuthMode = AuthModes.Wpa2Psk, Password = Encoding.UTF8.GetBytes("flaky-pass"), IpAddress = "192.168.5.55",
            FailFirstAttempts = 1, FailReasonCode = 15,
        },
        new SimulatedAccessPoint
        {
            Ssid = Encoding.UTF8.GetBytes("NoDhcp"), Bssid = Convert.FromHexString("240ac4000007"), Channel = 7, Rssi = -66,
            AuthMode = AuthModes.Wpa2Psk, Password = Encoding.UTF8.GetBytes("nodhcp-pass"), IpAddress = "0.0.0.0",
            Dhcp = DhcpBehavior.Timeout,
        },
    });

    /// <summary>Finds the access point a station joins for an SSID (and optional BSSID): the strongest match.</summary>
    public SimulatedAccessPoint FindForConnect(byte[] ssid, byte[] bssid, out int index)
    {
        index = -1;
        for (int i = 0; i < _accessPoints.Length; i++)
        {
            var ap = _accessPoints[i];
            if (!ap.Ssid.AsSpan().SequenceEqual(ssid) || (bssid != null && bssid.Length == 6 && !ap.Bssid.AsSpan().SequenceEqual(bssid)))
            {
                continue;
            }

            if (index < 0 || ap.Rssi > _accessPoints[index].Rssi)
            {
                index = i;
            }
        }

        return index < 0 ? null : _accessPoints[index];
    }

    /// <summary>Counts one join attempt on an AP; returns the number of attempts so far including this one.</summary>
    public int CountAttempt(int index) => Interlocked.Increment(ref _attempts[index]);

    /// <summary>Attempts counted on the AP at <paramref name="index"/>.</summary>
    public int AttemptsOn(int index) => Volatile.Read(ref _attempts[index]);

    /// <summary>Forgets every attempt count (so "first attempts fail" applies again).</summary>
    public void ResetAttemptCounters()
    {
        for (int i = 0; i < _attempts.Length; i++)
        {
            Volatile.Write(ref _attempts[i], 0);
        }
    }

    private static SimulatedAccessPoint Ap(string ssid, string bssidHex, int channel, int rssi, int auth, string password, string ip) => new()
    {
        Ssid = Encoding.UTF8.GetBytes(ssid),
        Bssid = Convert.FromHexString(bssidHex),
        Channel = channel,
        Rssi = rssi,
        AuthMode = auth,
        Password = Encoding.UTF8.GetBytes(password),
        IpAddress = ip,
    };

    private static void Validate(SimulatedAccessPoint ap)
    {
        ArgumentNullException.ThrowIfNull(ap);
        if (ap.Ssid == null || ap.Ssid.Length > 32)
        {
            throw new ArgumentException("an access point SSID must be 0..32 bytes");
        }

        if (ap.Bssid == null || ap.Bssid.Length != 6)
        {
            throw new ArgumentException($"access point {ap.DisplaySsid}: BSSID must be 6 bytes");
        }

        if (ap.Channel is < 1 or > 196)
        {
            throw new ArgumentException($"access point {ap.DisplaySsid}: channel must be 1..196");
        }

        if (ap.Rssi is < -127 or > 0)
        {
            throw new ArgumentException($"access point {ap.DisplaySsid}: RSSI must be -127..0 dBm");
        }

        if (ap.AuthMode < 0)
        {
            throw new ArgumentException($"access point {ap.DisplaySsid}: auth mode must not be negative");
        }

        if (ap.FailFirstAttempts < 0)
        {
            throw new ArgumentException($"access point {ap.DisplaySsid}: fail_first_attempts must not be negative");
        }

        if (!System.Net.IPAddress.TryParse(ap.IpAddress, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"access point {ap.DisplaySsid}: ip must be a dotted IPv4 address");
        }
    }
}

/// <summary>Delays of the simulated radio (milliseconds).</summary>
public sealed class WifiWorldTiming
{
    /// <summary>Scan duration when the client gives no per-channel period (default 1500).</summary>
    public int ScanLatencyMs { get; init; } = 1500;

    /// <summary>Time from connect to association (default 600).</summary>
    public int AssociationDelayMs { get; init; } = 600;

    /// <summary>Time from association to an address (default 800).</summary>
    public int DhcpDelayMs { get; init; } = 800;

    /// <summary>Time until a wrong passphrase is reported (a 4-way handshake timeout takes seconds; default 3500).</summary>
    public int AuthFailureDelayMs { get; init; } = 3500;

    /// <summary>Time until "no AP found" (the driver scans every channel first; default 2500).</summary>
    public int NotFoundDelayMs { get; init; } = 2500;

    /// <summary>Channels swept by a scan (default 13).</summary>
    public int ScanChannels { get; init; } = 13;

    /// <summary>Pause after each channel group when the client asks for grouped scanning (default 120, as ESP-IDF).</summary>
    public int GroupPauseMs { get; init; } = 120;

    /// <summary>Scan duration for the given options: channels × period plus group pauses, or <see cref="ScanLatencyMs"/>.</summary>
    public int ScanDuration(NanoProv.Platform.ScanOptions options)
    {
        if (options == null || options.PeriodMilliseconds <= 0)
        {
            return ScanLatencyMs;
        }

        long total = (long)ScanChannels * options.PeriodMilliseconds;
        if (options.GroupChannels > 0)
        {
            total += (long)((ScanChannels - 1) / options.GroupChannels) * GroupPauseMs;
        }

        return (int)Math.Min(total, 600_000);
    }
}
