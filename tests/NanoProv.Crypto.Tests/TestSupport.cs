using System.Text.Json;
using NanoProv.Host.Crypto;
using NanoProv.Platform;
using Xunit;

namespace NanoProv.Crypto.Tests;

/// <summary>Hex helpers for test data.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
    public static string Of(byte[] data) => Convert.ToHexString(data).ToLowerInvariant();
    public static string Of(byte[] data, int offset, int count) => Convert.ToHexString(data, offset, count).ToLowerInvariant();
}

/// <summary>Loads the copied spec-pack vectors from the test output folder (never from ../shared).</summary>
internal static class VectorFiles
{
    private static readonly Lazy<JsonElement> Sec1Lazy = new(() => Load("sec1.json"));
    private static readonly Lazy<JsonElement> Sec2Lazy = new(() => Load("sec2.json"));

    public static JsonElement Sec1 => Sec1Lazy.Value;
    public static JsonElement Sec2 => Sec2Lazy.Value;

    public static string[] Sec2Cases => new[] { "main", "edge_B_383_bytes", "edge_S_383_bytes" };

    private static JsonElement Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Vectors", name);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    public static string Str(this JsonElement e, params string[] path)
    {
        foreach (var p in path) e = e.GetProperty(p);
        return e.GetString();
    }

    public static byte[] HexAt(this JsonElement e, params string[] path) => Hex.Bytes(e.Str(path));

    public static int IntAt(this JsonElement e, params string[] path)
    {
        foreach (var p in path) e = e.GetProperty(p);
        return e.GetInt32();
    }
}

/// <summary>
/// The ICrypto providers under test. "managed" is always present. "native" (P/Invoke into
/// libnanoprov_crypto.so) is present when the library is found, and always under CI=true so that a
/// missing library fails the run there instead of silently shrinking it.
/// </summary>
public static class Providers
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool NativeRequiredOrAvailable => IsCi || NativeCrypto.IsAvailable(out _);

    public static IEnumerable<object[]> All
    {
        get
        {
            yield return new object[] { "managed" };
            if (NativeRequiredOrAvailable) yield return new object[] { "native" };
        }
    }

    public static ICrypto Get(string name) => name switch
    {
        "managed" => new ManagedCrypto(),
        "native" => new NativeCrypto(),
        _ => throw new ArgumentException("unknown provider " + name),
    };
}

/// <summary>
/// A fact that needs the native library: skipped with a clear message when the library is not built
/// locally, but run (and failing) under CI=true.
/// </summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (!Providers.IsCi && !NativeCrypto.IsAvailable(out string reason))
            Skip = "native library not available locally (set CI=true to make this a failure): " + reason;
    }
}
