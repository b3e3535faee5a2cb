namespace NanoProv.Transports
{
    /// <summary>
    /// The 16-bit ids ESP-IDF gives the provisioning endpoints on BLE; each id replaces bytes 12–13 of the
    /// service UUID to form the endpoint's characteristic UUID.
    /// </summary>
    public static class GattEndpointIds
    {
        /// <summary>prov-ctrl.</summary>
        public const ushort Ctrl = 0xFF4F;
        /// <summary>prov-scan.</summary>
        public const ushort Scan = 0xFF50;
        /// <summary>prov-session.</summary>
        public const ushort Session = 0xFF51;
        /// <summary>prov-config.</summary>
        public const ushort Config = 0xFF52;
        /// <summary>proto-ver.</summary>
        public const ushort ProtoVer = 0xFF53;
        /// <summary>The first custom endpoint; later custom endpoints count up from here in registration order.</summary>
        public const ushort FirstCustom = 0xFF54;
        /// <summary>The last usable id (custom endpoints beyond it cannot be given a characteristic).</summary>
        public const ushort LastCustom = 0xFFFF;
    }
}
