using System.Text;

namespace NanoProv.Client;

/// <summary>Lower-case hex helpers and a small hex-dump formatter for verbose output.</summary>
public static class Hex
{
    /// <summary>Lower-case hex of the whole array ("" for null).</summary>
    public static string ToHex(byte[] data) => data == null ? "" : Convert.ToHexStringLower(data);

    /// <summary>Parses hex (upper or lower case, optional spaces/colons, optional 0x prefix).</summary>
    /// <exception cref="FormatException">Odd length or a non-hex character.</exception>
    public static byte[] Parse(string hex)
    {
        if (hex == null) throw new ArgumentNullException(nameof(hex));
        var sb = new StringBuilder(hex.Length);
        string s = hex.Trim();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) s = s.Substring(2);
        foreach (char c in s)
        {
            if (c == ' ' || c == ':' || c == '-' || c == '\n' || c == '\r' || c == '\t') continue;
            sb.Append(c);
        }
        if (sb.Length % 2 != 0) throw new FormatException("hex string has an odd number of digits");
        return Convert.FromHexString(sb.ToString());
    }

    /// <summary>Multi-line dump: offset, 16 bytes of hex per line, printable ASCII column.</summary>
    public static string Dump(byte[] data, string indent = "    ")
    {
        if (data == null || data.Length == 0) return indent + "(empty)";
        var sb = new StringBuilder();
        for (int off = 0; off < data.Length; off += 16)
        {
            int n = Math.Min(16, data.Length - off);
            sb.Append(indent).Append(off.ToString("x4")).Append("  ");
            for (int i = 0; i < 16; i++)
            {
                if (i < n) sb.Append(data[off + i].ToString("x2")).Append(' ');
                else sb.Append("   ");
            }
            sb.Append(' ');
            for (int i = 0; i < n; i++)
            {
                byte b = data[off + i];
                sb.Append(b >= 0x20 && b < 0x7f ? (char)b : '.');
            }
            if (off + 16 < data.Length) sb.Append('\n');
        }
        return sb.ToString();
    }
}
