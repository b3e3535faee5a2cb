using NanoProv.Client;
using NanoProv.Platform;
using NanoProv.Transports;

namespace NanoProv.Firmware.Tests.Memory;

/// <summary>
/// Counts the managed bytes the device side allocates while it handles one request, on the calling thread, without
/// the crypto provider's own allocations (on the device the crypto runs natively, outside the managed heap).
/// </summary>
public sealed class AllocationMeter
{
    private long _crypto;

    /// <summary>Largest device-side allocation of one request so far.</summary>
    public long MaxPerRequest { get; private set; }

    /// <summary>Request label of <see cref="MaxPerRequest"/>.</summary>
    public string MaxLabel { get; private set; }

    /// <summary>Allocation per request label (the last one seen).</summary>
    public Dictionary<string, long> ByLabel { get; } = new();

    public void Measure(string label, Action deviceWork)
    {
        long cryptoBefore = _crypto;
        long before = GC.GetAllocatedBytesForCurrentThread();
        deviceWork();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before - (_crypto - cryptoBefore);
        ByLabel[label] = allocated;
        if (allocated > MaxPerRequest)
        {
            MaxPerRequest = allocated;
            MaxLabel = label;
        }
    }

    /// <summary>Wraps a crypto provider so its allocations are subtracted.</summary>
    public ICrypto Exclude(ICrypto inner) => new CryptoExcluder(inner, this);

    private sealed class CryptoExcluder : ICrypto
    {
        private readonly ICrypto _c;
        private readonly AllocationMeter _m;

        public CryptoExcluder(ICrypto c, AllocationMeter m)
        {
            _c = c;
            _m = m;
        }

        private int Run(Func<int> call)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            int result = call();
            _m._crypto += GC.GetAllocatedBytesForCurrentThread() - before;
            return result;
        }

        public int Sha256(byte[] d, int o, int n, byte[] h) => Run(() => _c.Sha256(d, o, n, h));
        public int Sha512(byte[] d, int o, int n, byte[] h) => Run(() => _c.Sha512(d, o, n, h));
        public int X25519PublicKey(byte[] k, byte[] p) => Run(() => _c.X25519PublicKey(k, p));
        public int X25519SharedSecret(byte[] k, byte[] p, byte[] s) => Run(() => _c.X25519SharedSecret(k, p, s));
        public int AesCtrXor(byte[] k, byte[] c, byte[] b, int ko, byte[] d, int o, int n) => Run(() => _c.AesCtrXor(k, c, b, ko, d, o, n));
        public int AesGcmSeal(byte[] k, byte[] iv, byte[] i, int io, int n, byte[] o, int oo) => Run(() => _c.AesGcmSeal(k, iv, i, io, n, o, oo));
        public int AesGcmOpen(byte[] k, byte[] iv, byte[] i, int io, int n, byte[] o, int oo) => Run(() => _c.AesGcmOpen(k, iv, i, io, n, o, oo));
        public int SrpServerPublicKey(byte[] v, byte[] b, byte[] p) => Run(() => _c.SrpServerPublicKey(v, b, p));
        public int SrpServerSessionKey(byte[] v, byte[] b, byte[] a, byte[] bb, byte[] k) => Run(() => _c.SrpServerSessionKey(v, b, a, bb, k));
        public int SrpServerVerifyProof(byte[] u, byte[] s, byte[] a, byte[] b, byte[] k, byte[] m1, byte[] m2) => Run(() => _c.SrpServerVerifyProof(u, s, a, b, k, m1, m2));
        public int SrpCreateVerifier(byte[] u, byte[] p, byte[] s, byte[] v) => Run(() => _c.SrpCreateVerifier(u, p, s, v));
    }
}

/// <summary>The client's requests handed straight to <see cref="HttpTransport.ProcessExchange"/> (one connection per request, as on the device).</summary>
public sealed class InProcessHttp : IProvTransport
{
    private readonly HttpTransport _device;
    private readonly AllocationMeter _meter;
    private string _cookie;
    private int _connection;

