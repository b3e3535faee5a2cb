using System;
using System.Text;

namespace NanoProv.Transports
{
    /// <summary>
    /// The legacy (31-byte) BLE advertising payloads of the provisioning service, laid out like ESP-IDF:
    /// <list type="bullet">
    /// <item>advertising data: Flags 0x06 (LE General Discoverable, BR/EDR not supported) and the Complete List of
    /// 128-bit Service UUIDs holding only the provisioning service (phone apps take the first advertised UUID);</item>
    /// <item>scan response: the Complete Local Name (the device name, at most 29 bytes, normally "PROV_…"), then the
    /// optional Manufacturer Specific Data (company id + data), truncated so the scan response stays within 31 bytes
    /// and left out when not even the 2-byte company id fits.</item>
    /// </list>
    /// </summary>
    public sealed class AdvertisingPlan
    {
        /// <summary>Largest legacy advertising or scan response payload.</summary>
        public const int LegacyPayloadLimit = 31;

        /// <summary>Longest device name in bytes (ESP-IDF MAX_BLE_DEVNAME_LEN).</summary>
        public const int MaxDeviceNameLength = 29;

        /// <summary>The name prefix the ESP phone apps filter on by default.</summary>
        public const string DefaultNamePrefix = "PROV_";

        /// <summary>AD type: Flags.</summary>
        public const byte AdTypeFlags = 0x01;
        /// <summary>AD type: Complete List of 128-bit Service UUIDs.</summary>
        public const byte AdTypeCompleteUuid128List = 0x07;
        /// <summary>AD type: Complete Local Name.</summary>
        public const byte AdTypeCompleteLocalName = 0x09;
        /// <summary>AD type: Manufacturer Specific Data.</summary>
        public const byte AdTypeManufacturerData = 0xFF;

        /// <summary>Flags value: LE General Discoverable Mode (0x02) + BR/EDR Not Supported (0x04).</summary>
        public const byte FlagsGeneralDiscoverableLeOnly = 0x06;

        private readonly byte[] _nameBytes;
        private readonly byte[] _manufacturerData;
        private readonly byte[] _advertisingData;
        private readonly byte[] _scanResponse;

        private AdvertisingPlan(BleUuid serviceUuid, string deviceName, byte[] nameBytes, byte[] manufacturerData, bool truncated, bool omitted)
        {
            ServiceUuid = serviceUuid;
            DeviceName = deviceName;
            _nameBytes = nameBytes;
            _manufacturerData = manufacturerData;
            ManufacturerDataTruncated = truncated;
            ManufacturerDataOmitted = omitted;
            _advertisingData = BuildAdvertisingData(serviceUuid);
            _scanResponse = BuildScanResponse(nameBytes, manufacturerData);
        }

        /// <summary>
        /// Builds the plan.
        /// </summary>
        /// <param name="serviceUuid">The provisioning service UUID (the only advertised service).</param>
        /// <param name="deviceName">1 to 29 bytes of UTF-8, normally "PROV_" + 6 hex digits.</param>
        /// <param name="manufacturerData">Null, or at least 2 bytes: the company id (little-endian) followed by data.</param>
        /// <exception cref="ArgumentNullException">serviceUuid or deviceName is null.</exception>
        /// <exception cref="ArgumentException">the name is empty or longer than 29 bytes, or the manufacturer data is shorter than 2 bytes.</exception>
        public static AdvertisingPlan Create(BleUuid serviceUuid, string deviceName, byte[] manufacturerData)
        {
            if (serviceUuid == null)
            {
                throw new ArgumentNullException("serviceUuid");
            }

            if (deviceName == null)
            {
                throw new ArgumentNullException("deviceName");
            }

            byte[] nameBytes = Encoding.UTF8.GetBytes(deviceName);
            if (nameBytes.Length == 0 || nameBytes.Length > MaxDeviceNameLength)
            {
                throw new ArgumentException("the BLE device name must be 1 to 29 bytes long");
            }

            byte[] mfg = null;
            bool truncated = false;
            bool omitted = false;
            if (manufacturerData != null)
            {
                if (manufacturerData.Length < 2)
                {
                    throw new ArgumentException("manufacturer data must start with a 2-byte company id");
                }

                int room = LegacyPayloadLimit - (2 + nameBytes.Length) - 2;
                if (room < 2)
                {
                    omitted = true;
                }
                else
                {
                    int take = manufacturerData.Length < room ? manufacturerData.Length : room;
                    truncated = take < manufacturerData.Length;
                    mfg = new byte[take];
                    Array.Copy(manufacturerData, mfg, take);
                }
            }

            return new AdvertisingPlan(serviceUuid, deviceName, nameBytes, mfg, truncated, omitted);
        }

