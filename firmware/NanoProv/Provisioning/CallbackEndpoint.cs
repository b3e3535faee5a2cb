using System;
using NanoProv.Protocomm;

namespace NanoProv.Provisioning
{
    /// <summary>
    /// Application callback of a custom endpoint: gets the decrypted request, returns the plaintext reply
    /// (null = fail the request at transport level). The request array may be wiped by protocomm once the call returns:
    /// copy what you keep and never return the request array itself.
    /// </summary>
    public delegate byte[] CustomRequestCallback(uint sessionId, byte[] request);

    /// <summary>
    /// Adapts a <see cref="CustomRequestCallback"/> to <see cref="IRequestHandler"/>, so an application can add a
    /// custom endpoint with a method: <c>service.RegisterCustomEndpoint("custom-data", new CallbackEndpoint(OnData))</c>.
    /// Exceptions thrown by the callback fail the request (no reply) instead of escaping into the transport.
    /// </summary>
    public sealed class CallbackEndpoint : IRequestHandler
    {
        private readonly CustomRequestCallback _callback;

        /// <summary>Wraps a callback.</summary>
        public CallbackEndpoint(CustomRequestCallback callback)
        {
            if (callback == null)
            {
                throw new ArgumentNullException("callback");
            }

            _callback = callback;
        }

        /// <inheritdoc />
        public byte[] HandleRequest(uint sessionId, byte[] request)
        {
            try
            {
                return _callback(sessionId, request == null ? new byte[0] : request);
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
