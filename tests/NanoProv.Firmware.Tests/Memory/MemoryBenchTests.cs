using System.Collections;
using System.Text;
using Microsoft.CodeAnalysis;
using NanoProv.Client;
using NanoProv.Firmware.Tests.NanoCheck;
using NanoProv.Host.Crypto;
using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Host.Wifi;
using NanoProv.Platform;
using NanoProv.Protocomm;
using NanoProv.Provisioning;
using NanoProv.Transports;
using Xunit.Abstractions;

namespace NanoProv.Firmware.Tests.Memory;

/// <summary>
/// Memory bench: how much of the ~50 KB managed heap of a BLE image (nanoframework.md section 11) the library needs.
/// A complete provisioning session (proto-ver, Security 2 handshake, scan, SetConfig, ApplyConfig, status until
/// connected) runs in-process against the real portable core over HttpTransport (SoftAP) or GattTransport (BLE); at each
/// phase the retained object graph (service + transport + static fields) is sized with <see cref="NanoHeapModel"/>
/// (nanoCLR's 12-byte heap blocks), and the managed bytes the device side allocates per request are counted
/// (crypto excluded: it runs natively on the device). Prints the table; asserts only that the method sees what it must.
/// </summary>
public class MemoryBenchTests
{
    private readonly ITestOutputHelper _output;

    public MemoryBenchTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void TheHeapModelFollowsNanoClrLayout()
    {
        Assert.Equal(12 * 4, NanoHeapModel.SizeOf(new ThreeFields()));       // header + 3 fields
        Assert.Equal(120, NanoHeapModel.SizeOf(new byte[100]));                 // 20-byte array header + 100 -> 120
        Assert.Equal(60, NanoHeapModel.SizeOf(new object[3]));                  // 20 + 3 x 12-byte references = 56 -> 60
        Assert.Equal(24, NanoHeapModel.SizeOf("abc"));                          // block + "abc\0" -> 24
        Assert.Equal(24, NanoHeapModel.SizeOf((object)42));                     // boxed int
    }

    [Fact]
    public void TheWalkCountsReachableCoreObjectsOnceAndStopsAtHostObjects()
    {
        var shared = new byte[100];
        var a = new ThreeFields { Data = shared, Next = new ThreeFields { Data = shared } };
        var model = new NanoHeapModel(typeof(MemoryBenchTests).Assembly).Add(a);

        Assert.Equal(2 * 48 + 120, model.Bytes);
        Assert.Equal(3, model.Objects);

        var host = new NanoHeapModel(typeof(ICrypto).Assembly).Add(new ManagedCrypto());
        Assert.Equal(0, host.Bytes); // adapter objects of the host are not part of the device estimate
    }

