namespace NanoProv.Client;

/// <summary>
/// One BLE connection to a simulated device, as ATT PDUs: the request goes in, the response (or an ATT Error
/// Response) comes back. Opening the link is the BLE connect, disposing it the disconnect. Carries what the
/// central saw while scanning (advertising data and scan response), because the service UUID comes from there.
/// </summary>
public interface IGattSimLink : IDisposable
{
    /// <summary>Advertising data seen before connecting (may be empty).</summary>
    byte[] AdvertisingData { get; }

    /// <summary>Scan response seen before connecting (may be empty).</summary>
    byte[] ScanResponse { get; }

    /// <summary>True until either side disconnects.</summary>
    bool IsOpen { get; }

    /// <summary>Sends one ATT request PDU and returns the response PDU.</summary>
    /// <exception cref="IOException">The link is gone.</exception>
    byte[] Exchange(byte[] requestPdu);
}

/// <summary>
/// An in-process link built from delegates, for hosting the simulated device in the same process as the client
/// (tests, demos): <c>new GattSimDelegateLink(bearer.Exchange, bearer.Disconnect, () =&gt; bearer.IsConnected, adv, sr)</c>.
/// </summary>
public sealed class GattSimDelegateLink : IGattSimLink
{
    private readonly Func<byte[], byte[]> _exchange;
    private readonly Action _disconnect;
    private readonly Func<bool> _isOpen;

    /// <summary>Wraps the three operations of an in-process ATT bearer.</summary>
    public GattSimDelegateLink(Func<byte[], byte[]> exchange, Action disconnect, Func<bool> isOpen, byte[] advertisingData, byte[] scanResponse)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _disconnect = disconnect ?? throw new ArgumentNullException(nameof(disconnect));
        _isOpen = isOpen ?? throw new ArgumentNullException(nameof(isOpen));
        AdvertisingData = advertisingData ?? [];
        ScanResponse = scanResponse ?? [];
    }

    /// <inheritdoc />
    public byte[] AdvertisingData { get; }

    /// <inheritdoc />
    public byte[] ScanResponse { get; }

    /// <inheritdoc />
    public bool IsOpen => _isOpen();

    /// <inheritdoc />
    public byte[] Exchange(byte[] requestPdu) => _exchange(requestPdu);

    /// <inheritdoc />
    public void Dispose() => _disconnect();
}
