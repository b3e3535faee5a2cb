using NanoProv.Client;
using NanoProv.Host.Crypto;
using NanoProv.Host.Wifi;
using NanoProv.Platform;
using NanoProv.ProvSim;
using ClientHttpOptions = NanoProv.Client.HttpTransportOptions;

namespace NanoProv.EndToEnd.Tests.Support;

/// <summary>Crypto providers the tests run with: managed always, native when the C library loads here.</summary>
public static class CryptoProviders
{
    public const string Managed = "managed";
    public const string Native = "native";

    public static IEnumerable<string> Available()
    {
        yield return Managed;
        if (CryptoSelector.NativeAvailable) yield return Native;
    }

    public static ICrypto Create(string name) => name switch
    {
        Managed => new ManagedCrypto(),
        Native => CryptoSelector.Select(CryptoMode.Native).Crypto,
        _ => throw new ArgumentException(name),
    };
}

/// <summary>Builds simulators on an ephemeral port with fast radio timings, and clients for them.</summary>
public static class Sim
{
    /// <summary>The built-in world of ProvSim with delays shrunk to a few milliseconds.</summary>
    public static SimulatedWifiWorld FastWorld(int scale = 1) => new(SimulatedWifiWorld.CreateDefault().AccessPoints, new WifiWorldTiming
    {
        ScanLatencyMs = 20 * scale,
        AssociationDelayMs = 15 * scale,
        DhcpDelayMs = 15 * scale,
        AuthFailureDelayMs = 25 * scale,
        NotFoundDelayMs = 25 * scale,
        GroupPauseMs = 1,
    });

    /// <summary>A world whose radio answers within a millisecond (soak and benchmark).</summary>
    public static SimulatedWifiWorld InstantWorld() => new(SimulatedWifiWorld.CreateDefault().AccessPoints, new WifiWorldTiming
    {
        ScanLatencyMs = 1,
        AssociationDelayMs = 1,
        DhcpDelayMs = 1,
        AuthFailureDelayMs = 1,
        NotFoundDelayMs = 1,
        GroupPauseMs = 1,
    });

    public const string Sec1Pop = "e2e-pop-1234";
    public const string Sec2Password = "e2e-password";

    public static SimulatorHost Start(int security, string crypto = CryptoProviders.Managed, bool connectionClose = false,
        Action<NanoProv.Provisioning.ProvisioningOptions> configure = null, ILog log = null, IClock clock = null,
        NanoProv.Host.Wifi.SimulatedWifiWorld world = null)
    {
        var settings = new SimulatorSettings
        {
            Port = 0,
            Security = security,
            Pop = security == 1 ? Sec1Pop : null,
            Sec2Password = security == 2 ? Sec2Password : null,
            ConnectionClose = connectionClose,
            ServiceName = "PROV_E2E",
        };
        var host = new SimulatorHost(settings, new SimulatorOverrides
        {
            Crypto = CryptoProviders.Create(crypto),
            World = world ?? FastWorld(),
            Log = log,
            Clock = clock,
            ConfigureProvisioning = o =>
            {
                o.ConnectDelayMs = 5;
                o.RetryDelayMs = 5;
                configure?.Invoke(o);
            },
        });
        host.Start();
        return host;
    }

    public static ProvClient Client(SimulatorHost host, bool newConnectionPerRequest = false, bool cookies = true,
        string pop = null, string password = null)
    {
        var transport = new HttpProvTransport(host.HostPort, new ClientHttpOptions
        {
            NewConnectionPerRequest = newConnectionPerRequest,
            UseCookies = cookies,
            Timeout = TimeSpan.FromSeconds(20),
        });
        var creds = host.Credentials;
        return new ProvClient(transport, new ProvClientOptions
        {
            Security = creds.Security,
            Pop = pop ?? creds.Pop,
            Sec2Username = creds.Sec2User,
            Sec2Password = password ?? creds.Sec2Password,
        });
    }

    public static ProvClientOptions ClientOptions(SimulatorHost host) => new()
    {
        Security = host.Credentials.Security,
        Pop = host.Credentials.Pop,
        Sec2Username = host.Credentials.Sec2User,
        Sec2Password = host.Credentials.Sec2Password,
    };

    public static HttpProvTransport TransportOf(ProvClient client) => (HttpProvTransport)client.Transport;

    public static readonly ProvisionOptions FastPoll = new() { PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(20) };

    public static readonly NanoProv.Client.ScanOptions FastScan = new() { PeriodMs = 2, PollInterval = TimeSpan.FromMilliseconds(10) };

    public static TheoryData<int, string> SecurityAndCrypto()
    {
        var data = new TheoryData<int, string>();
        foreach (var crypto in CryptoProviders.Available())
            for (int sec = 0; sec <= 2; sec++)
                data.Add(sec, crypto);
        return data;
    }

    /// <summary>Polls until the condition holds (for effects that happen on server threads).</summary>
    public static void WaitUntil(Func<bool> condition, string what, int ms = 5000)
    {
        long until = Environment.TickCount64 + ms;
        while (!condition())
        {
            if (Environment.TickCount64 > until) throw new Xunit.Sdk.XunitException("timed out waiting for " + what);
            Thread.Sleep(10);
        }
    }
}
