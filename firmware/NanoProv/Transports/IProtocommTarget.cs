using NanoProv.Protocomm;

namespace NanoProv.Transports
{
    /// <summary>
    /// What <see cref="HttpTransport"/> needs from the protocomm layer: the three calls of the
    /// <c>Protocomm</c> facade a transport may make. <see cref="ProtocommTarget"/> adapts the real
    /// facade; unit tests supply a fake.
    /// </summary>
    public interface IProtocommTarget
    {
        /// <summary>True when an endpoint (standard or custom) with this name is registered.</summary>
        bool HasEndpoint(string name);

        /// <summary>Resolves the session, dispatches the request and returns the reply (see Protocomm.Handle).</summary>
        ProtocommReply Handle(string endpointName, RequestOrigin origin, byte[] body, int offset, int count);

        /// <summary>The TCP connection with this id went away; sessions survive it.</summary>
        void ConnectionClosed(string connectionId);
    }
}
