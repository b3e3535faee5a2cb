namespace NanoProv.Client;

/// <summary>An ATT Error Response received by <see cref="GattSimAttClient"/>.</summary>
public sealed class GattSimAttException : IOException
{
    /// <summary>Creates the error.</summary>
    public GattSimAttException(byte requestOpcode, ushort handle, byte errorCode)
        : base($"ATT error 0x{errorCode:x2} for request 0x{requestOpcode:x2} on handle 0x{handle:x4}")
    {
        RequestOpcode = requestOpcode;
        Handle = handle;
        ErrorCode = errorCode;
    }

    /// <summary>Opcode of the failed request.</summary>
    public byte RequestOpcode { get; }

    /// <summary>Handle named by the device.</summary>
    public ushort Handle { get; }

    /// <summary>ATT error code (0x0A attribute not found, 0x0D invalid length, 0x0E unlikely error, ...).</summary>
    public byte ErrorCode { get; }
}

/// <summary>
/// The client half of ATT the provisioning transport needs, written independently of the simulator's own central
/// (so each end-to-end run cross-checks both): Exchange MTU, primary service / characteristic / descriptor discovery,
/// Read + Read Blob for long values, Write Request or Prepare/Execute Write for long values. PDU sizes follow the MTU.
/// </summary>
internal sealed class GattSimAttClient
{
    private const byte ErrorRsp = 0x01, MtuReq = 0x02, MtuRsp = 0x03, FindInfoReq = 0x04, FindInfoRsp = 0x05,
        ByTypeReq = 0x08, ByTypeRsp = 0x09, ReadReq = 0x0A, ReadRsp = 0x0B, BlobReq = 0x0C, BlobRsp = 0x0D,
        GroupReq = 0x10, GroupRsp = 0x11, WriteReq = 0x12, WriteRsp = 0x13, PrepReq = 0x16, PrepRsp = 0x17,
        ExecReq = 0x18, ExecRsp = 0x19;

    private const byte AttributeNotFound = 0x0A;

    private readonly IGattSimLink _link;

    internal GattSimAttClient(IGattSimLink link)
    {
        _link = link;
    }

    internal int Mtu { get; private set; } = 23;

    internal int ExchangeMtu(int mtu)
    {
        byte[] rsp = Transact([MtuReq, (byte)mtu, (byte)(mtu >> 8)], MtuRsp);
        if (rsp.Length != 3)
        {
            throw new InvalidDataException("malformed Exchange MTU Response");
        }

        Mtu = Math.Max(23, Math.Min(mtu, rsp[1] | (rsp[2] << 8)));
        return Mtu;
    }

    /// <summary>Primary services as (start, end, uuid) with the UUID in canonical text form.</summary>
    internal List<(ushort Start, ushort End, string Uuid)> PrimaryServices()
    {
        var list = new List<(ushort, ushort, string)>();
        int start = 1;
        while (start <= 0xFFFF)
        {
            byte[] rsp = TransactOrNone([GroupReq, (byte)start, (byte)(start >> 8), 0xFF, 0xFF, 0x00, 0x28], GroupRsp);
            if (rsp == null)
            {
                break;
            }

            int len = rsp[1];
            if (len < 6 || (rsp.Length - 2) % len != 0)
            {
                throw new InvalidDataException("malformed Read By Group Type Response");
            }

            int end = 0;
            for (int i = 2; i < rsp.Length; i += len)
            {
                end = U16(rsp, i + 2);
                list.Add(((ushort)U16(rsp, i), (ushort)end, UuidText(rsp, i + 4, len - 4)));
            }

            start = end + 1;
        }

        return list;
    }

    /// <summary>Characteristics of a handle range: (value handle, properties, uuid, last handle of the characteristic).</summary>
    internal List<(ushort ValueHandle, byte Properties, string Uuid, ushort End)> Characteristics(ushort first, ushort last)
    {
        var decls = new List<(int Handle, byte Props, ushort Value, string Uuid)>();
        int start = first;
        while (start <= last)
        {
            byte[] rsp = TransactOrNone([ByTypeReq, (byte)start, (byte)(start >> 8), (byte)last, (byte)(last >> 8), 0x03, 0x28], ByTypeRsp);
            if (rsp == null)
            {
                break;
            }

            int len = rsp[1];
            if ((len != 7 && len != 21) || (rsp.Length - 2) % len != 0)
            {
                throw new InvalidDataException("malformed Read By Type Response");
            }

            int handle = 0;
            for (int i = 2; i < rsp.Length; i += len)
            {
                handle = U16(rsp, i);
                decls.Add((handle, rsp[i + 2], (ushort)U16(rsp, i + 3), UuidText(rsp, i + 5, len - 5)));
            }

            start = handle + 1;
        }

        var result = new List<(ushort, byte, string, ushort)>();
        for (int i = 0; i < decls.Count; i++)
        {
            ushort end = i + 1 < decls.Count ? (ushort)(decls[i + 1].Handle - 1) : last;
            result.Add((decls[i].Value, decls[i].Props, decls[i].Uuid, end));
        }

        return result;
    }

