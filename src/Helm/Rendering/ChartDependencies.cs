using GitOpsHQ.Helm.Chart;
using Newtonsoft.Json.Linq;
using GitOpsHQ.Versions;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Applies Chart.yaml's <c>dependencies</c> to a loaded chart tree as Helm does before rendering: every declared
/// dependency must be present in charts/; a subchart matching a declared name and version range is replaced by
/// one copy per declaration (named by its <c>alias</c> when given); <c>tags</c> and then <c>condition</c> (the
/// first path that resolves to a boolean wins) switch subcharts off; then, from the deepest chart up,
/// <c>import-values</c> copy values from a subchart into its parent, under the parent's own values.
/// </summary>
internal static class ChartDependencies
{
    public static void Process(LoadedChart chart, Dictionary<string, object?> userValues)
    {
        var missing = chart.Metadata.Dependencies
            .Where(d => chart.Dependencies.All(c => c.Name != d.Name))
            .Select(d => d.Name)
            .ToList();
        if (missing.Count > 0)
        {
            throw new RenderException($"found in Chart.yaml, but missing in charts/ directory: {string.Join(", ", missing)}");
        }
        Enable(chart, userValues, "");
        ImportValues(chart);
    }

    private static void Enable(LoadedChart chart, Dictionary<string, object?> values, string path)
    {
        if (chart.Metadata.Dependencies.Count == 0)
        {
            return;
        }
        var declared = chart.Metadata.Dependencies;
        var kept = chart.Dependencies
            .Where(sub => !declared.Any(d => d.Name == sub.Name && VersionConstraints.Satisfies(d.Version, sub.Metadata.Version)))
            .ToList();
        foreach (var dependency in declared)
        {
            if (chart.Dependencies.FirstOrDefault(sub => sub.Name == dependency.Name && VersionConstraints.Satisfies(dependency.Version, sub.Metadata.Version)) is { } match)
            {
                kept.Add(match.CopyAs(dependency.Alias));
            }
        }
        declared = declared.Select(d => (d.Alias.Length > 0 ? d with { Name = d.Alias } : d) with { Enabled = true }).ToList();
        chart.SetDependencies(kept);

        var coalesced = ValuesCoalescing.Coalesce(chart, values);
        var enabled = declared.Select(_ => true).ToArray();
        if (Table(coalesced, "tags") is { } tags)
        {
            for (var i = 0; i < declared.Count; i++)
            {
                var states = declared[i].Tags.Select(t => tags.GetValueOrDefault(t)).OfType<bool>().ToList();
                enabled[i] = !(states.Contains(false) && !states.Contains(true));
            }
        }
        for (var i = 0; i < declared.Count; i++)
        {
            foreach (var condition in declared[i].Condition.Trim().Split(','))
            {
                if (condition.Length > 0 && PathValue(coalesced, path + condition) is bool state)
                {
                    enabled[i] = state;
                    break;
                }
            }
        }
        var disabled = declared.Where((_, i) => !enabled[i]).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var subcharts = chart.Dependencies.Where(sub => !disabled.Contains(sub.Name)).ToList();
        foreach (var sub in subcharts)
        {
            Enable(sub, coalesced, path + sub.Name + ".");
        }
        chart.SetDeclaredDependencies(declared.Where(d => !disabled.Contains(d.Name)).ToList());
        chart.SetDependencies(subcharts);
    }

    private static void ImportValues(LoadedChart chart)
    {
        foreach (var sub in chart.Dependencies)
        {
            ImportValues(sub);
        }
        if (chart.Metadata.Dependencies.Count == 0)
        {
            return;
        }
        // The imported maps are not copied: like Helm, a later import merging into an earlier one also changes the
        // subchart's values it came from.
        var merged = ValuesCoalescing.Coalesce(chart, [], merge: true);
        var imported = new Dictionary<string, object?>(StringComparer.Ordinal);
        var declared = new List<ChartDependency>();
        foreach (var dependency in chart.Metadata.Dependencies)
        {
            // Like Helm, each entry is rewritten to its child/parent form (a name becomes exports.NAME into ".").
            var entries = new List<JToken>();
            foreach (var entry in dependency.ImportValues)
            {
                switch (entry)
                {
                    case JObject map:
                        var child = GoText(map["child"]);
                        var parent = GoText(map["parent"]);
                        entries.Add(new JObject { ["child"] = child, ["parent"] = parent });
                        if (Table(merged, dependency.Name + "." + child) is { } table)
                        {
                            ValuesCoalescing.CoalesceTables(imported, Nest(parent, table), merge: true);
                        }
                        break;
                    case JValue { Type: JTokenType.String } name:
                        entries.Add(new JObject { ["child"] = "exports." + (string)name!, ["parent"] = "." });
                        if (Table(merged, dependency.Name + ".exports." + (string)name!) is { } exported)
                        {
                            ValuesCoalescing.CoalesceTables(imported, exported, merge: true);
                        }
                        break;
                }
            }
            declared.Add(dependency with { ImportValues = entries });
        }
        chart.SetDeclaredDependencies(declared);
        chart.Values = ValuesCoalescing.CoalesceTables(ValuesCoalescing.Copy(merged), imported, merge: true);
    }

    // Go's %v of a scalar from Chart.yaml; a missing key prints as <nil>.
    private static string GoText(JToken? token) => token switch
    {
        null or { Type: JTokenType.Null } => "<nil>",
        JValue { Type: JTokenType.Boolean } b => (bool)b! ? "true" : "false",
        JValue value => Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        _ => token.ToString(),
    };

    private static Dictionary<string, object?> Nest(string path, Dictionary<string, object?> data)
    {
        if (path == ".")
        {
            return data;
        }
        var current = data;
        foreach (var part in path.Split('.').Reverse())
        {
            current = new Dictionary<string, object?>(StringComparer.Ordinal) { [part] = current };
        }
        return current;
    }

    /// <summary>The map at a dotted path, or null when some step is missing or not a map.</summary>
    private static Dictionary<string, object?>? Table(Dictionary<string, object?> values, string path)
    {
        var current = values;
        foreach (var part in path.Split('.'))
        {
            if (current.GetValueOrDefault(part) is not Dictionary<string, object?> next)
            {
                return null;
            }
            current = next;
        }
        return current;
    }

    /// <summary>The non-map value at a dotted path, or null when there is none.</summary>
    private static object? PathValue(Dictionary<string, object?> values, string path)
    {
        var parts = path.Split('.');
        var table = parts.Length == 1 ? values : Table(values, string.Join('.', parts[..^1]));
        return table?.GetValueOrDefault(parts[^1]) is { } value and not Dictionary<string, object?> ? value : null;
    }
}
