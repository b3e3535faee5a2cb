// NanoRef stub (signatures only) of assembly Iot.Device.DhcpServer (package nanoFramework.Iot.Device.DhcpServer 1.2.x).
// Verified against nanoframework/nanoFramework.IoT.Device devices/DhcpServer/DhcpServer.cs: public class with the implicit
// constructor, IDisposable (Dispose only calls Stop), CaptivePortalUrl, Start(IPAddress address, IPAddress mask,
// ushort timeToLeave = 1200) returning false on a socket error (and true when already started), Stop().
// Left out: DnsServer (only in newer sources than the pinned package may carry).

namespace Iot.Device.DhcpServer
{
    using System;
    using System.Net;

    public class DhcpServer : IDisposable
    {
        public string CaptivePortalUrl { get { throw null; } set { } }
        public bool Start(IPAddress address, IPAddress mask, ushort timeToLeave = 1200) { throw null; }
        public void Stop() { }
        public void Dispose() { }
    }
}
