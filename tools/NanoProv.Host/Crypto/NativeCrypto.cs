using System.Runtime.InteropServices;
using NanoProv.Platform;

namespace NanoProv.Host.Crypto;

/// <summary>
/// <see cref="ICrypto"/> over P/Invoke into libnanoprov_crypto (native-interop/, the same C code the
/// ESP32 firmware links through nanoFramework interop). Null arrays and offset/count ranges are checked
/// here (same codes and order as <see cref="ManagedCrypto"/>); every other check is done by the C library.
/// The library is located in this order: the NANOPROV_CRYPTO_LIB environment variable (full path),
/// native-interop/build/ in any parent folder of the application or of the working directory,
/// the application folder, then the system library path.
/// </summary>
public sealed unsafe class NativeCrypto : ICrypto
{
    /// <summary>Environment variable holding the full path of the library, when it is not in a default place.</summary>
    public const string PathVariable = "NANOPROV_CRYPTO_LIB";

    private static readonly Lazy<Api> Loaded = new(Api.Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Api _api;

    /// <summary>Binds to the native library; throws <see cref="DllNotFoundException"/> with build instructions when it is missing.</summary>
    public NativeCrypto()
    {
        Api api = Loaded.Value;
        if (api.Error != null) throw new DllNotFoundException(api.Error);
        _api = api;
    }

    /// <summary>True when the native library can be loaded; otherwise <paramref name="reason"/> says why and how to build it.</summary>
    public static bool IsAvailable(out string reason)
    {
        Api api = Loaded.Value;
        reason = api.Error ?? "loaded from " + api.LoadedFrom;
        return api.Error == null;
    }

    /// <summary>Full path of the loaded library (null when it could not be loaded).</summary>
    public static string LibraryPath => Loaded.Value.Error == null ? Loaded.Value.LoadedFrom : null;

    /// <inheritdoc />
    public int Sha256(byte[] data, int offset, int count, byte[] digest)
    {
        if (data == null || digest == null) return CryptoStatus.NullArgument;
        if (!InRange(data, offset, count)) return CryptoStatus.BadLength;
        fixed (byte* d = &MemoryMarshal.GetArrayDataReference(data))
        fixed (byte* o = &MemoryMarshal.GetArrayDataReference(digest))
            return _api.Sha256(d + offset, (nuint)count, o, (nuint)digest.Length);
    }

    /// <inheritdoc />
    public int Sha512(byte[] data, int offset, int count, byte[] digest)
    {
        if (data == null || digest == null) return CryptoStatus.NullArgument;
        if (!InRange(data, offset, count)) return CryptoStatus.BadLength;
        fixed (byte* d = &MemoryMarshal.GetArrayDataReference(data))
        fixed (byte* o = &MemoryMarshal.GetArrayDataReference(digest))
            return _api.Sha512(d + offset, (nuint)count, o, (nuint)digest.Length);
    }

    /// <inheritdoc />
    public int X25519PublicKey(byte[] privateKey, byte[] publicKey)
    {
        if (privateKey == null || publicKey == null) return CryptoStatus.NullArgument;
        fixed (byte* k = &MemoryMarshal.GetArrayDataReference(privateKey))
        fixed (byte* p = &MemoryMarshal.GetArrayDataReference(publicKey))
            return _api.X25519PublicKey(k, (nuint)privateKey.Length, p, (nuint)publicKey.Length);
    }

    /// <inheritdoc />
    public int X25519SharedSecret(byte[] privateKey, byte[] peerPublicKey, byte[] sharedSecret)
    {
        if (privateKey == null || peerPublicKey == null || sharedSecret == null) return CryptoStatus.NullArgument;
        fixed (byte* k = &MemoryMarshal.GetArrayDataReference(privateKey))
        fixed (byte* u = &MemoryMarshal.GetArrayDataReference(peerPublicKey))
        fixed (byte* s = &MemoryMarshal.GetArrayDataReference(sharedSecret))
            return _api.X25519SharedSecret(k, (nuint)privateKey.Length, u, (nuint)peerPublicKey.Length, s, (nuint)sharedSecret.Length);
    }

    /// <inheritdoc />
    public int AesCtrXor(byte[] key, byte[] counterBlock, byte[] keystreamBlock, int keystreamOffset, byte[] data, int offset, int count)
    {
        if (key == null || counterBlock == null || keystreamBlock == null || data == null) return CryptoStatus.NullArgument;
        if (!InRange(data, offset, count)) return CryptoStatus.BadLength;
        fixed (byte* k = &MemoryMarshal.GetArrayDataReference(key))
        fixed (byte* c = &MemoryMarshal.GetArrayDataReference(counterBlock))
        fixed (byte* s = &MemoryMarshal.GetArrayDataReference(keystreamBlock))
        fixed (byte* d = &MemoryMarshal.GetArrayDataReference(data))
            return _api.AesCtrXor(k, (nuint)key.Length, c, (nuint)counterBlock.Length, s, (nuint)keystreamBlock.Length,
                keystreamOffset, d + offset, (nuint)count);
    }

    /// <inheritdoc />
    public int AesGcmSeal(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
    {
        if (key == null || iv == null || input == null || output == null) return CryptoStatus.NullArgument;
        if (!InRange(input, inputOffset, count)) return CryptoStatus.BadLength;
        if (outputOffset < 0 || outputOffset > output.Length) return CryptoStatus.BadLength;
        // mbedTLS allows exact in-place operation only; a shifted overlap is sealed from a copy.
        if (ReferenceEquals(input, output) && inputOffset != outputOffset)
        {
            input = new ReadOnlySpan<byte>(input, inputOffset, count).ToArray();
            inputOffset = 0;
        }
        fixed (byte* k = &MemoryMarshal.GetArrayDataReference(key))
        fixed (byte* n = &MemoryMarshal.GetArrayDataReference(iv))
        fixed (byte* i = &MemoryMarshal.GetArrayDataReference(input))
        fixed (byte* o = &MemoryMarshal.GetArrayDataReference(output))
            return _api.AesGcmSeal(k, (nuint)key.Length, n, (nuint)iv.Length, i + inputOffset, (nuint)count,
                o + outputOffset, (nuint)(output.Length - outputOffset));
    }

    /// <inheritdoc />
    public int AesGcmOpen(byte[] key, byte[] iv, byte[] input, int inputOffset, int count, byte[] output, int outputOffset)
    {
        if (key == null || iv == null || input == null || output == null) return CryptoStatus.NullArgument;
        if (!InRange(input, inputOffset, count)) return CryptoStatus.BadLength;
        if (outputOffset < 0 || outputOffset > output.Length) return CryptoStatus.BadLength;
        // The C side decrypts into its own buffer and copies only after the tag verified, so any overlap is safe.
        fixed (byte* k = &MemoryMarshal.GetArrayDataReference(key))
        fixed (byte* n = &MemoryMarshal.GetArrayDataReference(iv))
        fixed (byte* i = &MemoryMarshal.GetArrayDataReference(input))
        fixed (byte* o = &MemoryMarshal.GetArrayDataReference(output))
            return _api.AesGcmOpen(k, (nuint)key.Length, n, (nuint)iv.Length, i + inputOffset, (nuint)count,
                o + outputOffset, (nuint)(output.Length - outputOffset));
    }

    /// <inheritdoc />
    public int SrpServerPublicKey(byte[] verifier, byte[] secret, byte[] publicKey)
    {
        if (verifier == null || secret == null || publicKey == null) return CryptoStatus.NullArgument;
        fixed (byte* v = &MemoryMarshal.GetArrayDataReference(verifier))
        fixed (byte* b = &MemoryMarshal.GetArrayDataReference(secret))
        fixed (byte* p = &MemoryMarshal.GetArrayDataReference(publicKey))
            return _api.SrpServerPublicKey(v, (nuint)verifier.Length, b, (nuint)secret.Length, p, (nuint)publicKey.Length);
    }

    /// <inheritdoc />
    public int SrpServerSessionKey(byte[] verifier, byte[] secret, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey)
    {
        if (verifier == null || secret == null || clientPublicKey == null || serverPublicKey == null || sessionKey == null)
            return CryptoStatus.NullArgument;
        fixed (byte* v = &MemoryMarshal.GetArrayDataReference(verifier))
        fixed (byte* b = &MemoryMarshal.GetArrayDataReference(secret))
        fixed (byte* a = &MemoryMarshal.GetArrayDataReference(clientPublicKey))
        fixed (byte* bb = &MemoryMarshal.GetArrayDataReference(serverPublicKey))
        fixed (byte* k = &MemoryMarshal.GetArrayDataReference(sessionKey))
            return _api.SrpServerSessionKey(v, (nuint)verifier.Length, b, (nuint)secret.Length, a, (nuint)clientPublicKey.Length,
                bb, (nuint)serverPublicKey.Length, k, (nuint)sessionKey.Length);
    }

    /// <inheritdoc />
    public int SrpServerVerifyProof(byte[] username, byte[] salt, byte[] clientPublicKey, byte[] serverPublicKey, byte[] sessionKey, byte[] clientProof, byte[] serverProof)
    {
        if (username == null || salt == null || clientPublicKey == null || serverPublicKey == null || sessionKey == null
            || clientProof == null || serverProof == null)
            return CryptoStatus.NullArgument;
        fixed (byte* i = &MemoryMarshal.GetArrayDataReference(username))
        fixed (byte* s = &MemoryMarshal.GetArrayDataReference(salt))
        fixed (byte* a = &MemoryMarshal.GetArrayDataReference(clientPublicKey))
        fixed (byte* b = &MemoryMarshal.GetArrayDataReference(serverPublicKey))
        fixed (byte* k = &MemoryMarshal.GetArrayDataReference(sessionKey))
        fixed (byte* m1 = &MemoryMarshal.GetArrayDataReference(clientProof))
        fixed (byte* m2 = &MemoryMarshal.GetArrayDataReference(serverProof))
            return _api.SrpServerVerifyProof(i, (nuint)username.Length, s, (nuint)salt.Length, a, (nuint)clientPublicKey.Length,
                b, (nuint)serverPublicKey.Length, k, (nuint)sessionKey.Length, m1, (nuint)clientProof.Length, m2, (nuint)serverProof.Length);
    }

    /// <inheritdoc />
    public int SrpCreateVerifier(byte[] username, byte[] password, byte[] salt, byte[] verifier)
    {
        if (username == null || password == null || salt == null || verifier == null) return CryptoStatus.NullArgument;
        fixed (byte* i = &MemoryMarshal.GetArrayDataReference(username))
        fixed (byte* p = &MemoryMarshal.GetArrayDataReference(password))
        fixed (byte* s = &MemoryMarshal.GetArrayDataReference(salt))
        fixed (byte* v = &MemoryMarshal.GetArrayDataReference(verifier))
            return _api.SrpCreateVerifier(i, (nuint)username.Length, p, (nuint)password.Length, s, (nuint)salt.Length, v, (nuint)verifier.Length);
    }

    private static bool InRange(byte[] buffer, int offset, int count)
        => offset >= 0 && count >= 0 && offset <= buffer.Length - count;

    /// <summary>The resolved entry points of the library (or the reason it could not be loaded).</summary>
    private sealed class Api
    {
        public string Error;
        public string LoadedFrom;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, int> Sha256;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, int> Sha512;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, int> X25519PublicKey;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, int> X25519SharedSecret;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, int, byte*, nuint, int> AesCtrXor;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int> AesGcmSeal;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int> AesGcmOpen;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, int> SrpServerPublicKey;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int> SrpServerSessionKey;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int> SrpServerVerifyProof;
        public delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int> SrpCreateVerifier;

        private static string FileName =>
            OperatingSystem.IsWindows() ? "nanoprov_crypto.dll"
            : OperatingSystem.IsMacOS() ? "libnanoprov_crypto.dylib"
            : "libnanoprov_crypto.so";

        public static Api Load()
        {
            var tried = new List<string>();
            IntPtr handle = IntPtr.Zero;
            string from = null;

            string explicitPath = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrEmpty(explicitPath))
            {
                tried.Add(explicitPath + " (" + PathVariable + ")");
                if (NativeLibrary.TryLoad(explicitPath, out handle)) from = explicitPath;
                else return Fail(PathVariable + " is set to '" + explicitPath + "' but that library could not be loaded.", tried);
            }

            if (handle == IntPtr.Zero)
            {
                foreach (string candidate in Candidates())
                {
                    tried.Add(candidate);
                    if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out handle))
                    {
                        from = candidate;
                        break;
                    }
                }
            }

            if (handle == IntPtr.Zero)
            {
                tried.Add(FileName + " (system library path)");
                if (NativeLibrary.TryLoad(FileName, out handle)) from = FileName;
            }

            if (handle == IntPtr.Zero)
                return Fail(FileName + " was not found.", tried);

            try
            {
                return new Api
                {
                    LoadedFrom = from,
                    Sha256 = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_sha256"),
                    Sha512 = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_sha512"),
                    X25519PublicKey = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_x25519_public_key"),
                    X25519SharedSecret = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_x25519_shared_secret"),
                    AesCtrXor = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, int, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_aes_ctr_xor"),
                    AesGcmSeal = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_aes_gcm_seal"),
                    AesGcmOpen = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_aes_gcm_open"),
                    SrpServerPublicKey = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_srp_server_public_key"),
                    SrpServerSessionKey = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_srp_server_session_key"),
                    SrpServerVerifyProof = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_srp_server_verify_proof"),
                    SrpCreateVerifier = (delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, byte*, nuint, int>)NativeLibrary.GetExport(handle, "np_srp_create_verifier"),
                };
            }
            catch (EntryPointNotFoundException e)
            {
                return Fail(from + " is not a compatible NanoProv crypto library (" + e.Message + "); rebuild it.", tried);
            }
        }

        private static IEnumerable<string> Candidates()
        {
            var seen = new HashSet<string>();
            foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "native-interop", "build", FileName);
                    if (seen.Add(candidate)) yield return candidate;
                }
            }
            string local = Path.Combine(AppContext.BaseDirectory, FileName);
            if (seen.Add(local)) yield return local;
        }

        private static Api Fail(string what, List<string> tried) => new()
        {
            Error = what + " Build it with native-interop/tests/run.sh (or: cmake -S native-interop -B native-interop/build"
                + " && cmake --build native-interop/build) and/or set " + PathVariable + " to the library's full path."
                + " Looked in: " + string.Join("; ", tried.Take(6)) + (tried.Count > 6 ? "; ..." : ""),
        };
    }
}
