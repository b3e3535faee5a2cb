namespace NanoProv.Transports
{
    /// <summary>Settings of <see cref="GattTransport"/>.</summary>
    public sealed class GattTransportOptions
    {
        /// <summary>Creates options with ESP-IDF's defaults (service 1775244d-…, 512-byte values).</summary>
        public GattTransportOptions()
        {
            ServiceUuid = BleUuid.Parse(GattUuidPlan.EspDefaultServiceUuid);
            MaxValueLength = GattUuidPlan.DefaultMaxValueLength;
            NamePrefix = AdvertisingPlan.DefaultNamePrefix;
            SlowRequestWarningMilliseconds = 1000;
            AnswerBudgetMilliseconds = 1500;
        }

        /// <summary>The primary service UUID (128-bit). Default: ESP-IDF's 1775244d-6b43-439b-877c-060f2d9bed07.</summary>
        public BleUuid ServiceUuid { get; set; }

        /// <summary>The advertised device name (1 to 29 bytes, normally "PROV_" + 6 hex digits). Required.</summary>
        public string DeviceName { get; set; }

        /// <summary>Optional manufacturer specific data for the scan response: company id (little-endian) then data.</summary>
        public byte[] ManufacturerData { get; set; }

        /// <summary>Longest request value accepted per write (default 512, the NimBLE and nanoFramework bound).</summary>
        public int MaxValueLength { get; set; }

        /// <summary>The prefix the phone apps filter on; a name without it is accepted but logged as a warning.</summary>
        public string NamePrefix { get; set; }

        /// <summary>
        /// A request taking longer than this is logged as a warning: nanoFramework answers the central with
        /// "unlikely error" when a handler needs more than 2 s. Default 1000 ms.
        /// </summary>
        public int SlowRequestWarningMilliseconds { get; set; }

        /// <summary>
        /// How long a write callback waits for its request before answering (default 1500 ms, inside nanoFramework's
        /// 2 s window). Requests run on the transport's worker thread; one that is still running then (a blocking Wi-Fi
        /// scan) gets its write acknowledged and the following read of the same characteristic waits up to this long
        /// again for the reply. 0 runs every request inline on the stack's callback thread, without a worker thread.
        /// </summary>
        public int AnswerBudgetMilliseconds { get; set; }

        /// <summary>
        /// Custom endpoint names in registration order, for building the GATT table before the endpoints are
        /// registered on protocomm (e.g. <c>ProvisioningService.CustomEndpointNames</c>). Null: ask protocomm at start.
        /// </summary>
        public string[] CustomEndpointNames { get; set; }
    }
}
