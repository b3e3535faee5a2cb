using System.Reflection;
using NanoProv.Host.Crypto;
using NanoProv.Platform;

namespace NanoProv.ProvSim;

/// <summary>Chooses the ICrypto provider: the native C library when loadable (auto/native) or the managed one.</summary>
public static class CryptoSelector
{
    /// <summary>The chosen provider and a one-line description of it.</summary>
    public sealed record Choice(ICrypto Crypto, string Description, bool IsNative);

    /// <summary>
    /// Resolves the mode. Native mode throws <see cref="InvalidOperationException"/> with instructions when the
    /// library cannot be loaded; auto mode then falls back to managed and says why.
    /// </summary>
    public static Choice Select(CryptoMode mode)
    {
        if (mode == CryptoMode.Managed) return new Choice(new ManagedCrypto(), "managed (.NET + BouncyCastle)", false);

        var native = TryCreateNative(out string why);
        if (native != null) return new Choice(native, "native (C library over mbedTLS, P/Invoke)", true);
        if (mode == CryptoMode.Native)
            throw new InvalidOperationException("--crypto native: the native crypto library is not available (" + why +
                                                "). Build it (see native-interop/README) or use --crypto auto|managed.");
        return new Choice(new ManagedCrypto(), $"managed (.NET + BouncyCastle; native library not available: {why})", false);
    }

    /// <summary>True when the native provider can be loaded on this machine.</summary>
    public static bool NativeAvailable => TryCreateNative(out _) != null;

    // NativeCrypto is added to NanoProv.Host by the native-crypto work; looked up by name so this code runs
    // (falling back to managed) on builds that do not have it yet.
    private static ICrypto TryCreateNative(out string why)
    {
        var type = typeof(ManagedCrypto).Assembly.GetType("NanoProv.Host.Crypto.NativeCrypto");
        if (type == null)
        {
            why = "this build has no NativeCrypto";
            return null;
        }

        try
        {
            var available = type.GetProperty("IsAvailable", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as bool?;
            if (available != true)
            {
                why = "libnanoprov_crypto could not be loaded";
                return null;
            }

            why = null;
            return (ICrypto)Activator.CreateInstance(type);
        }
        catch (Exception ex)
        {
            why = (ex.InnerException ?? ex).Message;
            return null;
        }
    }
}
