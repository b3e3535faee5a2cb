using System.Reflection;

[assembly: AssemblyTitle("NanoProv.App")]
[assembly: AssemblyDescription("NanoProv firmware: boot flow, field reset and Wi-Fi provisioning over BLE or SoftAP")]
[assembly: AssemblyConfiguration("")]
[assembly: AssemblyCompany("NanoProv")]
[assembly: AssemblyProduct("NanoProv")]
[assembly: AssemblyCopyright("")]
[assembly: AssemblyTrademark("")]
[assembly: AssemblyCulture("")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
