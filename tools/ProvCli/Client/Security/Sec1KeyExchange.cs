using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace NanoProv.Client.Security;

/// <summary>
/// The client's Curve25519 key pair for Security 1, abstracted so tests can inject a fixed private key
/// (or, for replaying recordings, a recorded public key and shared secret).
/// </summary>
public abstract class Sec1KeyExchange : IDisposable
{
    /// <summary>The client's 32-byte X25519 public key (RFC 7748 encoding).</summary>
    public abstract byte[] PublicKey { get; }

    /// <summary>X25519(client private key, device public key): the raw 32-byte shared secret.</summary>
    public abstract byte[] ComputeSharedSecret(byte[] devicePublicKey);

    /// <summary>Wipes the private key.</summary>
    public virtual void Dispose()
    {
    }
}

/// <summary>X25519 key pair (BouncyCastle): random by default, or from a given 32-byte private key.</summary>
public sealed class X25519KeyExchange : Sec1KeyExchange
{
    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey;

    /// <summary>Generates a fresh random key pair.</summary>
    public X25519KeyExchange() : this(RandomNumberGenerator.GetBytes(32))
    {
    }

    /// <summary>Uses the given 32-byte private key (clamping is applied by X25519 itself).</summary>
    public X25519KeyExchange(byte[] privateKey)
    {
        if (privateKey == null || privateKey.Length != 32)
            throw new ArgumentException("an X25519 private key is 32 bytes", nameof(privateKey));
        _privateKey = (byte[])privateKey.Clone();
        var priv = new X25519PrivateKeyParameters(_privateKey, 0);
        _publicKey = priv.GeneratePublicKey().GetEncoded();
    }

    /// <inheritdoc />
    public override byte[] PublicKey => (byte[])_publicKey.Clone();

    /// <inheritdoc />
    public override byte[] ComputeSharedSecret(byte[] devicePublicKey)
    {
        if (devicePublicKey == null || devicePublicKey.Length != 32)
            throw new ProvProtocolException($"the device's X25519 public key must be 32 bytes, got {devicePublicKey?.Length ?? 0}");
        var agreement = new X25519Agreement();
        agreement.Init(new X25519PrivateKeyParameters(_privateKey, 0));
        var shared = new byte[agreement.AgreementSize];
        try
        {
            agreement.CalculateAgreement(new X25519PublicKeyParameters(devicePublicKey, 0), shared, 0);
        }
        catch (InvalidOperationException e)
        {
            // BouncyCastle refuses an all-zero result (low-order public key).
            throw new ProvHandshakeException("the device sent an invalid (low-order) X25519 public key", e);
        }
        return shared;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        CryptographicOperations.ZeroMemory(_privateKey);
    }
}
