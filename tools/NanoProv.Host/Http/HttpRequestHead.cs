using System.Text;

namespace NanoProv.Host.Http;

/// <summary>The parsed request line and header block of one HTTP/1.x request.</summary>
internal sealed class HttpRequestHead
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public string Method { get; private init; }
    public string Target { get; private init; }
    public string Version { get; private init; }

    /// <summary>Header value; repeated headers are joined with ", ".</summary>
    public string Get(string name) => _headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>
    /// Parses bytes [0..length) that end with the blank line. Returns null and an HTTP status for the error
    /// (400 malformed, 505 unsupported version) when the head is not acceptable.
    /// </summary>
    public static HttpRequestHead Parse(byte[] buffer, int length, out int errorStatus)
    {
        errorStatus = 400;
        // Header bytes are ASCII (RFC 9110 allows obs-text in values; Latin-1 keeps every byte).
        string text = Encoding.Latin1.GetString(buffer, 0, length);
        var lines = text.Split("\r\n");
        if (lines.Length < 2) return null;

        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0) return null;
        foreach (char c in parts[0])
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".IndexOf(c) >= 0) return null;
        }
        if (parts[1].Any(c => c <= ' ' || c >= 127)) return null;
        if (!parts[2].StartsWith("HTTP/", StringComparison.Ordinal)) return null;
        if (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0")
        {
            errorStatus = 505;
            return null;
        }

        var head = new HttpRequestHead { Method = parts[0], Target = parts[1], Version = parts[2] };
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0) continue; // the terminating blank line(s)
            if (line[0] == ' ' || line[0] == '\t') return null; // obsolete line folding
            int colon = line.IndexOf(':');
            if (colon <= 0) return null;
            string name = line[..colon];
            if (name.Any(c => c <= ' ' || c >= 127)) return null; // also rejects "Name :"
            string value = line[(colon + 1)..].Trim(' ', '\t');
            if (value.Any(c => c == '\r' || c == '\n' || c == '\0')) return null;
            head._headers[name] = head._headers.TryGetValue(name, out var previous) ? previous + ", " + value : value;
        }

        errorStatus = 0;
        return head;
    }
}
