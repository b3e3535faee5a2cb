using System.Security.Cryptography;
using System.Text;
using NanoProv.Client;
using NanoProv.Host.Crypto;
using NanoProv.Host.Gatt;
using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Host.Wifi;
using NanoProv.Platform;
using NanoProv.Protocomm;
using NanoProv.Provisioning;
using NanoProv.Transports;

namespace NanoProv.Ble.Tests.EndToEnd;

/// <summary>Cryptographic randomness for the simulated device.</summary>
internal sealed class SystemRandom : IRandom
{
    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}

/// <summary>
/// A whole simulated BLE device, composed like the firmware: ProvisioningService (simulated Wi-Fi world with short
/// delays, in-memory credential store, real timers, managed crypto) + GattTransport over the GATT simulator, started
/// after the service so the custom endpoint is in the table. Clients connect with ProvCli's BLE-simulator transport.
/// </summary>
internal sealed class BleDeviceRig : IDisposable
{
    public const string Pop = "abcd1234";
    public const string Sec2User = "wifiprov";
    public const string Sec2Password = "abcd1234";
    public const string DeviceName = "PROV_A1B2C3";

    private readonly RealTimerService _timers = new();

    public BleDeviceRig(int security, GattSimOptions simOptions = null, Action<ProvisioningOptions> configure = null)
    {
        var crypto = new ManagedCrypto();
        Security = security;
        var options = new ProvisioningOptions
        {
            ServiceName = DeviceName,
            SecurityVersion = security,
            ConnectDelayMs = 10,
            RetryDelayMs = 10,
            AttemptTimeoutMs = 5000,
            DhcpTimeoutMs = 5000,
            AutoStop = false,
            StopCleanupDelayMs = 10,
        };
        if (security == 1)
        {
            options.ProofOfPossession = Encoding.ASCII.GetBytes(Pop);
        }
        else if (security == 2)
        {
            byte[] salt = Convert.FromHexString("0102030405060708090a0b0c0d0e0f10");
            byte[] verifier = new byte[384];
            int n = crypto.SrpCreateVerifier(Encoding.ASCII.GetBytes(Sec2User), Encoding.ASCII.GetBytes(Sec2Password), salt, verifier);
            options.Sec2Salt = salt;
            options.Sec2Verifier = verifier[..n];
        }

        options.AddCustomEndpoint("custom-data", Custom);
        configure?.Invoke(options);

        var timing = new WifiWorldTiming
        {
            ScanLatencyMs = 20, AssociationDelayMs = 20, DhcpDelayMs = 20, AuthFailureDelayMs = 40, NotFoundDelayMs = 40,
            GroupPauseMs = 1,
        };
        World = new SimulatedWifiWorld(SimulatedWifiWorld.CreateDefault().AccessPoints, timing);
        Station = new SimulatedWifiStation(World, _timers);
        Service = new ProvisioningService(options, crypto, new SystemRandom(), new SystemClock(), Log, Station, Store, _timers);
        Service.Start();

        Simulator = new GattSimulator(simOptions);
        Transport = new GattTransport(Service.Protocomm, Simulator,
            new GattTransportOptions { DeviceName = DeviceName, CustomEndpointNames = Service.CustomEndpointNames }, new SystemClock(), Log);
        Transport.Start();
    }

    public int Security { get; }
    public RecordingLog Log { get; } = new();
    public CustomEcho Custom { get; } = new();
    public InMemoryCredentialStore Store { get; } = new();
    public SimulatedWifiWorld World { get; }
    public SimulatedWifiStation Station { get; }
    public ProvisioningService Service { get; }
    public GattSimulator Simulator { get; }
    public GattTransport Transport { get; }

    /// <summary>Scans, connects a central and wraps it as ProvCli's in-process link.</summary>
    public IGattSimLink ConnectLink()
    {
        AdvertisementReport report = Simulator.Scan() ?? throw new InvalidOperationException("not advertising");
        IAttBearer bearer = Simulator.ConnectBearer();
        return new GattSimDelegateLink(bearer.Exchange, bearer.Disconnect, () => bearer.IsConnected, report.AdvertisingData, report.ScanResponse);
    }

    /// <summary>A ProvCli client for this device over a new BLE connection.</summary>
    public ProvClient Client(int mtu, Func<IProvTransport, IProvTransport> wrap = null, string pop = Pop, string password = Sec2Password)
    {
        IProvTransport transport = new GattSimProvTransport(ConnectLink(), new GattSimTransportOptions { Mtu = mtu });
        if (wrap != null)
        {
            transport = wrap(transport);
        }

        return new ProvClient(transport, new ProvClientOptions
        {
            Security = Security,
            Pop = Security == 1 ? pop : null,
            Sec2Username = Security == 2 ? Sec2User : null,
            Sec2Password = Security == 2 ? password : null,
        });
    }

    public void Dispose()
    {
        Transport.Stop();
        Service.Stop();
        _timers.Dispose();
    }

    /// <summary>The application's custom endpoint: answers "echo:" + request.</summary>
    internal sealed class CustomEcho : IRequestHandler
    {
        public byte[] HandleRequest(uint sessionId, byte[] request) => [.. "echo:"u8, .. request];
    }
}

/// <summary>Counts requests per endpoint and can cut the BLE link after a given number of requests to one endpoint.</summary>
internal sealed class CountingTransport(IProvTransport inner, string cutEndpoint = null, int cutAfter = int.MaxValue) : IProvTransport
{
    public Dictionary<string, int> Sends { get; } = new();

    public string Description => inner.Description;

    public byte[] Send(string endpoint, byte[] body)
    {
        Sends[endpoint] = Sends.GetValueOrDefault(endpoint) + 1;
        if (endpoint == cutEndpoint && Sends[endpoint] > cutAfter)
        {
            inner.Dispose(); // the phone walks away mid-handshake
        }

        return inner.Send(endpoint, body);
    }

    public void Dispose() => inner.Dispose();
}
