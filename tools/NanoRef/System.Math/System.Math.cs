// NanoRef stub (signatures only) of assembly System.Math (package nanoFramework.System.Math).
// Verified against nanoframework/System.Math: nanoFramework.System.Math/Math.cs.
// Only the members a firmware might plausibly want are stubbed; the NanoProv core does not reference this package
// (it writes tiny helpers instead), so Math.Min & co. fail the compile check unless a project references System.Math.

namespace System
{
    public static class Math
    {
        public const double PI = 3.14159265358979323846;
        public const double E = 2.7182818284590452354;
        public static int Max(int val1, int val2) { throw null; }
        public static int Min(int val1, int val2) { throw null; }
        public static int Abs(int val) { throw null; }
        public static double Abs(double val) { throw null; }
        public static float Abs(float val) { throw null; }
    }
}
