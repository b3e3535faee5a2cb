using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("NanoProv device tests: crypto known-answer vectors through the native interop, wire and security replays")]
[assembly: AssemblyConfiguration("")]
[assembly: AssemblyCompany("NanoProv")]
[assembly: AssemblyProduct("NanoProv")]
[assembly: AssemblyCopyright("")]
[assembly: AssemblyTrademark("")]
[assembly: AssemblyCulture("")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
