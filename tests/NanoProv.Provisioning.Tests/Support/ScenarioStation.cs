using System.Text.Json.Nodes;
using NanoProv.Platform;

namespace NanoProv.Provisioning.Tests.Support;

/// <summary>
/// The radio of a recorded transcript's fake device: scans return the scenario's access points at once, and every
/// connection attempt ends after <see cref="JoinDelayMs"/> with the scenario's outcome (the fake device reported the
/// same connected_info whatever SSID was applied). Time runs on the manual timer service.
/// </summary>
public sealed class ScenarioStation : IWifiStation
{
    private readonly ITimerService _timers;
    private readonly WifiScanRecord[] _aps;
    private readonly WifiConnectionInfo _connected;
    private WifiConnectRequest _current;
    private ITimerHandle _timer;

    public ScenarioStation(JsonNode scenario, ITimerService timers)
    {
        _timers = timers;
        _aps = scenario["aps"]!.AsArray().Select(ap => new WifiScanRecord(
            System.Text.Encoding.UTF8.GetBytes((string)ap!["ssid"]!), Convert.FromHexString((string)ap["bssid_hex"]!),
            (int)ap["channel"]!, (int)ap["rssi"]!, AuthMode((string)ap["auth"]!))).ToArray();
        var info = scenario["connected_info"]!;
        _connected = new WifiConnectionInfo((string)info["ip4_addr"]!, AuthMode((string)info["auth_mode"]!),
            Convert.FromHexString((string)info["bssid_hex"]!), (int)info["channel"]!);
        string last = (string)scenario["status_after_apply"]!.AsArray().Last()!;
        Outcome = last switch
        {
            "Connected" => WifiFailureReason.Other,
            "ConnectionFailed:AuthError" => WifiFailureReason.AuthenticationFailed,
            "ConnectionFailed:NetworkNotFound" => WifiFailureReason.NetworkNotFound,
            _ => throw new InvalidOperationException("unknown final status " + last),
        };
    }

    public event WifiStationEventHandler StationEvent;
    public event WifiScanCompletedHandler ScanCompleted;

    /// <summary>Outcome of the next attempts: Other = success with connected_info, else a failure with this reason.</summary>
    public WifiFailureReason Outcome { get; set; }

    /// <summary>Time from the start of an attempt to its outcome.</summary>
    public int JoinDelayMs { get; set; } = 6000;

    public int ConnectCount { get; private set; }

    public bool StartScan(ScanOptions options)
    {
        ScanCompleted?.Invoke(this, new WifiScanCompletedEventArgs(true, _aps));
        return true;
    }

    public void Connect(WifiConnectRequest request)
    {
        ConnectCount++;
        _timer?.Cancel();
        _current = request;
        _timer = _timers.Schedule(JoinDelayMs, _ => Finish(request), null);
    }

    public void Disconnect()
    {
        _timer?.Cancel();
        _current = null;
    }

    private void Finish(WifiConnectRequest request)
    {
        if (request != _current)
        {
            return;
        }

        if (Outcome == WifiFailureReason.Other)
        {
            StationEvent?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.Associated, request, WifiFailureReason.Other, 0, null));
            StationEvent?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.GotIp, request, WifiFailureReason.Other, 0, _connected));
        }
        else
        {
            int raw = Outcome == WifiFailureReason.NetworkNotFound ? WifiReasonCodes.NoApFound : WifiReasonCodes.FourWayHandshakeTimeout;
            StationEvent?.Invoke(this, new WifiStationEventArgs(WifiStationEventKind.ConnectFailed, request, Outcome, raw, null));
        }
    }

    private static int AuthMode(string name) => NanoProv.Host.Wifi.AuthModes.Parse(name);
}
