using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace NanoProv.Client.Security;

/// <summary>
/// Security 2: SRP-6a (3072-bit, SHA-512) handshake, then AES-256-GCM with the first 32 bytes of K as key.
/// The IV rule depends on <see cref="Sec2Patch"/>, which clients pick from proto-ver's sec_patch_ver.
/// </summary>
public sealed class Security2Session : ProvSecurity
{
    private enum State { Initial, AwaitResponse0, AwaitResponse1, Established, Failed }

    private readonly byte[] _username;
    private readonly byte[] _password;
    private readonly Sec2KeyExchange _keys;
    private readonly bool _ownsKeys;
    private readonly Sec2Patch _patch;
    private byte[] _a;
    private byte[] _k;
    private byte[] _expectedM2;
    private Sec2Cipher _cipher;
    private State _state = State.Initial;

    /// <summary>Creates a session with a random SRP secret.</summary>
    public Security2Session(string username, string password, Sec2Patch patch)
        : this(Encoding.UTF8.GetBytes(username ?? ""), Encoding.UTF8.GetBytes(password ?? ""), patch, null)
    {
    }

    /// <summary>Creates a session with the given key exchange (null = random), for test vectors.</summary>
    public Security2Session(byte[] username, byte[] password, Sec2Patch patch, Sec2KeyExchange keys)
    {
        if (username == null || username.Length == 0)
            throw new ProvClientException(ProvErrorKind.MissingCredential, "Security 2 needs a username (--sec2-user)");
        if (username.Length > 65535)
            throw new ProvClientException(ProvErrorKind.InvalidArgument, "the Security 2 username is longer than 65535 bytes");
        _username = (byte[])username.Clone();
        _password = (byte[])(password ?? Array.Empty<byte>()).Clone();
        _patch = patch;
        _ownsKeys = keys == null;
        _keys = keys ?? new Srp6aKeyExchange();
    }

    /// <inheritdoc />
    public override int Version => 2;

    /// <summary>The IV rule in use.</summary>
    public Sec2Patch Patch => _patch;

    /// <inheritdoc />
    public override string Description =>
        $"Security 2 (SRP-6a 3072/SHA-512, AES-256-GCM {(_patch == Sec2Patch.Counter ? "counter IV, patch 1" : "static IV, legacy patch 0")})";

    /// <inheritdoc />
    public override int HandshakeSteps => 2;

    /// <summary>GCM counter for the next message (patch 1; diagnostics and tests).</summary>
    public uint GcmCounter => _cipher?.Counter ?? 0;

    /// <inheritdoc />
    public override byte[] CreateHandshakeRequest()
    {
        if (_state != State.Initial) throw new InvalidOperationException("a Security2Session runs one handshake; create a new one");
        _a = _keys.PublicKey;
        if (_a.Length != Srp6a.Length) throw new InvalidOperationException("A must be exactly 384 bytes");
        var msg = new SessionData
        {
            SecVer = SecSchemeVersion.SecScheme2,
            Sec2 = new Sec2Payload
            {
                Msg = Sec2MsgType.S2SessionCommand0,
                Sc0 = new S2SessionCmd0
                {
                    ClientUsername = ByteString.CopyFrom(_username),
                    ClientPubkey = ByteString.CopyFrom(_a),
                },
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
        const string step = "Security 2 Cmd0 (username and A)";
        var data = ParseSessionData(response, 2, SessionData.ProtoOneofCase.Sec2, step);
        var p = data.Sec2;
        if (p.PayloadCase != Sec2Payload.PayloadOneofCase.Sr0 || p.Msg != Sec2MsgType.S2SessionResponse0)
            throw new ProvProtocolException($"expected Security 2 Response0, got msg {p.Msg} with payload {p.PayloadCase}");
        CheckStatus(p.Sr0.Status, step);
        byte[] b = p.Sr0.DevicePubkey.ToByteArray();
        byte[] salt = p.Sr0.DeviceSalt.ToByteArray();
        if (b.Length == 0 || b.Length > Srp6a.Length)
            throw new ProvProtocolException($"the device's SRP public key B is {b.Length} bytes; expected 1..384");
        if (salt.Length == 0)
            throw new ProvProtocolException("the device sent an empty SRP salt");

        _k = _keys.ComputeSessionKey(_username, _password, salt, b);
        if (_k == null || _k.Length != 64) throw new InvalidOperationException("the SRP session key must be 64 bytes");
        TraceSecret("sec2 SRP session key K", _k);
        byte[] m1 = Srp6a.ComputeM1(_username, salt, _a, b, _k);
        _expectedM2 = Srp6a.ComputeM2(_a, m1, _k);

        var msg = new SessionData
        {
            SecVer = SecSchemeVersion.SecScheme2,
            Sec2 = new Sec2Payload
            {
                Msg = Sec2MsgType.S2SessionCommand1,
                Sc1 = new S2SessionCmd1 { ClientProof = ByteString.CopyFrom(m1) },
            },
        };
        _state = State.AwaitResponse1;
        return msg.ToByteArray();
    }

    private void HandleResponse1(byte[] response)
    {
        _state = State.Failed;
        const string step = "Security 2 Cmd1 (client proof)";
        var data = ParseSessionData(response, 2, SessionData.ProtoOneofCase.Sec2, step);
        var p = data.Sec2;
        if (p.PayloadCase != Sec2Payload.PayloadOneofCase.Sr1 || p.Msg != Sec2MsgType.S2SessionResponse1)
            throw new ProvProtocolException($"expected Security 2 Response1, got msg {p.Msg} with payload {p.PayloadCase}");
        CheckStatus(p.Sr1.Status, step);
        byte[] m2 = p.Sr1.DeviceProof.ToByteArray();
        if (m2.Length != 64)
            throw new ProvProtocolException($"the device proof M2 must be 64 bytes, got {m2.Length}");
        if (!CryptographicOperations.FixedTimeEquals(m2, _expectedM2))
            throw new ProvHandshakeException(
                "the device's SRP proof (M2) is wrong: it does not know the verifier for these credentials " +
                "(not the device you expect)");
        byte[] nonce = p.Sr1.DeviceNonce.ToByteArray();
        byte[] aesKey = _k.AsSpan(0, 32).ToArray();
        _cipher = new Sec2Cipher(aesKey, nonce, _patch);
        CryptographicOperations.ZeroMemory(aesKey);
        TraceSecret("sec2 device nonce", nonce);
        _state = State.Established;
        IsEstablished = true;
    }

    /// <inheritdoc />
    public override byte[] Encrypt(byte[] plaintext)
    {
        RequireEstablished();
        return _cipher.Encrypt(plaintext);
    }

    /// <inheritdoc />
    public override byte[] Decrypt(byte[] ciphertext)
    {
        RequireEstablished();
        return _cipher.Decrypt(ciphertext);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _cipher?.Dispose();
        _cipher = null;
        if (_k != null) CryptographicOperations.ZeroMemory(_k);
        CryptographicOperations.ZeroMemory(_password);
        if (_ownsKeys) _keys.Dispose();
        _state = State.Failed;
    }
}
