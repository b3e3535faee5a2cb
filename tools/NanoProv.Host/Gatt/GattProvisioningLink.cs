using System.Text;
using NanoProv.Transports;

namespace NanoProv.Host.Gatt;

/// <summary>
/// The provisioning client's view of a BLE connection, done the way esp_prov and the ESP phone apps do it:
/// take the service UUID from the advertisement (when exactly one is advertised, otherwise the example UUID
/// 021a9004-…), optionally exchange the MTU (Android asks for 512), discover the service, read every
/// characteristic's 0x2901 user description to learn the endpoint names (lower-cased), require prov-session,
/// prov-config and proto-ver, and exchange each request as write (with response) followed by a read.
/// </summary>
public sealed class GattProvisioningLink : IDisposable
{
    private readonly Dictionary<string, GattSimCharacteristic> _endpoints;

    private GattProvisioningLink(GattSimCentral central, BleUuid serviceUuid, Dictionary<string, GattSimCharacteristic> endpoints)
    {
        Central = central;
        ServiceUuid = serviceUuid;
        _endpoints = endpoints;
    }

    /// <summary>The underlying ATT connection.</summary>
    public GattSimCentral Central { get; }

    /// <summary>The provisioning service in use.</summary>
    public BleUuid ServiceUuid { get; }

    /// <summary>Endpoint names (from the 0x2901 descriptors, lower-cased) and their characteristics.</summary>
    public IReadOnlyDictionary<string, GattSimCharacteristic> Endpoints => _endpoints;

    /// <summary>The service UUID a client picks from an advertisement (esp_prov rule).</summary>
    public static BleUuid ServiceUuidFrom(AdvertisementReport report) =>
        report.ServiceUuids.Count == 1 ? report.ServiceUuids[0] : BleUuid.Parse(GattUuidPlan.EspExampleServiceUuid);

    /// <summary>Scans, connects, optionally exchanges the MTU and discovers the endpoints.</summary>
    /// <param name="device">The simulated device (must be advertising).</param>
    /// <param name="requestedMtu">0 to keep the default 23, else 23..517.</param>
    public static GattProvisioningLink Connect(GattSimulator device, int requestedMtu)
    {
        ArgumentNullException.ThrowIfNull(device);
        AdvertisementReport report = device.Scan() ?? throw new InvalidOperationException("the device is not advertising");
        return Open(device.Connect(), ServiceUuidFrom(report), requestedMtu);
    }

    /// <summary>Discovers the endpoints on an open connection.</summary>
    public static GattProvisioningLink Open(GattSimCentral central, BleUuid serviceUuid, int requestedMtu)
    {
        ArgumentNullException.ThrowIfNull(central);
        ArgumentNullException.ThrowIfNull(serviceUuid);
        try
        {
            if (requestedMtu != 0)
            {
                central.ExchangeMtu(requestedMtu);
            }

            GattSimService service = central.DiscoverPrimaryServices().FirstOrDefault(s => s.Uuid.Equals(serviceUuid))
                ?? throw new InvalidOperationException($"the device has no service {serviceUuid}");
            var endpoints = new Dictionary<string, GattSimCharacteristic>(StringComparer.Ordinal);
            BleUuid userDescription = BleUuid.FromShortId(GattUuids.CharacteristicUserDescription);
            foreach (GattSimCharacteristic c in central.DiscoverCharacteristics(service))
            {
                GattSimDescriptor d = central.DiscoverDescriptors(c).FirstOrDefault(x => x.Uuid.Equals(userDescription));
                if (d == null)
                {
                    continue;
                }

                string name = Encoding.UTF8.GetString(central.ReadLong(d.Handle)).ToLowerInvariant();
                const byte readWrite = GattCharacteristicPlan.PropertyRead | GattCharacteristicPlan.PropertyWrite;
                if ((c.Properties & readWrite) != readWrite)
                {
                    throw new InvalidOperationException($"endpoint characteristic {name} must allow read and write");
                }

                endpoints[name] = c;
            }

            foreach (string required in new[] { "prov-session", "prov-config", "proto-ver" })
            {
                if (!endpoints.ContainsKey(required))
                {
                    throw new InvalidOperationException($"the device does not name a {required} characteristic");
                }
            }

            return new GattProvisioningLink(central, serviceUuid, endpoints);
        }
        catch
        {
            central.Disconnect();
            throw;
        }
    }

    /// <summary>True when the device has a characteristic for this endpoint name.</summary>
    public bool HasEndpoint(string name) => _endpoints.ContainsKey(name);

    /// <summary>Writes the request (long write when needed) and reads the reply back (long read when needed).</summary>
    /// <exception cref="KeyNotFoundException">The device has no such endpoint.</exception>
    /// <exception cref="AttErrorException">The device refused the write or read.</exception>
    /// <exception cref="GattSimDisconnectedException">The link is gone.</exception>
    public byte[] Exchange(string endpoint, byte[] request)
    {
        if (!_endpoints.TryGetValue(endpoint, out GattSimCharacteristic c))
        {
            throw new KeyNotFoundException($"the device has no endpoint {endpoint}");
        }

        Central.WriteLong(c.ValueHandle, request);
        return Central.ReadLong(c.ValueHandle);
    }

    public void Dispose() => Central.Disconnect();
}
