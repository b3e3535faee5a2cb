namespace NanoProv.Transports
{
    /// <summary>
    /// What a GATT peripheral (the BLE stack adapter) calls when a central acts on the provisioning service.
    /// <see cref="GattTransport"/> implements it. Every method returns quickly (protocomm work only; Wi-Fi
    /// connects run elsewhere), so stacks with a bounded answer window (nanoFramework: 2 s) are served in time.
    /// Methods returning a byte return an <see cref="AttErrorCode"/> (0 = success) that the stack sends back.
    /// Connection ids are "ble:&lt;n&gt;", unique while the connection lasts.
    /// </summary>
    public interface IGattRequestHandler
    {
        /// <summary>A central connected. A previous state with the same id is discarded first.</summary>
        void OnConnected(string connectionId);

        /// <summary>The central went away: its sessions end, stored replies and queued writes are dropped.</summary>
        void OnDisconnected(string connectionId);

        /// <summary>
        /// A complete value was written (a Write Request, or a long write the stack already reassembled).
        /// Runs the request and keeps the reply as the characteristic's value for the following reads.
        /// </summary>
        byte OnWrite(string connectionId, BleUuid characteristic, byte[] data, int offset, int count);

        /// <summary>
        /// One Prepare Write fragment, for stacks that pass long writes to the application instead of reassembling
        /// them: <paramref name="valueOffset"/> is the position of the fragment inside the value.
        /// </summary>
        byte OnPrepareWrite(string connectionId, BleUuid characteristic, int valueOffset, byte[] data, int offset, int count);

        /// <summary>Execute Write: commit (run the reassembled requests) or cancel the queued fragments.</summary>
        byte OnExecuteWrite(string connectionId, bool commit);

        /// <summary>
        /// A Read or Read Blob of a characteristic. Always hands back the complete stored value (empty when no reply
        /// is stored); the stack slices it at the blob offset, so every read of one reply sees the same bytes.
        /// </summary>
        byte OnRead(string connectionId, BleUuid characteristic, out byte[] value);
    }
}
