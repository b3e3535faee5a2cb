using System.Reflection;
using NanoProv.Host.Crypto;
using NanoProv.Platform;
using Xunit;

namespace NanoProv.Protocomm.Tests.Support;

/// <summary>
/// The ICrypto providers the key tests run with: always ManagedCrypto, and NativeCrypto (the C library through
/// P/Invoke) when the host build has it and the native library loads (NativeCrypto.IsAvailable).
/// </summary>
public static class CryptoProviders
{
    public static ICrypto Managed { get; } = new ManagedCrypto();

    public static ICrypto Native { get; } = TryCreateNative();

    public static ICrypto Get(string name) => name switch
    {
        "managed" => Managed,
        "native" => Native ?? throw new InvalidOperationException("native crypto is not available"),
        _ => throw new ArgumentException(name),
    };

    /// <summary>"managed", plus "native" when available.</summary>
    public static string[] List => Native != null ? new[] { "managed", "native" } : new[] { "managed" };

    /// <summary>Theory data: "managed", plus "native" when available.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in List)
                data.Add(name);
            return data;
        }
    }

    private static ICrypto TryCreateNative()
    {
        Type type = typeof(ManagedCrypto).Assembly.GetType("NanoProv.Host.Crypto.NativeCrypto");
        if (type == null)
            return null;
        try
        {
            var available = type.GetProperty("IsAvailable", BindingFlags.Public | BindingFlags.Static);
            if (available != null && !(bool)available.GetValue(null)!)
                return null;
            return Activator.CreateInstance(type) as ICrypto;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
