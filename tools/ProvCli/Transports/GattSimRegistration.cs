using System.Runtime.CompilerServices;
using NanoProv.Client.Cli;

namespace NanoProv.Client;

/// <summary>
/// Makes the BLE-simulator transport selectable in ProvCli: <c>--transport ble-sim --host 127.0.0.1:PORT</c> talks ATT to
/// ProvSim's GATT simulator bridge (<c>ProvSim --transport ble-sim</c>) and asks for MTU 517 like the Android app;
/// <c>ble-sim-mtu23</c> never exchanges the MTU, so long values go as Prepare Write / Read Blob like a client that keeps
/// the default. Registered into <see cref="TransportRegistry.Default"/> when the assembly loads.
/// </summary>
public static class GattSimRegistration
{
    /// <summary>Adds "ble-sim" and "ble-sim-mtu23" to <paramref name="registry"/>.</summary>
    public static void Register(TransportRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register("ble-sim", "BLE GATT simulator: ATT through ProvSim's local bridge at --host, MTU 517 (ProvSim --transport ble-sim)",
            s => GattSimProvTransport.ConnectSocket(s.Host, new GattSimTransportOptions { Mtu = 517, Trace = s.Trace }, s.Timeout));
        registry.Register("ble-sim-mtu23", "BLE GATT simulator at --host without MTU exchange (23: long writes and reads)",
            s => GattSimProvTransport.ConnectSocket(s.Host, new GattSimTransportOptions { Trace = s.Trace }, s.Timeout));
    }

#pragma warning disable CA2255 // a module initializer is the intended way to self-register without editing Program.cs
    [ModuleInitializer]
    internal static void RegisterDefault() => Register(TransportRegistry.Default);
#pragma warning restore CA2255
}
