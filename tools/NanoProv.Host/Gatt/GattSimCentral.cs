using NanoProv.Transports;

namespace NanoProv.Host.Gatt;

/// <summary>A primary service found by discovery.</summary>
public sealed record GattSimService(ushort StartHandle, ushort EndHandle, BleUuid Uuid);

/// <summary>A characteristic found by discovery (EndHandle = last handle before the next declaration).</summary>
public sealed record GattSimCharacteristic(ushort DeclarationHandle, ushort ValueHandle, byte Properties, BleUuid Uuid, ushort EndHandle);

/// <summary>A descriptor found by discovery.</summary>
public sealed record GattSimDescriptor(ushort Handle, BleUuid Uuid);

/// <summary>
/// The central (phone / esp_prov) side of a simulated BLE connection. Builds and parses real ATT PDUs, respects the
/// negotiated MTU (a Write Request carries at most MTU−3 bytes, a Prepare Write at most MTU−5, a read returns at most
/// MTU−1), and offers the long procedures clients use: <see cref="WriteLong"/> (Write Request, or Prepare Write
/// fragments + Execute Write) and <see cref="ReadLong"/> (Read, then Read Blob until a short chunk). Not thread-safe:
/// ATT allows one outstanding request per connection.
/// </summary>
public sealed class GattSimCentral : IDisposable
{
    private readonly IAttBearer _bearer;
    private readonly Dictionary<byte, int> _sent = new();

    public GattSimCentral(IAttBearer bearer)
    {
        _bearer = bearer ?? throw new ArgumentNullException(nameof(bearer));
    }

    /// <summary>The ATT MTU in force (23 until <see cref="ExchangeMtu"/>).</summary>
    public int Mtu { get; private set; } = GattSimOptions.MinimumMtu;

    /// <summary>True until either side disconnects.</summary>
    public bool IsConnected => _bearer.IsConnected;

    /// <summary>Requests of this opcode this central has sent.</summary>
    public int Sent(byte opcode) => _sent.TryGetValue(opcode, out int n) ? n : 0;

    /// <summary>Exchange MTU: offers <paramref name="clientRxMtu"/> (23..517); returns the MTU now in force.</summary>
    public int ExchangeMtu(int clientRxMtu)
    {
        if (clientRxMtu is < GattSimOptions.MinimumMtu or > GattSimOptions.MaximumMtu)
        {
            throw new ArgumentOutOfRangeException(nameof(clientRxMtu), "the MTU must be 23..517");
        }

        byte[] response = Transact([AttOpcode.ExchangeMtuRequest, (byte)clientRxMtu, (byte)(clientRxMtu >> 8)], AttOpcode.ExchangeMtuResponse);
        if (response.Length != 3)
        {
            throw new InvalidDataException("malformed Exchange MTU Response");
        }

        int serverMtu = U16(response, 1);
        Mtu = Math.Max(GattSimOptions.MinimumMtu, Math.Min(clientRxMtu, serverMtu));
        return Mtu;
    }

    /// <summary>Discovers every primary service (Read By Group Type over the whole handle range).</summary>
    public IReadOnlyList<GattSimService> DiscoverPrimaryServices()
    {
        var services = new List<GattSimService>();
        ushort start = 1;
        while (true)
        {
            byte[] request = [AttOpcode.ReadByGroupTypeRequest, .. Le16(start), 0xFF, 0xFF, .. Le16(GattUuids.PrimaryService)];
            byte[] response;
            try
            {
                response = Transact(request, AttOpcode.ReadByGroupTypeResponse);
            }
            catch (AttErrorException e) when (e.ErrorCode == AttErrorCode.AttributeNotFound)
            {
                break;
            }

            int length = response[1];
            if (length < 6 || (response.Length - 2) % length != 0)
            {
                throw new InvalidDataException("malformed Read By Group Type Response");
            }

            ushort last = 0;
            for (int i = 2; i < response.Length; i += length)
            {
                ushort s = U16(response, i);
                ushort e = U16(response, i + 2);
                services.Add(new GattSimService(s, e, GattUuids.Decode(response, i + 4, length - 4)));
                last = e;
            }

            if (last == 0xFFFF)
            {
                break;
            }

            start = (ushort)(last + 1);
        }

        return services;
    }