    public InProcessHttp(HttpTransport device, AllocationMeter meter)
    {
        _device = device;
        _meter = meter;
    }

    public string Description => "in-process HttpTransport";

    public byte[] Send(string endpoint, byte[] body)
    {
        var exchange = new Exchange("/" + endpoint, body, _cookie, "conn-" + (++_connection));
        _meter.Measure(endpoint, () =>
        {
            _device.ProcessExchange(exchange);
            _device.ConnectionClosed(exchange.ConnectionId);
        });
        if (exchange.Status == 0)
        {
            throw new DeviceClosedConnectionException(endpoint);
        }

        if (exchange.Status != 200)
        {
            throw new ProvTransportException("HTTP " + exchange.Status, null, exchange.Status);
        }

        string setCookie = exchange.Headers.FirstOrDefault(h => h.StartsWith("Set-Cookie: ", StringComparison.Ordinal));
        if (setCookie != null)
        {
            _cookie = setCookie.Substring("Set-Cookie: ".Length);
        }

        return exchange.Body;
    }

    public void Dispose()
    {
    }

    private sealed class Exchange : IHttpExchange
    {
        private readonly byte[] _request;
        private readonly string _cookie;
        private int _read;

        public Exchange(string url, byte[] request, string cookie, string connection)
        {
            RawUrl = url;
            _request = request;
            _cookie = cookie;
            ConnectionId = connection;
        }

        public int Status { get; private set; }

        public string[] Headers { get; private set; } = Array.Empty<string>();

        public byte[] Body { get; private set; }

        public string Method => "POST";

        public string RawUrl { get; }

        public string HttpVersion => "HTTP/1.1";

        public string ConnectionId { get; }

        public string RemoteAddress => "192.168.4.2";

        public string GetHeader(string name) => name.ToLowerInvariant() switch
        {
            "content-length" => _request.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "cookie" => _cookie,
            _ => null,
        };

        public int ReadBody(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            int n = Math.Min(count, _request.Length - _read);
            Array.Copy(_request, _read, buffer, offset, n);
            _read += n;
            return n;
        }

        public void Respond(int statusCode, string reasonPhrase, string[] headers, byte[] body, int offset, int count, bool closeConnection)
        {
            Status = statusCode;
            Headers = headers ?? Array.Empty<string>();
            Body = body == null ? Array.Empty<byte>() : body.AsSpan(offset, count).ToArray();
        }

        public void Abort() => Status = 0;
    }
}

/// <summary>The client's requests written to and read from <see cref="GattTransport"/> (inline, as one BLE central).</summary>
public sealed class InProcessGatt : IProvTransport, IGattPeripheral
{
    private const string Connection = "ble:1";
    private readonly AllocationMeter _meter;
    private GattUuidPlan _plan;
    private IGattRequestHandler _handler;

    public InProcessGatt(AllocationMeter meter) => _meter = meter;

    public string Description => "in-process GattTransport";

    public bool IsRunning => _handler != null;

    public void Start(GattUuidPlan service, AdvertisingPlan advertising, IGattRequestHandler handler)
    {
        _plan = service;
        _handler = handler;
        handler.OnConnected(Connection);
    }

    public void Stop()
    {
        _handler?.OnDisconnected(Connection);
        _handler = null;
    }

    public byte[] Send(string endpoint, byte[] body)
    {
        BleUuid uuid = _plan.FindByName(endpoint).Uuid;
        byte written = 0;
        byte read = 0;
        byte[] value = null;
        _meter.Measure(endpoint, () =>
        {
            written = _handler.OnWrite(Connection, uuid, body, 0, body.Length);
            read = _handler.OnRead(Connection, uuid, out value);
        });
        if (written != AttErrorCode.Success || read != AttErrorCode.Success || value == null || value.Length == 0)
        {
            throw new DeviceClosedConnectionException(endpoint);
        }

        return value;
    }

    public void Dispose()
    {
    }
}
