using System.Text;
using NanoProv.Transports;

namespace NanoProv.Host.Gatt;

/// <summary>One AD structure of an advertising payload.</summary>
public sealed record AdStructure(byte Type, byte[] Data);

/// <summary>
/// What a scanning central sees of the device: the raw advertising data and scan response, and the fields
/// parsed from them (local name, 128-bit service UUIDs, manufacturer data, flags).
/// </summary>
public sealed class AdvertisementReport
{
    public AdvertisementReport(byte[] advertisingData, byte[] scanResponse, bool connectable)
    {
        AdvertisingData = advertisingData;
        ScanResponse = scanResponse;
        Connectable = connectable;
        AdvertisingStructures = ParseStructures(advertisingData);
        ScanResponseStructures = ParseStructures(scanResponse);

        var all = AdvertisingStructures.Concat(ScanResponseStructures).ToList();
        var uuids = new List<BleUuid>();
        foreach (var s in all)
        {
            switch (s.Type)
            {
                case 0x01:
                    Flags = s.Data.Length == 1 ? s.Data[0] : null;
                    break;
                case 0x06:
                case 0x07:
                    if (s.Data.Length % 16 != 0)
                    {
                        throw new FormatException("a 128-bit UUID list must hold whole UUIDs");
                    }

                    for (int i = 0; i < s.Data.Length; i += 16)
                    {
                        uuids.Add(BleUuid.FromLittleEndian(s.Data, i));
                    }

                    break;
                case 0x08:
                case 0x09:
                    LocalName = Encoding.UTF8.GetString(s.Data);
                    break;
                case 0xFF:
                    ManufacturerData = s.Data;
                    break;
            }
        }

        ServiceUuids = uuids;
    }

    public byte[] AdvertisingData { get; }
    public byte[] ScanResponse { get; }
    public bool Connectable { get; }
    public IReadOnlyList<AdStructure> AdvertisingStructures { get; }
    public IReadOnlyList<AdStructure> ScanResponseStructures { get; }
    public byte? Flags { get; }
    public string LocalName { get; }
    public IReadOnlyList<BleUuid> ServiceUuids { get; }
    public byte[] ManufacturerData { get; }

    /// <summary>Splits a legacy advertising payload into AD structures; rejects malformed or oversized payloads.</summary>
    public static IReadOnlyList<AdStructure> ParseStructures(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length > AdvertisingPlan.LegacyPayloadLimit)
        {
            throw new FormatException($"legacy advertising payloads hold at most 31 bytes, got {payload.Length}");
        }

        var list = new List<AdStructure>();
        int i = 0;
        while (i < payload.Length)
        {
            int length = payload[i];
            if (length == 0)
            {
                break; // the rest is padding
            }

            if (i + 1 + length > payload.Length)
            {
                throw new FormatException($"AD structure at {i} runs past the payload");
            }

            list.Add(new AdStructure(payload[i + 1], payload.AsSpan(i + 2, length - 1).ToArray()));
            i += 1 + length;
        }

        return list;
    }
}
