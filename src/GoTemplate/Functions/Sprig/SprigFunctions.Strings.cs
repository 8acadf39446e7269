using System.Text;
using GitOpsHQ.GoTemplate.Formatting;
using static GitOpsHQ.GoTemplate.Functions.Sprig.SprigValues;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private static IEnumerable<GoFunction> Strings() =>
    [
        OfText("trim", s => s.Trim()),
        Text2("trimAll", S, (cutset, s) => s.Trim(cutset.ToCharArray())),
        Text2("trimall", S, (cutset, s) => s.Trim(cutset.ToCharArray())),
        Text2("trimPrefix", S, (prefix, s) => s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s),
        Text2("trimSuffix", S, (suffix, s) => s.EndsWith(suffix, StringComparison.Ordinal) ? s[..^suffix.Length] : s),
        OfText("upper", s => s.ToUpperInvariant()),
        OfText("lower", s => s.ToLowerInvariant()),
        OfText("nospace", s => string.Concat(s.Where(c => !char.IsWhiteSpace(c)))),
        Fn("repeat", [I, S], S, (_, a) => Repeat((string)a[1]!, Int(a[0]))),
        Fn("substr", [I, I, S], S, (_, a) => Substring(Int(a[0]), Int(a[1]), (string)a[2]!)),
        Fn("trunc", [I, S], S, (_, a) => Truncate(Int(a[0]), (string)a[1]!)),
        Text2("contains", GoType.Bool, (part, s) => s.Contains(part, StringComparison.Ordinal)),
        Text2("hasPrefix", GoType.Bool, (prefix, s) => s.StartsWith(prefix, StringComparison.Ordinal)),
        Text2("hasSuffix", GoType.Bool, (suffix, s) => s.EndsWith(suffix, StringComparison.Ordinal)),
        Variadic("quote", [A], S, (_, a) => string.Join(' ', a.Where(v => v is not null).Select(v => GoQuote.Quote(Text(v))))),
        Variadic("squote", [A], S, (_, a) => string.Join(' ', a.Where(v => v is not null).Select(v => "'" + Text(v) + "'"))),
        Variadic("cat", [A], S, (_, a) =>
        {
            RequireLength(a.Sum(v => v is string text ? (long)text.Length : 0));
            return string.Join(' ', a.Where(v => v is not null).Select(GoFormat.Value));
        }),
        Fn("indent", [I, S], S, (_, a) => Indent(Int(a[0]), (string)a[1]!)),
        Fn("nindent", [I, S], S, (_, a) => "\n" + Indent(Int(a[0]), (string)a[1]!)),
        Fn("replace", [S, S, S], S, (_, a) => Replace((string)a[2]!, (string)a[0]!, (string)a[1]!)),
        Fn("plural", [S, S, I], S, (_, a) => (nint)a[2]! == 1 ? a[0] : a[1]),
        Fn("toString", [A], S, (_, a) => Text(a[0])),
        Fn("abbrev", [I, S], S, (_, a) => Abbreviation.Abbreviate(Int(a[0]), (string)a[1]!)),
        Fn("abbrevboth", [I, I, S], S, (_, a) => Abbreviation.AbbreviateBoth(Int(a[0]), Int(a[1]), (string)a[2]!)),
        Fn("wrap", [I, S], S, (_, a) => Abbreviation.Wrap((string)a[1]!, Int(a[0]), "\n", false)),
        Fn("wrapWith", [I, S, S], S, (_, a) => Abbreviation.Wrap((string)a[2]!, Int(a[0]), (string)a[1]!, true)),
    ];

    /// <summary>
    /// Longest string a function builds: 8 Mi characters, five times what one Kubernetes object can hold, so no real
    /// chart meets it, and a template cannot make the engine allocate gigabytes with one call such as
    /// <c>repeat 1000000000 "x"</c>.
    /// </summary>
    internal const int MaxStringLength = 8 * 1024 * 1024;

    /// <summary>Refuses a result of <paramref name="length"/> characters before it is built.</summary>
    internal static void RequireLength(long length)
    {
        if (length > MaxStringLength)
        {
            throw new FunctionException($"a result of {length} characters exceeds the limit of {MaxStringLength}");
        }
    }

    private static string Repeat(string s, int count)
    {
        if (count < 0)
        {
            throw new FunctionException("strings: negative Repeat count");
        }
        RequireLength((long)s.Length * count);
        return new StringBuilder().Insert(0, s, count).ToString();
    }

    private static string Indent(int spaces, string s)
    {
        RequireLength(s.Length + (s.Count(c => c == '\n') + 1L) * Math.Max(0, spaces));
        var pad = Repeat(" ", spaces);
        return pad + s.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    // An empty old text matches before every character and at the end, as Go's Replace does.
    private static string Replace(string s, string old, string replacement)
    {
        if (old.Length > 0)
        {
            if (replacement.Length > old.Length)
            {
                var matches = 0L;
                for (var at = s.IndexOf(old, StringComparison.Ordinal); at >= 0; at = s.IndexOf(old, at + old.Length, StringComparison.Ordinal))
                {
                    matches++;
                }
                RequireLength(s.Length + matches * (replacement.Length - old.Length));
            }
            return s.Replace(old, replacement, StringComparison.Ordinal);
        }
        RequireLength(s.Length + (s.Length + 1L) * replacement.Length);
        var sb = new StringBuilder(replacement);
        for (var i = 0; i < s.Length; i++)
        {
            sb.Append(s[i]);
            if (!(char.IsHighSurrogate(s[i]) && i + 1 < s.Length))
            {
                sb.Append(replacement);
            }
        }
        return sb.ToString();
    }

    // Byte offsets: a negative start takes the text up to end; a negative or too large end takes the rest.
    private static string Substring(int start, int end, string s)
    {
        var bytes = Bytes(s);
        return start < 0 ? ByteSlice(bytes, 0, end)
            : end < 0 || end > bytes.Length ? ByteSlice(bytes, start, bytes.Length)
            : ByteSlice(bytes, start, end);
    }

    // Positive: at most that many leading bytes; negative: at most that many trailing bytes.
    private static string Truncate(int count, string s)
    {
        var bytes = Bytes(s);
        if (count < 0 && bytes.Length + count > 0)
        {
            return ByteSlice(bytes, bytes.Length + count, bytes.Length);
        }
        return count >= 0 && bytes.Length > count ? ByteSlice(bytes, 0, count) : s;
    }

    /// <summary>Bytes start..end of a text, failing with Go's messages for bounds out of range.</summary>
    internal static string ByteSlice(byte[] bytes, int start, int end)
    {
        if (end < 0 || end > bytes.Length)
        {
            throw new FunctionException($"runtime error: slice bounds out of range [:{end}] with length {bytes.Length}");
        }
        if (start < 0 || start > end)
        {
            throw new FunctionException($"runtime error: slice bounds out of range [{start}:{end}]");
        }
        return FromBytes(bytes, start, end);
    }
}
