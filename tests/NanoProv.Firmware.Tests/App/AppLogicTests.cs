using System.Text;
using NanoProv.App;
using NanoProv.Host.Crypto;
using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Platform;
using NanoProv.Provisioning;

namespace NanoProv.Firmware.Tests.App;

/// <summary>
/// The nanoFramework-free logic of firmware/NanoProv.App (linked into this host project): field-reset long press,
/// service name, boot decisions, the boot-time connection with a timeout and the configuration.
/// </summary>
public class AppLogicTests
{
    [Fact]
    public void LongPressFiresOnceAfterTheThresholdAndRearmsOnlyAfterRelease()
    {
        var d = new LongPressDetector(3000);

        Assert.False(d.Sample(true, 1000));
        Assert.False(d.Sample(true, 3999));
        Assert.True(d.Sample(true, 4000));
        Assert.False(d.Sample(true, 9000)); // still held: no second event
        Assert.False(d.Sample(false, 9050));
        Assert.False(d.Sample(true, 10000));
        Assert.True(d.Sample(true, 13000));
    }

    [Fact]
    public void ShortPressesAndBouncesNeverFire()
    {
        var d = new LongPressDetector(3000);
        long t = 0;
        for (int press = 0; press < 5; press++)
        {
            for (int i = 0; i < 50; i++, t += 50)
            {
                Assert.False(d.Sample(true, t)); // 2.5 s held
            }

            Assert.False(d.Sample(false, t)); // released (or a bounce) before 3 s
            t += 50;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new LongPressDetector(0));
    }

    [Theory]
    [InlineData(new byte[] { 0x24, 0x0A, 0xC4, 0x1a, 0x2b, 0x3c }, "PROV_1A2B3C")]
    [InlineData(new byte[] { 0, 0, 0, 0xff, 0x00, 0x0f }, "PROV_FF000F")]
    public void ServiceNameIsPrefixPlusTheLastThreeMacBytesInUpperCaseHex(byte[] mac, string expected)
    {
        Assert.Equal(expected, ServiceNames.FromMac("PROV_", mac));
        Assert.Equal("PROV_000000", ServiceNames.FromMac("PROV_", null));
    }

    [Fact]
    public void HexTextParsesAndRejectsClearly()
    {
        Assert.Equal(new byte[] { 0x03, 0x6e, 0xE0 }, HexText.Parse("03 6e\nE0"));
        Assert.Empty(HexText.Parse(""));
        Assert.Throws<FormatException>(() => HexText.Parse("abc"));
        Assert.Throws<FormatException>(() => HexText.Parse("zz"));
        Assert.Throws<FormatException>(() => HexText.Parse(null));
    }

    [Fact]
    public void BootPolicyTriesTheStoredNetworkFirstAndProvisionsOnFailure()
    {
        Assert.Equal(BootStep.ConnectStored, BootPolicy.First(hasStoredNetwork: true));
        Assert.Equal(BootStep.Provision, BootPolicy.First(hasStoredNetwork: false));

        Assert.True(BootPolicy.ProvisionAfterConnect(connected: false, keepProvisioningWhileConnected: false));
        Assert.False(BootPolicy.ProvisionAfterConnect(connected: true, keepProvisioningWhileConnected: false));
        Assert.True(BootPolicy.ProvisionAfterConnect(connected: true, keepProvisioningWhileConnected: true));
    }

    [Theory]
    [InlineData(true, false, SoftApAction.EnableAndReboot)]
    [InlineData(true, true, SoftApAction.Serve)]
    [InlineData(false, true, SoftApAction.DisableAndReboot)]
    [InlineData(false, false, SoftApAction.None)]
    public void SoftApModeChangesGoThroughAReboot(bool wanted, bool running, SoftApAction expected)
    {
        Assert.Equal(expected, BootPolicy.ForSoftAp(wanted, running));
    }

    [Fact]
    public void BootConnectorReportsTheAddress()
    {
        var station = new ScriptedStation(ScriptedStation.Behaviour.GotIp);
        var network = new StoredNetwork(Encoding.UTF8.GetBytes("HomeNet"), Encoding.UTF8.GetBytes("secret-pass"), null, 0);

        BootConnectResult result = new BootConnector(station, null).Connect(network, 5000);

        Assert.True(result.Connected);
        Assert.Equal("192.168.1.50", result.Connection.Ip4Address);
        Assert.Equal(0, station.DisconnectCount);
        Assert.All(station.LastRequest.Passphrase, b => Assert.Equal(0, b)); // the attempt's copy is wiped
        Assert.Equal("secret-pass", Encoding.UTF8.GetString(network.Passphrase)); // the caller's record is not
    }

    [Fact]
    public void BootConnectorStopsTheStationAfterAFailure()
    {
        var station = new ScriptedStation(ScriptedStation.Behaviour.AuthFailure);
        var network = new StoredNetwork(Encoding.UTF8.GetBytes("HomeNet"), Encoding.UTF8.GetBytes("wrong"), null, 0);

        BootConnectResult result = new BootConnector(station, null).Connect(network, 5000);

        Assert.False(result.Connected);
        Assert.False(result.TimedOut);
        Assert.Equal(WifiFailureReason.AuthenticationFailed, result.Reason);
        Assert.Equal(1, station.DisconnectCount);
    }

    [Fact]
    public void BootConnectorGivesUpAfterTheTimeoutAndIgnoresOtherAttempts()
    {
        var station = new ScriptedStation(ScriptedStation.Behaviour.Silent);
        var network = new StoredNetwork(Encoding.UTF8.GetBytes("HomeNet"), Array.Empty<byte>(), null, 0);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        BootConnectResult result = new BootConnector(station, null).Connect(network, 300);

        Assert.True(result.TimedOut);
        Assert.False(result.Connected);
        Assert.Equal(1, station.DisconnectCount);
        Assert.True(watch.ElapsedMilliseconds >= 250, "returned before the timeout");
        Assert.Equal(0, station.HandlerCount); // unsubscribed
    }

