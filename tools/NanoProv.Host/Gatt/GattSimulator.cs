using System.Diagnostics;
using System.Text;
using NanoProv.Transports;

namespace NanoProv.Host.Gatt;

/// <summary>
/// A simulated BLE stack acting as GATT server, for running the firmware's <see cref="GattTransport"/> on a PC.
/// Device side it implements <see cref="IGattPeripheral"/>; central side it hands out <see cref="GattSimCentral"/>
/// connections that speak real ATT PDUs: Exchange MTU (23..517), service/characteristic/descriptor discovery,
/// Read and Read Blob (served by slicing the full value the application returns on every read, as NimBLE does),
/// Write Request, Prepare/Execute Write (reassembled by the stack or passed to the application, see
/// <see cref="LongWriteHandling"/>), and disconnects from either side. PDUs longer than the connection's MTU are
/// refused, application answers slower than the answer window become "unlikely error" (nanoFramework's 2 s rule),
/// advertising stops while the connection limit is reached and resumes after a disconnect.
/// </summary>
public sealed class GattSimulator : IGattPeripheral
{
    private readonly object _sync = new();
    private readonly GattSimOptions _options;
    private readonly List<GattSimAttribute> _attributes = [];
    private readonly Dictionary<int, DeviceConnection> _connections = new();
    private IGattRequestHandler _handler;
    private AdvertisingPlan _advertising;
    private int _nextConnectionHandle = 1;

    public GattSimulator(GattSimOptions options = null)
    {
        _options = options ?? new GattSimOptions();
        _options.Validate();
    }

    /// <summary>Stack counters (requests by opcode, callbacks, late answers).</summary>
    public GattSimStatistics Statistics { get; } = new();

    /// <summary>The options in force.</summary>
    public GattSimOptions Options => _options;

    /// <inheritdoc />
    public bool IsRunning { get; private set; }

    /// <summary>How many times <see cref="Start"/> / <see cref="Stop"/> ran (a stopped stack gives its memory back).</summary>
    public int StartCount { get; private set; }

    public int StopCount { get; private set; }

    /// <summary>True while running and below the connection limit.</summary>
    public bool IsAdvertising
    {
        get
        {
            lock (_sync)
            {
                return IsRunning && _connections.Count < _options.MaxConnections;
            }
        }
    }

    /// <summary>Connected centrals.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_sync)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Connection ids ("ble:&lt;handle&gt;") of the connected centrals.</summary>
    public IReadOnlyList<string> ConnectionIds
    {
        get
        {
            lock (_sync)
            {
                return _connections.Values.Select(c => c.ConnectionId).ToList();
            }
        }
    }

    /// <summary>A snapshot of the attribute table (empty when not running).</summary>
    public IReadOnlyList<GattSimAttribute> Attributes
    {
        get
        {
            lock (_sync)
            {
                return _attributes.ToList();
            }
        }
    }

