using System.Reflection;

// General information about the NanoProv library assembly (nanoFramework build only; the host build of the
// same sources, tools/NanoProv.Core, does not compile this file).
[assembly: AssemblyTitle("NanoProv")]
[assembly: AssemblyDescription("Wi-Fi provisioning for ESP32 on .NET nanoFramework, wire-compatible with Espressif unified provisioning")]
[assembly: AssemblyConfiguration("")]
[assembly: AssemblyCompany("")]
[assembly: AssemblyProduct("NanoProv")]
[assembly: AssemblyCopyright("Copyright (c) NanoProv contributors")]
[assembly: AssemblyTrademark("")]
[assembly: AssemblyCulture("")]

[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]

// No AssemblyNativeVersion: NanoProv has no native (InternalCall) methods. The crypto interop lives in the NanoProv.Crypto
// assembly (firmware/NanoProv.Crypto), so changes to this library never change a native checksum or need a new nanoCLR.
