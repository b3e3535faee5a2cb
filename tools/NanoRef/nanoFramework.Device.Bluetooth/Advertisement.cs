// NanoRef stub (signatures only) of assembly nanoFramework.Device.Bluetooth, namespace
// nanoFramework.Device.Bluetooth.Advertisement (package nanoFramework.Device.Bluetooth 1.1.123).
// Verified against nanoframework/nanoFramework.Device.Bluetooth: Advertisement/BluetoothLEAdvertisement.cs,
// Advertisement/BluetoothLEAdvertisementDataSection.cs, BluetoothLEManufacturerData.cs (declared in this namespace although
// the file sits in the project root). nanoframework-api.md lists only the parameters' Advertisement property; these members
// come from the upstream sources.
// Left out: BluetoothLEAdvertisement.Flags (BluetoothLEAdvertisementFlags), the publisher, the watcher and filters.
// Note: DataSections rebuilds its 0xFF (manufacturer) sections from ManufacturerData each time it is read, so
// manufacturer data goes into ManufacturerData, never into DataSections directly.

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    public class BluetoothLEAdvertisement
    {
        public BluetoothLEAdvertisement() { }
        public System.Collections.ArrayList DataSections { get { throw null; } }
        public string LocalName { get { throw null; } set { } }
        public System.Collections.ArrayList ManufacturerData { get { throw null; } }
        public System.Guid[] ServiceUuids { get { throw null; } }
        public System.Collections.ArrayList GetSectionsByType(byte type) { throw null; }
        public System.Collections.ArrayList GetManufacturerDataByCompanyId(ushort companyId) { throw null; }
    }

    public class BluetoothLEAdvertisementDataSection
    {
        public BluetoothLEAdvertisementDataSection() { }
        public BluetoothLEAdvertisementDataSection(byte dataType, nanoFramework.Device.Bluetooth.Buffer data) { }
        public byte DataType { get { throw null; } set { } }
        public nanoFramework.Device.Bluetooth.Buffer Data { get { throw null; } set { } }
    }

    public class BluetoothLEManufacturerData
    {
        public BluetoothLEManufacturerData() { }
        public BluetoothLEManufacturerData(ushort companyId, nanoFramework.Device.Bluetooth.Buffer data) { }
        public nanoFramework.Device.Bluetooth.Buffer Data { get { throw null; } set { } }
        public ushort CompanyId { get { throw null; } set { } }
    }
}
