// NanoRef stub (signatures only) of assembly nanoFramework.Device.Bluetooth, namespace
// nanoFramework.Device.Bluetooth.GenericAttributeProfile (package nanoFramework.Device.Bluetooth 1.1.123).
// Verified against nanoframework/nanoFramework.Device.Bluetooth: GenericAttributeProfile/{GattServiceProvider,
// GattServiceProviderAdvertisingParameters,GattServiceProviderResult,GattServiceProviderAdvertisementStatus,GattLocalService,
// GattLocalCharacteristic,GattLocalCharacteristicParameters,GattLocalCharacteristicResult,GattCharacteristicProperties,
// GattProtectionLevel,GattReadRequest,GattReadRequestedEventArgs,GattWriteRequest,GattWriteRequestedEventArgs,GattWriteOption,
// GattSession,GattSessionStatus,GattSessionStatusChangedEventArgs}.cs and nanoframework-api.md (snapshot 1045eaf: it is the
// authority for the public member set; some stored upstream versions differ, e.g. older public INativeDevice constructors).
// Left out (unused by NanoProv): descriptors, presentation formats, notifications and subscribed clients, GattProtocolError,
// GattSession.DeviceId/FromDeviceId (BluetoothDeviceId), GattServiceProvider statics other than Create.
// Objects the library creates itself (providers, services, characteristics, requests, event args, results, sessions) have no
// public constructor on the device; the stub rules allow no non-public members, so the compiler's implicit constructor
// stands in: never construct them. Events are written with empty accessors (no backing field in a stub).

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    [System.Flags]
    public enum GattCharacteristicProperties : uint
    {
        None = 0,
        Broadcast = 1,
        Read = 2,
        WriteWithoutResponse = 4,
        Write = 8,
        Notify = 16,
        Indicate = 32,
        AuthenticatedSignedWrites = 64,
        ExtendedProperties = 128,
        ReliableWrites = 256,
        WritableAuxiliaries = 512,
    }

    public enum GattProtectionLevel
    {
        Plain = 0,
        AuthenticationRequired = 1,
        EncryptionRequired = 2,
        EncryptionAndAuthenticationRequired = 3,
    }

    public enum GattServiceProviderAdvertisementStatus
    {
        Created = 0,
        Stopped = 1,
        Started = 2,
        Aborted = 3,
        StartedWithoutAllAdvertisementData = 4,
    }

    public enum GattSessionStatus
    {
        Closed = 0,
        Active = 1,
    }

    public enum GattWriteOption
    {
        WriteWithResponse = 0,
        WriteWithoutResponse = 1,
    }

    public class GattServiceProvider
    {
        public GattServiceProviderAdvertisementStatus AdvertisementStatus { get { throw null; } }
        public GattLocalService Service { get { throw null; } }
        public void StartAdvertising() { }
        public void StartAdvertising(GattServiceProviderAdvertisingParameters parameters) { }
        public void StopAdvertising() { }
        public static GattServiceProviderResult Create(System.Guid serviceUuid) { throw null; }
    }

    public class GattServiceProviderResult
    {
        public nanoFramework.Device.Bluetooth.BluetoothError Error { get { throw null; } }
        public GattServiceProvider ServiceProvider { get { throw null; } }
    }

    public class GattServiceProviderAdvertisingParameters
    {
        public GattServiceProviderAdvertisingParameters() { }
        public bool IsDiscoverable { get { throw null; } set { } }
        public bool IsConnectable { get { throw null; } set { } }
        public nanoFramework.Device.Bluetooth.Buffer ServiceData { get { throw null; } set { } }
        public nanoFramework.Device.Bluetooth.Advertisement.BluetoothLEAdvertisement Advertisement { get { throw null; } }
        public bool CustomAdvertisement { get { throw null; } set { } }
    }

    public class GattLocalService
    {
        public GattLocalCharacteristic[] Characteristics { get { throw null; } }
        public System.Guid Uuid { get { throw null; } }
        public GattLocalCharacteristicResult CreateCharacteristic(System.Guid characteristicUuid, GattLocalCharacteristicParameters parameters) { throw null; }
    }

    public class GattLocalCharacteristicParameters
    {
        public GattLocalCharacteristicParameters() { }
        public GattProtectionLevel WriteProtectionLevel { get { throw null; } set { } }
        public string UserDescription { get { throw null; } set { } }
        public nanoFramework.Device.Bluetooth.Buffer StaticValue { get { throw null; } set { } }
        public GattProtectionLevel ReadProtectionLevel { get { throw null; } set { } }
        public GattCharacteristicProperties CharacteristicProperties { get { throw null; } set { } }
    }

    public class GattLocalCharacteristicResult
    {
        public GattLocalCharacteristic Characteristic { get { throw null; } }
        public nanoFramework.Device.Bluetooth.BluetoothError Error { get { throw null; } }
    }

    public sealed class GattLocalCharacteristic
    {
        public delegate void GattLocalCharacteristicReadEventHandler(GattLocalCharacteristic sender, GattReadRequestedEventArgs ReadRequestEventArgs);

        public delegate void GattLocalCharacteristicWriteEventHandler(GattLocalCharacteristic sender, GattWriteRequestedEventArgs WriteRequestEventArgs);

        public GattCharacteristicProperties CharacteristicProperties { get { throw null; } }
        public GattProtectionLevel ReadProtectionLevel { get { throw null; } }
        public nanoFramework.Device.Bluetooth.Buffer StaticValue { get { throw null; } }
        public string UserDescription { get { throw null; } }
        public System.Guid Uuid { get { throw null; } }
        public GattProtectionLevel WriteProtectionLevel { get { throw null; } }
        public event GattLocalCharacteristicReadEventHandler ReadRequested { add { } remove { } }
        public event GattLocalCharacteristicWriteEventHandler WriteRequested { add { } remove { } }
    }

    public sealed class GattReadRequest
    {
        public uint Length { get { throw null; } }
        public void RespondWithValue(nanoFramework.Device.Bluetooth.Buffer value) { }
        public void RespondWithProtocolError(byte protocolError) { }
    }

    public sealed class GattReadRequestedEventArgs
    {
        public GattSession Session { get { throw null; } }
        public GattReadRequest GetRequest() { throw null; }
    }

    public sealed class GattWriteRequest
    {
        public uint Offset { get { throw null; } }
        public GattWriteOption Option { get { throw null; } }
        public nanoFramework.Device.Bluetooth.Buffer Value { get { throw null; } }
        public void Respond() { }
        public void RespondWithProtocolError(byte protocolError) { }
    }

    public sealed class GattWriteRequestedEventArgs
    {
        public GattSession Session { get { throw null; } }
        public GattWriteRequest GetRequest() { throw null; }
    }

    public class GattSession
    {
        public delegate void GattSessionStatusChangedEventHandler(object sender, GattSessionStatusChangedEventArgs args);

        public ushort MaxMtuSize { get { throw null; } }
        public event GattSessionStatusChangedEventHandler SessionStatusChanged { add { } remove { } }
        public event System.EventHandler MaxPduSizeChanged { add { } remove { } }
    }

    public class GattSessionStatusChangedEventArgs
    {
        public GattSessionStatus Status { get { throw null; } }
        public nanoFramework.Device.Bluetooth.BluetoothError Error { get { throw null; } }
    }
}
