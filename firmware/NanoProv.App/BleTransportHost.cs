using NanoProv.Nano;
using NanoProv.Platform;
using NanoProv.Provisioning;
using NanoProv.Transports;

namespace NanoProv.App
{
    /// <summary>BLE: <see cref="GattTransport"/> over <see cref="NanoGattPeripheral"/> (NimBLE). No reboot is ever needed.</summary>
    public sealed class BleTransportHost : ITransportHost
    {
        private readonly ProvisioningService _service;
        private readonly string _deviceName;
        private readonly IClock _clock;
        private readonly ILog _log;
        private GattTransport _transport;

        /// <summary>Creates the host; the BLE stack is touched only by <see cref="Start"/>.</summary>
        public BleTransportHost(ProvisioningService service, string deviceName, IClock clock, ILog log)
        {
            _service = service;
            _deviceName = deviceName;
            _clock = clock;
            _log = log;
        }

        /// <inheritdoc />
        public bool Prepare()
        {
            return true;
        }

        /// <inheritdoc />
        public void Start()
        {
            if (_transport != null)
            {
                return;
            }

            GattTransportOptions options = new GattTransportOptions();
            options.DeviceName = _deviceName;
            options.CustomEndpointNames = _service.CustomEndpointNames;
            _transport = new GattTransport(_service.Protocomm, new NanoGattPeripheral(_log), options, _clock, _log);
            _transport.Start();
        }

        /// <inheritdoc />
        public void Stop()
        {
            GattTransport transport = _transport;
            _transport = null;
            if (transport != null)
            {
                transport.Stop(); // disposes the BLE server: NimBLE gives its native heap back
            }
        }

        /// <inheritdoc />
        public bool Retire()
        {
            Stop();
            return false;
        }
    }
}
