using NanoProv.Platform;

namespace NanoProv.Provisioning.Tests.Support;

/// <summary>A station that accepts everything and never reports anything (tests the manager's own timeouts).</summary>
public sealed class SilentStation : IWifiStation
{
    public event WifiStationEventHandler StationEvent;
    public event WifiScanCompletedHandler ScanCompleted;

    public int ConnectCount { get; private set; }
    public int DisconnectCount { get; private set; }
    public int ScanCount { get; private set; }
    public WifiConnectRequest LastRequest { get; private set; }

    /// <summary>When set, StartScan raises ScanCompleted synchronously with these results.</summary>
    public WifiScanRecord[] CompleteScansSynchronouslyWith { get; set; }

    /// <summary>When set, Connect raises ConnectFailed synchronously with this reason.</summary>
    public bool FailConnectSynchronously { get; set; }

    public bool StartScan(ScanOptions options)
    {
        ScanCount++;
        if (CompleteScansSynchronouslyWith != null)
        {
            ScanCompleted?.Invoke(this, new WifiScanCompletedEventArgs(true, CompleteScansSynchronouslyWith));
        }

        return true;
    }

    public void Connect(WifiConnectRequest request)
    {
        ConnectCount++;
        LastRequest = request;
        if (FailConnectSynchronously)
        {
            StationEvent?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.ConnectFailed, request, WifiFailureReason.AuthenticationFailed, 202, null));
        }
    }

    public void Disconnect() => DisconnectCount++;

    public void RaiseStation(WifiStationEventArgs e) => StationEvent?.Invoke(this, e);
}
