using System.Text;
using System.Text.Json.Nodes;
using NanoProv.Host.Storage;
using NanoProv.Host.Timers;
using NanoProv.Host.Wifi;
using NanoProv.Platform;
using NanoProv.Provisioning;
using NanoProv.ProvSim;

namespace NanoProv.EndToEnd.Tests.Support;

/// <summary>
/// Serves a transcript's fixed device secrets by draw size: 4 bytes = a session id (first_session_id, then +1,
/// big-endian), 32 = the Sec1 private key or the Sec2 secret b, 16 = the Sec1 device random, 8 = the Sec2 nonce prefix.
/// </summary>
public sealed class ReplayRandom : IRandom
{
    private readonly byte[] _key;
    private readonly byte[] _deviceRandom;
    private readonly byte[] _noncePrefix;
    private uint _sessionId;

    public ReplayRandom(uint firstSessionId, byte[] key, byte[] deviceRandom, byte[] noncePrefix)
    {
        _sessionId = firstSessionId;
        _key = key;
        _deviceRandom = deviceRandom;
        _noncePrefix = noncePrefix;
    }

    public void Fill(byte[] buffer, int offset, int count)
    {
        byte[] source;
        switch (count)
        {
            case 4:
                source = new[] { (byte)(_sessionId >> 24), (byte)(_sessionId >> 16), (byte)(_sessionId >> 8), (byte)_sessionId };
                _sessionId++;
                break;
            case 32: source = _key; break;
            case 16: source = _deviceRandom; break;
            case 8: source = _noncePrefix; break;
            default: source = null; break;
        }

        if (source == null) throw new InvalidOperationException($"the replay device did not expect a random draw of {count} bytes");
        Array.Copy(source, 0, buffer, offset, count);
    }
}

/// <summary>
/// A Wi-Fi station that plays a transcript's scenario: the scan returns the recorded access points, and a
/// connect attempt ends after <see cref="JoinMilliseconds"/> with the scenario's final outcome (Connected with
/// the recorded connection info, or the recorded failure reason).
/// </summary>
public sealed class ReplayStation : IWifiStation
{
    private readonly ITimerService _timers;
    private readonly WifiScanRecord[] _scan;
    private readonly WifiConnectionInfo _connected;
    private ITimerHandle _pending;
    private WifiConnectRequest _current;

    public ReplayStation(JsonNode scenario, ITimerService timers)
    {
        _timers = timers;
        _scan = scenario["aps"]!.AsArray().Select(ap => new WifiScanRecord(
            Encoding.UTF8.GetBytes((string)ap!["ssid"]!), Convert.FromHexString((string)ap["bssid_hex"]!),
            (int)ap["channel"]!, (int)ap["rssi"]!, AuthModes.Parse((string)ap["auth"]!))).ToArray();
        var info = scenario["connected_info"]!;
        _connected = new WifiConnectionInfo((string)info["ip4_addr"]!, AuthModes.Parse((string)info["auth_mode"]!),
            Convert.FromHexString((string)info["bssid_hex"]!), (int)info["channel"]!);
        string final = (string)scenario["status_after_apply"]!.AsArray().Last()!;
        Outcome = final switch
        {
            "Connected" => null,
            "ConnectionFailed:AuthError" => WifiFailureReason.AuthenticationFailed,
            "ConnectionFailed:NetworkNotFound" => WifiFailureReason.NetworkNotFound,
            _ => throw new InvalidOperationException("unknown scenario outcome " + final),
        };
    }

    /// <summary>Null = the attempt succeeds; otherwise the failure it ends with.</summary>
    public WifiFailureReason? Outcome { get; set; }

    /// <summary>Time from Connect to the outcome.</summary>
    public int JoinMilliseconds { get; set; } = 6000;

    public event WifiStationEventHandler StationEvent;
    public event WifiScanCompletedHandler ScanCompleted;

    public bool StartScan(ScanOptions options)
    {
        ScanCompleted?.Invoke(this, new WifiScanCompletedEventArgs(true, _scan));
        return true;
    }

    public void Connect(WifiConnectRequest request)
    {
        _pending?.Cancel();
        _current = request;
        _pending = _timers.Schedule(JoinMilliseconds, _ => Complete(request), null);
    }

