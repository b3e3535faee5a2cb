namespace NanoProv.Client;

/// <summary>
/// Carries one request to a named protocomm endpoint and returns the reply body. Implementations: HTTP
/// (<see cref="HttpProvTransport"/>), a BLE simulator, or in-memory fakes in tests.
/// </summary>
/// <remarks>
/// Contract:
/// <list type="bullet">
/// <item>Bodies are opaque bytes (already encrypted by the security session where applicable).</item>
/// <item>When the device ends the exchange without a reply (its failure signal), throw
/// <see cref="DeviceClosedConnectionException"/>.</item>
/// <item>Other network failures throw <see cref="ProvTransportException"/>; timeouts
/// <see cref="ProvTimeoutException"/>.</item>
/// <item>Calls are sequential; a transport need not be thread-safe.</item>
/// </list>
/// </remarks>
public interface IProvTransport : IDisposable
{
    /// <summary>Short description for progress output, e.g. "http://127.0.0.1:8080".</summary>
    string Description { get; }

    /// <summary>Sends <paramref name="body"/> to <paramref name="endpoint"/> (e.g. "prov-session") and returns the reply.</summary>
    byte[] Send(string endpoint, byte[] body);
}
