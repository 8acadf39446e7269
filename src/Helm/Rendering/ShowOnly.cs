using System.Text;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// <c>helm template --show-only</c>: of the printed manifests, those whose source template (the path after the chart's
/// name in "# Source: chart/templates/a.yaml") matches one of the patterns, pattern by pattern, each printed as
/// "---\n" + the manifest + "\n". A pattern is a path or a glob as Go's filepath.Match reads it (<c>*</c> and <c>?</c>
/// within one segment, <c>[a-z]</c>, <c>[^a-z]</c>); one that matches nothing fails the render as Helm does.
/// </summary>
internal static partial class ShowOnly
{
    public static string Filter(string output, IReadOnlyList<string> patterns)
    {
        var manifests = ManifestOutput.Split(output).ToList();
        var text = new StringBuilder();
        foreach (var pattern in patterns)
        {
            var glob = Glob(pattern.Replace('\\', '/'));
            var found = false;
            foreach (var manifest in manifests)
            {
                if (SourceLine().Match(manifest) is { Success: true } source && glob?.IsMatch(source.Groups[1].Value) == true)
                {
                    text.Append("---\n").Append(manifest).Append('\n');
                    found = true;
                }
            }

            if (!found)
            {
                throw new RenderException($"could not find template {pattern} in chart");
            }
        }

        return text.ToString();
    }

    // filepath.Match as a regular expression; null for a malformed pattern, which matches nothing.
    private static Regex? Glob(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '\\':
                    if (++i >= pattern.Length)
                    {
                        return null;
                    }

                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0 || close == i + 1 || (pattern[i + 1] == '^' && close == i + 2))
                    {
                        return null;
                    }

                    var body = pattern[(i + 1)..close];
                    var negated = body.StartsWith('^');
                    regex.Append(negated ? "[^/" : "[")
                        .Append(Regex.Escape(negated ? body[1..] : body).Replace("\\-", "-", StringComparison.Ordinal))
                        .Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
    }

    [GeneratedRegex("# Source: [^/\n]+/(.+)", RegexOptions.CultureInvariant)]
    private static partial Regex SourceLine();
}
