using NanoProv.Client.Cli;

namespace NanoProv.Client;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (!cts.IsCancellationRequested)
            {
                e.Cancel = true; // first Ctrl-C: stop politely; a second one kills the process
                cts.Cancel();
            }
        };
        return ProvCliApp.Run(args, new CliEnvironment { Cancellation = cts.Token });
    }
}