    /// <summary>Discovers the characteristics of a service (Read By Type 0x2803).</summary>
    public IReadOnlyList<GattSimCharacteristic> DiscoverCharacteristics(GattSimService service)
    {
        var declarations = new List<(ushort Handle, byte Properties, ushort ValueHandle, BleUuid Uuid)>();
        ushort start = service.StartHandle;
        while (start <= service.EndHandle)
        {
            byte[] request = [AttOpcode.ReadByTypeRequest, .. Le16(start), .. Le16(service.EndHandle), .. Le16(GattUuids.CharacteristicDeclaration)];
            byte[] response;
            try
            {
                response = Transact(request, AttOpcode.ReadByTypeResponse);
            }
            catch (AttErrorException e) when (e.ErrorCode == AttErrorCode.AttributeNotFound)
            {
                break;
            }

            int length = response[1];
            if ((length != 7 && length != 21) || (response.Length - 2) % length != 0)
            {
                throw new InvalidDataException("malformed Read By Type Response for characteristic declarations");
            }

            ushort last = 0;
            for (int i = 2; i < response.Length; i += length)
            {
                ushort handle = U16(response, i);
                declarations.Add((handle, response[i + 2], U16(response, i + 3), GattUuids.Decode(response, i + 5, length - 5)));
                last = handle;
            }

            if (last >= service.EndHandle)
            {
                break;
            }

            start = (ushort)(last + 1);
        }

        var result = new List<GattSimCharacteristic>();
        for (int i = 0; i < declarations.Count; i++)
        {
            var d = declarations[i];
            ushort end = i + 1 < declarations.Count ? (ushort)(declarations[i + 1].Handle - 1) : service.EndHandle;
            result.Add(new GattSimCharacteristic(d.Handle, d.ValueHandle, d.Properties, d.Uuid, end));
        }

        return result;
    }

    /// <summary>Discovers the descriptors of a characteristic (Find Information after its value handle).</summary>
    public IReadOnlyList<GattSimDescriptor> DiscoverDescriptors(GattSimCharacteristic characteristic)
    {
        var result = new List<GattSimDescriptor>();
        ushort start = (ushort)(characteristic.ValueHandle + 1);
        while (start <= characteristic.EndHandle && start != 0)
        {
            byte[] response;
            try
            {
                response = Transact([AttOpcode.FindInformationRequest, .. Le16(start), .. Le16(characteristic.EndHandle)], AttOpcode.FindInformationResponse);
            }
            catch (AttErrorException e) when (e.ErrorCode == AttErrorCode.AttributeNotFound)
            {
                break;
            }

            int uuidLength = response[1] switch { 1 => 2, 2 => 16, _ => throw new InvalidDataException("bad Find Information format") };
            int entry = 2 + uuidLength;
            if ((response.Length - 2) % entry != 0 || response.Length == 2)
            {
                throw new InvalidDataException("malformed Find Information Response");
            }

            ushort last = 0;
            for (int i = 2; i < response.Length; i += entry)
            {
                last = U16(response, i);
                result.Add(new GattSimDescriptor(last, GattUuids.Decode(response, i + 2, uuidLength)));
            }

            start = (ushort)(last + 1);
        }

        return result;
    }

    /// <summary>One Read Request: at most MTU−1 bytes of the value.</summary>
    public byte[] Read(ushort handle) => Transact([AttOpcode.ReadRequest, .. Le16(handle)], AttOpcode.ReadResponse)[1..];

    /// <summary>One Read Blob Request from <paramref name="offset"/>.</summary>
    public byte[] ReadBlob(ushort handle, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return Transact([AttOpcode.ReadBlobRequest, .. Le16(handle), .. Le16((ushort)offset)], AttOpcode.ReadBlobResponse)[1..];
    }

