using NanoProv.Host.Gatt;
using NanoProv.Protocomm;
using NanoProv.Security;
using NanoProv.Transports;

namespace NanoProv.Ble.Tests;

/// <summary>A custom endpoint whose behaviour a test sets: echo with a prefix, fail (null), or run an action.</summary>
internal sealed class ScriptedEndpoint : IRequestHandler
{
    public int Calls;
    public Func<byte[], byte[]> Reply { get; set; } = request => [0xEC, .. request];
    public List<byte[]> Requests { get; } = [];

    public byte[] HandleRequest(uint sessionId, byte[] request)
    {
        Calls++;
        Requests.Add((byte[])request.Clone());
        return Reply(request);
    }
}

/// <summary>
/// Protocomm (Security 0) + GattTransport + GattSimulator, wired as on a device, with one custom endpoint
/// "custom-data" (0xFF54) registered before the transport starts.
/// </summary>
internal sealed class GattRig : IDisposable
{
    public static readonly byte[] Sec0Request = Convert.FromHexString("5203a20100");   // spec §1.11 esp_prov Sec0 request
    public static readonly byte[] Sec0Response = Convert.FromHexString("52050801aa0100"); // spec §1.11 ESP Sec0 response

    public GattRig(GattSimOptions simOptions = null, Action<GattTransportOptions> configure = null, string[] extraEndpoints = null)
    {
        Protocomm = new NanoProv.Protocomm.Protocomm(null, new Security0(), Random, Clock, Log);
        Protocomm.RegisterEndpoint("custom-data", Custom);
        foreach (string name in extraEndpoints ?? [])
        {
            Protocomm.RegisterEndpoint(name, new ScriptedEndpoint());
        }

        Simulator = new GattSimulator(simOptions);
        var options = new GattTransportOptions { DeviceName = "PROV_A1B2C3" };
        configure?.Invoke(options);
        Transport = new GattTransport(Protocomm, Simulator, options, Clock, Log);
        Transport.Start();
    }

    public ManualClock Clock { get; } = new();
    public CountingRandom Random { get; } = new();
    public RecordingLog Log { get; } = new();
    public ScriptedEndpoint Custom { get; } = new();
    public NanoProv.Protocomm.Protocomm Protocomm { get; }
    public GattSimulator Simulator { get; }
    public GattTransport Transport { get; }

    public GattProvisioningLink Connect(int mtu = 0) => GattProvisioningLink.Connect(Simulator, mtu);

    public void Dispose() => Transport.Stop();
}
