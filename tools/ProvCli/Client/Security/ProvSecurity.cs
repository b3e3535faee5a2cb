using Google.Protobuf;

namespace NanoProv.Client.Security;

/// <summary>
/// Client side of one protocomm security session (Security 0, 1 or 2). Drives the <c>prov-session</c> handshake
/// message by message and then encrypts requests / decrypts replies for every other endpoint except proto-ver.
/// One instance is one session: create a new instance for a new handshake. Not thread-safe.
/// </summary>
public abstract class ProvSecurity : IDisposable
{
    /// <summary>Security scheme number (0, 1 or 2).</summary>
    public abstract int Version { get; }

    /// <summary>Short description for progress output (no secrets).</summary>
    public abstract string Description { get; }

    /// <summary>True once the handshake completed and data can be exchanged.</summary>
    public bool IsEstablished { get; protected set; }

    /// <summary>Number of handshake requests this scheme sends (1 for Security 0, 2 otherwise).</summary>
    public abstract int HandshakeSteps { get; }

    /// <summary>
    /// Optional sink for key material (shared secrets, session keys). Only set it when the user explicitly asked
    /// for secrets in the output (<c>--verbose-secrets</c>).
    /// </summary>
    public Action<string> SecretTrace { get; set; }

    /// <summary>Builds the first <c>prov-session</c> request.</summary>
    public abstract byte[] CreateHandshakeRequest();

    /// <summary>
    /// Processes a <c>prov-session</c> reply. Returns the next request to send, or null when the session is
    /// established.
    /// </summary>
    /// <exception cref="ProvProtocolException">The reply is malformed or unexpected.</exception>
    /// <exception cref="ProvHandshakeException">The device failed to prove it shares the key.</exception>
    public abstract byte[] HandleHandshakeResponse(byte[] response);

    /// <summary>Encrypts a request body (identity for Security 0).</summary>
    public abstract byte[] Encrypt(byte[] plaintext);

    /// <summary>Decrypts a reply body (identity for Security 0).</summary>
    /// <exception cref="ProvProtocolException">Authentication failed (Security 2).</exception>
    public abstract byte[] Decrypt(byte[] ciphertext);

    /// <summary>Wipes key material.</summary>
    public virtual void Dispose()
    {
        IsEstablished = false;
    }

    /// <summary>Throws unless established.</summary>
    protected void RequireEstablished()
    {
        if (!IsEstablished)
            throw new InvalidOperationException("the security session is not established; run the handshake first");
    }

    /// <summary>Writes a secret line when secret tracing is on.</summary>
    protected void TraceSecret(string name, byte[] value)
    {
        SecretTrace?.Invoke($"{name}: {Hex.ToHex(value)}");
    }

    /// <summary>Parses a SessionData reply and checks its sec_ver and proto case.</summary>
    internal static SessionData ParseSessionData(byte[] response, int expectedSecVer, SessionData.ProtoOneofCase expectedCase, string step)
    {
        if (response == null || response.Length == 0)
            throw new ProvProtocolException($"empty reply to {step}");
        SessionData data;
        try
        {
            data = SessionData.Parser.ParseFrom(response);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProvProtocolException($"malformed reply to {step}: not a valid SessionData message ({e.Message})", e);
        }
        if ((int)data.SecVer != expectedSecVer)
            throw new ProvProtocolException(
                $"reply to {step} is for Security {(int)data.SecVer}, expected Security {expectedSecVer}: " +
                "the device uses another security scheme (omit --security to auto-detect)");
        if (data.ProtoCase != expectedCase)
            throw new ProvProtocolException($"reply to {step} carries a {data.ProtoCase} payload, expected {expectedCase}");
        return data;
    }

    /// <summary>Throws when a handshake status is not Success.</summary>
    internal static void CheckStatus(global::Status status, string step)
    {
        if (status != global::Status.Success)
            throw new ProvHandshakeException($"the device answered {step} with status {status} ({(int)status})");
    }
}
