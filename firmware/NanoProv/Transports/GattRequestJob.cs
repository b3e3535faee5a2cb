using System.Threading;

namespace NanoProv.Transports
{
    /// <summary>
    /// One request written to an endpoint characteristic, run by <see cref="GattTransport"/> (inline or on its worker
    /// thread). Completion sets the ATT result and wakes whoever waits: the write callback, or the read that follows
    /// when the write was answered before the work finished.
    /// </summary>
    internal sealed class GattRequestJob
    {
        private readonly ManualResetEvent _done = new ManualResetEvent(false);

        internal GattRequestJob(GattConnectionState state, GattCharacteristicPlan target, byte[] data)
        {
            State = state;
            Target = target;
            Data = data;
        }

        private GattRequestJob(string endedConnectionId)
        {
            EndedConnectionId = endedConnectionId;
        }

        /// <summary>
        /// A job that ends the sessions of a connection that went away. It queues behind a running request instead of
        /// blocking the stack's event thread until that request releases protocomm.
        /// </summary>
        internal static GattRequestJob EndSessions(string connectionId)
        {
            return new GattRequestJob(connectionId);
        }

        /// <summary>Non-null for a session-ending job: the connection whose sessions end.</summary>
        internal string EndedConnectionId { get; private set; }

        /// <summary>The connection the request came from.</summary>
        internal GattConnectionState State { get; private set; }

        /// <summary>The endpoint characteristic written.</summary>
        internal GattCharacteristicPlan Target { get; private set; }

        /// <summary>The request bytes (a private copy, wiped after the run).</summary>
        internal byte[] Data { get; private set; }

        /// <summary>The ATT result (valid once <see cref="IsDone"/>).</summary>
        internal byte Result { get; private set; }

        /// <summary>True once the request ran (or was abandoned).</summary>
        internal bool IsDone { get; private set; }

        /// <summary>Waits up to <paramref name="milliseconds"/> for completion; true when done.</summary>
        internal bool Wait(int milliseconds)
        {
            return IsDone || _done.WaitOne(milliseconds, false);
        }

        internal void Complete(byte result)
        {
            Result = result;
            IsDone = true;
            _done.Set();
        }
    }
}
