using NanoProv.Host.Crypto;
using NanoProv.Platform;

namespace NanoProv.ProvSim;

/// <summary>Chooses the ICrypto provider: the native C library when loadable (auto/native) or the managed one.</summary>
public static class CryptoSelector
{
    /// <summary>The chosen provider and a one-line description of it.</summary>
    public sealed record Choice(ICrypto Crypto, string Description, bool IsNative);

    /// <summary>
    /// Resolves the mode. Native mode throws <see cref="InvalidOperationException"/> with the loader's explanation
    /// (including how to build the library) when it cannot be loaded; auto mode then falls back to managed.
    /// </summary>
    public static Choice Select(CryptoMode mode)
    {
        if (mode == CryptoMode.Managed) return new Choice(new ManagedCrypto(), "managed (.NET + BouncyCastle)", false);

        if (NativeCrypto.IsAvailable(out string reason))
        {
            return new Choice(new NativeCrypto(), $"native (C over mbedTLS, {NativeCrypto.LibraryPath})", true);
        }

        if (mode == CryptoMode.Native)
        {
            throw new InvalidOperationException("--crypto native: the native crypto library is not available. " + reason);
        }

        return new Choice(new ManagedCrypto(), "managed (.NET + BouncyCastle); native library not built", false);
    }

    /// <summary>True when the native provider can be loaded on this machine.</summary>
    public static bool NativeAvailable => NativeCrypto.IsAvailable(out _);
}
