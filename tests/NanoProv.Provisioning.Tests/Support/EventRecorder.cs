using System.Collections.Concurrent;

namespace NanoProv.Provisioning.Tests.Support;

/// <summary>Records provisioning events in order.</summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<ProvisioningEventArgs> _events = new();

    public EventRecorder(ProvisioningManager manager) => manager.Changed += (_, e) => _events.Enqueue(e);

    public EventRecorder(ProvisioningService service) => service.Changed += (_, e) => _events.Enqueue(e);

    public IReadOnlyList<ProvisioningEventArgs> All => _events.ToArray();

    public IReadOnlyList<ProvisioningEventKind> Kinds => _events.Select(e => e.Kind).ToArray();

    public void Clear() => _events.Clear();
}
