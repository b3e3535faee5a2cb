// NanoRef stub (signatures only) of the non-generic delegates and EventArgs of nanoFramework mscorlib.
// Verified against nanoframework/CoreLibrary: nanoFramework.CoreLibrary/System/{Action,EventArgs,EventHandler}.cs,
// System/Threading/{ThreadStart,Timer}.cs.
// The generic Action<T>, Action<T1,T2>, Func<...> and EventHandler<TEventArgs> are declared in mscorlib 1.x but
// generic instantiation does not work on the 1.x runtime (nanoframework.md 0.1), so NanoRef leaves them out on purpose:
// firmware must use non-generic delegates.

namespace System
{
    public delegate void Action();

    public delegate void EventHandler(object sender, EventArgs e);

    public class EventArgs
    {
        public static readonly EventArgs Empty;
        public EventArgs() { }
    }
}

namespace System.Threading
{
    public delegate void ThreadStart();

    public delegate void TimerCallback(object state);
}
