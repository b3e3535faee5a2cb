using NanoProv.Transports;

namespace NanoProv.Host.Gatt;

/// <summary>What an attribute in the simulated database is.</summary>
public enum GattSimAttributeKind
{
    PrimaryService,
    CharacteristicDeclaration,
    /// <summary>A value served from a fixed byte string (read-only), e.g. the Device Name.</summary>
    StaticValue,
    /// <summary>A provisioning endpoint characteristic value: reads and writes go to the application.</summary>
    EndpointValue,
    /// <summary>A 0x2901 Characteristic User Description (read-only, fixed).</summary>
    UserDescription,
}

/// <summary>One row of the simulated attribute table.</summary>
public sealed class GattSimAttribute
{
    internal GattSimAttribute(ushort handle, BleUuid type, GattSimAttributeKind kind, byte[] staticValue, BleUuid characteristicUuid)
    {
        Handle = handle;
        Type = type;
        Kind = kind;
        StaticValue = staticValue;
        CharacteristicUuid = characteristicUuid;
    }

    /// <summary>Attribute handle (1-based).</summary>
    public ushort Handle { get; }

    /// <summary>Attribute type (0x2800, 0x2803, 0x2901, or the characteristic UUID for values).</summary>
    public BleUuid Type { get; }

    public GattSimAttributeKind Kind { get; }

    /// <summary>The fixed value (declarations, descriptors, static values); null for endpoint values.</summary>
    public byte[] StaticValue { get; }

    /// <summary>For endpoint values: the characteristic UUID the application knows it by.</summary>
    public BleUuid CharacteristicUuid { get; }

    /// <summary>For service declarations: the last handle of the service.</summary>
    public ushort GroupEndHandle { get; internal set; }

    public bool IsWritable => Kind == GattSimAttributeKind.EndpointValue;
}
