using System.Text;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// The glob patterns of <c>.Files.Glob</c> (gobwas/glob with '/' as the separator) as regular expressions over whole
/// paths: <c>*</c> and <c>?</c> stay within one path segment, <c>**</c> crosses segments, <c>[abc]</c>, <c>[a-z]</c>
/// and their <c>[!…]</c> negations match one character (a '/' too), <c>{a,b}</c> are alternatives (an unclosed
/// <c>{</c> ends with the pattern) and a backslash escapes. Outside braces ',' and '}' are plain characters.
/// </summary>
internal static class FilesGlob
{
    // One character other than the separator, a surrogate pair counting as one.
    private const string SingleRune = "(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^/])";

    /// <summary>The pattern as a regular expression, or null when gobwas/glob would refuse it.</summary>
    public static Regex? Compile(string pattern)
    {
        var regex = new StringBuilder("\\A");
        var depth = 0;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    regex.Append("(?s:.*)");
                    i += 2;
                    continue;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append(SingleRune);
                    break;
                case '[':
                    if (!Range(pattern, ref i, regex))
                    {
                        return null;
                    }
                    continue;
                case '{':
                    depth++;
                    regex.Append("(?:");
                    break;
                case ',' when depth > 0:
                    regex.Append('|');
                    break;
                case '}' when depth > 0:
                    depth--;
                    regex.Append(')');
                    break;
                case '\\':
                    if (i + 1 < pattern.Length)
                    {
                        i++;
                        regex.Append(Regex.Escape(pattern[i].ToString()));
                    }
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
            i++;
        }
        regex.Append(')', depth).Append("\\z");
        // Without backtracking, matching takes linear time whatever the pattern.
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    // "[lo-hi]" (one range) or "[chars]", optionally negated with '!'; anything else is refused.
    private static bool Range(string pattern, ref int i, StringBuilder regex)
    {
        i++;
        var negated = i < pattern.Length && pattern[i] == '!';
        if (negated)
        {
            i++;
        }
        if (i + 2 < pattern.Length && pattern[i + 1] == '-')
        {
            var (lo, hi) = (pattern[i], pattern[i + 2]);
            if (hi < lo || i + 3 >= pattern.Length || pattern[i + 3] != ']')
            {
                return false;
            }
            regex.Append(negated ? "[^" : "[").Append(ClassChar(lo)).Append('-').Append(ClassChar(hi)).Append(']');
            i += 4;
            return true;
        }
        var chars = new StringBuilder();
        while (i < pattern.Length && pattern[i] != ']')
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                i++;
            }
            chars.Append(ClassChar(pattern[i]));
            i++;
        }
        if (i >= pattern.Length || chars.Length == 0)
        {
            return false;
        }
        regex.Append(negated ? "[^" : "[").Append(chars).Append(']');
        i++;
        return true;
    }

    private static string ClassChar(char c) => c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString();
}
