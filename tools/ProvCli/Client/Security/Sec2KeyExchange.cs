using System.Numerics;
using System.Security.Cryptography;

namespace NanoProv.Client.Security;

/// <summary>
/// The client's SRP-6a ephemeral secret for Security 2, abstracted so tests can inject a fixed <c>a</c>
/// (or, for replaying recordings, a recorded A and session key).
/// </summary>
public abstract class Sec2KeyExchange : IDisposable
{
    /// <summary>A = g^a mod N as exactly 384 bytes.</summary>
    public abstract byte[] PublicKey { get; }

    /// <summary>
    /// Computes the 64-byte session key K = H(minimal(S)) from the device's B and salt (both exactly as
    /// received) and the credentials.
    /// </summary>
    public abstract byte[] ComputeSessionKey(byte[] username, byte[] password, byte[] salt, byte[] devicePublicKey);

    /// <summary>Wipes the secret.</summary>
    public virtual void Dispose()
    {
    }
}

/// <summary>SRP-6a client ephemeral: random 256-bit <c>a</c> (top bit set, like esp_prov) or a given one.</summary>
public sealed class Srp6aKeyExchange : Sec2KeyExchange
{
    private BigInteger _a;
    private readonly byte[] _publicKey;

    /// <summary>Draws a random a, re-drawing until A is exactly 384 bytes (the device rejects other lengths).</summary>
    public Srp6aKeyExchange()
    {
        while (true)
        {
            byte[] bytes = RandomNumberGenerator.GetBytes(32);
            bytes[0] |= 0x80;
            _a = Srp6a.FromBytes(bytes);
            CryptographicOperations.ZeroMemory(bytes);
            byte[] pub = Srp6a.ComputeA(_a);
            if (pub.Length == Srp6a.Length)
            {
                _publicKey = pub;
                return;
            }
        }
    }

    /// <summary>Uses the given secret a (big-endian). Throws if A would not be exactly 384 bytes.</summary>
    public Srp6aKeyExchange(byte[] secretA)
    {
        if (secretA == null || secretA.Length == 0) throw new ArgumentException("a must not be empty", nameof(secretA));
        _a = Srp6a.FromBytes(secretA);
        _publicKey = Srp6a.ComputeA(_a);
        if (_publicKey.Length != Srp6a.Length)
            throw new ArgumentException($"this a gives a {_publicKey.Length}-byte A; the device requires exactly 384 bytes", nameof(secretA));
    }

    /// <inheritdoc />
    public override byte[] PublicKey => (byte[])_publicKey.Clone();

    /// <inheritdoc />
    public override byte[] ComputeSessionKey(byte[] username, byte[] password, byte[] salt, byte[] devicePublicKey)
    {
        BigInteger s = Srp6a.ComputeClientS(_a, _publicKey, devicePublicKey, salt, username, password);
        return Srp6a.ComputeSessionKey(s);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _a = BigInteger.Zero;
    }
}
