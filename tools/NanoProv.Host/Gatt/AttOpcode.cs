namespace NanoProv.Host.Gatt;

/// <summary>ATT PDU opcodes the simulator speaks (Bluetooth Core Vol 3 Part F, 3.4).</summary>
public static class AttOpcode
{
    public const byte ErrorResponse = 0x01;
    public const byte ExchangeMtuRequest = 0x02;
    public const byte ExchangeMtuResponse = 0x03;
    public const byte FindInformationRequest = 0x04;
    public const byte FindInformationResponse = 0x05;
    public const byte ReadByTypeRequest = 0x08;
    public const byte ReadByTypeResponse = 0x09;
    public const byte ReadRequest = 0x0A;
    public const byte ReadResponse = 0x0B;
    public const byte ReadBlobRequest = 0x0C;
    public const byte ReadBlobResponse = 0x0D;
    public const byte ReadByGroupTypeRequest = 0x10;
    public const byte ReadByGroupTypeResponse = 0x11;
    public const byte WriteRequest = 0x12;
    public const byte WriteResponse = 0x13;
    public const byte PrepareWriteRequest = 0x16;
    public const byte PrepareWriteResponse = 0x17;
    public const byte ExecuteWriteRequest = 0x18;
    public const byte ExecuteWriteResponse = 0x19;

    /// <summary>Human-readable name for logs and test messages.</summary>
    public static string Name(byte opcode) => opcode switch
    {
        ErrorResponse => "Error Response",
        ExchangeMtuRequest => "Exchange MTU Request",
        ExchangeMtuResponse => "Exchange MTU Response",
        FindInformationRequest => "Find Information Request",
        FindInformationResponse => "Find Information Response",
        ReadByTypeRequest => "Read By Type Request",
        ReadByTypeResponse => "Read By Type Response",
        ReadRequest => "Read Request",
        ReadResponse => "Read Response",
        ReadBlobRequest => "Read Blob Request",
        ReadBlobResponse => "Read Blob Response",
        ReadByGroupTypeRequest => "Read By Group Type Request",
        ReadByGroupTypeResponse => "Read By Group Type Response",
        WriteRequest => "Write Request",
        WriteResponse => "Write Response",
        PrepareWriteRequest => "Prepare Write Request",
        PrepareWriteResponse => "Prepare Write Response",
        ExecuteWriteRequest => "Execute Write Request",
        ExecuteWriteResponse => "Execute Write Response",
        _ => $"opcode 0x{opcode:x2}",
    };
}

/// <summary>Well-known 16-bit GATT UUIDs used by the simulator.</summary>
public static class GattUuids
{
    public const ushort PrimaryService = 0x2800;
    public const ushort SecondaryService = 0x2801;
    public const ushort CharacteristicDeclaration = 0x2803;
    public const ushort CharacteristicUserDescription = 0x2901;
    public const ushort GenericAccessService = 0x1800;
    public const ushort DeviceName = 0x2A00;

    /// <summary>True when the UUID is a Bluetooth base UUID with a 16-bit short id.</summary>
    public static bool Is16Bit(NanoProv.Transports.BleUuid uuid) =>
        NanoProv.Transports.BleUuid.FromShortId(uuid.ShortId).Equals(uuid);

    /// <summary>The UUID as it is written in ATT PDUs: 2 bytes for 16-bit UUIDs, 16 bytes otherwise.</summary>
    public static byte[] Encode(NanoProv.Transports.BleUuid uuid)
    {
        if (Is16Bit(uuid))
        {
            return [(byte)(uuid.ShortId & 0xFF), (byte)(uuid.ShortId >> 8)];
        }

        return uuid.ToLittleEndianBytes();
    }

    /// <summary>Reads a 2- or 16-byte UUID from a PDU.</summary>
    public static NanoProv.Transports.BleUuid Decode(byte[] pdu, int offset, int length) => length switch
    {
        2 => NanoProv.Transports.BleUuid.FromShortId((ushort)(pdu[offset] | (pdu[offset + 1] << 8))),
        16 => NanoProv.Transports.BleUuid.FromLittleEndian(pdu, offset),
        _ => throw new FormatException("a UUID in an ATT PDU has 2 or 16 bytes"),
    };
}
