namespace NanoProv.Client;

/// <summary>What went wrong, coarse enough to pick an exit code or a retry policy.</summary>
public enum ProvErrorKind
{
    /// <summary>Connection refused/unreachable, name resolution, HTTP error status, connection lost mid-reply.</summary>
    Transport,
    /// <summary>The device closed the connection without sending any reply (its way to signal a failure).</summary>
    DeviceClosedConnection,
    /// <summary>The security handshake failed (wrong PoP/password, rate limiting, proof mismatch).</summary>
    Handshake,
    /// <summary>A reply could not be decoded or was not the expected message (also a GCM tag failure).</summary>
    Protocol,
    /// <summary>A network operation or the overall operation ran out of time.</summary>
    Timeout,
    /// <summary>The device answered with a non-success status (e.g. reset refused).</summary>
    DeviceRejected,
    /// <summary>The device's proto-ver reply did not match the expected version or lacks a needed capability.</summary>
    VersionMismatch,
    /// <summary>A credential (PoP, SRP username/password, passphrase) is needed but was not supplied.</summary>
    MissingCredential,
    /// <summary>A caller-supplied argument is invalid (checked before anything is sent).</summary>
    InvalidArgument,
    /// <summary>The operation was cancelled by the caller.</summary>
    Cancelled,
}

/// <summary>
/// Base class of every error the client raises on purpose. Messages are meant for end users: they say what
/// happened and what to try, and never contain secrets (PoP, passwords, passphrases, keys).
/// </summary>
public class ProvClientException : Exception
{
    /// <summary>Creates an exception of the given kind.</summary>
    public ProvClientException(ProvErrorKind kind, string message, Exception inner = null) : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>Category of the failure.</summary>
    public ProvErrorKind Kind { get; }
}

/// <summary>Network-level failure (connect, send, receive, HTTP status).</summary>
public class ProvTransportException : ProvClientException
{
    /// <summary>Creates a transport failure.</summary>
    public ProvTransportException(string message, Exception inner = null, int httpStatus = 0)
        : base(ProvErrorKind.Transport, message, inner)
    {
        HttpStatus = httpStatus;
    }

    /// <summary>Protected constructor for derived kinds.</summary>
    protected ProvTransportException(ProvErrorKind kind, string message, Exception inner)
        : base(kind, message, inner)
    {
    }

    /// <summary>HTTP status code of a non-200 reply, otherwise 0.</summary>
    public int HttpStatus { get; }
}

/// <summary>
/// The device closed the connection (or reset it) without sending a reply. Protocomm devices do this for every
/// session-level failure: wrong PoP or password, a request on an invalid session, a malformed request.
/// Transports (<see cref="IProvTransport"/>) throw exactly this type for that case.
/// </summary>
public sealed class DeviceClosedConnectionException : ProvTransportException
{
    /// <summary>Creates the exception for <paramref name="endpoint"/>.</summary>
    public DeviceClosedConnectionException(string endpoint, string message = null, Exception inner = null)
        : base(ProvErrorKind.DeviceClosedConnection,
               message ?? $"the device closed the connection without replying to the request on '{endpoint}'",
               inner)
    {
        Endpoint = endpoint;
    }

    /// <summary>The endpoint the unanswered request was sent to.</summary>
    public string Endpoint { get; }
}

/// <summary>The security handshake failed.</summary>
public sealed class ProvHandshakeException : ProvClientException
{
    /// <summary>Creates a handshake failure.</summary>
    public ProvHandshakeException(string message, Exception inner = null) : base(ProvErrorKind.Handshake, message, inner)
    {
    }
}

/// <summary>A reply was malformed or not the message expected at this point.</summary>
public sealed class ProvProtocolException : ProvClientException
{
    /// <summary>Creates a protocol failure.</summary>
    public ProvProtocolException(string message, Exception inner = null) : base(ProvErrorKind.Protocol, message, inner)
    {
    }
}

/// <summary>A network operation or the whole operation timed out.</summary>
public sealed class ProvTimeoutException : ProvClientException
{
    /// <summary>Creates a timeout failure.</summary>
    public ProvTimeoutException(string message, Exception inner = null) : base(ProvErrorKind.Timeout, message, inner)
    {
    }
}

/// <summary>The device answered with a status other than Success.</summary>
public sealed class DeviceRejectedException : ProvClientException
{
    /// <summary>Creates the exception.</summary>
    public DeviceRejectedException(DeviceStatus status, string message) : base(ProvErrorKind.DeviceRejected, message)
    {
        Status = status;
    }

    /// <summary>The status the device sent.</summary>
    public DeviceStatus Status { get; }
}
