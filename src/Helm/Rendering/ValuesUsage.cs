using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Which keys of a user's values a chart tree reads: a key is read when the chart (or the subchart its first segment
/// names) declares it in its default values or its values.schema.json, or a template refers to it (<c>.Values.a.b</c>);
/// a key inside a map that is read as a whole (<c>toYaml .Values.resources</c>) and a map whose keys are read count as
/// read, and so does everything under <c>global</c>. A template that uses <c>.Values</c> itself reads every key.
/// </summary>
public static partial class ValuesUsage
{
    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?![A-Za-z0-9_])")]
    private static partial Regex ValuesReference();

    /// <summary>The dotted paths of <paramref name="userValues"/>' leaves that nothing in the chart reads, in order.</summary>
    public static IReadOnlyList<string> UnreadKeys(LoadedChart chart, IReadOnlyDictionary<string, object?> userValues)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "global" };
        if (!Collect(chart, "", known)) return [];
        var unread = new List<string>();
        foreach (var path in Leaves(userValues, ""))
        {
            if (!IsRead(path, known)) unread.Add(path);
        }
        return unread;
    }

    private static bool IsRead(string path, HashSet<string> known)
    {
        if (known.Contains(path)) return true;
        // A prefix that is known (a map read as a whole), or a known key below this one (a map whose keys are read).
        for (var dot = path.LastIndexOf('.'); dot > 0; dot = path.LastIndexOf('.', dot - 1))
        {
            if (known.Contains(path[..dot])) return true;
        }
        var below = path + ".";
        return known.Any(k => k.StartsWith(below, StringComparison.Ordinal));
    }

    /// <summary>Adds the chart's keys under <paramref name="prefix"/>; false when a template reads all values.</summary>
    private static bool Collect(LoadedChart chart, string prefix, HashSet<string> known)
    {
        foreach (var path in Leaves(chart.Values, prefix)) known.Add(path);
        if (chart.Schema is { } schema) SchemaKeys(schema, prefix, known);
        foreach (var text in chart.Templates.Values)
        {
            foreach (Match match in ValuesReference().Matches(text))
            {
                var path = match.Groups[1].Value.TrimStart('.');
                if (path.Length == 0)
                {
                    // `.Values` itself ($.Values in a range, toYaml .Values): every key may be read.
                    var after = match.Index + match.Length;
                    if (after < text.Length && text[after] == '.') continue;
                    return false;
                }
                known.Add(prefix + path);
                // A library chart's templates run with the including chart's values.
                if (chart.IsLibrary && chart.Parent is { } parent) known.Add(ParentPrefix(prefix, chart) + path);
            }
        }
        foreach (var sub in chart.Dependencies)
        {
            if (!Collect(sub, prefix + sub.Name + ".", known)) return false;
        }
        return true;
    }

    private static string ParentPrefix(string prefix, LoadedChart chart) =>
        prefix.EndsWith(chart.Name + ".", StringComparison.Ordinal) ? prefix[..^(chart.Name.Length + 1)] : prefix;

    private static void SchemaKeys(string schemaJson, string prefix, HashSet<string> known)
    {
        JToken root;
        try
        {
            root = JToken.Parse(schemaJson);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return;
        }
        Walk(root, prefix.TrimEnd('.'), known, 0);
    }

    private static void Walk(JToken node, string path, HashSet<string> known, int depth)
    {
        if (depth > 64 || node is not JObject schema) return;
        if (schema["properties"] is JObject properties)
        {
            foreach (var property in properties.Properties())
            {
                var child = path.Length == 0 ? property.Name : path + "." + property.Name;
                known.Add(child);
                Walk(property.Value, child, known, depth + 1);
            }
        }
        // A map of any keys (additionalProperties, patternProperties) reads whatever is under it.
        if (path.Length > 0 && (schema["additionalProperties"] is JObject || schema["patternProperties"] is JObject)) known.Add(path);
        foreach (var combination in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (schema[combination] is JArray options)
            {
                foreach (var option in options) Walk(option, path, known, depth + 1);
            }
        }
    }

    private static IEnumerable<string> Leaves(IReadOnlyDictionary<string, object?> map, string prefix)
    {
        foreach (var (key, value) in map)
        {
            var path = prefix + key;
            if (value is IReadOnlyDictionary<string, object?> { Count: > 0 } inner)
            {
                foreach (var leaf in Leaves(inner, path + ".")) yield return leaf;
            }
            else
            {
                yield return path;
            }
        }
    }
}
