namespace NanoProv.Host.Gatt;

/// <summary>
/// Carries ATT PDUs between a simulated central and the simulated device: in process
/// (<see cref="GattSimulator.Connect"/>) or over a local socket (<see cref="GattSimBridgeClient"/>).
/// Requests are sequential: one outstanding request at a time, as ATT requires.
/// </summary>
public interface IAttBearer : IDisposable
{
    /// <summary>True until either side disconnects.</summary>
    bool IsConnected { get; }

    /// <summary>Sends one request PDU and returns the response PDU (which may be an Error Response).</summary>
    /// <exception cref="GattSimDisconnectedException">The link is gone.</exception>
    byte[] Exchange(byte[] requestPdu);

    /// <summary>Ends the connection (the device sees a disconnect). Safe to call twice.</summary>
    void Disconnect();
}
