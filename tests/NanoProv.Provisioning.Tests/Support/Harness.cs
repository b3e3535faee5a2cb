using System.Text;
using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Host.Wifi;
using NanoProv.Platform;

namespace NanoProv.Provisioning.Tests.Support;

/// <summary>
/// A manager over the simulated world with a fake clock and manual timers: nothing happens until the test
/// advances time, so every sequence is deterministic.
/// </summary>
public sealed class Harness
{
    public Harness(ProvisioningOptions options = null, SimulatedWifiWorld world = null, InMemoryCredentialStore store = null, bool start = true)
    {
        Options = options ?? DefaultOptions();
        Clock = new FakeClock(1_000_000);
        Timers = new ManualTimerService(Clock);
        World = world ?? SimulatedWifiWorld.CreateDefault();
        Station = new SimulatedWifiStation(World, Timers, Log.Add);
        Store = store ?? new InMemoryCredentialStore();
        Manager = new ProvisioningManager(Options, Station, Store, Timers, Log);
        Events = new EventRecorder(Manager);
        if (start)
        {
            Assert.True(Manager.Start());
        }
    }

    public ProvisioningOptions Options { get; }
    public FakeClock Clock { get; }
    public ManualTimerService Timers { get; }
    public SimulatedWifiWorld World { get; }
    public SimulatedWifiStation Station { get; }
    public InMemoryCredentialStore Store { get; }
    public ProvisioningManager Manager { get; }
    public EventRecorder Events { get; }
    public TestLog Log { get; } = new();

    /// <summary>Options with the defaults except a short, round connect delay.</summary>
    public static ProvisioningOptions DefaultOptions() => new()
    {
        SecurityVersion = 0,
        ConnectDelayMs = 1000,
        ConnectionAttempts = 3,
        AttemptTimeoutMs = 20000,
        DhcpTimeoutMs = 15000,
        RetryDelayMs = 1000,
    };

    public static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    public ProvisioningResult SetConfig(string ssid, string passphrase, byte[] bssid = null, int channel = 0)
        => Manager.SetConfig(B(ssid), B(passphrase), bssid, channel);

    public ProvisioningResult Provision(string ssid, string passphrase)
    {
        var r = SetConfig(ssid, passphrase);
        return r != ProvisioningResult.Ok ? r : Manager.ApplyConfig();
    }

    public void Advance(long ms) => Timers.Advance(ms);

    /// <summary>Runs timers until nothing is pending (bounded).</summary>
    public void Settle(long limitMs = 600_000) => Timers.RunUntilIdle(limitMs);

    /// <summary>Runs timers until the manager leaves CredentialsReceived (bounded).</summary>
    public void RunUntilOutcome(long limitMs = 600_000)
    {
        long start = Clock.NowMilliseconds;
        while (Manager.State == ProvisioningState.CredentialsReceived && Clock.NowMilliseconds - start < limitMs)
        {
            long next = Timers.NextDueIn;
            Assert.True(next >= 0, "no timer pending while credentials are being tried");
            Timers.Advance(next);
        }
    }

    /// <summary>Asserts that no log line contains the given secret.</summary>
    public void AssertNotLogged(string secret)
    {
        foreach (var line in Log.Lines)
        {
            Assert.DoesNotContain(secret, line);
        }
    }
}
