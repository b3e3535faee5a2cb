namespace NanoProv.Host.Wifi;

/// <summary>What happens after a simulated station associated with an access point.</summary>
public enum DhcpBehavior
{
    /// <summary>An address is assigned after the DHCP delay.</summary>
    Assign = 0,
    /// <summary>No address is ever assigned (the manager's DHCP timeout fires).</summary>
    Timeout = 1,
}

/// <summary>One access point of a <see cref="SimulatedWifiWorld"/>. Immutable after the world is built.</summary>
public sealed class SimulatedAccessPoint
{
    /// <summary>SSID bytes (0..32; may contain any byte).</summary>
    public byte[] Ssid { get; init; } = Array.Empty<byte>();

    /// <summary>BSSID (6 bytes).</summary>
    public byte[] Bssid { get; init; } = new byte[6];

    /// <summary>Primary channel (1..14).</summary>
    public int Channel { get; init; } = 1;

    /// <summary>Signal strength as seen by the device, dBm.</summary>
    public int Rssi { get; init; } = -60;

    /// <summary>Raw ESP-IDF auth mode (see <see cref="AuthModes"/>; values above 7 are allowed).</summary>
    public int AuthMode { get; init; } = AuthModes.Wpa2Psk;

    /// <summary>Passphrase bytes needed to join (ignored for open/OWE networks).</summary>
    public byte[] Password { get; init; } = Array.Empty<byte>();

    /// <summary>Hidden network: appears in scans with an empty SSID, but can be joined by name.</summary>
    public bool Hidden { get; init; }

    /// <summary>Address the station gets on this network.</summary>
    public string IpAddress { get; init; } = "192.168.1.100";

    /// <summary>This many attempts fail (with <see cref="FailReasonCode"/>) before the right passphrase works.</summary>
    public int FailFirstAttempts { get; init; }

    /// <summary>Raw reason of the injected failures (default 15, 4-way handshake timeout).</summary>
    public int FailReasonCode { get; init; } = 15;

    /// <summary>DHCP behaviour after association.</summary>
    public DhcpBehavior Dhcp { get; init; } = DhcpBehavior.Assign;

    /// <summary>Overrides the world's DHCP delay for this AP (-1 = use the world's).</summary>
    public int DhcpDelayMs { get; init; } = -1;

    /// <summary>SSID for display: the text when printable ASCII, else hex.</summary>
    public string DisplaySsid
    {
        get
        {
            foreach (byte b in Ssid)
            {
                if (b < 0x20 || b > 0x7e)
                {
                    return "hex:" + Convert.ToHexString(Ssid).ToLowerInvariant();
                }
            }

            return System.Text.Encoding.ASCII.GetString(Ssid);
        }
    }
}