    [Fact]
    public void DefaultConfigurationIsValidAndUsesTheLoudlyMarkedDevelopmentCredentials()
    {
        AppConfig config = AppConfig.CreateDefault();

        Assert.Null(config.Validate());
        Assert.True(config.UsesDevelopmentCredentials);
        Assert.Equal(3000, config.ResetLongPressMs);
        Assert.Equal(0, config.ResetButtonPin);
        Assert.True(config.ResetButtonActiveLow);

        config.Sec2SaltHex = "00112233445566778899aabbccddeeff";
        Assert.False(config.UsesDevelopmentCredentials);
    }

    [Fact]
    public void DevelopmentSaltAndVerifierAreTheWifiprovAbcd1234Credentials()
    {
        var crypto = new ManagedCrypto();
        byte[] salt = HexText.Parse(AppConfig.DevSec2SaltHex);
        byte[] verifier = new byte[384];

        int length = crypto.SrpCreateVerifier(Encoding.UTF8.GetBytes("wifiprov"), Encoding.UTF8.GetBytes("abcd1234"), salt, verifier);

        Assert.Equal(384, length);
        Assert.Equal(AppConfig.DevSec2VerifierHex, Convert.ToHexString(verifier, 0, length).ToLowerInvariant());
    }

    [Fact]
    public void ConfigurationBuildsAWorkingProvisioningService()
    {
        AppConfig config = AppConfig.CreateDefault();
        ProvisioningOptions options = config.ToProvisioningOptions(config.ResolveServiceName(new byte[] { 1, 2, 3, 0xab, 0xcd, 0xef }));

        Assert.Equal("PROV_ABCDEF", options.ServiceName);
        Assert.Equal(2, options.SecurityVersion);
        Assert.Equal(16, options.Sec2Salt.Length);
        Assert.Equal(384, options.Sec2Verifier.Length);
        Assert.False(options.AutoStop); // the app closes the reprovisioning window itself
        Assert.Equal(25000, options.AttemptTimeoutMs);

        var clock = new FakeClock();
        var service = new ProvisioningService(options, new ManagedCrypto(), new CountingRandom(), clock, null,
            new ScriptedStation(ScriptedStation.Behaviour.GotIp), new InMemoryCredentialStore(), new ManualTimerService(clock));
        Assert.True(service.Start());
        Assert.True(service.Protocomm.HasEndpoint("prov-config"));

        config.ReprovisionWindowMs = 0;
        Assert.True(config.ToProvisioningOptions("PROV_X").AutoStop);
    }

    [Theory]
    [InlineData("AttemptTimeoutMs", "20 s")]
    [InlineData("SecurityVersion", "0, 1 or 2")]
    [InlineData("Salt", "hex")]
    [InlineData("ServiceName", "1..29")]
    [InlineData("Button", "long press")]
    public void BadConfigurationIsRejectedWithAClearMessage(string what, string expectedFragment)
    {
        AppConfig config = AppConfig.CreateDefault();
        switch (what)
        {
            case "AttemptTimeoutMs": config.AttemptTimeoutMs = 20000; break;
            case "SecurityVersion": config.SecurityVersion = 3; break;
            case "Salt": config.Sec2SaltHex = "not hex"; break;
            case "ServiceName": config.ServiceName = new string('x', 30); break;
            case "Button": config.ResetLongPressMs = 100; break;
        }

        string problem = config.Validate();

        Assert.NotNull(problem);
        Assert.Contains(expectedFragment, problem);
        Assert.DoesNotContain(AppConfig.DevSec2VerifierHex.Substring(0, 16), problem);
    }

    /// <summary>A station whose every attempt ends the scripted way, synchronously from Connect or never.</summary>
    private sealed class ScriptedStation : IWifiStation
    {
        public enum Behaviour { GotIp, AuthFailure, Silent }

        private readonly Behaviour _behaviour;
        private WifiStationEventHandler _handlers;

        public ScriptedStation(Behaviour behaviour) => _behaviour = behaviour;

        public event WifiStationEventHandler StationEvent
        {
            add => _handlers += value;
            remove => _handlers -= value;
        }

        public event WifiScanCompletedHandler ScanCompleted { add { } remove { } }

        public int DisconnectCount { get; private set; }

        public WifiConnectRequest LastRequest { get; private set; }

        public int HandlerCount => _handlers?.GetInvocationList().Length ?? 0;

        public bool StartScan(ScanOptions options) => false;

        public void Connect(WifiConnectRequest request)
        {
            LastRequest = request;
            var other = new WifiConnectRequest(request.Ssid, request.Passphrase, null, 0);
            // An event of another attempt must be ignored.
            _handlers?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.ConnectFailed, other, WifiFailureReason.NetworkNotFound, 201, null));
            switch (_behaviour)
            {
                case Behaviour.GotIp:
                    _handlers?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.Associated, request, WifiFailureReason.Other, 0, null));
                    _handlers?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.GotIp, request, WifiFailureReason.Other, 0,
                        new WifiConnectionInfo("192.168.1.50", 3, new byte[6], 6)));
                    break;
                case Behaviour.AuthFailure:
                    _handlers?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.ConnectFailed, request, WifiFailureReason.AuthenticationFailed, 15, null));
                    break;
            }
        }

        public void Disconnect() => DisconnectCount++;
    }

    private sealed class CountingRandom : IRandom
    {
        private byte _next;

        public void Fill(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = _next++;
            }
        }
    }
}
