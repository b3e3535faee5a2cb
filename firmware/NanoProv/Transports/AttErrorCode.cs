namespace NanoProv.Transports
{
    /// <summary>
    /// ATT error codes (Bluetooth Core, Vol 3 Part F, 3.4.1.1) used between <see cref="GattTransport"/>,
    /// <see cref="IGattPeripheral"/> implementations and the GATT simulator. 0 means success.
    /// </summary>
    public static class AttErrorCode
    {
        /// <summary>Not an error: the request succeeded.</summary>
        public const byte Success = 0x00;
        /// <summary>The attribute handle is not valid on this server.</summary>
        public const byte InvalidHandle = 0x01;
        /// <summary>The attribute cannot be read.</summary>
        public const byte ReadNotPermitted = 0x02;
        /// <summary>The attribute cannot be written.</summary>
        public const byte WriteNotPermitted = 0x03;
        /// <summary>The request PDU was malformed.</summary>
        public const byte InvalidPdu = 0x04;
        /// <summary>The server does not support the request.</summary>
        public const byte RequestNotSupported = 0x06;
        /// <summary>The offset is past the end of the attribute value.</summary>
        public const byte InvalidOffset = 0x07;
        /// <summary>Too many prepared writes are queued.</summary>
        public const byte PrepareQueueFull = 0x09;
        /// <summary>No attribute was found (also: the written characteristic is not a known endpoint).</summary>
        public const byte AttributeNotFound = 0x0A;
        /// <summary>The attribute cannot be read with Read Blob.</summary>
        public const byte AttributeNotLong = 0x0B;
        /// <summary>The value length is invalid for the attribute (empty or longer than the maximum).</summary>
        public const byte InvalidAttributeValueLength = 0x0D;
        /// <summary>The request could not be completed (NanoProv: protocomm refused or failed on the request).</summary>
        public const byte UnlikelyError = 0x0E;
    }
}
