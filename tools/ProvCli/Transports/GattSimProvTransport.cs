using System.Text;

namespace NanoProv.Client;

/// <summary>Options of <see cref="GattSimProvTransport"/>.</summary>
public sealed class GattSimTransportOptions
{
    /// <summary>
    /// ATT MTU to ask for right after connecting (23..517), as Android does with 512+5; 0 keeps the default 23 like a
    /// client that never exchanges the MTU (then long values need Prepare Write and Read Blob). Default 0.
    /// </summary>
    public int Mtu { get; init; }

    /// <summary>
    /// Service UUID to use. Null: the one advertised UUID (esp_prov's rule), or ESP's example UUID
    /// 021a9004-0382-4aea-bff4-6b3f1c5adfb4 when the advertisement does not list exactly one.
    /// </summary>
    public string ServiceUuid { get; init; }

    /// <summary>Receives one line per exchange (endpoint and sizes, never bodies).</summary>
    public Action<string> Trace { get; init; }
}

/// <summary>
/// Protocomm over BLE GATT against the NanoProv GATT simulator, done like esp_prov's BLE transport and the ESP phone
/// apps: take the service UUID from the advertisement, optionally exchange the MTU, discover the service, learn the
/// endpoint names from every characteristic's 0x2901 user description (lower-cased; prov-session, prov-config and
/// proto-ver are required), then carry each request as a write with response followed by a read of the same
/// characteristic. The link is in process (<see cref="GattSimDelegateLink"/>) or ProvSim's socket bridge
/// (<see cref="ConnectSocket"/>). The device's failure signal, ATT "unlikely error", surfaces as
/// <see cref="DeviceClosedConnectionException"/>.
/// </summary>
public sealed class GattSimProvTransport : IProvTransport
{
    /// <summary>The service UUID clients fall back to (ESP-IDF example, esp_prov).</summary>
    public const string FallbackServiceUuid = "021a9004-0382-4aea-bff4-6b3f1c5adfb4";

    private const byte PropRead = 0x02, PropWrite = 0x08;
    private const string UserDescriptionUuid = "00002901-0000-1000-8000-00805f9b34fb";

    private readonly IGattSimLink _link;
    private readonly GattSimTransportOptions _options;
    private readonly GattSimAttClient _att;
    private readonly Dictionary<string, ushort> _endpoints = new(StringComparer.Ordinal);
    private bool _opened;

    /// <summary>Creates the transport over an open link; discovery runs on the first request (or <see cref="Open"/>).</summary>
    public GattSimProvTransport(IGattSimLink link, GattSimTransportOptions options = null)
    {
        _link = link ?? throw new ArgumentNullException(nameof(link));
        _options = options ?? new GattSimTransportOptions();
        if (_options.Mtu != 0 && (_options.Mtu < 23 || _options.Mtu > 517))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the MTU must be 0 (no exchange) or 23..517");
        }

