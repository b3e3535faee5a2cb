using System.Text;
using NanoProv.Platform;
using NanoProv.Protocomm;
using NanoProv.Transports;

namespace NanoProv.Http.Tests;

/// <summary>A clock that only moves when told to.</summary>
internal sealed class ManualClock : IClock
{
    public long NowMilliseconds { get; set; } = 1_000;
    public void Advance(long ms) => NowMilliseconds += ms;
}

/// <summary>Collects log lines so tests can check that nothing secret is logged.</summary>
internal sealed class ListLog : ILog
{
    public readonly List<string> Lines = new();
    public void Write(LogLevel level, string source, string message)
    {
        lock (Lines) Lines.Add($"{level} {source} {message}");
    }
}

/// <summary>
/// One scripted body delivery step: bytes, a stall that consumes time on the clock and times out,
/// or the end of the stream.
/// </summary>
internal sealed record BodyStep(byte[] Data, long StallMs, bool EndOfStream)
{
    public static BodyStep Bytes(byte[] data) => new(data, 0, false);
    public static BodyStep Stall(long ms) => new(null, ms, false);
    public static BodyStep Eof() => new(null, 0, true);
}

/// <summary>An IHttpExchange that records how the transport ended it.</summary>
internal sealed class FakeExchange : IHttpExchange
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<BodyStep> _steps = new();
    private readonly ManualClock _clock;

    public FakeExchange(ManualClock clock, string method, string url, byte[] body = null, string connectionId = "conn-1")
    {
        _clock = clock;
        Method = method;
        RawUrl = url;
        ConnectionId = connectionId;
        if (body != null)
        {
            _headers["Content-Length"] = body.Length.ToString();
            if (body.Length > 0) _steps.Add(BodyStep.Bytes(body));
        }
    }

    public string Method { get; }
    public string RawUrl { get; }
    public string HttpVersion { get; set; } = "HTTP/1.1";
    public string ConnectionId { get; }
    public string RemoteAddress { get; set; } = "192.168.4.2";

    public int BodyBytesRead { get; private set; }
    public List<int> ReadTimeouts { get; } = new();
    public int Completions { get; private set; }
    public bool Aborted { get; private set; }
    public int? Status { get; private set; }
    public string Reason { get; private set; }
    public string[] ResponseHeaders { get; private set; }
    public byte[] ResponseBody { get; private set; }
    public bool? Closed { get; private set; }

    public FakeExchange Header(string name, string value) { _headers[name] = value; return this; }
    public FakeExchange WithoutHeader(string name) { _headers.Remove(name); return this; }
    public FakeExchange Steps(params BodyStep[] steps) { _steps.Clear(); _steps.AddRange(steps); return this; }

    public string GetHeader(string name) => _headers.TryGetValue(name, out var v) ? v : null;

    public string ResponseHeader(string name)
    {
        if (ResponseHeaders == null) return null;
        foreach (var h in ResponseHeaders)
        {
            int colon = h.IndexOf(':');
            if (string.Equals(h[..colon], name, StringComparison.OrdinalIgnoreCase)) return h[(colon + 1)..].Trim();
        }
        return null;
    }

    public int ReadBody(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        Assert.True(Completions == 0, "body read after the exchange ended");
        Assert.True(timeoutMilliseconds > 0, "non-positive read timeout");
        ReadTimeouts.Add(timeoutMilliseconds);
        if (_steps.Count == 0) return HttpBodyRead.EndOfStream;
        var step = _steps[0];
        _steps.RemoveAt(0);
        if (step.EndOfStream) return HttpBodyRead.EndOfStream;
        if (step.Data == null)
        {
            long waited = Math.Min(step.StallMs, timeoutMilliseconds);
            _clock.Advance(waited);
            if (waited >= timeoutMilliseconds) return HttpBodyRead.TimedOut;
            return ReadBody(buffer, offset, count, (int)(timeoutMilliseconds - waited));
        }
        int n = Math.Min(count, step.Data.Length);
        Array.Copy(step.Data, 0, buffer, offset, n);
        if (n < step.Data.Length) _steps.Insert(0, BodyStep.Bytes(step.Data[n..]));
        BodyBytesRead += n;
        return n;
    }

    public void Respond(int statusCode, string reasonPhrase, string[] headers, byte[] body, int offset, int count, bool closeConnection)
    {
        Completions++;
        Status = statusCode;
        Reason = reasonPhrase;
        ResponseHeaders = headers ?? Array.Empty<string>();
        ResponseBody = body == null ? Array.Empty<byte>() : body.AsSpan(offset, count).ToArray();
        Closed = closeConnection;
    }

    public void Abort()
    {
        Completions++;
        Aborted = true;
        Closed = true;
    }

    public string BodyText => ResponseBody == null ? null : Encoding.UTF8.GetString(ResponseBody);
}

/// <summary>A protocomm stand-in: a set of endpoint names and a scripted reply.</summary>
internal sealed class FakeTarget : IProtocommTarget
{
    public readonly HashSet<string> Endpoints = new() { "proto-ver", "prov-session", "prov-config", "prov-scan", "prov-ctrl" };
    public readonly List<(string Endpoint, RequestOrigin Origin, byte[] Body)> Calls = new();
    public readonly List<string> ClosedConnections = new();
    public Func<string, RequestOrigin, byte[], ProtocommReply> Reply { get; set; } =
        (ep, origin, body) => Replies.Make(ProtocommStatus.Ok, body.Reverse().ToArray(), 7, false, 0);

    public bool HasEndpoint(string name) => Endpoints.Contains(name);

    public ProtocommReply Handle(string endpointName, RequestOrigin origin, byte[] body, int offset, int count)
    {
        var copy = body.AsSpan(offset, count).ToArray();
        Calls.Add((endpointName, origin, copy));
        return Reply(endpointName, origin, copy);
    }

    public void ConnectionClosed(string connectionId) => ClosedConnections.Add(connectionId);
}

/// <summary>
/// Builds ProtocommReply values for fakes. Its constructor is internal to the core (only Protocomm makes
/// replies), so the tests go through reflection.
/// </summary>
internal static class Replies
{
    public static ProtocommReply Make(ProtocommStatus status, byte[] body, uint sessionId, bool sessionCreated, int failureReason)
        => (ProtocommReply)Activator.CreateInstance(typeof(ProtocommReply),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null,
            new object[] { status, body, sessionId, sessionCreated, failureReason }, null);
}
