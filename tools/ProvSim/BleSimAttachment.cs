using NanoProv.Host.Gatt;
using NanoProv.Platform;
using NanoProv.Provisioning;
using NanoProv.Transports;

namespace NanoProv.ProvSim;

/// <summary>
/// <c>--transport ble-sim</c>: the simulator's provisioning service behind the firmware's <see cref="GattTransport"/> on a
/// <see cref="GattSimulator"/> (MTU up to 517, long writes/reads, 2 s answer window), reachable by ProvCli
/// (<c>--transport ble-sim --host 127.0.0.1:PORT</c>) through a local socket bridge that carries ATT PDUs. Like a device,
/// BLE is stopped (and its memory given back) when provisioning stops.
/// </summary>
public sealed class BleSimAttachment : IDisposable
{
    private readonly SimulatorHost _host;
    private readonly ProvisioningEventHandler _onChanged;

    /// <summary>Builds the simulated BLE stack, the GATT transport and the bridge (nothing runs until <see cref="Start"/>).</summary>
    public BleSimAttachment(SimulatorHost host, int port)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        Simulator = new GattSimulator();
        Transport = new GattTransport(host.Service.Protocomm, Simulator, new GattTransportOptions
        {
            DeviceName = host.ServiceName.Length <= AdvertisingPlan.MaxDeviceNameLength ? host.ServiceName : host.ServiceName[..AdvertisingPlan.MaxDeviceNameLength],
            CustomEndpointNames = host.Service.CustomEndpointNames,
        }, host.Clock, host.Log);
        Bridge = new GattSimBridgeServer(Simulator, port, line => host.Log.Write(LogLevel.Debug, "ble-sim", line));
        _onChanged = (_, e) =>
        {
            if (e.Kind == ProvisioningEventKind.Stopped)
            {
                ThreadPool.QueueUserWorkItem(_ => Transport.Stop()); // not on the manager's thread
            }
        };
    }

    /// <summary>The simulated BLE stack.</summary>
    public GattSimulator Simulator { get; }

    /// <summary>The firmware's GATT transport.</summary>
    public GattTransport Transport { get; }

    /// <summary>The local socket bridge ProvCli connects to.</summary>
    public GattSimBridgeServer Bridge { get; }

    /// <summary>"127.0.0.1:port" of the bridge (after <see cref="Start"/>).</summary>
    public string HostPort => "127.0.0.1:" + Bridge.LocalEndPoint.Port;

    /// <summary>Starts advertising and the bridge. Call after the provisioning service started.</summary>
    public void Start()
    {
        _host.Service.Changed += _onChanged;
        Transport.Start();
        Bridge.Start();
    }

    /// <summary>Stops the bridge and BLE.</summary>
    public void Dispose()
    {
        _host.Service.Changed -= _onChanged;
        Bridge.Dispose();
        Transport.Stop();
    }
}
