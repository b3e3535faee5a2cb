using NanoProv.Nano;
using NanoProv.Platform;
using NanoProv.Provisioning;
using NanoProv.Transports;

namespace NanoProv.App
{
    /// <summary>
    /// SoftAP + HTTP: <see cref="NanoSoftAp"/> (access point and DHCP) and <see cref="NanoHttpServer"/> in front of
    /// <see cref="HttpTransport"/>. Bringing the access point up or down needs a reboot on nanoFramework
    /// (<see cref="BootPolicy.ForSoftAp"/>).
    /// </summary>
    public sealed class SoftApTransportHost : ITransportHost
    {
        private readonly NanoSoftAp _accessPoint;
        private readonly NanoHttpServer _server;

        /// <summary>Creates the host (nothing is written or bound yet).</summary>
        public SoftApTransportHost(ProvisioningService service, NanoSoftApSettings settings, int httpPort, IClock clock, ILog log)
        {
            _accessPoint = new NanoSoftAp(settings, log);
            HttpTransportOptions options = new HttpTransportOptions();
            options.CloseAfterEveryReply = true; // what HttpListener does anyway; no thread per idle connection
            HttpTransport transport = new HttpTransport(new ProtocommTarget(service.Protocomm), options, clock, log);
            _server = new NanoHttpServer(transport, httpPort, null, log);
        }

        /// <inheritdoc />
        public bool Prepare()
        {
            // Enable() writes the access point blocks only when they differ and reports whether the AP is already up
            // with them; otherwise the new Wi-Fi mode needs a reboot (BootPolicy.ForSoftAp: EnableAndReboot).
            return !_accessPoint.Enable();
        }

        /// <inheritdoc />
        public void Start()
        {
            _accessPoint.StartDhcp();
            _server.Start();
        }

        /// <inheritdoc />
        public void Stop()
        {
            _server.Stop();
            _accessPoint.StopDhcp();
        }

        /// <inheritdoc />
        public bool Retire()
        {
            Stop();
            bool running = _accessPoint.IsRunning;
            _accessPoint.Disable();
            return BootPolicy.ForSoftAp(false, running) == SoftApAction.DisableAndReboot;
        }
    }
}
