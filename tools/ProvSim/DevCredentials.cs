using System.Security.Cryptography;
using System.Text;
using NanoProv.Platform;

namespace NanoProv.ProvSim;

/// <summary>
/// The secrets a simulator run uses: the Security 1 PoP, or the Security 2 username/password with the salt
/// and verifier the device keeps. When the user gives none, development credentials are generated once per
/// run (10 characters from an alphabet without look-alikes, about 50 bits) and shown once in the banner;
/// they are never written to a log.
/// </summary>
public sealed class DevCredentials
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>Security level.</summary>
    public int Security { get; private init; }

    /// <summary>Security 1 PoP (null = none).</summary>
    public string Pop { get; private init; }

    /// <summary>Security 2 username.</summary>
    public string Sec2User { get; private init; }

    /// <summary>Security 2 password.</summary>
    public string Sec2Password { get; private init; }

    /// <summary>Security 2 SRP salt (16 bytes).</summary>
    public byte[] Sec2Salt { get; private init; }

    /// <summary>Security 2 SRP verifier.</summary>
    public byte[] Sec2Verifier { get; private init; }

    /// <summary>True when the secret was generated for this run (so the banner labels it as such).</summary>
    public bool Generated { get; private init; }

    /// <summary>Resolves the credentials of the settings, generating what is missing.</summary>
    public static DevCredentials Resolve(SimulatorSettings settings, ICrypto crypto)
    {
        switch (settings.Security)
        {
            case 0:
                return new DevCredentials { Security = 0 };
            case 1:
                return new DevCredentials
                {
                    Security = 1,
                    Pop = settings.Pop == null ? GeneratePassword() : (settings.Pop.Length == 0 ? null : settings.Pop),
                    Generated = settings.Pop == null,
                };
            default:
                string user = settings.Sec2User ?? SimulatorSettings.DefaultSec2User;
                string password = settings.Sec2Password ?? GeneratePassword();
                byte[] salt = RandomNumberGenerator.GetBytes(16);
                return new DevCredentials
                {
                    Security = 2,
                    Sec2User = user,
                    Sec2Password = password,
                    Sec2Salt = salt,
                    Sec2Verifier = CreateVerifier(crypto, user, password, salt),
                    Generated = settings.Sec2Password == null,
                };
        }
    }

    /// <summary>SRP6a verifier through the selected crypto provider.</summary>
    public static byte[] CreateVerifier(ICrypto crypto, string user, string password, byte[] salt)
    {
        var buffer = new byte[384];
        int length = crypto.SrpCreateVerifier(Encoding.UTF8.GetBytes(user), Encoding.UTF8.GetBytes(password), salt, buffer);
        if (length <= 0) throw new InvalidOperationException($"SRP verifier creation failed (status {length})");
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>A random development password.</summary>
    public static string GeneratePassword(int length = 10)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}
