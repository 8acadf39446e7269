using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// A compiled Go regular expression with Go's <c>regexp</c> operations: leftmost-first matching, successive
/// non-overlapping matches where an empty match right after a previous match is skipped, <c>$1</c>/<c>${name}</c>
/// expansion and <c>Split</c>. Runs on .NET's non-backtracking engine, so nested repetitions cannot take
/// exponential time. That engine is slow on large counted repetitions (<c>(\w+\s*){1000}</c>): an operation
/// that exceeds its time is retried with backtracking, and fails with a clear error only when that times out too.
/// Patterns the non-backtracking engine cannot run (Go's ASCII word boundaries need lookarounds) use
/// backtracking from the start.
/// </summary>
internal sealed class GoRegex
{
    private static readonly ConcurrentDictionary<string, GoRegex> Cache = new(StringComparer.Ordinal);
    private const int CacheLimit = 256;
    private static readonly TimeSpan FirstTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromSeconds(2);
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private readonly Regex _regex;
    private readonly string _pattern;
    private readonly IReadOnlyList<string> _names;
    private Regex? _backtracking;

    private GoRegex(string expression, Regex regex, string pattern, IReadOnlyList<string> names)
    {
        Expression = expression;
        _regex = regex;
        _pattern = pattern;
        _names = names;
    }

    public string Expression { get; }

