using System.Reflection;

// NanoProv.Ble: the BLE GATT adapter (NanoGattPeripheral over nanoFramework.Device.Bluetooth). Kept out of the NanoProv
// library so that SoftAP-only firmware (ESP32_REV0/REV3/PSRAM_* images, which have no Bluetooth) can deploy NanoProv:
// the deployer needs native support for every assembly an application references.
[assembly: AssemblyTitle("NanoProv.Ble")]
[assembly: AssemblyDescription("NanoProv BLE transport adapter: GATT peripheral over nanoFramework.Device.Bluetooth (needs a firmware image with Bluetooth)")]
[assembly: AssemblyConfiguration("")]
[assembly: AssemblyCompany("")]
[assembly: AssemblyProduct("NanoProv")]
[assembly: AssemblyCopyright("Copyright (c) NanoProv contributors")]
[assembly: AssemblyTrademark("")]
[assembly: AssemblyCulture("")]

[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