    [Fact]
    public void ProvisioningMemoryTable()
    {
        var rows = new List<string[]>
        {
            Bench("SoftAP (HTTP)", 2, ble: false),
            Bench("BLE (GATT)", 2, ble: true),
            Bench("SoftAP (HTTP)", 1, ble: false),
            Bench("BLE (GATT)", 1, ble: true),
        };

        long adapters = DeviceAdapterBytes(out string adapterDetail);
        var sb = new StringBuilder();
        sb.AppendLine("| transport | security | idle (started) | 1 session | after scan + connected | 4 sessions | largest request (allocated, .NET bytes, crypto excluded) | worst case (retained + largest request) | of 50 KB |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (string[] row in rows)
        {
            sb.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        sb.AppendLine();
        sb.AppendLine("device adapter objects (NanoProv.Nano, fields counted from the NanoRef compile): " + adapters + " bytes (" + adapterDetail + ")");
        _output.WriteLine(sb.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "memory-estimate.md"), sb.ToString());

        Assert.Equal(4, rows.Count);
    }

    private string[] Bench(string label, int security, bool ble)
    {
        var meter = new AllocationMeter();
        var clock = new FakeClock();
        var timers = new ManualTimerService(clock);
        var world = SimulatedWifiWorld.CreateDefault();
        var station = new SimulatedWifiStation(world, timers);
        var options = new ProvisioningOptions { ServiceName = "PROV_1A2B3C", SecurityVersion = security, AutoStop = false };
        if (security == 2)
        {
            options.Sec2Salt = Convert.FromHexString("036ee0c7bcb9eda84c9eac97d93decf4");
            options.Sec2Verifier = Convert.FromHexString(NanoProv.App.AppConfig.DevSec2VerifierHex);
        }
        else
        {
            options.ProofOfPossession = Encoding.UTF8.GetBytes("abcd1234");
        }

        var service = new ProvisioningService(options, meter.Exclude(new ManagedCrypto()), new SystemRandomPort(), clock, QuietLog.Instance,
            station, new InMemoryCredentialStore(), timers);
        object transport;
        IProvTransport link;
        if (ble)
        {
            var peripheral = new InProcessGatt(meter);
            var gatt = new GattTransport(service.Protocomm, peripheral,
                new GattTransportOptions { DeviceName = options.ServiceName, AnswerBudgetMilliseconds = 0 }, clock, QuietLog.Instance);
            transport = gatt;
            link = peripheral;
            service.Start();
            gatt.Start();
        }
        else
        {
            var http = new HttpTransport(new ProtocommTarget(service.Protocomm), new NanoProv.Transports.HttpTransportOptions { CloseAfterEveryReply = true }, clock, QuietLog.Instance);
            transport = http;
            link = new InProcessHttp(http, meter);
            service.Start();
        }

        long idle = Retained(service, transport);
        var clientOptions = security == 2
            ? new ProvClientOptions { Security = 2, Sec2Username = "wifiprov", Sec2Password = "abcd1234" }
            : new ProvClientOptions { Security = 1, Pop = "abcd1234" };
        var client = new ProvClient(link, clientOptions, ownsTransport: false);
        client.Connect();
        long oneSession = Retained(service, transport);

        client.StartScan(new NanoProv.Client.ScanOptions { Blocking = false });
        timers.RunUntilIdle();
        ScanStatusInfo scan = client.GetScanStatus();
        for (uint i = 0; i < scan.ResultCount; i += 4)
        {
            client.GetScanResults(i, Math.Min(4, scan.ResultCount - i));
        }

        client.SetWifiConfig(WifiCredentials.FromText("HomeNet", "homepass"));
        client.ApplyWifiConfig();
        timers.RunUntilIdle();
        WifiStatus status = client.GetWifiStatus();
        Assert.Equal(StationState.Connected, status.State);
        long connected = Retained(service, transport);

        string fourSessions = "n/a (one central)";
        long worstSessions = connected;
        if (!ble)
        {
            for (int i = 0; i < 3; i++)
            {
                var other = new ProvClient(new InProcessHttp((HttpTransport)transport, meter), clientOptions);
                other.Connect();
            }

            worstSessions = Retained(service, transport);
            fourSessions = Kb(worstSessions);
        }

        long peak = meter.MaxPerRequest;
        long worst = worstSessions + peak;
        return new[]
        {
            label, "sec" + security, Kb(idle), Kb(oneSession), Kb(connected), fourSessions,
            Kb(peak) + " (" + meter.MaxLabel + ")", Kb(worst), (worst * 100 / (50 * 1024)) + " %",
        };
    }

    private static long Retained(ProvisioningService service, object transport)
    {
        GC.Collect();
        return new NanoHeapModel(typeof(ProvisioningService).Assembly).AddStatics().Add(service).Add(transport).Bytes;
    }

    /// <summary>Instance objects of the device adapters a running firmware keeps (field counts from the NanoRef compile).</summary>
    private static long DeviceAdapterBytes(out string detail)
    {
        // The adapters live in three assemblies: NanoProv (Wi-Fi, SoftAP, HTTP, clock ...), NanoProv.Crypto (NativeCrypto)
        // and NanoProv.Ble (NanoGattPeripheral). Each type is read from its own project's compilation (source symbols
        // include the private fields; a metadata reference would not).
        string[] types = { "NanoWifiStation", "NanoCredentialStore", "NanoTimerService", "NanoClock", "NanoRandom", "NanoLog",
                           "NativeCrypto", "NanoHttpServer", "NanoSoftAp", "NanoGattPeripheral" };
        string[] projects =
        {
            "firmware/NanoProv/NanoProv.nfproj", "firmware/NanoProv.Crypto/NanoProv.Crypto.nfproj", "firmware/NanoProv.Ble/NanoProv.Ble.nfproj",
        };
        var compilations = projects.Select(p => NanoCompiler.CompileProject(p)).ToList();
        Assert.All(compilations, c => Assert.True(c.Success, c.Describe()));
        long total = 0;
        var parts = new List<string>();
        foreach (string name in types)
        {
            INamedTypeSymbol t = compilations
                .Select(c => c.Compilation.Assembly.GetTypeByMetadataName("NanoProv.Nano." + name))
                .SingleOrDefault(found => found != null);
            Assert.NotNull(t);
            int fields = t.GetMembers().OfType<IFieldSymbol>().Count(f => !f.IsStatic && !f.IsConst);
            long bytes = NanoHeapModel.Block * (1 + fields);
            total += bytes;
            parts.Add(name + " " + bytes);
        }

        detail = string.Join(", ", parts) + "; plus what HttpListener/DhcpServer or Device.Bluetooth allocate themselves, not modelled";
        return total;
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " KB";

    private sealed class ThreeFields
    {
        public byte[] Data;
        public ThreeFields Next;
        public int Count;
    }

    private sealed class QuietLog : ILog
    {
        public static readonly QuietLog Instance = new();

        public void Write(LogLevel level, string source, string message)
        {
        }
    }

    private sealed class SystemRandomPort : IRandom
    {
        public void Fill(byte[] buffer, int offset, int count) =>
            System.Security.Cryptography.RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
    }
}
