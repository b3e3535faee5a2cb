using NanoProv.Host.Crypto;
using NanoProv.Platform;
using Xunit;

namespace NanoProv.Protocomm.Tests.Support;

/// <summary>
/// The ICrypto providers the key tests run with: always ManagedCrypto, and NativeCrypto (the C library through
/// P/Invoke) when the native library loads (NativeCrypto.IsAvailable; build it with
/// <c>cmake -S native-interop -B native-interop/build &amp;&amp; cmake --build native-interop/build</c>).
/// </summary>
public static class CryptoProviders
{
    public static ICrypto Managed { get; } = new ManagedCrypto();

    public static ICrypto Native { get; } = NativeCrypto.IsAvailable(out _) ? new NativeCrypto() : null;

    public static ICrypto Get(string name) => name switch
    {
        "managed" => Managed,
        "native" => Native ?? throw new InvalidOperationException("native crypto is not available"),
        _ => throw new ArgumentException(name),
    };

    /// <summary>"managed", plus "native" when available.</summary>
    public static string[] List => Native != null ? new[] { "managed", "native" } : new[] { "managed" };
}
