using System;
using NanoProv.Protocomm;

namespace NanoProv.Transports
{
    /// <summary>
    /// The GATT layout of the provisioning service: one primary service with a 128-bit UUID and one characteristic
    /// per endpoint, in ESP-IDF's table order prov-ctrl, prov-scan, prov-session, prov-config, proto-ver, then the
    /// custom endpoints in registration order. Each characteristic UUID is the service UUID with bytes 12–13 replaced
    /// by the endpoint id (0xFF4F..0xFF53, customs from 0xFF54).
    /// </summary>
    public sealed class GattUuidPlan
    {
        /// <summary>ESP-IDF's default provisioning service UUID (wifi_provisioning scheme_ble).</summary>
        public const string EspDefaultServiceUuid = "1775244d-6b43-439b-877c-060f2d9bed07";

        /// <summary>The service UUID used by the ESP-IDF example and esp_prov's fallback.</summary>
        public const string EspExampleServiceUuid = "021a9004-0382-4aea-bff4-6b3f1c5adfb4";

        /// <summary>Default longest request value (the NimBLE attribute bound, also nanoFramework's).</summary>
        public const int DefaultMaxValueLength = 512;

        private static readonly string[] StandardNames =
        {
            EndpointNames.Ctrl, EndpointNames.Scan, EndpointNames.Session, EndpointNames.Config, EndpointNames.ProtoVer
        };

        private static readonly ushort[] StandardIds =
        {
            GattEndpointIds.Ctrl, GattEndpointIds.Scan, GattEndpointIds.Session, GattEndpointIds.Config, GattEndpointIds.ProtoVer
        };

        private readonly GattCharacteristicPlan[] _characteristics;

        private GattUuidPlan(BleUuid serviceUuid, GattCharacteristicPlan[] characteristics)
        {
            ServiceUuid = serviceUuid;
            _characteristics = characteristics;
        }

        /// <summary>
        /// Builds the plan for a service UUID and the custom endpoint names (in registration order; may be null).
        /// </summary>
        /// <exception cref="ArgumentNullException">serviceUuid is null.</exception>
        /// <exception cref="ArgumentException">a custom name is empty, duplicated, a standard name, not ASCII,
        /// there are more custom endpoints than ids, or maxValueLength is below 1.</exception>
        public static GattUuidPlan Create(BleUuid serviceUuid, string[] customEndpointNames, int maxValueLength)
        {
            if (serviceUuid == null)
            {
                throw new ArgumentNullException("serviceUuid");
            }

            if (maxValueLength < 1)
            {
                throw new ArgumentException("maxValueLength must be at least 1");
            }

            int customCount = customEndpointNames == null ? 0 : customEndpointNames.Length;
            if (customCount > GattEndpointIds.LastCustom - GattEndpointIds.FirstCustom + 1)
            {
                throw new ArgumentException("too many custom endpoints for the BLE id range");
            }

            GattCharacteristicPlan[] list = new GattCharacteristicPlan[StandardNames.Length + customCount];
            for (int i = 0; i < StandardNames.Length; i++)
            {
                list[i] = new GattCharacteristicPlan(StandardNames[i], StandardIds[i], serviceUuid.WithShortId(StandardIds[i]), maxValueLength);
            }

            for (int i = 0; i < customCount; i++)
            {
                string name = customEndpointNames[i];
                if (name == null || name.Length == 0)
                {
                    throw new ArgumentException("custom endpoint names must not be empty");
                }

                for (int j = 0; j < StandardNames.Length + i; j++)
                {
                    if (list[j].EndpointName == name)
                    {
                        throw new ArgumentException("endpoint name used twice: " + name);
                    }
                }

                ushort id = (ushort)(GattEndpointIds.FirstCustom + i);
                list[StandardNames.Length + i] = new GattCharacteristicPlan(name, id, serviceUuid.WithShortId(id), maxValueLength);
            }

            return new GattUuidPlan(serviceUuid, list);
        }

        /// <summary>The primary service UUID.</summary>
        public BleUuid ServiceUuid { get; private set; }

        /// <summary>Number of characteristics.</summary>
        public int Count
        {
            get { return _characteristics.Length; }
        }

        /// <summary>The characteristic at a table position (0 = prov-ctrl).</summary>
        public GattCharacteristicPlan this[int index]
        {
            get { return _characteristics[index]; }
        }

        /// <summary>The characteristic with this UUID, or null.</summary>
        public GattCharacteristicPlan FindByUuid(BleUuid uuid)
        {
            if (uuid == null)
            {
                return null;
            }

            for (int i = 0; i < _characteristics.Length; i++)
            {
                if (_characteristics[i].Uuid.Equals(uuid))
                {
                    return _characteristics[i];
                }
            }

            return null;
        }

        /// <summary>The characteristic of this endpoint name, or null.</summary>
        public GattCharacteristicPlan FindByName(string endpointName)
        {
            for (int i = 0; i < _characteristics.Length; i++)
            {
                if (_characteristics[i].EndpointName == endpointName)
                {
                    return _characteristics[i];
                }
            }

            return null;
        }
    }
}
