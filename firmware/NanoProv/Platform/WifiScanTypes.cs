namespace NanoProv.Platform
{
    /// <summary>Parameters of a Wi-Fi scan (the fields of the provisioning protocol's CmdScanStart).</summary>
    public sealed class ScanOptions
    {
        /// <summary>Creates scan options.</summary>
        /// <param name="passive">True for a passive scan (listen for beacons only).</param>
        /// <param name="groupChannels">0 = scan all channels at once; N &gt; 0 = scan N channels, pause, continue
        /// (keeps a SoftAP responsive).</param>
        /// <param name="periodMilliseconds">Dwell time per channel; 0 = driver default.</param>
        public ScanOptions(bool passive, int groupChannels, int periodMilliseconds)
        {
            Passive = passive;
            GroupChannels = groupChannels < 0 ? 0 : groupChannels;
            PeriodMilliseconds = periodMilliseconds < 0 ? 0 : periodMilliseconds;
        }

        /// <summary>True for a passive scan.</summary>
        public bool Passive { get; private set; }

        /// <summary>Channels per group (0 = all at once).</summary>
        public int GroupChannels { get; private set; }

        /// <summary>Dwell time per channel in milliseconds (0 = default).</summary>
        public int PeriodMilliseconds { get; private set; }
    }

    /// <summary>One access point seen by a scan.</summary>
    public sealed class WifiScanRecord
    {
        /// <summary>Creates a scan record. Arrays are kept, not copied.</summary>
        /// <param name="ssid">SSID bytes (0..32; empty for a hidden network).</param>
        /// <param name="bssid">6-byte BSSID.</param>
        /// <param name="channel">Primary channel.</param>
        /// <param name="rssi">Signal strength in dBm (negative).</param>
        /// <param name="authMode">Raw ESP-IDF auth mode (0 open .. 7 WPA2/WPA3; higher values exist, for example 8 WAPI, 9 OWE).</param>
        public WifiScanRecord(byte[] ssid, byte[] bssid, int channel, int rssi, int authMode)
        {
            Ssid = ssid == null ? new byte[0] : ssid;
            Bssid = bssid == null ? new byte[0] : bssid;
            Channel = channel;
            Rssi = rssi;
            AuthMode = authMode;
        }

        /// <summary>SSID bytes (never null).</summary>
        public byte[] Ssid { get; private set; }

        /// <summary>BSSID bytes (never null; normally 6).</summary>
        public byte[] Bssid { get; private set; }

        /// <summary>Primary channel.</summary>
        public int Channel { get; private set; }

        /// <summary>RSSI in dBm.</summary>
        public int Rssi { get; private set; }

        /// <summary>Raw auth mode value, passed to clients unchanged.</summary>
        public int AuthMode { get; private set; }
    }

    /// <summary>Outcome of one scan.</summary>
    public sealed class WifiScanCompletedEventArgs
    {
        /// <summary>Creates the outcome.</summary>
        /// <param name="succeeded">False when the driver reported an error (results then may be empty).</param>
        /// <param name="results">Access points found, in any order (null = none).</param>
        public WifiScanCompletedEventArgs(bool succeeded, WifiScanRecord[] results)
        {
            Succeeded = succeeded;
            Results = results == null ? new WifiScanRecord[0] : results;
        }

        /// <summary>False when the scan failed.</summary>
        public bool Succeeded { get; private set; }

        /// <summary>Access points found (never null).</summary>
        public WifiScanRecord[] Results { get; private set; }
    }

    /// <summary>Handler of <see cref="IWifiStation.ScanCompleted"/>.</summary>
    public delegate void WifiScanCompletedHandler(object sender, WifiScanCompletedEventArgs e);
}