    /// <summary>Reads a whole value: Read, then Read Blob while the previous chunk was full (MTU−1 bytes).</summary>
    public byte[] ReadLong(ushort handle)
    {
        var value = new List<byte>(Read(handle));
        int chunk = value.Count;
        while (chunk == Mtu - 1)
        {
            byte[] next = ReadBlob(handle, value.Count);
            value.AddRange(next);
            chunk = next.Length;
        }

        return value.ToArray();
    }

    /// <summary>One Write Request; the value must fit MTU−3 bytes.</summary>
    public void WriteRequest(ushort handle, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > Mtu - 3)
        {
            throw new ArgumentException($"a Write Request carries at most MTU-3 = {Mtu - 3} bytes", nameof(value));
        }

        Transact([AttOpcode.WriteRequest, .. Le16(handle), .. value], AttOpcode.WriteResponse);
    }

    /// <summary>One Prepare Write Request (at most MTU−5 bytes); checks the echoed fragment.</summary>
    public void PrepareWrite(ushort handle, int offset, byte[] part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.Length > Mtu - 5)
        {
            throw new ArgumentException($"a Prepare Write carries at most MTU-5 = {Mtu - 5} bytes", nameof(part));
        }

        byte[] request = [AttOpcode.PrepareWriteRequest, .. Le16(handle), .. Le16((ushort)offset), .. part];
        byte[] response = Transact(request, AttOpcode.PrepareWriteResponse);
        if (!response.AsSpan(1).SequenceEqual(request.AsSpan(1)))
        {
            throw new InvalidDataException("the Prepare Write Response does not echo the request");
        }
    }

    /// <summary>Execute Write: commit or cancel the queued fragments.</summary>
    public void ExecuteWrite(bool commit) => Transact([AttOpcode.ExecuteWriteRequest, (byte)(commit ? 1 : 0)], AttOpcode.ExecuteWriteResponse);

    /// <summary>
    /// Writes a value of any length the way centrals do: a Write Request when it fits MTU−3, otherwise Prepare Write
    /// fragments of MTU−5 bytes and an Execute Write (cancelled if a fragment is refused).
    /// </summary>
    public void WriteLong(ushort handle, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= Mtu - 3)
        {
            WriteRequest(handle, value);
            return;
        }

        int part = Mtu - 5;
        try
        {
            for (int offset = 0; offset < value.Length; offset += part)
            {
                PrepareWrite(handle, offset, value[offset..Math.Min(value.Length, offset + part)]);
            }
        }
        catch (AttErrorException)
        {
            if (IsConnected)
            {
                ExecuteWrite(commit: false);
            }

            throw;
        }

        ExecuteWrite(commit: true);
    }

    /// <summary>Sends a raw PDU and returns the raw response (tests use it to send malformed PDUs).</summary>
    public byte[] SendRaw(byte[] pdu)
    {
        Count(pdu.Length > 0 ? pdu[0] : (byte)0);
        return _bearer.Exchange(pdu);
    }

    /// <summary>Disconnects (the device hears it). Safe to call twice.</summary>
    public void Disconnect() => _bearer.Disconnect();

    public void Dispose() => _bearer.Dispose();

    private byte[] Transact(byte[] request, byte expected)
    {
        if (request.Length > Mtu)
        {
            throw new InvalidOperationException($"{AttOpcode.Name(request[0])} of {request.Length} bytes exceeds the MTU {Mtu}");
        }

        Count(request[0]);
        byte[] response = _bearer.Exchange(request);
        if (response.Length == 0)
        {
            throw new InvalidDataException("empty ATT response");
        }

        if (response[0] == AttOpcode.ErrorResponse)
        {
            if (response.Length != 5)
            {
                throw new InvalidDataException("malformed Error Response");
            }

            throw new AttErrorException(response[1], U16(response, 2), response[4]);
        }

        if (response[0] != expected)
        {
            throw new InvalidDataException($"expected {AttOpcode.Name(expected)}, got {AttOpcode.Name(response[0])}");
        }

        return response;
    }

    private void Count(byte opcode) => _sent[opcode] = Sent(opcode) + 1;

    private static ushort U16(byte[] data, int offset) => (ushort)(data[offset] | (data[offset + 1] << 8));

    private static byte[] Le16(ushort value) => [(byte)value, (byte)(value >> 8)];
}
