using System.Diagnostics;
using NanoProv.Client;
using NanoProv.EndToEnd.Tests.Support;
using NanoProv.Host.Timers;
using Xunit.Abstractions;

namespace NanoProv.EndToEnd.Tests;

/// <summary>Runs alone: it measures the process-wide managed heap.</summary>
[CollectionDefinition("Soak", DisableParallelization = true)]
public sealed class SoakCollection
{
}

/// <summary>
/// Long sequences of complete provisioning sessions through real loopback sockets. Each iteration is a new
/// client on a new TCP connection that opens while the previous client is still connected (so every iteration
/// creates a new protocomm session and the table has to evict and expire), does the whole handshake, provisions,
/// and sends CtrlReprov so the next one can provision again. The protocomm clock moves 10 s per iteration so
/// idle sessions become evictable and expire. Asserts: the session table never exceeds its capacity, connections
/// are closed, timers do not pile up, and the managed heap (after a forced GC) does not grow beyond a margin.
/// </summary>
[Collection("Soak")]
public class SoakTests
{
    private const long HeapMarginBytes = 1024L * 1024; // ~1 KiB per session over the Sec1 run
    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<int, int, string> Runs()
    {
        var data = new TheoryData<int, int, string> { { 1, 1000, CryptoProviders.Managed }, { 2, 50, CryptoProviders.Managed } };
        if (CryptoProviders.Available().Contains(CryptoProviders.Native))
        {
            data.Add(1, 1000, CryptoProviders.Native);
            data.Add(2, 50, CryptoProviders.Native);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Sequential_sessions_keep_the_session_table_and_the_heap_bounded(int security, int sessions, string crypto)
    {
        var clock = new FakeClock(1_000_000);
        using var host = Sim.Start(security, crypto, clock: clock, world: Sim.InstantWorld(), configure: o =>
        {
            o.ConnectDelayMs = 1;
            o.RetryDelayMs = 1;
        });
        int capacity = host.Service.Protocomm.Sessions.Capacity;
        int warmup = Math.Min(50, sessions / 5);
        long heapAfterWarmup = 0;
        int maxSessions = 0;
        var watch = Stopwatch.StartNew();
        ProvClient previous = null;

        for (int i = 0; i < sessions; i++)
        {
            if (i == warmup) heapAfterWarmup = Heap();
            var client = Sim.Client(host);
            client.Connect();
            previous?.Dispose();
            previous = client;

            Provision(client, i);
            Assert.Equal(DeviceStatus.Success, client.Reprovision());

            int count = host.Service.Protocomm.Sessions.Count;
            maxSessions = Math.Max(maxSessions, count);
            Assert.InRange(count, 1, capacity);
            Assert.InRange(host.Server.OpenConnections, 0, 3);
            clock.Advance(10_000);
        }

        previous?.Dispose();
        Sim.WaitUntil(() => host.Server.OpenConnections == 0, "all connections closed");
        long heapAtEnd = Heap();
        double seconds = watch.Elapsed.TotalSeconds;
        _output.WriteLine($"Security {security} ({crypto}): {sessions} sessions in {seconds:0.0} s ({seconds * 1000 / sessions:0.0} ms each); " +
                          $"max sessions {maxSessions}/{capacity}; heap after warm-up {heapAfterWarmup / 1024} KiB, at end {heapAtEnd / 1024} KiB; " +
                          $"connections accepted {host.Server.AcceptedConnections}");

        Assert.True(heapAtEnd - heapAfterWarmup < HeapMarginBytes,
            $"managed heap grew by {(heapAtEnd - heapAfterWarmup) / 1024} KiB over {sessions - warmup} sessions");
        Assert.Equal(sessions, host.Server.AcceptedConnections);
    }

    /// <summary>
    /// SetConfig, ApplyConfig, then GetStatus until Connected. Thousands of back-to-back 2-byte requests also
    /// exercise the reply cache: a Security 1 ciphertext that repeats the previous one by chance on the same
    /// connection must be processed as a new request (the cache only answers repeats on a new connection).
    /// </summary>
    private static void Provision(ProvClient client, int iteration)
    {
        Assert.Equal(DeviceStatus.Success, client.SetWifiConfig(WifiCredentials.FromText("HomeNet", "homepass")));
        Assert.Equal(DeviceStatus.Success, client.ApplyWifiConfig());
        var until = Stopwatch.StartNew();
        while (true)
        {
            var status = client.GetWifiStatus();
            if (status.State == StationState.Connected) return;
            Assert.True(status.State == StationState.Connecting, $"iteration {iteration}: {status}");
            Assert.True(until.Elapsed < TimeSpan.FromSeconds(20), $"iteration {iteration}: no result in 20 s");
            Thread.Sleep(2);
        }
    }

    /// <summary>
    /// Live managed bytes after a forced, blocking, compacting full GC: heap size minus fragmentation as recorded
    /// by that GC. (GC.GetTotalMemory(true) is printed too, but on .NET 10 it was seen to return negative values
    /// in this multi-threaded test host, so it is not used for the assertion.)
    /// </summary>
    private long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        long live = info.HeapSizeBytes - info.FragmentedBytes;
        _output.WriteLine($"after forced GC: live {live} bytes (heap {info.HeapSizeBytes}, fragmented {info.FragmentedBytes}), GetTotalMemory {GC.GetTotalMemory(true)}");
        return live;
    }
}
