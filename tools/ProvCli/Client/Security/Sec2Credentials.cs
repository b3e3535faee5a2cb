using System.Security.Cryptography;
using System.Text;

namespace NanoProv.Client.Security;

/// <summary>
/// Security 2 device credentials: the salt and SRP verifier a device stores instead of the password
/// (the equivalent of esp_prov's <c>--sec2_gen_cred</c>).
/// </summary>
public sealed class Sec2Credentials
{
    private Sec2Credentials(string username, byte[] salt, byte[] verifier, bool ambiguous)
    {
        Username = username;
        Salt = salt;
        Verifier = verifier;
        InnerHashAmbiguous = ambiguous;
    }

    /// <summary>The username the verifier was made for.</summary>
    public string Username { get; }

    /// <summary>The salt (never starts with 0x00).</summary>
    public byte[] Salt { get; }

    /// <summary>v = g^x mod N in minimal big-endian form (usually 384 bytes, occasionally shorter).</summary>
    public byte[] Verifier { get; }

    /// <summary>
    /// True when H(username ":" password) starts with 0x00. esp_prov and ESP-IDF's on-device generator then derive
    /// different verifiers for the same password, so one of them will fail; pick another password.
    /// </summary>
    public bool InnerHashAmbiguous { get; }

    /// <summary>
    /// Generates a random salt the way esp_prov does (a random number of <paramref name="saltLength"/> bytes in
    /// minimal form, so it never starts with 0x00 and is occasionally shorter) and the matching verifier.
    /// </summary>
    public static Sec2Credentials Generate(string username, string password, int saltLength = 16)
    {
        if (saltLength < 1 || saltLength > 1024)
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "the salt length must be 1 to 1024 bytes");
        byte[] salt;
        do
        {
            salt = Srp6a.Minimal(RandomNumberGenerator.GetBytes(saltLength));
        } while (salt.Length == 1 && salt[0] == 0);
        return FromSalt(username, password, salt);
    }

    /// <summary>Computes the verifier for a given salt (for reproducible output and tests).</summary>
    /// <exception cref="ProvClientException">Empty username, empty salt, or a salt starting with 0x00.</exception>
    public static Sec2Credentials FromSalt(string username, string password, byte[] salt)
    {
        if (string.IsNullOrEmpty(username))
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "the Security 2 username must not be empty");
        if (password == null)
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "the Security 2 password is missing");
        if (salt == null || salt.Length == 0)
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "the salt must not be empty");
        if (salt[0] == 0)
            throw new ProvClientException(ProvErrorKind.InvalidArgument,
                "the salt starts with 0x00; esp_prov drops leading zero bytes of the salt and would then fail the handshake. Use another salt.");
        byte[] user = Encoding.UTF8.GetBytes(username);
        byte[] pass = Encoding.UTF8.GetBytes(password);
        byte[] verifier = Srp6a.ComputeVerifier(salt, user, pass);
        bool ambiguous = Srp6a.InnerHashIsAmbiguous(user, pass);
        CryptographicOperations.ZeroMemory(pass);
        return new Sec2Credentials(username, (byte[])salt.Clone(), verifier, ambiguous);
    }

    /// <summary>True when these credentials were made from <paramref name="username"/> and <paramref name="password"/>.</summary>
    public bool Matches(string username, string password)
    {
        byte[] v = Srp6a.ComputeVerifier(Salt, Encoding.UTF8.GetBytes(username ?? ""), Encoding.UTF8.GetBytes(password ?? ""));
        return CryptographicOperations.FixedTimeEquals(v, Verifier);
    }

    /// <summary>C arrays as used by ESP-IDF firmware (<c>static const char sec2_salt[] = { ... };</c>).</summary>
    public string ToCArrays() =>
        FormatArray("static const char sec2_salt[] = {", "};", Salt) + "\n\n" +
        FormatArray("static const char sec2_verifier[] = {", "};", Verifier);

    /// <summary>C# arrays for NanoProv firmware code.</summary>
    public string ToCSharpArrays() =>
        FormatArray("static readonly byte[] Sec2Salt = new byte[] {", "};", Salt) + "\n\n" +
        FormatArray("static readonly byte[] Sec2Verifier = new byte[] {", "};", Verifier);

    private static string FormatArray(string open, string close, byte[] data)
    {
        var sb = new StringBuilder(open).Append('\n');
        for (int i = 0; i < data.Length; i += 12)
        {
            sb.Append("    ");
            int n = Math.Min(12, data.Length - i);
            for (int j = 0; j < n; j++)
            {
                sb.Append("0x").Append(data[i + j].ToString("x2"));
                if (i + j < data.Length - 1) sb.Append(',');
                if (j < n - 1) sb.Append(' ');
            }
            sb.Append('\n');
        }
        return sb.Append(close).ToString();
    }
}
