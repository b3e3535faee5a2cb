namespace NanoProv.Transports
{
    /// <summary>
    /// Small, allocation-light parsers for the parts of an HTTP request the transport interprets:
    /// the endpoint name in the URL, Content-Length, the session cookie and Connection tokens.
    /// Written against the nanoFramework string API (IndexOf/Substring only).
    /// </summary>
    public static class HttpRequestText
    {
        /// <summary>Name of the cookie that carries the session id.</summary>
        public const string SessionCookieName = "session";

        /// <summary>
        /// The endpoint name of a request target: "/prov-config" gives "prov-config". A query ("?...") or
        /// fragment ("#...") is ignored. Returns null when the target does not start with '/', is just "/",
        /// or has more than one path segment.
        /// </summary>
        public static string EndpointFromUrl(string rawUrl)
        {
            if (rawUrl == null || rawUrl.Length < 2 || rawUrl[0] != '/')
            {
                return null;
            }

            int end = rawUrl.Length;
            for (int i = 1; i < rawUrl.Length; i++)
            {
                char c = rawUrl[i];
                if (c == '?' || c == '#')
                {
                    end = i;
                    break;
                }

                if (c == '/')
                {
                    return null;
                }
            }

            if (end < 2)
            {
                return null;
            }

            return rawUrl.Substring(1, end - 1);
        }

        /// <summary>
        /// Parses a Content-Length value: decimal digits only (surrounding spaces allowed), at most 12 digits.
        /// Returns -1 for anything else (including a list such as "5, 5" from a repeated header).
        /// </summary>
        public static long ParseContentLength(string value)
        {
            if (value == null)
            {
                return -1;
            }

            string text = value.Trim();
            if (text.Length == 0 || text.Length > 12)
            {
                return -1;
            }

            long result = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                result = (result * 10) + (c - '0');
            }

            return result;
        }

        /// <summary>
        /// Finds <c>session=&lt;u32&gt;</c> in a Cookie header value. Cookies are separated by ';' (a ','
        /// is accepted too, for clients that fold several Cookie headers), whitespace around names and values
        /// is ignored, the name is case-sensitive, other cookies are skipped and the first valid session
        /// cookie wins. The value must be a decimal number 0..4294967295 (optionally in double quotes).
        /// </summary>
        /// <returns>True when a valid session cookie was found.</returns>
        public static bool TryParseSessionCookie(string cookieHeader, out uint sessionId)
        {
            sessionId = 0;
            if (cookieHeader == null)
            {
                return false;
            }

            int start = 0;
            int length = cookieHeader.Length;
            while (start < length)
            {
                int end = start;
                while (end < length && cookieHeader[end] != ';' && cookieHeader[end] != ',')
                {
                    end++;
                }

                if (TryParseSessionPair(cookieHeader, start, end, out sessionId))
                {
                    return true;
                }

                start = end + 1;
            }

            sessionId = 0;
            return false;
        }

        /// <summary>
        /// True when a comma-separated header value (such as Connection) contains the token,
        /// compared case-insensitively (ASCII).
        /// </summary>
        public static bool HasToken(string headerValue, string token)
        {
            if (headerValue == null)
            {
                return false;
            }

            int start = 0;
            int length = headerValue.Length;
            while (start <= length)
            {
                int end = start;
                while (end < length && headerValue[end] != ',')
                {
                    end++;
                }

                int s = start;
                int e = end;
                while (s < e && IsSpace(headerValue[s]))
                {
                    s++;
                }

                while (e > s && IsSpace(headerValue[e - 1]))
                {
                    e--;
                }

                if (e - s == token.Length && EqualsIgnoreCase(headerValue, s, token))
                {
                    return true;
                }

                start = end + 1;
            }

            return false;
        }

        /// <summary>ASCII case-insensitive comparison of text[offset..offset+other.Length) with other.</summary>
        public static bool EqualsIgnoreCase(string text, int offset, string other)
        {
            if (offset + other.Length > text.Length)
            {
                return false;
            }

            for (int i = 0; i < other.Length; i++)
            {
                if (ToLowerAscii(text[offset + i]) != ToLowerAscii(other[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool TryParseSessionPair(string text, int start, int end, out uint sessionId)
        {
            sessionId = 0;
            while (start < end && IsSpace(text[start]))
            {
                start++;
            }

            while (end > start && IsSpace(text[end - 1]))
            {
                end--;
            }

            int nameLength = SessionCookieName.Length;
            if (end - start <= nameLength)
            {
                return false;
            }

            for (int i = 0; i < nameLength; i++)
            {
                if (text[start + i] != SessionCookieName[i])
                {
                    return false;
                }
            }

            int p = start + nameLength;
            while (p < end && IsSpace(text[p]))
            {
                p++;
            }

            if (p >= end || text[p] != '=')
            {
                return false;
            }

            p++;
            while (p < end && IsSpace(text[p]))
            {
                p++;
            }

            if (end - p >= 2 && text[p] == '"' && text[end - 1] == '"')
            {
                p++;
                end--;
            }

            int digits = end - p;
            if (digits < 1 || digits > 10)
            {
                return false;
            }

            ulong value = 0;
            for (int i = p; i < end; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (ulong)(c - '0');
            }

            if (value > 0xFFFFFFFFUL)
            {
                return false;
            }

            sessionId = (uint)value;
            return true;
        }

        private static bool IsSpace(char c)
        {
            return c == ' ' || c == '\t';
        }

        private static char ToLowerAscii(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
    }
}
