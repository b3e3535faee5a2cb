using System.Net.Sockets;
using NanoProv.Platform;
using NanoProv.Provisioning;

namespace NanoProv.ProvSim;

/// <summary>Entry point: parse options, build the simulator, print the banner, serve or run the demo.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var parsed = CommandLine.Build(Run).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine("provsim: " + error.Message);
            Console.Error.WriteLine("provsim: see --help");
            return 2;
        }

        return parsed.Invoke();
    }

    private static int Run(SimulatorSettings settings)
    {
        string problem = settings.Validate();
        if (problem != null)
        {
            Console.Error.WriteLine("provsim: " + problem);
            return 2;
        }

        if (settings.Demo && settings.Port == SimulatorSettings.DefaultPort)
        {
            settings.Port = 0; // the demo talks to itself: any free port avoids clashing with a running simulator
        }

        SimulatorHost host;
        try
        {
            var log = new ConsoleLog(Console.Out, settings.Verbose ? LogLevel.Debug : LogLevel.Error);
            host = new SimulatorHost(settings, new SimulatorOverrides { Log = log });
            host.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            Console.Error.WriteLine($"provsim: port {settings.Port} on 127.0.0.1 is already in use; pick another with --port N");
            return 3;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or FormatException)
        {
            Console.Error.WriteLine("provsim: " + e.Message);
            return 2;
        }

        using (host)
        {
            ProvisioningEventHandler onChanged = (_, e) => Console.WriteLine("  [device] " + EventText.Describe(e));
            host.Service.Changed += onChanged;
            Banner.Print(host, Console.Out);
            if (settings.Demo)
            {
                int code = DemoRunner.Run(host, Console.Out);
                host.Service.Changed -= onChanged;
                return code;
            }

            using var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Set();
            };
            AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
            stop.Wait();
            Console.WriteLine("\nStopping.");
            return 0;
        }
    }
}
