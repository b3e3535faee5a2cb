using NanoProv.Client.Security;

namespace NanoProv.Client.Tests.Support;

/// <summary>
/// Security 1 client keys taken from an esp_prov recording (-v prints the public key and the shared secret; the
/// private key is not printed). Lets the client reproduce the recorded requests byte for byte.
/// </summary>
internal sealed class RecordedSec1Keys : Sec1KeyExchange
{
    private readonly byte[] _pub;
    private readonly byte[] _shared;
    public byte[] SeenDevicePublicKey;

    public RecordedSec1Keys(byte[] publicKey, byte[] sharedSecret)
    {
        _pub = publicKey;
        _shared = sharedSecret;
    }

    public override byte[] PublicKey => (byte[])_pub.Clone();

    public override byte[] ComputeSharedSecret(byte[] devicePublicKey)
    {
        SeenDevicePublicKey = devicePublicKey;
        return (byte[])_shared.Clone();
    }
}

/// <summary>Security 2 client values from an esp_prov recording: A and the session key K (a is not printed).</summary>
internal sealed class RecordedSec2Keys : Sec2KeyExchange
{
    private readonly byte[] _a;
    private readonly byte[] _k;
    public byte[] SeenSalt;
    public byte[] SeenB;

    public RecordedSec2Keys(byte[] publicKey, byte[] sessionKey)
    {
        _a = publicKey;
        _k = sessionKey;
    }

    public override byte[] PublicKey => (byte[])_a.Clone();

    public override byte[] ComputeSessionKey(byte[] username, byte[] password, byte[] salt, byte[] devicePublicKey)
    {
        SeenSalt = salt;
        SeenB = devicePublicKey;
        return (byte[])_k.Clone();
    }
}