    /// <summary>Compiles a Go pattern; a pattern Go refuses throws <see cref="Re2SyntaxException"/> with Go's message.</summary>
    public static GoRegex Compile(string expression)
    {
        if (Cache.TryGetValue(expression, out var cached))
        {
            return cached;
        }
        var syntax = Re2Syntax.Translate(expression);
        Regex regex;
        try
        {
            regex = syntax.NeedsLookaround
                ? new Regex(syntax.Pattern, Options, BacktrackingTimeout)
                : new Regex(syntax.Pattern, Options | RegexOptions.NonBacktracking, FirstTimeout);
        }
        catch (NotSupportedException)
        {
            regex = new Regex(syntax.Pattern, Options, BacktrackingTimeout);
        }
        var compiled = new GoRegex(expression, regex, syntax.Pattern, syntax.GroupNames);
        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }
        Cache[expression] = compiled;
        return compiled;
    }

    /// <summary>The text of a failed compile as Go's <c>MustCompile</c> panics with it.</summary>
    public static string MustCompileFailure(string expression, string error) =>
        "regexp: Compile(" + (Formatting.GoQuote.CanBackquote(expression) ? "`" + expression + "`" : Formatting.GoQuote.Quote(expression)) + "): " + error;

    public bool IsMatch(string s) => Run(regex => regex.IsMatch(s));

    /// <summary>The leftmost match's text, or "" when there is none.</summary>
    public string Find(string s) => Run(regex => regex.Match(s) is { Success: true } m ? m.Value : "");

    /// <summary>Up to n matches (all when n is negative), as Go's FindAll finds them; null for none.</summary>
    public List<Match>? FindAll(string s, int n)
    {
        if (n < 0)
        {
            n = s.Length + 1;
        }
        return Run(regex =>
        {
            var matches = new List<Match>();
            var pos = 0;
            var previousEnd = -1;
            while (matches.Count < n && pos <= s.Length)
            {
                var m = regex.Match(s, pos);
                if (!m.Success)
                {
                    break;
                }
                var accept = true;
                var end = m.Index + m.Length;
                if (end == pos)
                {
                    // An empty match: skip it right after a previous match, and move on one character.
                    accept = m.Index != previousEnd;
                    var width = NextWidth(s, pos);
                    pos = width > 0 ? pos + width : s.Length + 1;
                }
                else
                {
                    pos = end;
                }
                previousEnd = end;
                if (accept)
                {
                    matches.Add(m);
                }
            }
            return matches.Count == 0 ? null : matches;
        });
    }

    /// <summary>Every match replaced: by the template with <c>$</c> expansion, or literally.</summary>
    public string ReplaceAll(string s, string replacement, bool literal)
    {
        return Run(regex =>
        {
            var sb = new StringBuilder();
            var lastEnd = 0;
            var searchPos = 0;
            while (searchPos <= s.Length)
            {
                var m = regex.Match(s, searchPos);
                if (!m.Success)
                {
                    break;
                }
                var end = m.Index + m.Length;
                sb.Append(s, lastEnd, m.Index - lastEnd);
                if (end > lastEnd || m.Index == 0)
                {
                    if (literal)
                    {
                        sb.Append(replacement);
                    }
                    else
                    {
                        Expand(sb, replacement, m);
                    }
                }
                lastEnd = end;
                var width = NextWidth(s, searchPos);
                searchPos = searchPos + width > end ? searchPos + width : searchPos + 1 > end ? searchPos + 1 : end;
            }
            sb.Append(s, lastEnd, s.Length - lastEnd);
            return sb.ToString();
        });
    }

    /// <summary>Go's Split: the texts between up to n matches (all when negative); nothing when n is 0.</summary>
    public List<string>? Split(string s, int n)
    {
        if (n == 0)
        {
            return null;
        }
        if (Expression.Length > 0 && s.Length == 0)
        {
            return [""];
        }
        var parts = new List<string>();
        var begin = 0;
        var end = 0;
        foreach (var m in FindAll(s, n) ?? [])
        {
            if (n > 0 && parts.Count == n - 1)
            {
                break;
            }
            end = m.Index;
            if (m.Index + m.Length != 0)
            {
                parts.Add(s[begin..end]);
            }
            begin = m.Index + m.Length;
        }
        if (end != s.Length)
        {
            parts.Add(s[begin..]);
        }
        return parts;
    }

    // $$ is '$'; $name and ${name} insert a group by number or name (nothing when it did not take part or does
    // not exist); a name is the longest run of letters, digits and '_', so "$1x" names group "1x".
    private void Expand(StringBuilder sb, string template, Match m)
    {
        var i = 0;
        while (i < template.Length)
        {
            var dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                break;
            }
            sb.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            if (!TryName(template, ref i, out var name))
            {
                sb.Append('$');
                continue;
            }
            var number = GroupNumber(name);
            var index = number >= 0 ? number : IndexOfName(name);
            if (index >= 0 && index < _names.Count)
            {
                var group = index == 0 ? m.Groups[0] : m.Groups["g" + index];
                if (group.Success)
                {
                    sb.Append(group.Value);
                }
            }
        }
        sb.Append(template, i, template.Length - i);
    }

    private int IndexOfName(string name)
    {
        for (var k = 1; k < _names.Count; k++)
        {
            if (_names[k] == name)
            {
                return k;
            }
        }
        return -1;
    }

    private static bool TryName(string template, ref int i, out string name)
    {
        name = "";
        var j = i;
        var brace = j < template.Length && template[j] == '{';
        if (brace)
        {
            j++;
        }
        var start = j;
        while (j < template.Length)
        {
            if (!Rune.TryGetRuneAt(template, j, out var rune) || (!Rune.IsLetter(rune) && !Rune.IsDigit(rune) && rune.Value != '_'))
            {
                break;
            }
            j += rune.Utf16SequenceLength;
        }
        if (j == start)
        {
            return false;
        }
        name = template[start..j];
        if (brace)
        {
            if (j >= template.Length || template[j] != '}')
            {
                return false;
            }
            j++;
        }
        i = j;
        return true;
    }

    // A name of ASCII digits without a leading zero is a group number.
    private static int GroupNumber(string name)
    {
        var number = 0;
        foreach (var c in name)
        {
            if (c is < '0' or > '9' || number >= 100_000_000)
            {
                return -1;
            }
            number = (number * 10) + (c - '0');
        }
        return name[0] == '0' && name.Length > 1 ? -1 : number;
    }

    private static int NextWidth(string s, int pos) =>
        pos >= s.Length ? 0 : char.IsSurrogatePair(s, pos) ? 2 : 1;

    // Runs an operation; after a timeout of the non-backtracking engine, once more with backtracking.
    private T Run<T>(Func<Regex, T> body)
    {
        try
        {
            return body(_regex);
        }
        catch (RegexMatchTimeoutException) when ((_regex.Options & RegexOptions.NonBacktracking) != 0)
        {
            _backtracking ??= new Regex(_pattern, Options, BacktrackingTimeout);
            try
            {
                return body(_backtracking);
            }
            catch (RegexMatchTimeoutException)
            {
                throw TooLong();
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw TooLong();
        }
    }

    private static FunctionException TooLong() => new("regular expression match took too long");

}
