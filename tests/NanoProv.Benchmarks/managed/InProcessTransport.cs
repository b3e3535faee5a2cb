using System.Diagnostics;
using NanoProv.Client;
using NanoProv.Transports;

namespace NanoProv.Benchmarks;

/// <summary>
/// A ProvCli transport that hands each request to the device's <see cref="HttpTransport"/> in the same thread
/// through a <see cref="MemoryExchange"/>. Only the device side is measured: the allocated bytes and time of
/// <see cref="HttpTransport.ProcessExchange"/> (plus the device work in <see cref="BeforeRequest"/>, e.g. due
/// timers), never the client's.
/// </summary>
internal sealed class InProcessTransport : IProvTransport
{
    private readonly HttpTransport _device;
    private string _cookie;

    public InProcessTransport(HttpTransport device) => _device = device;

    public string Description => "in-process";

    /// <summary>Device work to run (and measure) before each request, e.g. advancing the manual timers.</summary>
    public Action<string, byte[]> BeforeRequest { get; set; }

    public long DeviceAllocatedBytes { get; private set; }
    public long DeviceTicks { get; private set; }
    public int Requests { get; private set; }

    public void ResetCounters()
    {
        DeviceAllocatedBytes = 0;
        DeviceTicks = 0;
        Requests = 0;
    }

    public byte[] Send(string endpoint, byte[] body)
    {
        var exchange = new MemoryExchange(endpoint, body, _cookie, "mem-1");
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        BeforeRequest?.Invoke(endpoint, body);
        _device.ProcessExchange(exchange);
        DeviceTicks += Stopwatch.GetTimestamp() - start;
        DeviceAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - before;
        Requests++;

        if (exchange.Status != 200) throw new DeviceClosedConnectionException(endpoint, $"in-process device answered {exchange.Status}");
        if (exchange.SetCookie != null) _cookie = exchange.SetCookie;
        return exchange.Reply;
    }

    public void Dispose()
    {
    }
}
