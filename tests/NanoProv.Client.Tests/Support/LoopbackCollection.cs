namespace NanoProv.Client.Tests.Support;

/// <summary>
/// Test classes that talk to a loopback device over real sockets run one after another, not in parallel with each
/// other, so socket timing in one class cannot disturb another on a loaded 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoopbackCollection
{
    public const string Name = "loopback sockets";
}
