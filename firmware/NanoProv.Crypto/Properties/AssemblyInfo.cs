using System.Reflection;

// NanoProv.Crypto: the crypto interop assembly. It holds NanoProv.Nano.NativeCrypto and nothing else, so the native
// checksum MetadataProcessor computes over it (every method of the assembly) only changes when the crypto surface does;
// changes to the NanoProv library never require new native stubs or a new nanoCLR image.
[assembly: AssemblyTitle("NanoProv.Crypto")]
[assembly: AssemblyDescription("NanoProv crypto interop: ICrypto over the native mbedTLS module compiled into the NanoProv nanoCLR image")]
[assembly: AssemblyConfiguration("")]
[assembly: AssemblyCompany("")]
[assembly: AssemblyProduct("NanoProv")]
[assembly: AssemblyCopyright("Copyright (c) NanoProv contributors")]
[assembly: AssemblyTrademark("")]
[assembly: AssemblyCulture("")]

[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]

////////////////////////////////////////////////////////////////
// Update this whenever the native (InternalCall) signatures of NativeCrypto change; it must equal the version in
// g_CLR_AssemblyNative_NanoProv_Crypto (native-interop/nanoframework/NanoProv_Crypto.cpp) compiled into the firmware.
[assembly: AssemblyNativeVersion("1.0.0.0")]
////////////////////////////////////////////////////////////////
