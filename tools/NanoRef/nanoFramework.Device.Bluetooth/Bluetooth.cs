// NanoRef stub (signatures only) of assembly nanoFramework.Device.Bluetooth (package nanoFramework.Device.Bluetooth
// 1.1.123), namespace nanoFramework.Device.Bluetooth.
// Verified against nanoframework/nanoFramework.Device.Bluetooth: nanoFramework.Device.Bluetooth/BluetoothLEServer.cs,
// BluetoothError.cs, IO/Buffer.cs, IO/DataReader.cs and nanoframework-api.md (snapshot 1045eaf).
// Only the part NanoProv's BLE adapter uses (and its direct siblings) is stubbed. Left out: BluetoothLEServer.Pairing
// (DevicePairing), DataWriter (its constructor chains to Buffer, which the stub rules cannot express), BluetoothLEDevice, BluetoothDeviceId, NordicSpp, the watcher and pairing types.
// The library creates BluetoothLEServer (private constructor) and DataReader (private constructor, FromBuffer) itself;
// the stub rules allow no non-public members, so the compiler's implicit constructor stands in: never construct them.

namespace nanoFramework.Device.Bluetooth
{
    public enum BluetoothError
    {
        Success = 0,
        RadioNotAvailable = 1,
        ResourceInUse = 2,
        DeviceNotConnected = 3,
        OtherError = 4,
        DisabledByPolicy = 5,
        NotSupported = 6,
        DisabledByUser = 7,
        ConsentRequired = 8,
        TransportNotSupported = 9,
    }

    public class BluetoothLEServer : System.IDisposable
    {
        public static BluetoothLEServer Instance { get { throw null; } }
        public string DeviceName { get { throw null; } set { } }
        public ushort Appearance { get { throw null; } set { } }
        public nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattSession Session { get { throw null; } }
        public nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattServiceProvider[] Services { get { throw null; } }
        public nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattServiceProvider GetServiceByUUID(System.Guid serviceUuid) { throw null; }
        public void Start() { }
        public void Stop() { }
        protected virtual void Dispose(bool disposing) { }
        public void Dispose() { }
    }

    public class Buffer
    {
        protected uint _length;
        public Buffer(uint capacity) { }
        public Buffer(byte[] array) { }
        public uint Capacity { get { throw null; } }
        public uint Length { get { throw null; } set { } }
        public void EnsureCapacity(uint newCapacity) { }
    }

    public class DataReader
    {
        public uint UnconsumedBufferLength { get { throw null; } }
        public static DataReader FromBuffer(Buffer buffer) { throw null; }
        public bool ReadBoolean() { throw null; }
        public Buffer ReadBuffer(uint length) { throw null; }
        public byte ReadByte() { throw null; }
        public void ReadBytes(byte[] value) { }
        public System.DateTime ReadDateTime() { throw null; }
        public double ReadDouble() { throw null; }
        public System.Guid ReadGuid() { throw null; }
        public System.Guid ReadUuid() { throw null; }
        public System.Guid ReadUuid2() { throw null; }
        public short ReadInt16() { throw null; }
        public int ReadInt32() { throw null; }
        public long ReadInt64() { throw null; }
        public float ReadSingle() { throw null; }
        public string ReadString(uint codeUnitCount) { throw null; }
        public System.TimeSpan ReadTimeSpan() { throw null; }
        public ushort ReadUInt16() { throw null; }
        public uint ReadUInt32() { throw null; }
        public ulong ReadUInt64() { throw null; }
    }
}
