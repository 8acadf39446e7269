using System.Text.RegularExpressions;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// A Kubernetes label selector over a map of strings: comma-separated requirements "key",
/// "!key", "key=value", "key==value", "key!=value", "key in (a,b)" and "key notin (a,b)", all of which must hold.
/// </summary>
internal sealed partial class LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements)
{
    public bool Matches(IReadOnlyDictionary<string, string> values) => requirements.All(requirement => requirement(values));

    public static LabelSelector Parse(string text) => new(SplitTopLevel(text).Select(part => Requirement(part.Trim())).ToList());

    private static Func<IReadOnlyDictionary<string, string>, bool> Requirement(string text)
    {
        if (SetRequirement().Match(text) is { Success: true } set)
        {
            var key = set.Groups["key"].Value;
            var members = set.Groups["values"].Value.Split(',').Select(v => Value(key, v.Trim())).ToHashSet(StringComparer.Ordinal);
            return set.Groups["op"].Value == "in"
                ? values => values.TryGetValue(key, out var v) && members.Contains(v)
                : values => !values.TryGetValue(key, out var v) || !members.Contains(v);
        }

        if (text.Contains('>', StringComparison.Ordinal) || text.Contains('<', StringComparison.Ordinal))
        {
            throw KustomizeBuildException.NotSupported("selectors with '>' or '<'");
        }

        if (text.IndexOf("!=", StringComparison.Ordinal) is var notEqual and > 0)
        {
            var (key, value) = (text[..notEqual].Trim(), text[(notEqual + 2)..].Trim());
            Value(key, value);
            return values => !values.TryGetValue(key, out var v) || v != value;
        }

        if (text.IndexOf('=', StringComparison.Ordinal) is var equal and > 0)
        {
            var key = text[..equal].Trim();
            var value = Value(key, text[(equal + (text[equal..].StartsWith("==", StringComparison.Ordinal) ? 2 : 1))..].Trim());
            return values => values.TryGetValue(key, out var v) && v == value;
        }

        if (text.StartsWith('!'))
        {
            var key = text[1..].Trim();
            return values => !values.ContainsKey(key);
        }

        return values => values.ContainsKey(text);
    }

    private static string Value(string key, string value) =>
        value.Length == 0 || (value.Length <= 63 && ValidValue().IsMatch(value)) ? value
            : throw new KustomizeBuildException($"unable to parse requirement: invalid label value: \"{value}\": at key: \"{key}\"");

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (text[start..].Trim().Length > 0)
        {
            yield return text[start..];
        }
    }

    [GeneratedRegex(@"^(?<key>\S+)\s+(?<op>in|notin)\s*\((?<values>[^)]*)\)$")]
    private static partial Regex SetRequirement();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex ValidValue();
}
