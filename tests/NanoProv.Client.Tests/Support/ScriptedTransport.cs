namespace NanoProv.Client.Tests.Support;

/// <summary>
/// A device double that answers from a script: each Send must match the next expected endpoint (and body, when
/// given); the reply is the scripted body, or a DeviceClosedConnectionException when the script says "closed".
/// </summary>
internal sealed class ScriptedTransport : IProvTransport
{
    public sealed record Step(string Endpoint, byte[] ExpectedRequest, byte[] Reply, string Note = null);

    private readonly List<Step> _steps;
    public int Position { get; private set; }
    public List<(string Endpoint, byte[] Body)> Sent { get; } = new();
    public bool Disposed { get; private set; }

    public ScriptedTransport(IEnumerable<Step> steps) => _steps = steps.ToList();

    public string Description => "scripted";

    public int Remaining => _steps.Count - Position;

    public byte[] Send(string endpoint, byte[] body)
    {
        Sent.Add((endpoint, body));
        Assert.True(Position < _steps.Count, $"unexpected extra request to {endpoint} (script has {_steps.Count} steps)");
        var step = _steps[Position++];
        Assert.Equal(step.Endpoint, endpoint);
        if (step.ExpectedRequest != null)
            Assert.True(step.ExpectedRequest.AsSpan().SequenceEqual(body),
                $"request {Position} to {endpoint}{(step.Note != null ? " (" + step.Note + ")" : "")} differs:\n" +
                $" expected {Convert.ToHexStringLower(step.ExpectedRequest)}\n actual   {Convert.ToHexStringLower(body)}");
        if (step.Reply == null) throw new DeviceClosedConnectionException(endpoint);
        return (byte[])step.Reply.Clone();
    }

    public void Dispose() => Disposed = true;
}
