using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    // Regular expressions in Go's RE2 syntax (see GoRegex). The plain forms fail with Go's MustCompile panic text
    // on a bad pattern (regexMatch is false instead); the must forms fail with the compile error itself.
    private static IEnumerable<GoFunction> Regexes() =>
    [
        Fn("regexMatch", [S, S], GoType.Bool, (_, a) => TryCompile((string)a[0]!) is { } r && r.IsMatch((string)a[1]!)),
        Fn("mustRegexMatch", [S, S], GoType.Bool, (_, a) => MustRegex(a[0]).IsMatch((string)a[1]!)),
        Fn("regexFind", [S, S], S, (_, a) => CompiledRegex(a[0]).Find((string)a[1]!)),
        Fn("mustRegexFind", [S, S], S, (_, a) => MustRegex(a[0]).Find((string)a[1]!)),
        Fn("regexFindAll", [S, S, I], GoType.StringList, (_, a) => FindAll(CompiledRegex(a[0]), (string)a[1]!, a[2])),
        Fn("mustRegexFindAll", [S, S, I], GoType.StringList, (_, a) => FindAll(MustRegex(a[0]), (string)a[1]!, a[2])),
        Fn("regexReplaceAll", [S, S, S], S, (_, a) => CompiledRegex(a[0]).ReplaceAll((string)a[1]!, (string)a[2]!, literal: false)),
        Fn("mustRegexReplaceAll", [S, S, S], S, (_, a) => MustRegex(a[0]).ReplaceAll((string)a[1]!, (string)a[2]!, literal: false)),
        Fn("regexReplaceAllLiteral", [S, S, S], S, (_, a) => CompiledRegex(a[0]).ReplaceAll((string)a[1]!, (string)a[2]!, literal: true)),
        Fn("mustRegexReplaceAllLiteral", [S, S, S], S, (_, a) => MustRegex(a[0]).ReplaceAll((string)a[1]!, (string)a[2]!, literal: true)),
        Fn("regexSplit", [S, S, I], GoType.StringList, (_, a) => CompiledRegex(a[0]).Split((string)a[1]!, MatchCount(a[2])) ?? []),
        Fn("mustRegexSplit", [S, S, I], GoType.StringList, (_, a) => MustRegex(a[0]).Split((string)a[1]!, MatchCount(a[2])) ?? []),
        OfText("regexQuoteMeta", QuoteMeta),
    ];

    private static GoRegex? TryCompile(string pattern)
    {
        try
        {
            return GoRegex.Compile(pattern);
        }
        catch (Re2SyntaxException)
        {
            return null;
        }
    }

    private static GoRegex CompiledRegex(object? pattern)
    {
        try
        {
            return GoRegex.Compile((string)pattern!);
        }
        catch (Re2SyntaxException e)
        {
            throw new FunctionException(GoRegex.MustCompileFailure((string)pattern!, e.Message));
        }
    }

    private static GoRegex MustRegex(object? pattern)
    {
        try
        {
            return GoRegex.Compile((string)pattern!);
        }
        catch (Re2SyntaxException e)
        {
            throw new FunctionException(e.Message);
        }
    }

    private static List<string> FindAll(GoRegex regex, string s, object? n) =>
        regex.FindAll(s, MatchCount(n))?.Select(m => m.Value).ToList() ?? [];

    // A match count: Go's int, where any count beyond the text's length means all.
    private static int MatchCount(object? n) => (int)Math.Clamp((long)(nint)n!, int.MinValue, int.MaxValue);

    // A backslash before each of \.+*?()|[]{}^$.
    private static string QuoteMeta(string s)
    {
        var sb = new StringBuilder(s.Length * 2);
        foreach (var c in s)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
