// NanoRef stub (signatures only) of nanoFramework mscorlib Random, Console, GC, Debug and RuntimeHelpers.
// Verified against nanoframework/CoreLibrary: nanoFramework.CoreLibrary/System/{Random,Console,GC}.cs,
// System/Diagnostics/Debug.cs, System/Runtime/CompilerServices/RuntimeHelpers.cs.
// Absent on purpose (not in the real API): Random.Next(int, int), Console.WriteLine(object/format), Debug.WriteLine(object),
// GC.Collect, GC.GetTotalMemory (use nanoFramework.Runtime.Native.GC.Run).

namespace System
{
    public class Random
    {
        public Random() { }
        public Random(int seed) { }
        public virtual int Next() { throw null; }
        public virtual int Next(int maxValue) { throw null; }
        public virtual double NextDouble() { throw null; }
        public virtual void NextBytes(byte[] buffer) { }
    }

    public static class Console
    {
        public static void Write(string value) { }
        public static void WriteLine() { }
        public static void WriteLine(string value) { }
    }

    public static class GC
    {
        public static void WaitForPendingFinalizers() { }
        public static void SuppressFinalize(object obj) { }
        public static void ReRegisterForFinalize(object obj) { }
    }
}

namespace System.Diagnostics
{
    public static class Debug
    {
        [Conditional("DEBUG")]
        public static void Assert(bool condition) { }
        [Conditional("DEBUG")]
        public static void Assert(bool condition, string message) { }
        [Conditional("DEBUG")]
        public static void Assert(bool condition, string message, string detailedMessage) { }
        [Conditional("DEBUG")]
        public static void Write(string message) { }
        [Conditional("DEBUG")]
        public static void WriteLine(string message) { }
    }
}

namespace System.Runtime.CompilerServices
{
    public static class RuntimeHelpers
    {
        public static void InitializeArray(Array array, RuntimeFieldHandle fldHandle) { }
        public static object GetObjectValue(object obj) { throw null; }
        public static void RunClassConstructor(RuntimeTypeHandle type) { }
        public static int OffsetToStringData { get { throw null; } }
    }
}
