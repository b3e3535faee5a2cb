// NanoRef stub (signatures only) of assembly nanoFramework.Runtime.Native (package nanoFramework.Runtime.Native 1.7.x).
// Verified against nanoframework/nanoFramework.Runtime.Native nanoFramework.Runtime.Native/{System/Environment,GC,Power,
// RebootOption,SystemInfo}.cs and nanoframework-api.md. Environment (only TickCount64) lives in namespace System but in
// this assembly; mscorlib has no Environment class. nanoFramework.Runtime.Native.GC clashes by name with System.GC:
// qualify it fully. Power.RebootDevice takes an optional RebootOption since 1.7.x (older sources: RebootDevice() and
// RebootDevice(int)); calling RebootDevice() compiles against both.
// Left out: ExecutionConstraint, ConstraintException, Rtc, SystemInfo.OEM/Model/SKU/FloatingPointSupport.

namespace System
{
    public static class Environment
    {
        public static long TickCount64 { get { throw null; } }
    }
}

namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        public static uint Run(bool compactHeap) { throw null; }
        public static void EnableGCMessages(bool enable) { }
    }

    public delegate void RebootEventHandler();

    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8
    }

    public class Power
    {
        public Power() { }
        public static event RebootEventHandler OnRebootEvent { add { } remove { } }
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) { }
        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) { }
    }

    public static class SystemInfo
    {
        public static System.Version Version { get { throw null; } }
        public static string OEMString { get { throw null; } }
        public static string TargetName { get { throw null; } }
        public static string Platform { get { throw null; } }
    }
}
