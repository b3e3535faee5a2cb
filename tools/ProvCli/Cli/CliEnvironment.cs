using System.Text;

namespace NanoProv.Client.Cli;

/// <summary>
/// Console, transports and cancellation for one CLI run; tests and in-process callers substitute their own.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>Standard input (network choice, prompted secrets).</summary>
    public TextReader In { get; init; } = Console.In;

    /// <summary>Standard output (progress and results).</summary>
    public TextWriter Out { get; init; } = Console.Out;

    /// <summary>Standard error (errors, warnings, verbose trace).</summary>
    public TextWriter Err { get; init; } = Console.Error;

    /// <summary>True when <see cref="In"/> is a real keyboard (secrets are then read without echo).</summary>
    public bool InteractiveConsole { get; init; } = !Console.IsInputRedirected;

    /// <summary>Available transports.</summary>
    public TransportRegistry Transports { get; init; } = TransportRegistry.Default;

    /// <summary>Cancelled on Ctrl-C.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Prompts and reads one line; null at end of input.</summary>
    public string ReadLine(string prompt)
    {
        Out.Write(prompt);
        Out.Flush();
        string line = In.ReadLine();
        if (!InteractiveConsole) Out.WriteLine();
        return line;
    }

    /// <summary>Prompts and reads a secret without echoing it (when interactive); null at end of input.</summary>
    public string ReadSecret(string prompt)
    {
        if (!InteractiveConsole) return ReadLine(prompt);
        Out.Write(prompt);
        Out.Flush();
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (sb.Length > 0) sb.Length--;
                continue;
            }
            if (key.KeyChar != '\0') sb.Append(key.KeyChar);
        }
        Out.WriteLine();
        return sb.ToString();
    }
}
