// NanoRef stub (signatures only) of the threading types that live in nanoFramework mscorlib.
// Verified against nanoframework/CoreLibrary: nanoFramework.CoreLibrary/System/Threading/{Thread,ThreadPriority,Timer,
// WaitHandle,AutoResetEvent,ManualResetEvent,Monitor,Interlocked,Timeout}.cs.
// Absent on purpose (not in the real API): Thread.Name, Thread.IsBackground, ThreadPool, WaitHandle.WaitOne(int),
// WaitOne(TimeSpan), Monitor.TryEnter/Wait/Pulse, Monitor.Enter(object, ref bool), Interlocked on long/object/generic.
// CancellationToken/CancellationTokenSource live in the System.Threading assembly (package nanoFramework.System.Threading).

namespace System.Threading
{
    public enum ThreadPriority
    {
        Lowest = 0,
        BelowNormal = 1,
        Normal = 2,
        AboveNormal = 3,
        Highest = 4
    }

    public sealed class Thread
    {
        public Thread(ThreadStart start) { }
        public void Start() { }
        public void Abort() { }
        public void Suspend() { }
        public void Resume() { }
        public ThreadPriority Priority { get { throw null; } set { } }
        public int ManagedThreadId { get { throw null; } }
        public bool IsAlive { get { throw null; } }
        public void Join() { }
        public bool Join(int millisecondsTimeout) { throw null; }
        public bool Join(TimeSpan timeout) { throw null; }
        public static void Sleep(int millisecondsTimeout) { }
        public static void Sleep(TimeSpan timeout) { }
        public static void SpinWait(int iterations) { }
        public static Thread CurrentThread { get { throw null; } }
    }

    public sealed class Timer : MarshalByRefObject, IDisposable
    {
        public Timer(TimerCallback callback, object state, int dueTime, int period) { }
        public Timer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period) { }
        public bool Change(int dueTime, int period) { throw null; }
        public bool Change(TimeSpan dueTime, TimeSpan period) { throw null; }
        public void Dispose() { }
    }

    public abstract class WaitHandle : MarshalByRefObject
    {
        public const int WaitTimeout = 0x102;
        public virtual bool WaitOne(int millisecondsTimeout, bool exitContext) { throw null; }
        public virtual bool WaitOne() { throw null; }
        public static bool WaitAll(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext) { throw null; }
        public static bool WaitAll(WaitHandle[] waitHandles) { throw null; }
        public static int WaitAny(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext) { throw null; }
        public static int WaitAny(WaitHandle[] waitHandles) { throw null; }
    }

    public sealed class AutoResetEvent : WaitHandle
    {
        public AutoResetEvent(bool initialState) { }
        public bool Reset() { throw null; }
        public bool Set() { throw null; }
    }

    public sealed class ManualResetEvent : WaitHandle
    {
        public ManualResetEvent(bool initialState) { }
        public bool Reset() { throw null; }
        public bool Set() { throw null; }
    }

    public static class Monitor
    {
        public static void Enter(object obj) { }
        public static void Exit(object obj) { }
    }

    public static class Interlocked
    {
        public static int Increment(ref int location) { throw null; }
        public static int Decrement(ref int location) { throw null; }
        public static int Exchange(ref int location1, int value) { throw null; }
        public static int CompareExchange(ref int location1, int value, int comparand) { throw null; }
    }

    public static class Timeout
    {
        public const int Infinite = -1;
        public static readonly TimeSpan InfiniteTimeSpan;
    }
}