        /// <summary>
        /// The ESP-IDF style default name: the prefix followed by the last three bytes of the MAC address as
        /// upper-case hex, for example "PROV_A1B2C3".
        /// </summary>
        /// <exception cref="ArgumentException">mac has fewer than 3 bytes or the result would exceed 29 bytes.</exception>
        public static string DefaultDeviceName(string prefix, byte[] mac)
        {
            if (mac == null || mac.Length < 3)
            {
                throw new ArgumentException("a MAC address of at least 3 bytes is needed");
            }

            if (prefix == null)
            {
                prefix = DefaultNamePrefix;
            }

            string name = prefix;
            for (int i = mac.Length - 3; i < mac.Length; i++)
            {
                name += Hex(mac[i] >> 4);
                name += Hex(mac[i] & 0x0F);
            }

            if (Encoding.UTF8.GetBytes(name).Length > MaxDeviceNameLength)
            {
                throw new ArgumentException("the prefix is too long for a 29-byte BLE name");
            }

            return name;
        }

        /// <summary>The advertised service UUID.</summary>
        public BleUuid ServiceUuid { get; private set; }

        /// <summary>The device name sent as Complete Local Name in the scan response.</summary>
        public string DeviceName { get; private set; }

        /// <summary>True when the manufacturer data had to be shortened to fit the scan response.</summary>
        public bool ManufacturerDataTruncated { get; private set; }

        /// <summary>True when manufacturer data was given but the name leaves no room for it.</summary>
        public bool ManufacturerDataOmitted { get; private set; }

        /// <summary>True when the name starts with <paramref name="prefix"/> (the apps filter by prefix).</summary>
        public bool NameHasPrefix(string prefix)
        {
            return prefix != null && DeviceName.Length >= prefix.Length && DeviceName.Substring(0, prefix.Length) == prefix;
        }

        /// <summary>A copy of the device name in UTF-8.</summary>
        public byte[] DeviceNameBytes()
        {
            return Copy(_nameBytes);
        }

        /// <summary>A copy of the manufacturer data as advertised (company id first), or null when there is none.</summary>
        public byte[] AdvertisedManufacturerData()
        {
            return _manufacturerData == null ? null : Copy(_manufacturerData);
        }

        /// <summary>A copy of the advertising data payload (AD structures; 21 bytes).</summary>
        public byte[] AdvertisingData()
        {
            return Copy(_advertisingData);
        }

        /// <summary>A copy of the scan response payload (AD structures; at most 31 bytes).</summary>
        public byte[] ScanResponseData()
        {
            return Copy(_scanResponse);
        }

        private static byte[] BuildAdvertisingData(BleUuid serviceUuid)
        {
            byte[] data = new byte[3 + 2 + BleUuid.Length];
            data[0] = 2;
            data[1] = AdTypeFlags;
            data[2] = FlagsGeneralDiscoverableLeOnly;
            data[3] = 1 + BleUuid.Length;
            data[4] = AdTypeCompleteUuid128List;
            serviceUuid.CopyTo(data, 5);
            return data;
        }

        private static byte[] BuildScanResponse(byte[] nameBytes, byte[] manufacturerData)
        {
            int length = 2 + nameBytes.Length + (manufacturerData == null ? 0 : 2 + manufacturerData.Length);
            byte[] data = new byte[length];
            data[0] = (byte)(1 + nameBytes.Length);
            data[1] = AdTypeCompleteLocalName;
            Array.Copy(nameBytes, 0, data, 2, nameBytes.Length);
            if (manufacturerData != null)
            {
                int at = 2 + nameBytes.Length;
                data[at] = (byte)(1 + manufacturerData.Length);
                data[at + 1] = AdTypeManufacturerData;
                Array.Copy(manufacturerData, 0, data, at + 2, manufacturerData.Length);
            }

            return data;
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] copy = new byte[source.Length];
            Array.Copy(source, copy, source.Length);
            return copy;
        }

        private static string Hex(int nibble)
        {
            return ((char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10)).ToString();
        }
    }
}
