using System.Security.Cryptography;
using System.Text;
using NanoProv.Host.Http;
using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Host.Wifi;
using NanoProv.Platform;
using NanoProv.Protocomm;
using NanoProv.Provisioning;
using NanoProv.Transports;

namespace NanoProv.ProvSim;

/// <summary>
/// Optional replacements for the simulator's ports and knobs (tests and the benchmark use them to run
/// faster or deterministically). Anything left null gets the ProvSim default.
/// </summary>
public sealed class SimulatorOverrides
{
    /// <summary>Crypto provider; null = from <see cref="SimulatorSettings.Crypto"/>.</summary>
    public ICrypto Crypto { get; init; }

    /// <summary>Random source; null = the operating system's.</summary>
    public IRandom Random { get; init; }

    /// <summary>Clock; null = a Stopwatch clock.</summary>
    public IClock Clock { get; init; }

    /// <summary>Timers; null = real timers.</summary>
    public ITimerService Timers { get; init; }

    /// <summary>Log sink; null = none.</summary>
    public ILog Log { get; init; }

    /// <summary>Wi-Fi world; null = <see cref="SimulatorSettings.WorldFile"/> or the built-in world.</summary>
    public SimulatedWifiWorld World { get; init; }

    /// <summary>Wi-Fi station; null = a <see cref="SimulatedWifiStation"/> over the world (replay tests script their own).</summary>
    public IWifiStation Station { get; init; }

    /// <summary>Credential store; null = in memory (or the settings' file).</summary>
    public ICredentialStore Store { get; init; }

    /// <summary>Called with the provisioning options before the service is built (timings, capacities...).</summary>
    public Action<ProvisioningOptions> ConfigureProvisioning { get; init; }

    /// <summary>Called with the transport options before the transport is built.</summary>
    public Action<NanoProv.Transports.HttpTransportOptions> ConfigureTransport { get; init; }

    /// <summary>Called with the server options before the server is built.</summary>
    public Action<LoopbackHttpServerOptions> ConfigureServer { get; init; }
}

/// <summary>
/// The simulated device: the firmware's <see cref="ProvisioningService"/> (protocomm, security, endpoints,
/// manager) over a simulated Wi-Fi station, attached through <see cref="HttpTransport"/> to a loopback HTTP
/// server. ProvSim's main job, and the device under test of the end-to-end tests and the benchmark.
/// </summary>
public sealed class SimulatorHost : IDisposable
{
    /// <summary>Name of the example custom endpoint (replies "SUCCESS\0" like ESP-IDF's example).</summary>
    public const string CustomDataEndpoint = "custom-data";

    private readonly RealTimerService _ownedTimers;
    private bool _started;

    /// <summary>Builds the simulator (nothing listens until <see cref="Start"/>).</summary>
    public SimulatorHost(SimulatorSettings settings, SimulatorOverrides overrides = null)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        string problem = settings.Validate();
        if (problem != null) throw new ArgumentException(problem, nameof(settings));
        overrides ??= new SimulatorOverrides();

        if (overrides.Crypto != null)
        {
            Crypto = overrides.Crypto;
            CryptoDescription = overrides.Crypto.GetType().Name;
        }
        else
        {
            var choice = CryptoSelector.Select(settings.Crypto);
            Crypto = choice.Crypto;
            CryptoDescription = choice.Description;
        }

        Log = overrides.Log ?? NullLog.Instance;
        Clock = overrides.Clock ?? new SystemClock();
        Random = overrides.Random ?? new SystemRandom();
        if (overrides.Timers == null) _ownedTimers = new RealTimerService();
        Timers = overrides.Timers ?? _ownedTimers;
        World = overrides.World ?? (settings.WorldFile != null ? WifiWorldJson.Load(settings.WorldFile) : SimulatedWifiWorld.CreateDefault());
        Store = overrides.Store ?? (settings.CredentialsFile != null ? new FileCredentialStore(settings.CredentialsFile) : new InMemoryCredentialStore());
        if (overrides.Station == null)
        {
            SimulatedStation = new SimulatedWifiStation(World, Timers, line => Log.Write(LogLevel.Debug, "wifi", line));
        }

        Station = overrides.Station ?? SimulatedStation;
        Credentials = DevCredentials.Resolve(settings, Crypto);
        ServiceName = settings.ServiceName ?? DefaultServiceName();

        var options = new ProvisioningOptions
        {
            ServiceName = ServiceName,
            SecurityVersion = settings.Security,
            AutoStop = settings.AutoStop,
        };
        if (Credentials.Security == 1 && Credentials.Pop != null) options.ProofOfPossession = Encoding.UTF8.GetBytes(Credentials.Pop);
        if (Credentials.Security == 2)
        {
            options.Sec2Username = Credentials.Sec2User;
            options.Sec2Salt = Credentials.Sec2Salt;
            options.Sec2Verifier = Credentials.Sec2Verifier;
        }

