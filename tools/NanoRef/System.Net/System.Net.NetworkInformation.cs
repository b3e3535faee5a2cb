// NanoRef stub (signatures only) of namespace System.Net.NetworkInformation in assembly System.Net
// (package nanoFramework.System.Net 1.11.x).
// Verified against nanoframework/System.Net nanoFramework.System.Net/NetworkInformation/{NetworkInterface,NetworkChange,
// NetworkInterfaceType,Wireless80211Configuration,WirelessAPConfiguration,AuthenticationType,EncryptionType,RadioType}.cs
// and nanoframework-api.md (System.Net.NetworkInformation section).
// Facts the adapters rely on (from those sources): a NetworkInterface object is a snapshot filled when
// GetAllNetworkInterfaces() runs, so re-read it to see a new address; NetworkAddressChanged passes the interface index
// (boxed) as sender; SaveConfiguration() validates (null SSID throws; Wireless80211 lengths <= 32/64 characters,
// WirelessAP SSID < 32 and, unless Open/None, password 8..63) and the native side faults on a null Password.
// Types the library creates get an internal constructor (the real ones are internal with other parameters).
// Left out: AddressMode, IPGlobalProperties, WirelessAPStation/GetConnectedStations/DeAuthStation, PhyProtocols,
// IPv6 members, NetworkHelper/IPConfiguration.

namespace System.Net.NetworkInformation
{
    public enum AuthenticationType : byte
    {
        None = 0,
        EAP = 1,
        PEAP = 2,
        WCN = 3,
        Open = 4,
        Shared = 5,
        WEP = 6,
        WPA = 7,
        WPA2 = 8
    }

    public enum EncryptionType : byte
    {
        None = 0,
        WEP = 1,
        WPA = 2,
        WPA2 = 3,
        WPA_PSK = 4,
        WPA2_PSK = 5,
        Certificate = 6
    }

    public enum RadioType : byte
    {
        NotSpecified = 0,
        _802_11a = 1,
        _802_11b = 2,
        _802_11g = 4,
        _802_11n = 8
    }

    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72
    }

    public class NetworkInterface
    {
        protected NetworkInterface(int interfaceIndex) { }
        public static bool GetIsNetworkAvailable() { throw null; }
        public static NetworkInterface[] GetAllNetworkInterfaces() { throw null; }
        public void EnableStaticIPv4(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress) { }
        public void EnableDhcp() { }
        public void EnableStaticIPv4Dns(string[] dnsAddresses) { }
        public bool IsAutomaticDnsEnabled { get { throw null; } }
        public string IPv4Address { get { throw null; } }
        public string IPv4GatewayAddress { get { throw null; } }
        public string IPv4SubnetMask { get { throw null; } }
        public bool IsDhcpEnabled { get { throw null; } }
        public string[] IPv4DnsAddresses { get { throw null; } }
        public void ReleaseDhcpLease() { }
        public void RenewDhcpLease() { }
        public byte[] PhysicalAddress { get { throw null; } set { } }
        public NetworkInterfaceType NetworkInterfaceType { get { throw null; } }
        public uint SpecificConfigId { get { throw null; } set { } }
    }

    public class NetworkAvailabilityEventArgs : EventArgs
    {
        internal NetworkAvailabilityEventArgs() { }
        public bool IsAvailable { get { throw null; } }
    }

    public class NetworkAPStationEventArgs : EventArgs
    {
        internal NetworkAPStationEventArgs() { }
        public bool IsConnected { get { throw null; } }
        public int StationIndex { get { throw null; } }
    }

    public delegate void NetworkAddressChangedEventHandler(object sender, EventArgs e);

    public delegate void NetworkAvailabilityChangedEventHandler(object sender, NetworkAvailabilityEventArgs e);

    public delegate void NetworkAPStationChangedEventHandler(int NetworkIndex, NetworkAPStationEventArgs e);

    public static class NetworkChange
    {
        public static event NetworkAddressChangedEventHandler NetworkAddressChanged { add { } remove { } }
        public static event NetworkAvailabilityChangedEventHandler NetworkAvailabilityChanged { add { } remove { } }
        public static event NetworkAPStationChangedEventHandler NetworkAPStationChanged { add { } remove { } }
    }

    public class Wireless80211Configuration
    {
        public Wireless80211Configuration(uint id) { }
        public AuthenticationType Authentication { get { throw null; } set { } }
        public EncryptionType Encryption { get { throw null; } set { } }
        public RadioType Radio { get { throw null; } set { } }
        public ConfigurationOptions Options { get { throw null; } set { } }
        public string Password { get { throw null; } set { } }
        public string Ssid { get { throw null; } set { } }
        public uint Id { get { throw null; } }
        public void SaveConfiguration() { }
        public static Wireless80211Configuration[] GetAllWireless80211Configurations() { throw null; }

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 0x01,
            Enable = 0x02,
            AutoConnect = 0x04 | Enable,
            SmartConfig = 0x08 | Enable
        }
    }

    public class WirelessAPConfiguration
    {
        public WirelessAPConfiguration(uint id) { }
        public AuthenticationType Authentication { get { throw null; } set { } }
        public EncryptionType Encryption { get { throw null; } set { } }
        public RadioType Radio { get { throw null; } set { } }
        public string Password { get { throw null; } set { } }
        public string Ssid { get { throw null; } set { } }
        public ConfigurationOptions Options { get { throw null; } set { } }
        public byte Channel { get { throw null; } set { } }
        public byte MaxConnections { get { throw null; } set { } }
        public uint Id { get { throw null; } }
        public void SaveConfiguration() { }
        public static WirelessAPConfiguration[] GetAllWirelessAPConfigurations() { throw null; }

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 0x01,
            Enable = 0x02,
            AutoStart = 0x04 | Enable,
            HiddenSSID = 0x08
        }
    }
}
