using System.Net.NetworkInformation;

namespace NanoProv.Nano
{
    /// <summary>Lookups on <c>NetworkInterface</c> shared by the adapters.</summary>
    public static class NanoNetwork
    {
        /// <summary>
        /// A fresh snapshot of the first interface of the given type, or null. <c>NetworkInterface</c> objects are
        /// snapshots filled when <c>GetAllNetworkInterfaces()</c> runs, so call this again to see a new address.
        /// Interfaces are always selected by type: their order differs between targets.
        /// </summary>
        public static NetworkInterface FindInterface(NetworkInterfaceType type)
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == type)
                {
                    return all[i];
                }
            }

            return null;
        }

        /// <summary>The current IPv4 address of the station interface, or null when it has none.</summary>
        public static string StationAddress()
        {
            NetworkInterface station = FindInterface(NetworkInterfaceType.Wireless80211);
            if (station == null)
            {
                return null;
            }

            string address = station.IPv4Address;
            return NanoText.IsAssignedIPv4(address) ? address : null;
        }

        /// <summary>MAC address of the interface of the given type (6 bytes), or null.</summary>
        public static byte[] MacAddress(NetworkInterfaceType type)
        {
            NetworkInterface ni = FindInterface(type);
            if (ni == null)
            {
                return null;
            }

            byte[] mac = ni.PhysicalAddress;
            return mac != null && mac.Length == 6 ? mac : null;
        }
    }
}
