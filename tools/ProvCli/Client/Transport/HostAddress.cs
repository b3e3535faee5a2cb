using System.Globalization;

namespace NanoProv.Client;

/// <summary>A host and TCP port parsed from "host:port" forms.</summary>
public sealed class HostAddress
{
    /// <summary>Host name or IP literal (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>TCP port.</summary>
    public int Port { get; }

    /// <summary>Creates an address.</summary>
    public HostAddress(string host, int port)
    {
        Host = host;
        Port = port;
    }

    /// <summary>"host:port" with IPv6 in brackets, as used in the HTTP Host header.</summary>
    public override string ToString() => (Host.Contains(':') ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses "127.0.0.1:8080", "192.168.4.1:80", "192.168.4.1" (port 80), "localhost:8080", "[::1]:8080",
    /// or the same with an "http://" prefix and a trailing "/".
    /// </summary>
    /// <exception cref="ProvClientException">Kind InvalidArgument with a clear message.</exception>
    public static HostAddress Parse(string text, int defaultPort = 80)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Bad(text, "it is empty");
        string s = text.Trim();
        if (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) s = s.Substring(7);
        else if (s.Contains("://", StringComparison.Ordinal)) throw Bad(text, "only http:// is supported");
        s = s.TrimEnd('/');
        if (s.Contains('/', StringComparison.Ordinal)) throw Bad(text, "give host:port without a path");

        string host;
        string portText = null;
        if (s.StartsWith("[", StringComparison.Ordinal))
        {
            int close = s.IndexOf(']');
            if (close < 0) throw Bad(text, "missing ']' after the IPv6 address");
            host = s.Substring(1, close - 1);
            string rest = s.Substring(close + 1);
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(":", StringComparison.Ordinal)) throw Bad(text, "expected ':port' after ']'");
                portText = rest.Substring(1);
            }
        }
        else
        {
            int colon = s.LastIndexOf(':');
            if (colon >= 0 && s.IndexOf(':') != colon) throw Bad(text, "write IPv6 addresses in brackets, e.g. [::1]:8080");
            if (colon >= 0)
            {
                host = s.Substring(0, colon);
                portText = s.Substring(colon + 1);
            }
            else
            {
                host = s;
            }
        }
        if (host.Length == 0) throw Bad(text, "the host part is empty");
        int port = defaultPort;
        if (portText != null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
                throw Bad(text, "the port must be a number from 1 to 65535");
        }
        return new HostAddress(host, port);
    }

    private static ProvClientException Bad(string text, string why) =>
        new(ProvErrorKind.InvalidArgument, $"invalid host '{text}': {why} (expected host:port, e.g. 192.168.4.1:80 or 127.0.0.1:8080)");
}
