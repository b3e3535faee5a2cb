// NanoRef stub (signatures only) of assembly nanoFramework.Runtime.Events (package nanoFramework.Runtime.Events 1.11.x).
// Verified against nanoframework/nanoFramework.Runtime.Events nanoFramework.Runtime.Events/BaseEvent.cs.
// The firmware uses no type of this assembly directly; it is referenced because System.Net, System.Net.Http,
// System.Device.Wifi and System.Device.Gpio depend on it (the deployment needs its .pe). Only BaseEvent is stubbed.
// Left out: EventSink, IEventListener, IEventProcessor, EventCategory, CustomEvent, WeakDelegate.

namespace nanoFramework.Runtime.Events
{
    public class BaseEvent
    {
        public ushort Source;
        public byte Message;
    }
}
