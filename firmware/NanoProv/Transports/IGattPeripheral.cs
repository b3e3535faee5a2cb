namespace NanoProv.Transports
{
    /// <summary>
    /// The port between <see cref="GattTransport"/> and a BLE stack acting as GATT server: the nanoFramework
    /// adapter on the device (NanoGattPeripheral in the separate NanoProv.Ble assembly, firmware/NanoProv.Ble, so the
    /// NanoProv library itself needs no Bluetooth) or the GATT simulator on the host.
    /// Implementations must:
    /// <list type="bullet">
    /// <item>create the primary service and every characteristic of <see cref="GattUuidPlan"/> (properties
    /// Read + Write, a read-only 0x2901 descriptor holding the endpoint name) before advertising starts;</item>
    /// <item>advertise as <see cref="AdvertisingPlan"/> describes, connectable, and advertise again after a disconnect;</item>
    /// <item>report connections, complete writes (or prepare/execute fragments), reads and disconnects to the handler,
    /// answering each request with the ATT code the handler returns;</item>
    /// <item>serve Read Blob by slicing the full value the handler returns for each read at the requested offset.</item>
    /// </list>
    /// </summary>
    public interface IGattPeripheral
    {
        /// <summary>True between a successful <see cref="Start"/> and <see cref="Stop"/>.</summary>
        bool IsRunning { get; }

        /// <summary>Builds the GATT table, then starts advertising; requests go to <paramref name="handler"/>.</summary>
        /// <exception cref="System.InvalidOperationException">Already running, or the stack refused the table.</exception>
        void Start(GattUuidPlan service, AdvertisingPlan advertising, IGattRequestHandler handler);

        /// <summary>
        /// Disconnects the central (the handler hears <see cref="IGattRequestHandler.OnDisconnected"/>), stops
        /// advertising and releases the stack's memory. Safe to call twice.
        /// </summary>
        void Stop();
    }
}
