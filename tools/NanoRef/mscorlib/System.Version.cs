// NanoRef stub (signatures only) of System.Version in nanoFramework mscorlib.
// Verified against nanoframework/CoreLibrary nanoFramework.CoreLibrary/System/Version.cs (sealed class, no interfaces,
// ctors (int, int) and (int, int, int, int), Major/Minor/Build/Revision, Equals/ToString/GetHashCode overrides).
// Needed by System.Net.Http (HttpListenerRequest.ProtocolVersion).

namespace System
{
    public sealed class Version
    {
        public Version(int major, int minor, int build, int revision) { }
        public Version(int major, int minor) { }
        public int Major { get { throw null; } }
        public int Minor { get { throw null; } }
        public int Revision { get { throw null; } }
        public int Build { get { throw null; } }
        public override bool Equals(object obj) { throw null; }
        public override string ToString() { throw null; }
        public override int GetHashCode() { throw null; }
    }
}
