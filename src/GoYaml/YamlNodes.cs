using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.GoYaml;

/// <summary>Reading fields out of loaded YAML by key, with the positions messages point at.</summary>
public static class YamlNodes
{
    /// <summary>True for a scalar that resolves to null (empty, <c>~</c>, <c>null</c>).</summary>
    public static bool IsNull(this YamlNode node) =>
        node is YamlScalarNode scalar && YamlScalar.Resolve(scalar).Kind == ScalarKind.Null;

    /// <summary>The value under a scalar key, or null when the key is absent.</summary>
    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.KeyOf(key) is { } keyNode ? map.Children[keyNode] : null;

    /// <summary>The key node itself, for the line where a field is written.</summary>
    public static YamlScalarNode? KeyOf(this YamlMappingNode map, string key)
    {
        foreach (var candidate in map.Children.Keys)
        {
            if (candidate is YamlScalarNode scalar && string.Equals(scalar.Value, key, StringComparison.Ordinal))
            {
                return scalar;
            }
        }

        return null;
    }

    /// <summary>The 1-based line of a key in a mapping; the mapping's own line when the key is absent.</summary>
    public static int LineOf(this YamlMappingNode map, string key) =>
        (int)(map.KeyOf(key)?.Start.Line ?? map.Start.Line);

    /// <summary>The text of a scalar that resolves to a string, else null.</summary>
    public static string? AsString(this YamlNode? node) =>
        node is YamlScalarNode scalar && YamlScalar.Resolve(scalar).Kind == ScalarKind.String ? scalar.Value : null;

    /// <summary>The text of any scalar (whatever it resolves to), else null.</summary>
    public static string? ScalarText(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>How a node reads in messages: "a map", "a list", "a string", "an integer"...</summary>
    public static string Describe(this YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => YamlScalar.Resolve(scalar).Describe(),
        _ => "an alias",
    };
}
