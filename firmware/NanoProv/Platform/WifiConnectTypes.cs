namespace NanoProv.Platform
{
    /// <summary>
    /// One connection attempt handed to <see cref="IWifiStation.Connect"/>. The same object comes back in every
    /// event of that attempt, so late events of an abandoned attempt can be told apart.
    /// </summary>
    public sealed class WifiConnectRequest
    {
        /// <summary>Creates a request. Arrays are copied.</summary>
        /// <param name="ssid">SSID bytes (1..32).</param>
        /// <param name="passphrase">Passphrase bytes (empty for an open network). Secret.</param>
        /// <param name="bssid">6-byte BSSID to lock onto, or null.</param>
        /// <param name="channel">Channel hint, 0 = any.</param>
        public WifiConnectRequest(byte[] ssid, byte[] passphrase, byte[] bssid, int channel)
        {
            Ssid = Copy(ssid);
            Passphrase = Copy(passphrase);
            Bssid = bssid == null || bssid.Length == 0 ? null : Copy(bssid);
            Channel = channel;
        }

        /// <summary>SSID bytes (never null).</summary>
        public byte[] Ssid { get; private set; }

        /// <summary>Passphrase bytes (never null). Never log it.</summary>
        public byte[] Passphrase { get; private set; }

        /// <summary>BSSID to lock onto, or null.</summary>
        public byte[] Bssid { get; private set; }

        /// <summary>Channel hint (0 = any).</summary>
        public int Channel { get; private set; }

        /// <summary>Overwrites the passphrase with zeros once the attempt is over.</summary>
        public void Wipe()
        {
            System.Array.Clear(Passphrase, 0, Passphrase.Length);
        }

        private static byte[] Copy(byte[] source)
        {
            if (source == null)
            {
                return new byte[0];
            }

            byte[] copy = new byte[source.Length];
            System.Array.Copy(source, copy, source.Length);
            return copy;
        }
    }

    /// <summary>Link details once the station has an IPv4 address.</summary>
    public sealed class WifiConnectionInfo
    {
        /// <summary>Creates connection details.</summary>
        /// <param name="ip4Address">Dotted IPv4 address, for example "192.168.1.23".</param>
        /// <param name="authMode">Raw auth mode of the joined network.</param>
        /// <param name="bssid">BSSID of the joined access point (6 bytes).</param>
        /// <param name="channel">Channel of the joined access point.</param>
        public WifiConnectionInfo(string ip4Address, int authMode, byte[] bssid, int channel)
        {
            Ip4Address = ip4Address == null ? string.Empty : ip4Address;
            AuthMode = authMode;
            Bssid = bssid == null ? new byte[0] : bssid;
            Channel = channel;
        }

        /// <summary>Dotted IPv4 address.</summary>
        public string Ip4Address { get; private set; }

        /// <summary>Raw auth mode.</summary>
        public int AuthMode { get; private set; }

        /// <summary>BSSID (never null).</summary>
        public byte[] Bssid { get; private set; }

        /// <summary>Channel.</summary>
        public int Channel { get; private set; }
    }

    /// <summary>Why a connection attempt failed (richer than the two reasons the wire protocol can carry).</summary>
    public enum WifiFailureReason
    {
        /// <summary>The driver gave a reason that maps to nothing below.</summary>
        Other = 0,
        /// <summary>Authentication failed: wrong passphrase most likely (4-way handshake timeout, MIC failure, auth fail).</summary>
        AuthenticationFailed = 1,
        /// <summary>No access point with that SSID (and BSSID) answered.</summary>
        NetworkNotFound = 2,
        /// <summary>Association did not complete in time.</summary>
        AssociationTimeout = 3,
        /// <summary>Associated, but no IPv4 address was assigned in time.</summary>
        DhcpTimeout = 4,
        /// <summary>The link dropped during the attempt.</summary>
        ConnectionLost = 5
    }

    /// <summary>Kinds of <see cref="IWifiStation.StationEvent"/>.</summary>
    public enum WifiStationEventKind
    {
        /// <summary>Associated with the access point; waiting for an address.</summary>
        Associated = 0,
        /// <summary>An IPv4 address was assigned; <see cref="WifiStationEventArgs.Connection"/> is set.</summary>
        GotIp = 1,
        /// <summary>The attempt failed; <see cref="WifiStationEventArgs.Reason"/> and RawReason are set.</summary>
        ConnectFailed = 2,
        /// <summary>An established connection was lost.</summary>
        Disconnected = 3
    }

    /// <summary>Data of <see cref="IWifiStation.StationEvent"/>.</summary>
    public sealed class WifiStationEventArgs
    {
        /// <summary>Creates event data.</summary>
        public WifiStationEventArgs(WifiStationEventKind kind, WifiConnectRequest request, WifiFailureReason reason, int rawReason, WifiConnectionInfo connection)
        {
            Kind = kind;
            Request = request;
            Reason = reason;
            RawReason = rawReason;
            Connection = connection;
        }

        /// <summary>What happened.</summary>
        public WifiStationEventKind Kind { get; private set; }

        /// <summary>The request of the attempt this event belongs to.</summary>
        public WifiConnectRequest Request { get; private set; }

        /// <summary>Failure reason (ConnectFailed, Disconnected).</summary>
        public WifiFailureReason Reason { get; private set; }

        /// <summary>Raw driver reason code (ESP-IDF wifi_err_reason_t), 0 when unknown.</summary>
        public int RawReason { get; private set; }

        /// <summary>Connection details (GotIp only).</summary>
        public WifiConnectionInfo Connection { get; private set; }
    }

    /// <summary>Handler of <see cref="IWifiStation.StationEvent"/>.</summary>
    public delegate void WifiStationEventHandler(object sender, WifiStationEventArgs e);

    /// <summary>Maps ESP-IDF disconnect reason codes (wifi_err_reason_t) to <see cref="WifiFailureReason"/>.</summary>
    public static class WifiReasonCodes
    {
        /// <summary>MIC failure.</summary>
        public const int MicFailure = 14;
        /// <summary>4-way handshake timeout (the usual symptom of a wrong passphrase).</summary>
        public const int FourWayHandshakeTimeout = 15;
        /// <summary>Beacon timeout.</summary>
        public const int BeaconTimeout = 200;
        /// <summary>No access point found.</summary>
        public const int NoApFound = 201;
        /// <summary>Authentication failed.</summary>
        public const int AuthFail = 202;
        /// <summary>Association failed.</summary>
        public const int AssocFail = 203;
        /// <summary>Handshake timeout.</summary>
        public const int HandshakeTimeout = 204;

        /// <summary>Maps a raw reason code the way ESP-IDF's provisioning manager does (and Other for the rest).</summary>
        public static WifiFailureReason ToFailureReason(int rawReason)
        {
            switch (rawReason)
            {
                case MicFailure:
                case FourWayHandshakeTimeout:
                case AuthFail:
                case HandshakeTimeout:
                    return WifiFailureReason.AuthenticationFailed;
                case NoApFound:
                    return WifiFailureReason.NetworkNotFound;
                case BeaconTimeout:
                    return WifiFailureReason.ConnectionLost;
                default:
                    return WifiFailureReason.Other;
            }
        }
    }
}
