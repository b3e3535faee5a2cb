using NanoProv.Platform;

namespace NanoProv.Host.Storage;

/// <summary>
/// Volatile <see cref="ICredentialStore"/> (tests, the simulator without a state file). Keeps a private copy of what
/// is saved and hands out copies, so callers wiping their objects cannot change it. Thread-safe.
/// </summary>
public sealed class InMemoryCredentialStore : ICredentialStore
{
    private readonly object _sync = new();
    private StoredNetwork _network;

    /// <summary>Creates an empty store, or one holding <paramref name="initial"/>.</summary>
    public InMemoryCredentialStore(StoredNetwork initial = null)
    {
        _network = initial == null ? null : Copy(initial);
    }

    /// <summary>How many times <see cref="Save"/> was called.</summary>
    public int SaveCount { get; private set; }

    /// <summary>How many times <see cref="Clear"/> was called.</summary>
    public int ClearCount { get; private set; }

    /// <inheritdoc />
    public StoredNetwork Load()
    {
        lock (_sync)
        {
            return _network == null ? null : Copy(_network);
        }
    }

    /// <inheritdoc />
    public void Save(StoredNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        lock (_sync)
        {
            _network?.Wipe();
            _network = Copy(network);
            SaveCount++;
        }
    }

    /// <inheritdoc />
    public void Clear()
    {
        lock (_sync)
        {
            _network?.Wipe();
            _network = null;
            ClearCount++;
        }
    }

    private static StoredNetwork Copy(StoredNetwork n) => new(n.Ssid, n.Passphrase, n.Bssid, n.Channel);
}