    public void Disconnect()
    {
        _pending?.Cancel();
        _current = null;
    }

    private void Complete(WifiConnectRequest request)
    {
        if (request != _current) return;
        if (Outcome == null)
        {
            StationEvent?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.Associated, request, WifiFailureReason.Other, 0, null));
            StationEvent?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.GotIp, request, WifiFailureReason.Other, 0, _connected));
        }
        else
        {
            int raw = Outcome == WifiFailureReason.NetworkNotFound ? WifiReasonCodes.NoApFound : WifiReasonCodes.FourWayHandshakeTimeout;
            StationEvent?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.ConnectFailed, request, Outcome.Value, raw, null));
        }
    }
}

/// <summary>The simulator core built from a transcript's device.secrets and device.scenario, on a loopback port.</summary>
public sealed class ReplayDevice : IDisposable
{
    private ReplayDevice(SimulatorHost host, ManualTimerService timers, ReplayStation station, InMemoryCredentialStore store)
    {
        Host = host;
        Timers = timers;
        Station = station;
        Store = store;
    }

    public SimulatorHost Host { get; }
    public ManualTimerService Timers { get; }
    public ReplayStation Station { get; }
    public InMemoryCredentialStore Store { get; }

    public static ReplayDevice Start(JsonNode transcript, string crypto)
    {
        var device = transcript["device"]!;
        var secrets = device["secrets"]!;
        var scenario = device["scenario"]!;
        int security = (int)device["security"]!;
        uint firstId = (uint)secrets["first_session_id"]!;

        byte[] Hex(string key) => secrets[key] == null ? null : Convert.FromHexString((string)secrets[key]!);
        IRandom random = security switch
        {
            0 => new ReplayRandom(firstId, null, null, null),
            1 => new ReplayRandom(firstId, Hex("sec1_device_private_key_hex"), Hex("sec1_device_random_hex"), null),
            _ => new ReplayRandom(firstId, Hex("sec2_b_hex"), null, Hex("sec2_nonce_hex").AsSpan(0, 8).ToArray()),
        };

        var clock = new FakeClock(5_000_000);
        var timers = new ManualTimerService(clock);
        var station = new ReplayStation(scenario, timers);
        var store = new InMemoryCredentialStore();
        var settings = new SimulatorSettings
        {
            Port = 0,
            Security = security,
            Pop = security == 1 ? ((string)secrets["sec1_pop_ascii"] ?? "") : null,
            Sec2Password = security == 2 ? "replaced-below" : null,
            AutoStop = !((bool?)scenario["auto_stop_disabled"] ?? false),
            ServiceName = "PROV_REPLAY",
        };
        var host = new SimulatorHost(settings, new SimulatorOverrides
        {
            Crypto = CryptoProviders.Create(crypto),
            Random = random,
            Clock = clock,
            Timers = timers,
            Station = station,
            Store = store,
            ConfigureProvisioning = o =>
            {
                o.ConnectionAttempts = 1; // the scenario's status list has no retry step
                if (security == 2)
                {
                    o.Sec2Salt = Hex("sec2_salt_hex");
                    o.Sec2Verifier = Hex("sec2_verifier_hex");
                    o.Sec2PatchVersion = 1;
                }
            },
        });
        host.Start();

        if ((string)scenario["manager_state"]! == "FAIL")
        {
            // The recording starts after an earlier failed attempt: get there through the manager itself.
            var wanted = station.Outcome;
            station.Outcome = WifiFailureReason.AuthenticationFailed;
            var manager = host.Service.Manager;
            if (manager.SetConfig(Encoding.ASCII.GetBytes("earlier-net"), Encoding.ASCII.GetBytes("earlier-pass"), null, 0) != ProvisioningResult.Ok ||
                manager.ApplyConfig() != ProvisioningResult.Ok)
            {
                throw new InvalidOperationException("could not prepare the FAIL state");
            }

            timers.Advance(20_000);
            if (manager.State != ProvisioningState.Failed) throw new InvalidOperationException("manager is not in FAIL: " + manager.State);
            station.Outcome = wanted;
        }

        return new ReplayDevice(host, timers, station, store);
    }

    public void Dispose() => Host.Dispose();
}
