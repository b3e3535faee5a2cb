namespace NanoProv.Platform
{
    /// <summary>
    /// The Wi-Fi station (client) radio, as the provisioning manager needs it: scan, one connection attempt
    /// at a time with its outcome reported by events, disconnect.
    /// <para>
    /// Connection protocol: <see cref="Connect"/> starts an attempt and returns at once. The adapter then reports,
    /// through <see cref="StationEvent"/> and always with the same <see cref="WifiConnectRequest"/> object:
    /// <see cref="WifiStationEventKind.Associated"/> (optional: link up, no address yet), then either
    /// <see cref="WifiStationEventKind.GotIp"/> (with <see cref="WifiConnectionInfo"/>) or
    /// <see cref="WifiStationEventKind.ConnectFailed"/> (with a <see cref="WifiFailureReason"/> and the raw
    /// driver reason code). After success a later loss of the link is <see cref="WifiStationEventKind.Disconnected"/>.
    /// The manager owns all timeouts (association and DHCP) through <see cref="ITimerService"/>, so an adapter that
    /// stays silent cannot hang provisioning; an adapter may still report <see cref="WifiFailureReason.DhcpTimeout"/>
    /// itself. After ConnectFailed the adapter must have stopped any background retry of that attempt.
    /// A nanoFramework adapter (blocking WifiAdapter.Connect, 20 s, "success" = associated) runs Connect on its own
    /// thread, reports Associated when it returns Success, then watches the interface for an IPv4 address.
    /// </para>
    /// <para>
    /// Threading: methods may be called from any thread. Events may be raised from any thread, including
    /// synchronously from inside <see cref="Connect"/> or <see cref="StartScan"/>; implementations must not hold
    /// internal locks while raising events.
    /// </para>
    /// </summary>
    public interface IWifiStation
    {
        /// <summary>
        /// Starts a scan. Returns false when no scan could be started (radio busy or not available); in that case
        /// <see cref="ScanCompleted"/> is not raised. When it returns true, <see cref="ScanCompleted"/> is raised
        /// exactly once for this scan.
        /// </summary>
        bool StartScan(ScanOptions options);

        /// <summary>
        /// Starts a connection attempt (dropping any current connection or attempt first). Outcome by
        /// <see cref="StationEvent"/>. Never blocks for the duration of the attempt.
        /// </summary>
        void Connect(WifiConnectRequest request);

        /// <summary>Drops the current connection or attempt and stops background reconnects. Raises no event.</summary>
        void Disconnect();

        /// <summary>Association, address, failure and link-loss notifications.</summary>
        event WifiStationEventHandler StationEvent;

        /// <summary>Raised once per started scan with its results.</summary>
        event WifiScanCompletedHandler ScanCompleted;
    }
}
