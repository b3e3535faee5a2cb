using System;
using NanoProv.Protocomm;

namespace NanoProv.Transports
{
    /// <summary>Connects <see cref="HttpTransport"/> to the real <see cref="NanoProv.Protocomm.Protocomm"/> facade.</summary>
    public sealed class ProtocommTarget : IProtocommTarget
    {
        private readonly NanoProv.Protocomm.Protocomm _protocomm;

        /// <summary>Wraps a protocomm instance.</summary>
        public ProtocommTarget(NanoProv.Protocomm.Protocomm protocomm)
        {
            if (protocomm == null)
            {
                throw new ArgumentNullException("protocomm");
            }

            _protocomm = protocomm;
        }

        /// <inheritdoc />
        public bool HasEndpoint(string name)
        {
            return _protocomm.HasEndpoint(name);
        }

        /// <inheritdoc />
        public ProtocommReply Handle(string endpointName, RequestOrigin origin, byte[] body, int offset, int count)
        {
            return _protocomm.Handle(endpointName, origin, body, offset, count);
        }

        /// <inheritdoc />
        public void ConnectionClosed(string connectionId)
        {
            _protocomm.ConnectionClosed(connectionId);
        }
    }
}
