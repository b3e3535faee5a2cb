namespace NanoProv.Client.Cli;

/// <summary>Settings handed to a transport factory, taken from the common command-line options.</summary>
public sealed class TransportSettings
{
    /// <summary>--host value (meaning is up to the transport; HTTP: host:port).</summary>
    public string Host { get; init; } = "";
    /// <summary>--timeout as a per-operation network timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>--new-connection-per-request.</summary>
    public bool NewConnectionPerRequest { get; init; }
    /// <summary>Not --no-cookies.</summary>
    public bool UseCookies { get; init; } = true;
    /// <summary>Transport trace sink when --verbose, else null.</summary>
    public Action<string> Trace { get; init; }
}

/// <summary>
/// Transports selectable with <c>--transport NAME</c>. "http" (aliases "softap", "httpd") is built in; other
/// transports (e.g. a BLE simulator) register themselves with <see cref="Register"/> before the CLI runs.
/// </summary>
public sealed class TransportRegistry
{
    private sealed record Entry(string Name, string Description, Func<TransportSettings, IProvTransport> Factory);

    private readonly List<Entry> _entries = new();
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registry the ProvCli executable uses.</summary>
    public static TransportRegistry Default { get; } = CreateWithBuiltIns();

    /// <summary>A registry containing only the HTTP transport.</summary>
    public static TransportRegistry CreateWithBuiltIns()
    {
        var r = new TransportRegistry();
        r.Register("http", "SoftAP/HTTP: POST /<endpoint> to --host (esp_prov --transport softap)",
            s => new HttpProvTransport(s.Host, new HttpTransportOptions
            {
                Timeout = s.Timeout,
                NewConnectionPerRequest = s.NewConnectionPerRequest,
                UseCookies = s.UseCookies,
                Trace = s.Trace,
            }),
            "softap", "httpd");
        return r;
    }

    /// <summary>Adds (or replaces) a transport under <paramref name="name"/> and optional aliases.</summary>
    public void Register(string name, string description, Func<TransportSettings, IProvTransport> factory, params string[] aliases)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name required", nameof(name));
        var entry = new Entry(name, description ?? "", factory ?? throw new ArgumentNullException(nameof(factory)));
        _entries.RemoveAll(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        _entries.Add(entry);
        _byName[name] = entry;
        foreach (var a in aliases ?? Array.Empty<string>()) _byName[a] = entry;
    }

    /// <summary>All accepted names and aliases.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys.ToArray();

    /// <summary>"name: description" lines for help.</summary>
    public string Describe() => string.Join("; ", _entries.Select(e => $"{e.Name} = {e.Description}"));

    /// <summary>True when <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => name != null && _byName.ContainsKey(name);

    /// <summary>Creates the transport.</summary>
    public IProvTransport Create(string name, TransportSettings settings)
    {
        if (!Contains(name))
            throw new ProvClientException(ProvErrorKind.InvalidArgument,
                $"unknown transport '{name}' (known: {string.Join(", ", _byName.Keys)})");
        return _byName[name].Factory(settings);
    }
}