    /// <summary>Descriptors (handle, uuid) in a handle range.</summary>
    internal List<(ushort Handle, string Uuid)> Descriptors(ushort first, ushort last)
    {
        var list = new List<(ushort, string)>();
        int start = first;
        while (start <= last)
        {
            byte[] rsp = TransactOrNone([FindInfoReq, (byte)start, (byte)(start >> 8), (byte)last, (byte)(last >> 8)], FindInfoRsp);
            if (rsp == null)
            {
                break;
            }

            int uuidLen = rsp[1] == 1 ? 2 : rsp[1] == 2 ? 16 : throw new InvalidDataException("bad Find Information format");
            if (rsp.Length == 2 || (rsp.Length - 2) % (2 + uuidLen) != 0)
            {
                throw new InvalidDataException("malformed Find Information Response");
            }

            int handle = 0;
            for (int i = 2; i < rsp.Length; i += 2 + uuidLen)
            {
                handle = U16(rsp, i);
                list.Add(((ushort)handle, UuidText(rsp, i + 2, uuidLen)));
            }

            start = handle + 1;
        }

        return list;
    }

    /// <summary>Reads a whole value (Read, then Read Blob while chunks are full).</summary>
    internal byte[] ReadLong(ushort handle)
    {
        var value = new List<byte>(Transact([ReadReq, (byte)handle, (byte)(handle >> 8)], ReadRsp).Skip(1));
        int last = value.Count;
        while (last == Mtu - 1)
        {
            int offset = value.Count;
            byte[] chunk = Transact([BlobReq, (byte)handle, (byte)(handle >> 8), (byte)offset, (byte)(offset >> 8)], BlobRsp);
            value.AddRange(chunk.Skip(1));
            last = chunk.Length - 1;
        }

        return value.ToArray();
    }

    /// <summary>Writes a whole value: one Write Request when it fits, else Prepare Write fragments and Execute Write.</summary>
    internal void WriteLong(ushort handle, byte[] value)
    {
        if (value.Length <= Mtu - 3)
        {
            Transact([WriteReq, (byte)handle, (byte)(handle >> 8), .. value], WriteRsp);
            return;
        }

        int part = Mtu - 5;
        try
        {
            for (int offset = 0; offset < value.Length; offset += part)
            {
                int n = Math.Min(part, value.Length - offset);
                byte[] req = [PrepReq, (byte)handle, (byte)(handle >> 8), (byte)offset, (byte)(offset >> 8), .. value.AsSpan(offset, n)];
                byte[] rsp = Transact(req, PrepRsp);
                if (!rsp.AsSpan(1).SequenceEqual(req.AsSpan(1)))
                {
                    throw new InvalidDataException("Prepare Write Response does not echo the fragment");
                }
            }
        }
        catch (GattSimAttException)
        {
            if (_link.IsOpen)
            {
                Transact([ExecReq, 0x00], ExecRsp);
            }

            throw;
        }

        Transact([ExecReq, 0x01], ExecRsp);
    }

    private byte[] TransactOrNone(byte[] request, byte expected)
    {
        try
        {
            return Transact(request, expected);
        }
        catch (GattSimAttException e) when (e.ErrorCode == AttributeNotFound)
        {
            return null;
        }
    }

    private byte[] Transact(byte[] request, byte expected)
    {
        byte[] rsp = _link.Exchange(request);
        if (rsp.Length >= 5 && rsp[0] == ErrorRsp)
        {
            throw new GattSimAttException(rsp[1], (ushort)U16(rsp, 2), rsp[4]);
        }

        if (rsp.Length == 0 || rsp[0] != expected)
        {
            throw new InvalidDataException($"unexpected ATT response 0x{(rsp.Length == 0 ? 0 : rsp[0]):x2} to request 0x{request[0]:x2}");
        }

        return rsp;
    }

    private static int U16(byte[] b, int i) => b[i] | (b[i + 1] << 8);

    /// <summary>Canonical lower-case text of a 2- or 16-byte little-endian UUID.</summary>
    internal static string UuidText(byte[] b, int offset, int length)
    {
        if (length == 2)
        {
            return $"0000{U16(b, offset):x4}-0000-1000-8000-00805f9b34fb";
        }

        if (length != 16)
        {
            throw new InvalidDataException("a UUID has 2 or 16 bytes");
        }

        var hex = Convert.ToHexStringLower(b.AsSpan(offset, 16).ToArray().Reverse().ToArray());
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
