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
    private const long HeapMarginBytes = 8L * 1024 * 1024;
    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 50)]
    public void Sequential_sessions_keep_the_session_table_and_the_heap_bounded(int security, int sessions)
    {
        var clock = new FakeClock(1_000_000);
        using var host = Sim.Start(security, clock: clock, world: Sim.InstantWorld(), configure: o =>
        {
            o.ConnectDelayMs = 1;
            o.RetryDelayMs = 1;
        });
        var poll = new ProvisionOptions { PollInterval = TimeSpan.FromMilliseconds(5), Timeout = TimeSpan.FromSeconds(20) };
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

            var result = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), poll);
            Assert.True(result.Outcome == ProvisionOutcome.Connected, $"iteration {i}: {result.Outcome}");
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
        _output.WriteLine($"Security {security}: {sessions} sessions in {seconds:0.0} s ({seconds * 1000 / sessions:0.0} ms each); " +
                          $"max sessions {maxSessions}/{capacity}; heap after warm-up {heapAfterWarmup / 1024} KiB, at end {heapAtEnd / 1024} KiB; " +
                          $"connections accepted {host.Server.AcceptedConnections}");

        Assert.True(heapAtEnd - heapAfterWarmup < HeapMarginBytes,
            $"managed heap grew by {(heapAtEnd - heapAfterWarmup) / 1024} KiB over {sessions - warmup} sessions");
        Assert.Equal(sessions, host.Server.AcceptedConnections);
    }

    private long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long total = GC.GetTotalMemory(forceFullCollection: true);
        long heap = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
        _output.WriteLine($"GetTotalMemory {total}, HeapSizeBytes {heap}");
        return total;
    }
}
