namespace NanoProv.Protocomm
{
    /// <summary>Outcome of <see cref="Protocomm.Handle"/>.</summary>
    public enum ProtocommStatus
    {
        /// <summary>The reply body is ready to send.</summary>
        Ok = 0,

        /// <summary>No endpoint with that name: HTTP 404, BLE "attribute not found". No session was touched.</summary>
        UnknownEndpoint = 1,

        /// <summary>The request failed: HTTP closes the connection without a response, BLE answers an ATT error.</summary>
        Failed = 2
    }
}
