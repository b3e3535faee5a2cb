// NanoRef stub (signatures only) of the address types of assembly System.Net (package nanoFramework.System.Net 1.11.x).
// Verified against nanoframework/System.Net nanoFramework.System.Net/{EndPoint,IPAddress,IPEndPoint,SocketAddress}.cs and
// Sockets/AddressFamily.cs, cross-checked with nanoframework-api.md (System.Net section).
// Left out (not used by the firmware): IPAddress(byte[], long), IPv6Any/IPv6Loopback, ScopeId, IsIPv4MappedToIPv6,
// MapToIPv4/MapToIPv6, Dns, IPHostEntry, Socket, NetworkStream, SslStream, X509 certificates.

namespace System.Net.Sockets
{
    public enum AddressFamily
    {
        Unknown = -1,
        Unspecified = 0,
        Unix = 1,
        InterNetwork = 2,
        ImpLink = 3,
        Pup = 4,
        Chaos = 5,
        NS = 6,
        Ipx = NS,
        Iso = 7,
        Osi = Iso,
        Ecma = 8,
        DataKit = 9,
        Ccitt = 10,
        Sna = 11,
        DecNet = 12,
        DataLink = 13,
        Lat = 14,
        HyperChannel = 15,
        AppleTalk = 16,
        NetBios = 17,
        VoiceView = 18,
        FireFox = 19,
        Banyan = 21,
        Atm = 22,
        InterNetworkV6 = 23,
        Cluster = 24,
        Ieee12844 = 25,
        Irda = 26,
        NetworkDesigners = 28,
        Max = 29
    }
}

namespace System.Net
{
    using System.Net.Sockets;

    public abstract class EndPoint
    {
        protected EndPoint() { }
        public abstract SocketAddress Serialize();
        public abstract EndPoint Create(SocketAddress socketAddress);
    }

    public class SocketAddress
    {
        public SocketAddress(AddressFamily family, int size) { }
        public AddressFamily Family { get { throw null; } }
        public int Size { get { throw null; } }
        public byte this[int offset] { get { throw null; } set { } }
    }

    [Serializable]
    public class IPAddress
    {
        public static readonly IPAddress Any;
        public static readonly IPAddress Loopback;
        public static readonly IPAddress Broadcast;
        public static readonly IPAddress None;
        public IPAddress(long newAddress) { }
        public IPAddress(byte[] address) { }
        public AddressFamily AddressFamily { get { throw null; } }
        public static bool operator ==(IPAddress a, IPAddress b) { throw null; }
        public static bool operator !=(IPAddress a, IPAddress b) { throw null; }
        public override bool Equals(object other) { throw null; }
        public bool Equals(IPAddress other) { throw null; }
        public byte[] GetAddressBytes() { throw null; }
        public static IPAddress Parse(string ipString) { throw null; }
        public override string ToString() { throw null; }
        public static IPAddress GetDefaultLocalAddress() { throw null; }
        public override int GetHashCode() { throw null; }
    }

    [Serializable]
    public class IPEndPoint : EndPoint
    {
        public const int MinPort = 0x00000000;
        public const int MaxPort = 0x0000FFFF;
        public IPEndPoint(long address, int port) { }
        public IPEndPoint(IPAddress address, int port) { }
        public IPAddress Address { get { throw null; } }
        public AddressFamily AddressFamily { get { throw null; } }
        public int Port { get { throw null; } }
        public override SocketAddress Serialize() { throw null; }
        public override EndPoint Create(SocketAddress socketAddress) { throw null; }
        public override string ToString() { throw null; }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
    }
}
