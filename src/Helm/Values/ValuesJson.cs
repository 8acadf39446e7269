using GitOpsHQ.GoYaml;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Helm.Values;

/// <summary>
/// Turns chart values read as YAML into the JSON Helm validates: scalars resolved as Helm reads
/// them, keys as strings, merge keys (<c>&lt;&lt;</c>) applied. Remembers where each value was
/// written so schema errors can point at the YAML line. Aliases are expanded within a budget,
/// so a small file cannot blow up into a huge document.
/// </summary>
public sealed class ValuesJson
{
    private const string MergeKey = "<<";

    private readonly Dictionary<string, Mark> _positions = new(StringComparer.Ordinal);
    private readonly int _maxNodes;
    private readonly int _maxDepth;
    private int _nodes;

    public ValuesJson(int maxNodes = 200_000, int maxDepth = 100)
    {
        _maxNodes = maxNodes;
        _maxDepth = maxDepth;
    }

    /// <summary>Where the value at a schema error path ("image.tag", "list[1]", "" for the top) was written.</summary>
    public IReadOnlyDictionary<string, Mark> Positions => _positions;

    /// <exception cref="ValuesJsonException">A key is not a scalar, or the values are too big or deep.</exception>
    public JToken Convert(YamlNode node) => Convert(node, "", 0);

    private JToken Convert(YamlNode node, string path, int depth)
    {
        if (++_nodes > _maxNodes)
        {
            throw new ValuesJsonException(node.Start, $"the values expand to more than {_maxNodes} nodes (check anchors and aliases)");
        }

        if (depth > _maxDepth)
        {
            throw new ValuesJsonException(node.Start, $"the values nest deeper than {_maxDepth} levels");
        }

        _positions.TryAdd(path, node.Start);
        return node switch
        {
            YamlMappingNode map => ConvertMap(map, path, depth),
            YamlSequenceNode list => new JArray(list.Children.Select((item, i) => Convert(item, $"{path}[{i}]", depth + 1))),
            YamlScalarNode scalar => Scalar(scalar),
            _ => throw new ValuesJsonException(node.Start, "unsupported YAML node"),
        };
    }

    private JObject ConvertMap(YamlMappingNode map, string path, int depth)
    {
        var result = new JObject();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is YamlScalarNode { Value: MergeKey, Style: ScalarStyle.Plain })
            {
                continue;
            }

            var key = Key(keyNode);
            result[key] = Convert(valueNode, path.Length == 0 ? key : $"{path}.{key}", depth + 1);
        }

        // Merged maps only fill in keys the map does not set itself.
        foreach (var merged in MergedMaps(map))
        {
            foreach (var (keyNode, valueNode) in merged.Children)
            {
                var key = Key(keyNode);
                if (!result.ContainsKey(key))
                {
                    result[key] = Convert(valueNode, path.Length == 0 ? key : $"{path}.{key}", depth + 1);
                }
            }
        }

        return result;
    }

    private static IEnumerable<YamlMappingNode> MergedMaps(YamlMappingNode map)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: MergeKey, Style: ScalarStyle.Plain })
            {
                continue;
            }

            var sources = valueNode switch
            {
                YamlMappingNode single => [single],
                YamlSequenceNode list => list.Children,
                _ => [valueNode],
            };
            foreach (var source in sources)
            {
                yield return source as YamlMappingNode
                    ?? throw new ValuesJsonException(source.Start, "a merge key (<<) needs a map or a list of maps");
            }
        }
    }

    private static string Key(YamlNode keyNode) => keyNode is YamlScalarNode scalar
        ? scalar.Value ?? ""
        : throw new ValuesJsonException(keyNode.Start, "map keys must be plain values, not maps or lists");

    private static JValue Scalar(YamlScalarNode scalar)
    {
        var value = YamlScalar.Resolve(scalar);
        return value.Value switch
        {
            null => JValue.CreateNull(),
            bool b => new JValue(b),
            long l => new JValue(l),
            ulong u => new JValue(u),
            double d => new JValue(d),
            string s => new JValue(s),
            var other => new JValue(other.ToString()),
        };
    }
}
