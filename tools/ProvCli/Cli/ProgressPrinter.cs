namespace NanoProv.Client.Cli;

/// <summary>Turns <see cref="ProvProgress"/> reports into one short line each.</summary>
internal sealed class ProgressPrinter
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly bool _verbose;
    private DateTime _lastStatusLine = DateTime.MinValue;

    public ProgressPrinter(TextWriter output, TextWriter error, bool verbose)
    {
        _out = output;
        _err = error;
        _verbose = verbose;
    }

    public void Print(ProvProgress p)
    {
        switch (p.Step)
        {
            case ProvStep.Warning:
                _err.WriteLine("warning: " + p.Message);
                return;
            case ProvStep.Status:
                // Plain "still connecting" polls: at most one line every 5 s unless verbose.
                var now = DateTime.UtcNow;
                if (!_verbose && now - _lastStatusLine < TimeSpan.FromSeconds(5)) return;
                _lastStatusLine = now;
                break;
        }
        _out.WriteLine($"[{Tag(p.Step),-9}] {p.Message}");
    }

    private static string Tag(ProvStep step) => step switch
    {
        ProvStep.Version => "proto-ver",
        ProvStep.Handshake => "session",
        ProvStep.SessionEstablished => "session",
        ProvStep.Scan => "scan",
        ProvStep.SetConfig => "config",
        ProvStep.ApplyConfig => "apply",
        ProvStep.Status => "status",
        ProvStep.AttemptFailed => "retry",
        ProvStep.Connected => "connected",
        ProvStep.Failed => "failed",
        ProvStep.Control => "ctrl",
        ProvStep.Custom => "custom",
        _ => "info",
    };
}
