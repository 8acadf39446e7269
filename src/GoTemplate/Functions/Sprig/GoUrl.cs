using System.Text;
using GitOpsHQ.GoTemplate.Formatting;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// A URL as Go's <c>net/url</c> parses and prints it: scheme (lower-cased), opaque part, user info, host, path
/// (unescaped), raw query and fragment (unescaped). Failures carry Go's texts, e.g.
/// <c>parse "x": invalid URL escape "%zz"</c>.
/// </summary>
internal sealed class GoUrl
{
    public string Scheme { get; set; } = "";
    public string Opaque { get; set; } = "";
    public GoUserInfo? User { get; set; }
    public string Host { get; set; } = "";
    public string Path { get; set; } = "";
    public string RawQuery { get; set; } = "";
    public string Fragment { get; set; } = "";
    private bool ForceQuery { get; set; }
    private bool OmitHost { get; set; }

    private enum Mode
    {
        Path,
        Host,
        Zone,
        UserPassword,
        Fragment,
    }

    /// <summary>Go's <c>url.Parse</c>.</summary>
    public static GoUrl Parse(string raw)
    {
        var hash = raw.IndexOf('#', StringComparison.Ordinal);
        var main = hash < 0 ? raw : raw[..hash];
        GoUrl url;
        try
        {
            url = ParseMain(main);
        }
        catch (FormatException e)
        {
            throw new FormatException($"parse {GoQuote.Quote(main)}: {e.Message}");
        }
        if (hash >= 0 && hash + 1 < raw.Length)
        {
            try
            {
                url.Fragment = Unescape(raw[(hash + 1)..], Mode.Fragment);
            }
            catch (FormatException e)
            {
                throw new FormatException($"parse {GoQuote.Quote(raw)}: {e.Message}");
            }
        }
        return url;
    }

