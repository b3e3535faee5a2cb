namespace NanoProv.Protocomm
{
    /// <summary>
    /// Handler of a request endpoint (prov-config, prov-scan, prov-ctrl or a custom endpoint).
    /// </summary>
    public interface IRequestHandler
    {
        /// <summary>
        /// Handles one decrypted request and returns the plaintext reply, or null to signal failure (the transport
        /// then fails the request without a reply, as ESP-IDF does). <paramref name="request"/> is cleared after the
        /// call returns (it may hold a passphrase): copy what must be kept.
        /// </summary>
        /// <param name="sessionId">The id of the session the request belongs to.</param>
        /// <param name="request">The decrypted request bytes.</param>
        byte[] HandleRequest(uint sessionId, byte[] request);
    }
}
