using System.Text.RegularExpressions;

namespace GitOpsHQ.Helm.Ignore;

/// <summary>
/// One line of a .helmignore. A pattern containing '/' (other than a trailing one) is matched
/// against the whole path from the chart root; one without is matched against the last
/// segment, at any depth. A trailing '/' restricts it to directories, a leading '!' re-includes.
/// </summary>
internal sealed class IgnoreRule
{
    private readonly Regex _regex;
    private readonly bool _wholePath;

    private IgnoreRule(string source, Regex regex, bool wholePath, bool negated, bool directoriesOnly)
    {
        Source = source;
        _regex = regex;
        _wholePath = wholePath;
        Negated = negated;
        DirectoriesOnly = directoriesOnly;
    }

    public string Source { get; }

    public bool Negated { get; }

    public bool DirectoriesOnly { get; }

    /// <summary>The rule of one line, or null for a blank line or a comment.</summary>
    public static IgnoreRule? Parse(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return null;
        }

        var negated = text.StartsWith('!');
        var pattern = negated ? text[1..] : text;
        var directoriesOnly = pattern.EndsWith('/');
        pattern = pattern.TrimEnd('/');
        var anchored = pattern.StartsWith('/');
        pattern = pattern.TrimStart('/');
        if (pattern.Length == 0)
        {
            return null;
        }

        var wholePath = anchored || pattern.Contains('/');
        return new IgnoreRule(text, IgnoreGlob.ToRegex(pattern), wholePath, negated, directoriesOnly);
    }

    public bool Matches(string path, bool isDirectory)
    {
        if (DirectoriesOnly && !isDirectory)
        {
            return false;
        }

        var subject = _wholePath ? path : path[(path.LastIndexOf('/') + 1)..];
        try
        {
            return _regex.IsMatch(subject);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
