namespace NanoProv.Host.Gatt;

/// <summary>The server answered a request with an ATT Error Response.</summary>
public sealed class AttErrorException : Exception
{
    public AttErrorException(byte requestOpcode, ushort handle, byte errorCode)
        : base($"ATT error 0x{errorCode:x2} ({AttErrorNames.Name(errorCode)}) for {AttOpcode.Name(requestOpcode)} on handle 0x{handle:x4}")
    {
        RequestOpcode = requestOpcode;
        Handle = handle;
        ErrorCode = errorCode;
    }

    /// <summary>The opcode of the request that failed.</summary>
    public byte RequestOpcode { get; }

    /// <summary>The attribute handle the server named in the error.</summary>
    public ushort Handle { get; }

    /// <summary>The ATT error code (<see cref="NanoProv.Transports.AttErrorCode"/>).</summary>
    public byte ErrorCode { get; }
}

/// <summary>The simulated BLE link is gone (either side disconnected, or the device stopped BLE).</summary>
public sealed class GattSimDisconnectedException : IOException
{
    public GattSimDisconnectedException(string message) : base(message)
    {
    }
}

/// <summary>Names of ATT error codes for messages.</summary>
public static class AttErrorNames
{
    public static string Name(byte code) => code switch
    {
        0x01 => "invalid handle",
        0x02 => "read not permitted",
        0x03 => "write not permitted",
        0x04 => "invalid PDU",
        0x06 => "request not supported",
        0x07 => "invalid offset",
        0x09 => "prepare queue full",
        0x0A => "attribute not found",
        0x0B => "attribute not long",
        0x0D => "invalid attribute value length",
        0x0E => "unlikely error",
        0x10 => "unsupported group type",
        _ => "error",
    };
}