        options.AddCustomEndpoint(CustomDataEndpoint, new CustomDataHandler(this));
        overrides.ConfigureProvisioning?.Invoke(options);
        Service = new ProvisioningService(options, Crypto, Random, Clock, Log, Station, Store, Timers);

        var transportOptions = new NanoProv.Transports.HttpTransportOptions { CloseAfterEveryReply = settings.ConnectionClose };
        overrides.ConfigureTransport?.Invoke(transportOptions);
        Transport = new HttpTransport(new ProtocommTarget(Service.Protocomm), transportOptions, Clock, Log);

        var serverOptions = new LoopbackHttpServerOptions { Port = settings.Port };
        overrides.ConfigureServer?.Invoke(serverOptions);
        Server = new LoopbackHttpServer(Transport, serverOptions, Log);
        if (settings.IsBleSim)
        {
            Ble = new BleSimAttachment(this, settings.Port);
        }
    }

    /// <summary>The BLE simulator attachment (<c>--transport ble-sim</c>), else null; the HTTP server then stays off.</summary>
    public BleSimAttachment Ble { get; }

    /// <summary>The settings it was built from.</summary>
    public SimulatorSettings Settings { get; }

    /// <summary>The credentials in force (generated ones included).</summary>
    public DevCredentials Credentials { get; }

    /// <summary>The service name (SoftAP SSID on a device).</summary>
    public string ServiceName { get; }

    /// <summary>Crypto provider in use.</summary>
    public ICrypto Crypto { get; }

    /// <summary>Human-readable description of the crypto provider.</summary>
    public string CryptoDescription { get; }

    /// <summary>The firmware's provisioning service.</summary>
    public ProvisioningService Service { get; }

    /// <summary>The HTTP transport in front of protocomm.</summary>
    public HttpTransport Transport { get; }

    /// <summary>The loopback server.</summary>
    public LoopbackHttpServer Server { get; }

    /// <summary>The Wi-Fi station the manager drives.</summary>
    public IWifiStation Station { get; }

    /// <summary>The simulated station (null when <see cref="SimulatorOverrides.Station"/> replaced it).</summary>
    public SimulatedWifiStation SimulatedStation { get; }

    /// <summary>The simulated radio environment.</summary>
    public SimulatedWifiWorld World { get; }

    /// <summary>Where the provisioned network is stored.</summary>
    public ICredentialStore Store { get; }

    /// <summary>Log sink.</summary>
    public ILog Log { get; }

    /// <summary>Clock.</summary>
    public IClock Clock { get; }

    /// <summary>Random source.</summary>
    public IRandom Random { get; }

    /// <summary>Timers.</summary>
    public ITimerService Timers { get; }

    /// <summary>The most recent custom-data payloads received (at most 100), oldest first (decrypted).</summary>
    public IReadOnlyList<byte[]> CustomDataReceived
    {
        get { lock (_customData) return _customData.ToArray(); }
    }

    private readonly List<byte[]> _customData = new();

    /// <summary>Bound port (after <see cref="Start"/>).</summary>
    public int Port => Server.Port;

    /// <summary>"127.0.0.1:port", the --service_name of esp_prov and the host of ProvCli (with ble-sim: the BLE bridge).</summary>
    public string HostPort => Ble != null ? Ble.HostPort : "127.0.0.1:" + Server.Port;

    /// <summary>Starts provisioning and the HTTP server. Throws SocketException when the port is taken.</summary>
    public void Start()
    {
        if (_started) throw new InvalidOperationException("already started");
        _started = true;
        Service.Start();
        if (Ble != null)
        {
            Ble.Start();
        }
        else
        {
            Server.Start();
        }
    }

    /// <summary>Stops the server, provisioning and the timers.</summary>
    public void Dispose()
    {
        Ble?.Dispose();
        Server.Stop();
        try { Service.Stop(); } catch (InvalidOperationException) { }
        _ownedTimers?.Dispose();
    }

    /// <summary>PROV_ + the last three bytes of a simulated STA MAC (stable per machine), like ESP-IDF's example.</summary>
    public static string DefaultServiceName()
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes("nanoprov-sim:" + Environment.MachineName));
        return "PROV_" + Convert.ToHexString(hash, 0, 3);
    }

    private sealed class CustomDataHandler : IRequestHandler
    {
        private static readonly byte[] Success = "SUCCESS\0"u8.ToArray();
        private readonly SimulatorHost _host;

        public CustomDataHandler(SimulatorHost host) => _host = host;

        public byte[] HandleRequest(uint sessionId, byte[] request)
        {
            lock (_host._customData)
            {
                if (_host._customData.Count == 100) _host._customData.RemoveAt(0);
                _host._customData.Add((byte[])request.Clone());
            }

            return (byte[])Success.Clone();
        }
    }
}
