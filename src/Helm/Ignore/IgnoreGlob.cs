using System.Text;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Helm.Ignore;

/// <summary>
/// A shell glob of a .helmignore line as a regular expression over '/' separated paths:
/// <c>*</c> and <c>?</c> stay within one segment, <c>[a-c]</c> and <c>[!a-c]</c> are character
/// classes, and <c>**</c> spans any number of whole segments.
/// </summary>
internal static class IgnoreGlob
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                i = AppendDoubleStar(glob, i, pattern);
                continue;
            }

            switch (c)
            {
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append("[^/]");
                    break;
                case '[':
                    i = AppendClass(glob, i, pattern);
                    continue;
                case '\\' when i + 1 < glob.Length:
                    i++;
                    pattern.Append(Regex.Escape(glob[i].ToString()));
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }

            i++;
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant, MatchTimeout);
    }

    // "**/" matches zero or more leading segments, "/**" everything below, any other "**" anything.
    private static int AppendDoubleStar(string glob, int i, StringBuilder pattern)
    {
        var end = i + 2;
        var atSegmentStart = i == 0 || glob[i - 1] == '/';
        if (atSegmentStart && end < glob.Length && glob[end] == '/')
        {
            pattern.Append("(?:.*/)?");
            return end + 1;
        }

        pattern.Append(".*");
        return end;
    }

    private static int AppendClass(string glob, int start, StringBuilder pattern)
    {
        var close = glob.IndexOf(']', start + 2);
        if (close < 0)
        {
            pattern.Append(Regex.Escape("["));
            return start + 1;
        }

        var body = glob[(start + 1)..close];
        var negated = body[0] is '!' or '^';
        if (negated)
        {
            body = body[1..];
        }

        var members = new StringBuilder();
        foreach (var c in body)
        {
            members.Append(c == '-' ? "-" : Regex.Escape(c.ToString()).Replace("]", "\\]", StringComparison.Ordinal));
        }

        pattern.Append(negated ? "[^/" : "[").Append(members).Append(']');
        return close + 1;
    }
}
