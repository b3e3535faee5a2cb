namespace NanoProv.Host.Gatt;

/// <summary>Who reassembles Prepare Write fragments.</summary>
public enum LongWriteHandling
{
    /// <summary>
    /// The stack queues the fragments and hands the application one complete value at Execute Write
    /// (NimBLE, hence nanoFramework). The application sees <c>OnWrite</c> only.
    /// </summary>
    StackReassembles = 0,

    /// <summary>
    /// Every fragment and the Execute Write go to the application (<c>OnPrepareWrite</c>/<c>OnExecuteWrite</c>),
    /// as Bluedroid's protocomm_ble does; exercises <see cref="NanoProv.Transports.GattTransport"/>'s own reassembly.
    /// </summary>
    ApplicationReassembles = 1,
}

/// <summary>Behaviour of the simulated BLE stack (device side).</summary>
public sealed class GattSimOptions
{
    /// <summary>Smallest ATT MTU (the default before an exchange).</summary>
    public const int MinimumMtu = 23;

    /// <summary>Largest ATT MTU the simulator accepts (the value Android asks for, plus 5: 517).</summary>
    public const int MaximumMtu = 517;

    /// <summary>The server's receive MTU offered in Exchange MTU (23..517). Default 517.</summary>
    public int ServerMtu { get; set; } = MaximumMtu;

    /// <summary>Who reassembles long writes. Default: the stack (NimBLE / nanoFramework behaviour).</summary>
    public LongWriteHandling LongWrites { get; set; } = LongWriteHandling.StackReassembles;

    /// <summary>Longest value the stack assembles from prepared writes (NimBLE: 512).</summary>
    public int MaxAttributeLength { get; set; } = 512;

    /// <summary>Most Prepare Write fragments queued per connection (NimBLE default: 64).</summary>
    public int PrepareQueueLimit { get; set; } = 64;

    /// <summary>
    /// How long the stack waits for the application to answer a read or write before replying
    /// "unlikely error" (nanoFramework waits 2000 ms). Zero or negative: wait forever.
    /// </summary>
    public TimeSpan AnswerWindow { get; set; } = TimeSpan.FromMilliseconds(2000);

    /// <summary>Most simultaneous connections; advertising stops while the limit is reached. Default 1.</summary>
    public int MaxConnections { get; set; } = 1;

    /// <summary>Adds a Generic Access service (0x1800) with the Device Name characteristic before the provisioning service.</summary>
    public bool IncludeGenericAccessService { get; set; } = true;

    internal void Validate()
    {
        if (ServerMtu is < MinimumMtu or > MaximumMtu)
        {
            throw new ArgumentOutOfRangeException(nameof(ServerMtu), "the server MTU must be 23..517");
        }

        if (MaxAttributeLength is < 1 or > 512)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttributeLength), "attribute values are 1..512 bytes");
        }

        if (PrepareQueueLimit < 1 || MaxConnections < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PrepareQueueLimit), "limits must be positive");
        }
    }
}
