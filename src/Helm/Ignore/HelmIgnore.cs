using GitOpsHQ.Files;

namespace GitOpsHQ.Helm.Ignore;

/// <summary>
/// Which files of a chart stay out of its package, from the chart's .helmignore. Rules are read
/// top to bottom and the last one that matches a path decides; a file inside an ignored
/// directory stays ignored whatever later rules say. Hidden files directly in templates/ are
/// always ignored, as Helm does. The .helmignore file itself is packaged unless it lists itself.
/// </summary>
public sealed class HelmIgnore
{
    public const string FileName = ".helmignore";

    private const string HiddenTemplates = "templates/.?*";

    private readonly IReadOnlyList<IgnoreRule> _rules;

    private HelmIgnore(IReadOnlyList<IgnoreRule> rules) => _rules = rules;

    /// <summary>The rules of a .helmignore text (plus Helm's default).</summary>
    public static HelmIgnore Parse(string text)
    {
        var rules = new List<IgnoreRule> { IgnoreRule.Parse(HiddenTemplates)! };
        foreach (var line in text.Split('\n'))
        {
            if (IgnoreRule.Parse(line) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return new HelmIgnore(rules);
    }

    /// <summary>The rules of the chart's .helmignore, or only Helm's default when there is none.</summary>
    public static HelmIgnore For(FileSet files) =>
        Parse(files.Contains(FileName) ? files.Text(FileName) ?? "" : "");

    /// <summary>True when the file at <paramref name="path"/> is left out of the package.</summary>
    public bool Excludes(string path)
    {
        var segments = path.Split('/');
        for (var depth = 1; depth < segments.Length; depth++)
        {
            if (Ignored(string.Join('/', segments[..depth]), isDirectory: true))
            {
                return true;
            }
        }

        return Ignored(path, isDirectory: false);
    }

    private bool Ignored(string path, bool isDirectory)
    {
        var ignored = false;
        foreach (var rule in _rules)
        {
            if (rule.Matches(path, isDirectory))
            {
                ignored = !rule.Negated;
            }
        }

        return ignored;
    }
}
