using Google.Protobuf;

namespace NanoProv.Client.Security;

/// <summary>
/// Security 0: one plaintext handshake round trip, no encryption afterwards. The request is exactly what
/// esp_prov sends (<c>52 03 a2 01 00</c>: sec_ver 0 omitted, <c>sec0 { sc {} }</c>).
/// </summary>
public sealed class Security0Session : ProvSecurity
{
    private bool _sent;

    /// <inheritdoc />
    public override int Version => 0;

    /// <inheritdoc />
    public override string Description => "Security 0 (no encryption)";

    /// <inheritdoc />
    public override int HandshakeSteps => 1;

    /// <inheritdoc />
    public override byte[] CreateHandshakeRequest()
    {
        _sent = true;
        IsEstablished = false;
        var msg = new SessionData
        {
            SecVer = SecSchemeVersion.SecScheme0,
            Sec0 = new Sec0Payload { Msg = Sec0MsgType.S0SessionCommand, Sc = new S0SessionCmd() },
        };
        return msg.ToByteArray();
    }

    /// <inheritdoc />
    public override byte[] HandleHandshakeResponse(byte[] response)
    {
        if (!_sent) throw new InvalidOperationException("CreateHandshakeRequest must be called first");
        var data = ParseSessionData(response, 0, SessionData.ProtoOneofCase.Sec0, "the Security 0 session request");
        var p = data.Sec0;
        if (p.PayloadCase != Sec0Payload.PayloadOneofCase.Sr || p.Msg != Sec0MsgType.S0SessionResponse)
            throw new ProvProtocolException($"unexpected Security 0 reply (msg {p.Msg}, payload {p.PayloadCase})");
        CheckStatus(p.Sr.Status, "the Security 0 session request");
        IsEstablished = true;
        return null;
    }

    /// <inheritdoc />
    public override byte[] Encrypt(byte[] plaintext)
    {
        RequireEstablished();
        return (byte[])plaintext.Clone();
    }

    /// <inheritdoc />
    public override byte[] Decrypt(byte[] ciphertext)
    {
        RequireEstablished();
        return (byte[])ciphertext.Clone();
    }
}
