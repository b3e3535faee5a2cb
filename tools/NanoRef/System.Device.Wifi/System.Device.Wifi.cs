// NanoRef stub (signatures only) of assembly System.Device.Wifi (package nanoFramework.System.Device.Wifi 1.5.x).
// Verified against nanoframework/System.Device.Wifi System.Device.Wifi/{WifiAdapter,WifiAvailableNetwork,WifiConnectionResult,
// WifiConnectionStatus,WifiNetworkKind,WifiNetworkReport,WifiReconnectionKind}.cs and nanoframework-api.md.
// Facts the adapters rely on: Connect blocks the calling thread up to 20 s and "Success" means associated (no IP yet);
// after any Connect the firmware keeps reconnecting until Disconnect(); a null password throws (use ""); the scan report
// SSID is decoded from a fixed 33-byte field (trailing NULs included) and Bsid is "AA-BB-CC-DD-EE-FF"; auth mode and
// channel are not exposed; ScanAsync throws InvalidOperationException when the station is not started.
// WifiConnectionResult and WifiNetworkReport have internal constructors in the real library; WifiAvailableNetwork has the
// implicit public one. Left out: SetDeviceName (newer firmware only), nanoFramework.Networking.WifiNetworkHelper.

namespace System.Device.Wifi
{
    public delegate void AvailableNetworksChangedEventHandler(WifiAdapter sender, object e);

    public sealed class WifiAdapter : IDisposable
    {
        internal WifiAdapter() { }
        public int NetworkInterface { get { throw null; } }
        public WifiNetworkReport NetworkReport { get { throw null; } }
        public event AvailableNetworksChangedEventHandler AvailableNetworksChanged { add { } remove { } }
        public WifiConnectionResult Connect(WifiAvailableNetwork availableNetwork, WifiReconnectionKind reconnectionKind, string passwordCredential) { throw null; }
        public WifiConnectionResult Connect(string ssid, WifiReconnectionKind reconnectionKind, string passwordCredential) { throw null; }
        public void Disconnect() { }
        public static WifiAdapter[] FindAllAdapters() { throw null; }
        public void ScanAsync() { }
        public void Dispose() { }
    }

    public class WifiAvailableNetwork
    {
        public string Bsid { get { throw null; } }
        public string Ssid { get { throw null; } }
        public WifiNetworkKind NetworkKind { get { throw null; } }
        public double NetworkRssiInDecibelMilliwatts { get { throw null; } }
        public byte SignalBars { get { throw null; } }
    }

    public class WifiConnectionResult
    {
        internal WifiConnectionResult() { }
        public WifiConnectionStatus ConnectionStatus { get { throw null; } }
    }

    public enum WifiConnectionStatus
    {
        AccessRevoked = 0,
        InvalidCredential = 1,
        NetworkNotAvailable = 2,
        Success = 3,
        Timeout = 4,
        UnspecifiedFailure = 5,
        UnsupportedAuthenticationProtocol = 6
    }

    public enum WifiNetworkKind
    {
        Adhoc = 0,
        Any = 1,
        Infrastructure = 2
    }

    public class WifiNetworkReport
    {
        internal WifiNetworkReport() { }
        public WifiAvailableNetwork[] AvailableNetworks { get { throw null; } }
    }

    public enum WifiReconnectionKind
    {
        Automatic = 0,
        Manual = 1
    }
}