    private static GoUrl ParseMain(string raw)
    {
        if (raw.Any(c => c < ' ' || c == 0x7F))
        {
            throw new FormatException("net/url: invalid control character in URL");
        }
        var url = new GoUrl();
        if (raw == "*")
        {
            url.Path = "*";
            return url;
        }
        var (scheme, rest) = SplitScheme(raw);
        url.Scheme = scheme.ToLowerInvariant();
        if (rest.EndsWith('?') && rest.Count(c => c == '?') == 1)
        {
            url.ForceQuery = true;
            rest = rest[..^1];
        }
        else if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            url.RawQuery = rest[(q + 1)..];
            rest = rest[..q];
        }
        if (!rest.StartsWith('/'))
        {
            if (url.Scheme.Length > 0)
            {
                url.Opaque = rest;
                return url;
            }
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if ((slash < 0 ? rest : rest[..slash]).Contains(':', StringComparison.Ordinal))
            {
                throw new FormatException("first path segment in URL cannot contain colon");
            }
        }
        if ((url.Scheme.Length > 0 || !rest.StartsWith("///", StringComparison.Ordinal)) && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            rest = "";
            if (authority.IndexOf('/', StringComparison.Ordinal) is var i and >= 0)
            {
                (authority, rest) = (authority[..i], authority[i..]);
            }
            (url.User, url.Host) = ParseAuthority(authority);
        }
        else if (url.Scheme.Length > 0 && rest.StartsWith('/'))
        {
            url.OmitHost = true;
        }
        url.Path = Unescape(rest, Mode.Path);
        return url;
    }

    private static (string Scheme, string Remainder) SplitScheme(string raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return ("", raw);
                }
                continue;
            }
            if (c == ':')
            {
                return i == 0 ? throw new FormatException("missing protocol scheme") : (raw[..i], raw[(i + 1)..]);
            }
            return ("", raw);
        }
        return ("", raw);
    }

    private static (GoUserInfo?, string) ParseAuthority(string authority)
    {
        var at = authority.LastIndexOf('@');
        var host = ParseHost(at < 0 ? authority : authority[(at + 1)..]);
        if (at < 0)
        {
            return (null, host);
        }
        var userinfo = authority[..at];
        if (!userinfo.All(c => char.IsAsciiLetterOrDigit(c) || "-._:~!$&'()*+,;=%@".Contains(c, StringComparison.Ordinal)))
        {
            throw new FormatException("net/url: invalid userinfo");
        }
        var colon = userinfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (new GoUserInfo(Unescape(userinfo, Mode.UserPassword), null), host)
            : (new GoUserInfo(Unescape(userinfo[..colon], Mode.UserPassword), Unescape(userinfo[(colon + 1)..], Mode.UserPassword)), host);
    }

    private static string ParseHost(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0)
            {
                throw new FormatException("missing ']' in host");
            }
            var colonPort = host[(close + 1)..];
            if (!ValidOptionalPort(colonPort))
            {
                throw new FormatException($"invalid port {GoQuote.Quote(colonPort)} after host");
            }
            var zone = host[..close].IndexOf("%25", StringComparison.Ordinal);
            if (zone >= 0)
            {
                return Unescape(host[..zone], Mode.Host) + Unescape(host[zone..close], Mode.Zone) + Unescape(host[close..], Mode.Host);
            }
        }
        else if (host.LastIndexOf(':') is var colon and >= 0)
        {
            var colonPort = host[colon..];
            if (!ValidOptionalPort(colonPort))
            {
                throw new FormatException($"invalid port {GoQuote.Quote(colonPort)} after host");
            }
        }
        return Unescape(host, Mode.Host);
    }

    private static bool ValidOptionalPort(string port) =>
        port.Length == 0 || (port[0] == ':' && port[1..].All(char.IsAsciiDigit));

    /// <summary>The host without its port (and without brackets around an IPv6 address).</summary>
    public string Hostname()
    {
        var host = Host;
        var colon = host.LastIndexOf(':');
        if (colon >= 0 && ValidOptionalPort(host[colon..]))
        {
            host = host[..colon];
        }
        return host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
    }

    /// <summary>Go's <c>URL.String</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Scheme.Length > 0)
        {
            sb.Append(Scheme).Append(':');
        }
        if (Opaque.Length > 0)
        {
            sb.Append(Opaque);
        }
        else
        {
            if ((Scheme.Length > 0 || Host.Length > 0 || User is not null) && !(OmitHost && Host.Length == 0 && User is null))
            {
                if (Host.Length > 0 || Path.Length > 0 || User is not null)
                {
                    sb.Append("//");
                }
                if (User is not null)
                {
                    sb.Append(User).Append('@');
                }
                sb.Append(Escape(Host, Mode.Host));
            }
            var path = Path == "*" ? "*" : Escape(Path, Mode.Path);
            if (path.Length > 0 && path[0] != '/' && Host.Length > 0)
            {
                sb.Append('/');
            }
            if (sb.Length == 0)
            {
                var slash = path.IndexOf('/', StringComparison.Ordinal);
                if ((slash < 0 ? path : path[..slash]).Contains(':', StringComparison.Ordinal))
                {
                    sb.Append("./");
                }
            }
            sb.Append(path);
        }
        if (ForceQuery || RawQuery.Length > 0)
        {
            sb.Append('?').Append(RawQuery);
        }
        if (Fragment.Length > 0)
        {
            sb.Append('#').Append(Escape(Fragment, Mode.Fragment));
        }
        return sb.ToString();
    }

    private static string Unescape(string s, Mode mode)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length;)
        {
            var b = bytes[i];
            if (b == '%')
            {
                if (i + 2 >= bytes.Length || !IsHex(bytes[i + 1]) || !IsHex(bytes[i + 2]))
                {
                    var bad = Encoding.UTF8.GetString(bytes, i, Math.Min(3, bytes.Length - i));
                    throw new FormatException("invalid URL escape " + GoQuote.Quote(bad));
                }
                var escaped = Encoding.UTF8.GetString(bytes, i, 3);
                if (mode == Mode.Host && Hex(bytes[i + 1]) < 8 && escaped != "%25")
                {
                    throw new FormatException("invalid URL escape " + GoQuote.Quote(escaped));
                }
                var value = (byte)((Hex(bytes[i + 1]) << 4) | Hex(bytes[i + 2]));
                if (mode == Mode.Zone && escaped != "%25" && value != ' ' && ShouldEscape(value, Mode.Host))
                {
                    throw new FormatException("invalid URL escape " + GoQuote.Quote(escaped));
                }
                output.Add(value);
                i += 3;
                continue;
            }
            if (mode is Mode.Host or Mode.Zone && b < 0x80 && ShouldEscape(b, mode))
            {
                throw new FormatException("invalid character " + GoQuote.Quote(((char)b).ToString()) + " in host name");
            }
            output.Add(b);
            i++;
        }
        return Encoding.UTF8.GetString([.. output]);
    }

    internal static string EscapeUserPassword(string s) => Escape(s, Mode.UserPassword);

    private static string Escape(string s, Mode mode)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (ShouldEscape(b, mode))
            {
                sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
            }
            else
            {
                sb.Append((char)b);
            }
        }
        return sb.ToString();
    }

    // Go's shouldEscape: unreserved characters stay, the rest depends on the part of the URL.
    private static bool ShouldEscape(byte c, Mode mode)
    {
        if (char.IsAsciiLetterOrDigit((char)c) && c < 0x80)
        {
            return false;
        }
        if (mode is Mode.Host or Mode.Zone && c is (byte)'!' or (byte)'$' or (byte)'&' or (byte)'\'' or (byte)'(' or (byte)')' or (byte)'*'
                or (byte)'+' or (byte)',' or (byte)';' or (byte)'=' or (byte)':' or (byte)'[' or (byte)']' or (byte)'<' or (byte)'>' or (byte)'"')
        {
            return false;
        }
        switch (c)
        {
            case (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~':
                return false;
            case (byte)'$' or (byte)'&' or (byte)'+' or (byte)',' or (byte)'/' or (byte)':' or (byte)';' or (byte)'=' or (byte)'?' or (byte)'@':
                switch (mode)
                {
                    case Mode.UserPassword:
                        return c is (byte)'@' or (byte)'/' or (byte)'?' or (byte)':';
                    case Mode.Path:
                        return c == '?';
                    case Mode.Fragment:
                        return false;
                }
                break;
        }
        if (mode == Mode.Fragment && c is (byte)'!' or (byte)'(' or (byte)')' or (byte)'*')
        {
            return false;
        }
        return true;
    }

    private static bool IsHex(byte c) => Hex(c) >= 0;

    private static int Hex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}

/// <summary>A URL's user name and optional password, printed escaped as Go prints them.</summary>
internal sealed record GoUserInfo(string Username, string? Password)
{
    public override string ToString() =>
        GoUrl.EscapeUserPassword(Username) + (Password is null ? "" : ":" + GoUrl.EscapeUserPassword(Password));
}