    /// <inheritdoc />
    public void Start(GattUuidPlan service, AdvertisingPlan advertising, IGattRequestHandler handler)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(advertising);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_sync)
        {
            if (IsRunning)
            {
                throw new InvalidOperationException("the simulated BLE stack is already running");
            }

            BuildDatabase(service, advertising);
            _handler = handler;
            _advertising = advertising;
            IsRunning = true;
            StartCount++;
        }
    }

    /// <inheritdoc />
    public void Stop()
    {
        List<DeviceConnection> dropped;
        IGattRequestHandler handler;
        lock (_sync)
        {
            if (!IsRunning)
            {
                return;
            }

            dropped = _connections.Values.ToList();
            foreach (var c in dropped)
            {
                c.Connected = false;
            }

            _connections.Clear();
            handler = _handler;
            IsRunning = false;
            _attributes.Clear();
            _advertising = null;
            _handler = null;
            StopCount++;
        }

        foreach (var c in dropped)
        {
            handler.OnDisconnected(c.ConnectionId);
        }
    }

    /// <summary>What a scanner receives (advertising data + scan response), or null when not advertising.</summary>
    public AdvertisementReport Scan()
    {
        lock (_sync)
        {
            if (!IsRunning || _connections.Count >= _options.MaxConnections)
            {
                return null;
            }

            return new AdvertisementReport(_advertising.AdvertisingData(), _advertising.ScanResponseData(), connectable: true);
        }
    }

    /// <summary>Connects a central in process. The connection starts at MTU 23.</summary>
    /// <exception cref="InvalidOperationException">The device is not advertising (stopped, or connection limit reached).</exception>
    public GattSimCentral Connect() => new(ConnectBearer());

    /// <summary>Connects and returns the raw PDU bearer (used by the socket bridge).</summary>
    public IAttBearer ConnectBearer()
    {
        DeviceConnection connection;
        IGattRequestHandler handler;
        lock (_sync)
        {
            if (!IsRunning || _connections.Count >= _options.MaxConnections)
            {
                throw new InvalidOperationException("the device is not advertising connectable");
            }

            int handle = _nextConnectionHandle++;
            connection = new DeviceConnection(this, handle);
            _connections[handle] = connection;
            handler = _handler;
        }

        handler.OnConnected(connection.ConnectionId);
        return connection;
    }

    /// <summary>The device ends a connection (as a stack would on a link loss or supervision timeout).</summary>
    public void Disconnect(string connectionId)
    {
        DeviceConnection connection;
        lock (_sync)
        {
            connection = _connections.Values.FirstOrDefault(c => c.ConnectionId == connectionId);
        }

        connection?.Disconnect();
    }

    private void Drop(DeviceConnection connection)
    {
        IGattRequestHandler handler;
        lock (_sync)
        {
            if (!connection.Connected)
            {
                return;
            }

            connection.Connected = false;
            _connections.Remove(connection.Handle);
            handler = _handler;
        }

        handler?.OnDisconnected(connection.ConnectionId);
    }

    private void BuildDatabase(GattUuidPlan service, AdvertisingPlan advertising)
    {
        _attributes.Clear();
        ushort next = 1;
        BleUuid primary = BleUuid.FromShortId(GattUuids.PrimaryService);
        BleUuid declaration = BleUuid.FromShortId(GattUuids.CharacteristicDeclaration);
        BleUuid userDescription = BleUuid.FromShortId(GattUuids.CharacteristicUserDescription);

        if (_options.IncludeGenericAccessService)
        {
            var gap = Add(next++, primary, GattSimAttributeKind.PrimaryService, GattUuids.Encode(BleUuid.FromShortId(GattUuids.GenericAccessService)), null);
            BleUuid deviceName = BleUuid.FromShortId(GattUuids.DeviceName);
            Add(next, declaration, GattSimAttributeKind.CharacteristicDeclaration, Declaration(GattCharacteristicPlan.PropertyRead, (ushort)(next + 1), deviceName), null);
            next++;
            Add(next++, deviceName, GattSimAttributeKind.StaticValue, advertising.DeviceNameBytes(), null);
            gap.GroupEndHandle = (ushort)(next - 1);
        }

        var prov = Add(next++, primary, GattSimAttributeKind.PrimaryService, service.ServiceUuid.ToLittleEndianBytes(), null);
        for (int i = 0; i < service.Count; i++)
        {
            GattCharacteristicPlan c = service[i];
            Add(next, declaration, GattSimAttributeKind.CharacteristicDeclaration, Declaration(c.Properties, (ushort)(next + 1), c.Uuid), null);
            next++;
            Add(next++, c.Uuid, GattSimAttributeKind.EndpointValue, null, c.Uuid);
            Add(next++, userDescription, GattSimAttributeKind.UserDescription, c.UserDescriptionBytes(), null);
        }

        prov.GroupEndHandle = (ushort)(next - 1);
    }

    private GattSimAttribute Add(ushort handle, BleUuid type, GattSimAttributeKind kind, byte[] value, BleUuid characteristic)
    {
        var a = new GattSimAttribute(handle, type, kind, value, characteristic);
        _attributes.Add(a);
        return a;
    }

    private static byte[] Declaration(byte properties, ushort valueHandle, BleUuid uuid)
    {
        byte[] encoded = GattUuids.Encode(uuid);
        var value = new byte[3 + encoded.Length];
        value[0] = properties;
        value[1] = (byte)valueHandle;
        value[2] = (byte)(valueHandle >> 8);
        encoded.CopyTo(value, 3);
        return value;
    }

    // ---- ATT server -------------------------------------------------------------------------------

    private byte[] Process(DeviceConnection connection, byte[] pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        lock (_sync)
        {
            if (!connection.Connected)
            {
                throw new GattSimDisconnectedException("the BLE connection is closed");
            }

            if (pdu.Length == 0)
            {
                return Error(0, 0, AttErrorCode.InvalidPdu);
            }

            byte op = pdu[0];
            Statistics.CountRequest(op, pdu.Length);
            if (pdu.Length > connection.Mtu)
            {
                return Error(op, 0, AttErrorCode.InvalidPdu);
            }

            return op switch
            {
                AttOpcode.ExchangeMtuRequest => ExchangeMtu(connection, pdu),
                AttOpcode.FindInformationRequest => FindInformation(connection, pdu),
                AttOpcode.ReadByTypeRequest => ReadByType(connection, pdu),
                AttOpcode.ReadRequest => Read(connection, pdu, blob: false),
                AttOpcode.ReadBlobRequest => Read(connection, pdu, blob: true),
                AttOpcode.ReadByGroupTypeRequest => ReadByGroupType(connection, pdu),
                AttOpcode.WriteRequest => Write(connection, pdu),
                AttOpcode.PrepareWriteRequest => PrepareWrite(connection, pdu),
                AttOpcode.ExecuteWriteRequest => ExecuteWrite(connection, pdu),
                _ => Error(op, 0, AttErrorCode.RequestNotSupported),
            };
        }
    }

    private byte[] ExchangeMtu(DeviceConnection connection, byte[] pdu)
    {
        if (pdu.Length != 3)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        if (connection.MtuExchanged)
        {
            return Error(pdu[0], 0, AttErrorCode.RequestNotSupported);
        }

        int clientMtu = U16(pdu, 1);
        connection.Mtu = Math.Max(GattSimOptions.MinimumMtu, Math.Min(clientMtu, _options.ServerMtu));
        connection.MtuExchanged = true;
        return [AttOpcode.ExchangeMtuResponse, (byte)_options.ServerMtu, (byte)(_options.ServerMtu >> 8)];
    }

    private byte[] Read(DeviceConnection connection, byte[] pdu, bool blob)
    {
        if (pdu.Length != (blob ? 5 : 3))
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        ushort handle = U16(pdu, 1);
        int offset = blob ? U16(pdu, 3) : 0;
        GattSimAttribute a = Find(handle);
        if (a == null)
        {
            return Error(pdu[0], handle, AttErrorCode.InvalidHandle);
        }

        byte error = ReadValue(connection, a, out byte[] value);
        if (error != AttErrorCode.Success)
        {
            return Error(pdu[0], handle, error);
        }

        if (offset > value.Length)
        {
            return Error(pdu[0], handle, AttErrorCode.InvalidOffset);
        }

        int take = Math.Min(value.Length - offset, connection.Mtu - 1);
        var response = new byte[1 + take];
        response[0] = blob ? AttOpcode.ReadBlobResponse : AttOpcode.ReadResponse;
        Array.Copy(value, offset, response, 1, take);
        return response;
    }

    private byte[] Write(DeviceConnection connection, byte[] pdu)
    {
        if (pdu.Length < 3)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        ushort handle = U16(pdu, 1);
        GattSimAttribute a = Find(handle);
        if (a == null)
        {
            return Error(pdu[0], handle, AttErrorCode.InvalidHandle);
        }

        if (!a.IsWritable)
        {
            return Error(pdu[0], handle, AttErrorCode.WriteNotPermitted);
        }

        byte error = CallApplication(() => _handler.OnWrite(connection.ConnectionId, a.CharacteristicUuid, pdu, 3, pdu.Length - 3));
        return error == AttErrorCode.Success ? [AttOpcode.WriteResponse] : Error(pdu[0], handle, error);
    }

    private byte[] PrepareWrite(DeviceConnection connection, byte[] pdu)
    {
        if (pdu.Length < 5)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        ushort handle = U16(pdu, 1);
        int valueOffset = U16(pdu, 3);
        GattSimAttribute a = Find(handle);
        if (a == null)
        {
            return Error(pdu[0], handle, AttErrorCode.InvalidHandle);
        }

        if (!a.IsWritable)
        {
            return Error(pdu[0], handle, AttErrorCode.WriteNotPermitted);
        }

        if (_options.LongWrites == LongWriteHandling.ApplicationReassembles)
        {
            byte error = CallApplication(() => _handler.OnPrepareWrite(connection.ConnectionId, a.CharacteristicUuid, valueOffset, pdu, 5, pdu.Length - 5));
            if (error != AttErrorCode.Success)
            {
                return Error(pdu[0], handle, error);
            }
        }
        else
        {
            if (connection.PrepareQueue.Count >= _options.PrepareQueueLimit)
            {
                return Error(pdu[0], handle, AttErrorCode.PrepareQueueFull);
            }

            connection.PrepareQueue.Add(new PreparedFragment(a, valueOffset, pdu.AsSpan(5).ToArray()));
        }

        var echo = (byte[])pdu.Clone();
        echo[0] = AttOpcode.PrepareWriteResponse;
        return echo;
    }

    private byte[] ExecuteWrite(DeviceConnection connection, byte[] pdu)
    {
        if (pdu.Length != 2 || pdu[1] > 1)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        bool commit = pdu[1] == 1;
        if (_options.LongWrites == LongWriteHandling.ApplicationReassembles)
        {
            byte error = CallApplication(() => _handler.OnExecuteWrite(connection.ConnectionId, commit));
            return error == AttErrorCode.Success ? [AttOpcode.ExecuteWriteResponse] : Error(pdu[0], 0, error);
        }

        var queue = connection.PrepareQueue.ToList();
        connection.PrepareQueue.Clear();
        if (!commit)
        {
            return [AttOpcode.ExecuteWriteResponse];
        }

        // Like NimBLE: per attribute the fragments must be contiguous from offset 0 and fit the attribute bound;
        // every check happens before any value is written.
        var values = new List<(GattSimAttribute Attribute, byte[] Value)>();
        foreach (var group in queue.GroupBy(f => f.Attribute.Handle))
        {
            int expected = 0;
            var assembled = new List<byte>();
            foreach (var fragment in group)
            {
                if (fragment.Offset != expected)
                {
                    return Error(pdu[0], group.Key, AttErrorCode.InvalidOffset);
                }

                expected += fragment.Data.Length;
                assembled.AddRange(fragment.Data);
            }

            if (assembled.Count > _options.MaxAttributeLength)
            {
                return Error(pdu[0], group.Key, AttErrorCode.InvalidAttributeValueLength);
            }

            values.Add((group.First().Attribute, assembled.ToArray()));
        }

        foreach (var (attribute, value) in values)
        {
            byte error = CallApplication(() => _handler.OnWrite(connection.ConnectionId, attribute.CharacteristicUuid, value, 0, value.Length));
            if (error != AttErrorCode.Success)
            {
                return Error(pdu[0], attribute.Handle, error);
            }
        }

        return [AttOpcode.ExecuteWriteResponse];
    }

    private byte[] ReadByGroupType(DeviceConnection connection, byte[] pdu)
    {
        if (!TryRange(pdu, out ushort start, out ushort end, out BleUuid type))
        {
            return Error(pdu[0], start, AttErrorCode.InvalidPdu);
        }

        if (start == 0 || start > end)
        {
            return Error(pdu[0], start, AttErrorCode.InvalidHandle);
        }

        if (!type.Equals(BleUuid.FromShortId(GattUuids.PrimaryService)))
        {
            return Error(pdu[0], start, 0x10); // unsupported group type
        }

        var found = _attributes.Where(a => a.Kind == GattSimAttributeKind.PrimaryService && a.Handle >= start && a.Handle <= end).ToList();
        return PackList(connection, pdu[0], start, AttOpcode.ReadByGroupTypeResponse, found,
            a => a.StaticValue.Length, (a, list) =>
            {
                list.AddRange(Le16(a.Handle));
                list.AddRange(Le16(a.GroupEndHandle));
                list.AddRange(a.StaticValue);
            }, entryHeader: 4);
    }

    private byte[] ReadByType(DeviceConnection connection, byte[] pdu)
    {
        if (!TryRange(pdu, out ushort start, out ushort end, out BleUuid type))
        {
            return Error(pdu[0], start, AttErrorCode.InvalidPdu);
        }

        if (start == 0 || start > end)
        {
            return Error(pdu[0], start, AttErrorCode.InvalidHandle);
        }

        var found = _attributes.Where(a => a.Type.Equals(type) && a.StaticValue != null && a.Handle >= start && a.Handle <= end).ToList();
        int maxValue = Math.Min(connection.Mtu - 4, 253);
        return PackList(connection, pdu[0], start, AttOpcode.ReadByTypeResponse, found,
            a => Math.Min(a.StaticValue.Length, maxValue), (a, list) =>
            {
                list.AddRange(Le16(a.Handle));
                list.AddRange(a.StaticValue.Take(maxValue));
            }, entryHeader: 2);
    }

    private byte[] FindInformation(DeviceConnection connection, byte[] pdu)
    {
        if (pdu.Length != 5)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        ushort start = U16(pdu, 1);
        ushort end = U16(pdu, 3);
        if (start == 0 || start > end)
        {
            return Error(pdu[0], start, AttErrorCode.InvalidHandle);
        }

        var found = _attributes.Where(a => a.Handle >= start && a.Handle <= end).ToList();
        if (found.Count == 0)
        {
            return Error(pdu[0], start, AttErrorCode.AttributeNotFound);
        }

        int uuidLength = GattUuids.Encode(found[0].Type).Length;
        var response = new List<byte> { AttOpcode.FindInformationResponse, (byte)(uuidLength == 2 ? 1 : 2) };
        foreach (var a in found)
        {
            byte[] encoded = GattUuids.Encode(a.Type);
            if (encoded.Length != uuidLength || response.Count + 2 + uuidLength > connection.Mtu)
            {
                break;
            }

            response.AddRange(Le16(a.Handle));
            response.AddRange(encoded);
        }

        return response.ToArray();
    }

    private byte[] PackList(DeviceConnection connection, byte requestOpcode, ushort start, byte responseOpcode, List<GattSimAttribute> found,
        Func<GattSimAttribute, int> valueLength, Action<GattSimAttribute, List<byte>> write, int entryHeader)
    {
        if (found.Count == 0)
        {
            return Error(requestOpcode, start, AttErrorCode.AttributeNotFound);
        }

        int length = entryHeader + valueLength(found[0]);
        var response = new List<byte> { responseOpcode, (byte)length };
        foreach (var a in found)
        {
            if (entryHeader + valueLength(a) != length || response.Count + length > connection.Mtu)
            {
                break;
            }

            write(a, response);
        }

        return response.ToArray();
    }

    private byte ReadValue(DeviceConnection connection, GattSimAttribute a, out byte[] value)
    {
        if (a.Kind != GattSimAttributeKind.EndpointValue)
        {
            value = a.StaticValue;
            return AttErrorCode.Success;
        }

        byte[] result = null;
        byte error = CallApplication(() => _handler.OnRead(connection.ConnectionId, a.CharacteristicUuid, out result));
        value = result ?? [];
        return error;
    }

    private byte CallApplication(Func<byte> call)
    {
        var watch = Stopwatch.StartNew();
        byte result;
        try
        {
            result = call();
        }
        catch (Exception)
        {
            // A managed exception in the handler: the stack never hears an answer.
            result = AttErrorCode.UnlikelyError;
        }

        watch.Stop();
        bool late = _options.AnswerWindow > TimeSpan.Zero && watch.Elapsed > _options.AnswerWindow;
        Statistics.CountCallback(watch.Elapsed, late);
        return late ? AttErrorCode.UnlikelyError : result;
    }

    private GattSimAttribute Find(ushort handle) => _attributes.FirstOrDefault(a => a.Handle == handle);

    private static bool TryRange(byte[] pdu, out ushort start, out ushort end, out BleUuid type)
    {
        start = pdu.Length >= 3 ? U16(pdu, 1) : (ushort)0;
        end = 0;
        type = null;
        if (pdu.Length != 7 && pdu.Length != 21)
        {
            return false;
        }

        end = U16(pdu, 3);
        type = GattUuids.Decode(pdu, 5, pdu.Length - 5);
        return true;
    }

    private static byte[] Error(byte requestOpcode, ushort handle, byte code) =>
        [AttOpcode.ErrorResponse, requestOpcode, (byte)handle, (byte)(handle >> 8), code];

    private static ushort U16(byte[] data, int offset) => (ushort)(data[offset] | (data[offset + 1] << 8));

    private static byte[] Le16(ushort value) => [(byte)value, (byte)(value >> 8)];

    private sealed record PreparedFragment(GattSimAttribute Attribute, int Offset, byte[] Data);

    /// <summary>The device's view of one connection; also the in-process bearer the central talks through.</summary>
    private sealed class DeviceConnection : IAttBearer
    {
        private readonly GattSimulator _owner;

        public DeviceConnection(GattSimulator owner, int handle)
        {
            _owner = owner;
            Handle = handle;
            ConnectionId = "ble:" + handle.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public int Handle { get; }
        public string ConnectionId { get; }
        public int Mtu { get; set; } = GattSimOptions.MinimumMtu;
        public bool MtuExchanged { get; set; }
        public bool Connected { get; set; } = true;
        public List<PreparedFragment> PrepareQueue { get; } = [];

        public bool IsConnected => Connected;

        public byte[] Exchange(byte[] requestPdu) => _owner.Process(this, requestPdu);

        public void Disconnect() => _owner.Drop(this);

        public void Dispose() => Disconnect();
    }
}