        _att = new GattSimAttClient(link);
        ParseAdvertisement(link.AdvertisingData, link.ScanResponse, out string name, out List<string> uuids);
        DeviceName = name;
        ServiceUuid = (_options.ServiceUuid ?? (uuids.Count == 1 ? uuids[0] : FallbackServiceUuid)).ToLowerInvariant();
    }

    /// <summary>Connects to ProvSim's BLE simulator bridge ("host:port").</summary>
    public static GattSimProvTransport ConnectSocket(string hostPort, GattSimTransportOptions options = null, TimeSpan? timeout = null) =>
        new(GattSimSocketLink.Connect(hostPort, timeout ?? TimeSpan.FromSeconds(30)), options);

    /// <summary>The advertised local name (empty when none was seen).</summary>
    public string DeviceName { get; }

    /// <summary>The provisioning service in use.</summary>
    public string ServiceUuid { get; }

    /// <summary>The ATT MTU in force.</summary>
    public int Mtu => _att.Mtu;

    /// <summary>Endpoint names (lower-cased 0x2901 values) and their value handles, after <see cref="Open"/>.</summary>
    public IReadOnlyDictionary<string, ushort> Endpoints => _endpoints;

    /// <inheritdoc />
    public string Description =>
        $"ble-sim {(DeviceName.Length > 0 ? DeviceName : "device")} (service {ServiceUuid}, " +
        (_opened || _options.Mtu == 0 ? $"MTU {Mtu})" : $"MTU {_options.Mtu} requested)");

    /// <summary>Exchanges the MTU (if asked) and discovers the endpoints. Called by the first <see cref="Send"/>.</summary>
    /// <exception cref="ProvTransportException">The link failed or the device lacks the provisioning service or endpoints.</exception>
    public void Open()
    {
        if (_opened)
        {
            return;
        }

        try
        {
            if (_options.Mtu != 0)
            {
                _att.ExchangeMtu(_options.Mtu);
            }

            var service = _att.PrimaryServices().FirstOrDefault(s => s.Uuid == ServiceUuid);
            if (service.Uuid == null)
            {
                throw new ProvTransportException($"the BLE device has no provisioning service {ServiceUuid}");
            }

            foreach (var c in _att.Characteristics(service.Start, service.End))
            {
                if (c.ValueHandle >= c.End)
                {
                    continue;
                }

                var description = _att.Descriptors((ushort)(c.ValueHandle + 1), c.End).FirstOrDefault(d => d.Uuid == UserDescriptionUuid);
                if (description.Uuid == null)
                {
                    continue;
                }

                string name = Encoding.UTF8.GetString(_att.ReadLong(description.Handle)).ToLowerInvariant();
                if ((c.Properties & (PropRead | PropWrite)) != (PropRead | PropWrite))
                {
                    throw new ProvTransportException($"the BLE endpoint '{name}' does not allow both read and write");
                }

                _endpoints[name] = c.ValueHandle;
            }

            foreach (string required in new[] { ProvClient.Endpoints.Session, ProvClient.Endpoints.Config, ProvClient.Endpoints.Version })
            {
                if (!_endpoints.ContainsKey(required))
                {
                    throw new ProvTransportException($"the BLE device names no '{required}' characteristic (0x2901 user descriptions are required)");
                }
            }

            _opened = true;
            _options.Trace?.Invoke($"BLE: MTU {Mtu}, endpoints {string.Join(", ", _endpoints.Keys.Order(StringComparer.Ordinal))}");
        }
        catch (GattSimAttException e)
        {
            throw new ProvTransportException($"BLE discovery failed: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ProvTransportException($"the BLE connection was lost during discovery: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ProvTransportException($"malformed ATT response during discovery: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public byte[] Send(string endpoint, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(body);
        Open();
        if (!_endpoints.TryGetValue(endpoint, out ushort handle))
        {
            throw new ProvTransportException($"the BLE device offers no '{endpoint}' endpoint");
        }

        try
        {
            _att.WriteLong(handle, body);
            byte[] reply = _att.ReadLong(handle);
            _options.Trace?.Invoke($"BLE {endpoint}: wrote {body.Length} bytes, read {reply.Length} bytes (MTU {Mtu})");
            return reply;
        }
        catch (GattSimAttException e) when (e.ErrorCode == 0x0E)
        {
            throw new DeviceClosedConnectionException(endpoint,
                $"the device refused the request on '{endpoint}' (ATT unlikely error): it rejected it or has no secure session for this connection", e);
        }
        catch (GattSimAttException e) when (e.ErrorCode == 0x0A)
        {
            throw new ProvTransportException($"the device has no '{endpoint}' endpoint any more (ATT attribute not found)", e);
        }
        catch (GattSimAttException e) when (e.ErrorCode == 0x0D)
        {
            throw new ProvTransportException($"the request to '{endpoint}' ({body.Length} bytes) is too long for the device (ATT invalid attribute value length)", e);
        }
        catch (GattSimAttException e)
        {
            throw new ProvTransportException($"BLE request to '{endpoint}' failed: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ProvTransportException($"the BLE connection was lost during '{endpoint}': {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ProvTransportException($"malformed ATT response on '{endpoint}': {e.Message}", e);
        }
    }

    /// <summary>Disconnects.</summary>
    public void Dispose() => _link.Dispose();

    private static void ParseAdvertisement(byte[] adv, byte[] sr, out string name, out List<string> uuids)
    {
        name = "";
        uuids = new List<string>();
        foreach (byte[] payload in new[] { adv ?? [], sr ?? [] })
        {
            int i = 0;
            while (i + 1 < payload.Length && payload[i] != 0 && i + 1 + payload[i] <= payload.Length)
            {
                int len = payload[i] - 1;
                byte type = payload[i + 1];
                if (type is 0x08 or 0x09)
                {
                    name = Encoding.UTF8.GetString(payload, i + 2, len);
                }
                else if (type is 0x06 or 0x07)
                {
                    for (int u = 0; u + 16 <= len; u += 16)
                    {
                        uuids.Add(GattSimAttClient.UuidText(payload, i + 2 + u, 16));
                    }
                }

                i += 1 + payload[i];
            }
        }
    }
}
