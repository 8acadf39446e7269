using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Runs once at the end of a build, after names are final: reads each var's value from the resource
/// it names, then substitutes $(NAME) in the var reference fields of every resource.
/// </summary>
internal static partial class VarResolver
{
    public static void Resolve(ResourceMap resources, IReadOnlyList<FieldSpec> references)
    {
        if (resources.Vars.Count == 0)
        {
            return;
        }

        var values = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var v in resources.Vars)
        {
            var owner = resources.Resources.FirstOrDefault(r => r.VarNames.Contains(v.Name))
                ?? throw new KustomizeBuildException($"var '{v}' cannot be mapped to a field in the set of known resources");
            values[v.Name] = FieldPath.Lookup(owner.Content, Path(v.FieldPath))
                ?? throw new KustomizeBuildException($"field specified in var '{v}' not found in corresponding resource");
        }

        foreach (var resource in resources.Resources)
        {
            foreach (var spec in references.Where(spec => spec.Selects(resource)))
            {
                spec.Visit(resource.Content, (parent, key) => Substitute(parent, key, values));
            }
        }
    }

    private static void Substitute(MapNode parent, string key, Dictionary<string, Node> values)
    {
        switch (parent[key])
        {
            case ScalarNode { Value: string text }:
                parent.Set(key, Expand(text, values));
                break;
            case MapNode map:
                foreach (var (field, value) in map.Fields.ToList())
                {
                    if (value is ScalarNode { Value: string text })
                    {
                        map.Set(field, Expand(text, values));
                    }
                }

                break;
            case ListNode list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    list.Items[i] = list.Items[i] is ScalarNode { Value: string text }
                        ? Expand(text, values)
                        : throw new KustomizeBuildException("invalid value type expect a string");
                }

                break;
        }
    }

    private static Node Expand(string text, Dictionary<string, Node> values)
    {
        var result = VarExpansion.Expand(text, name => values.TryGetValue(name, out var value) ? Usable(name, value, text) : null);
        return result switch
        {
            string expanded => ScalarNode.Of(expanded),
            ScalarNode { Value: null } => ScalarNode.Of(""),
            Node node => node.Copy(),
            _ => ScalarNode.Of(result.ToString() ?? ""),
        };
    }

    private static Node Usable(string name, Node value, string text) => value is ScalarNode
        ? value
        : throw new KustomizeBuildException($"var '{name}' used in '{text}' refers to a map or list; only scalar values can be substituted");

    /// <summary>A var field path: '.' separated, where "ports[0]" means the field then the list index.</summary>
    private static IReadOnlyList<PathSegment> Path(string fieldPath)
    {
        var segments = new List<PathSegment>();
        foreach (var part in fieldPath.Split('.'))
        {
            if (part.EndsWith(']') && SliceIndex().Match(part) is { Success: true } match
                && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (match.Groups[1].Length > 0)
                {
                    segments.Add(new PathSegment.Field(match.Groups[1].Value));
                }

                segments.Add(new PathSegment.Index(index));
                continue;
            }

            segments.AddRange(FieldPath.Parse(part));
        }

        return segments;
    }

    [GeneratedRegex(@"^(.*)\[(\d+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex SliceIndex();
}
