using System.Security.Cryptography;
using Google.Protobuf;

namespace NanoProv.Client.Security;

/// <summary>
/// Security 1: X25519 key agreement, optional proof of possession (PoP) mixed in as
/// <c>key = shared XOR SHA-256(PoP)</c>, and one AES-256-CTR keystream (IV = device_random) shared by both
/// directions in message order: bytes 0..31 encrypt the client's verify data, 32..63 the device's, data from 64.
/// </summary>
public sealed class Security1Session : ProvSecurity
{
    private enum State { Initial, AwaitResponse0, AwaitResponse1, Established, Failed }

    private readonly byte[] _pop;
    private readonly Sec1KeyExchange _keys;
    private readonly bool _ownsKeys;
    private byte[] _clientPublicKey;
    private AesCtrStream _ctr;
    private State _state = State.Initial;

    /// <summary>Creates a session with a fresh random key pair.</summary>
    /// <param name="pop">Proof of possession bytes; null or empty means "no PoP" (no XOR).</param>
    public Security1Session(byte[] pop) : this(pop, null)
    {
    }

    /// <summary>Creates a session with the given key exchange (for test vectors); null = random keys.</summary>
    public Security1Session(byte[] pop, Sec1KeyExchange keys)
    {
        _pop = pop == null ? Array.Empty<byte>() : (byte[])pop.Clone();
        _ownsKeys = keys == null;
        _keys = keys ?? new X25519KeyExchange();
    }

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description =>
        _pop.Length > 0 ? "Security 1 (X25519 + PoP, AES-256-CTR)" : "Security 1 (X25519 without PoP, AES-256-CTR)";

    /// <inheritdoc />
    public override int HandshakeSteps => 2;

    /// <summary>Keystream bytes consumed so far (64 right after the handshake).</summary>
    public long KeystreamPosition => _ctr?.Position ?? 0;

    /// <inheritdoc />
    public override byte[] CreateHandshakeRequest()
    {
        if (_state != State.Initial) throw new InvalidOperationException("a Security1Session runs one handshake; create a new one");
        _clientPublicKey = _keys.PublicKey;
        var msg = new SessionData
        {
            SecVer = SecSchemeVersion.SecScheme1,
            Sec1 = new Sec1Payload
            {
                Msg = Sec1MsgType.SessionCommand0,
                Sc0 = new SessionCmd0 { ClientPubkey = ByteString.CopyFrom(_clientPublicKey) },
            },
        };
        _state = State.AwaitResponse0;
        return msg.ToByteArray();
    }

    /// <inheritdoc />
    public override byte[] HandleHandshakeResponse(byte[] response)
    {
        switch (_state)
        {
            case State.AwaitResponse0:
                return HandleResponse0(response);
            case State.AwaitResponse1:
                HandleResponse1(response);
                return null;
            default:
                throw new InvalidOperationException($"no handshake reply expected in state {_state}");
        }
    }

    private byte[] HandleResponse0(byte[] response)
    {
        _state = State.Failed;
        const string step = "Security 1 Cmd0 (client public key)";
        var data = ParseSessionData(response, 1, SessionData.ProtoOneofCase.Sec1, step);
        var p = data.Sec1;
        if (p.PayloadCase != Sec1Payload.PayloadOneofCase.Sr0 || p.Msg != Sec1MsgType.SessionResponse0)
            throw new ProvProtocolException($"expected Security 1 Response0, got msg {p.Msg} with payload {p.PayloadCase}");
        CheckStatus(p.Sr0.Status, step);
        byte[] devicePub = p.Sr0.DevicePubkey.ToByteArray();
        byte[] deviceRandom = p.Sr0.DeviceRandom.ToByteArray();
        if (devicePub.Length != 32)
            throw new ProvProtocolException($"the device public key in Response0 must be 32 bytes, got {devicePub.Length}");
        if (deviceRandom.Length != 16)
            throw new ProvProtocolException($"device_random in Response0 must be 16 bytes, got {deviceRandom.Length}");

        byte[] key = _keys.ComputeSharedSecret(devicePub);
        TraceSecret("sec1 X25519 shared secret", key);
        if (_pop.Length > 0)
        {
            byte[] popHash = SHA256.HashData(_pop);
            for (int i = 0; i < 32; i++) key[i] ^= popHash[i];
            CryptographicOperations.ZeroMemory(popHash);
            TraceSecret("sec1 session key (shared XOR SHA-256(PoP))", key);
        }
        _ctr = new AesCtrStream(key, deviceRandom);
        CryptographicOperations.ZeroMemory(key);

        byte[] verify = _ctr.Transform(devicePub);
        var msg = new SessionData
        {
            SecVer = SecSchemeVersion.SecScheme1,
            Sec1 = new Sec1Payload
            {
                Msg = Sec1MsgType.SessionCommand1,
                Sc1 = new SessionCmd1 { ClientVerifyData = ByteString.CopyFrom(verify) },
            },
        };
        _state = State.AwaitResponse1;
        return msg.ToByteArray();
    }

    private void HandleResponse1(byte[] response)
    {
        _state = State.Failed;
        const string step = "Security 1 Cmd1 (client verify data)";
        var data = ParseSessionData(response, 1, SessionData.ProtoOneofCase.Sec1, step);
        var p = data.Sec1;
        if (p.PayloadCase != Sec1Payload.PayloadOneofCase.Sr1 || p.Msg != Sec1MsgType.SessionResponse1)
            throw new ProvProtocolException($"expected Security 1 Response1, got msg {p.Msg} with payload {p.PayloadCase}");
        CheckStatus(p.Sr1.Status, step);
        byte[] deviceVerify = p.Sr1.DeviceVerifyData.ToByteArray();
        if (deviceVerify.Length != 32)
            throw new ProvProtocolException($"device_verify_data must be 32 bytes, got {deviceVerify.Length}");
        byte[] decrypted = _ctr.Transform(deviceVerify);
        if (!CryptographicOperations.FixedTimeEquals(decrypted, _clientPublicKey))
            throw new ProvHandshakeException(
                "the device's verification data does not match: it does not hold the same session key " +
                "(PoP mismatch on the device side, or not the device you expect)");
        _state = State.Established;
        IsEstablished = true;
    }

    /// <inheritdoc />
    public override byte[] Encrypt(byte[] plaintext)
    {
        RequireEstablished();
        return _ctr.Transform(plaintext);
    }

    /// <inheritdoc />
    public override byte[] Decrypt(byte[] ciphertext)
    {
        RequireEstablished();
        return _ctr.Transform(ciphertext);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _ctr?.Dispose();
        _ctr = null;
        CryptographicOperations.ZeroMemory(_pop);
        if (_ownsKeys) _keys.Dispose();
        _state = State.Failed;
    }
}
