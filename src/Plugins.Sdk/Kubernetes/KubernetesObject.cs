using GitOpsHQ.GoYaml;
using GitOpsHQ.Plugins.Sdk.Validation;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Sdk.Kubernetes;

/// <summary>
/// Checks that a YAML document is a Kubernetes object: a map with string apiVersion and kind,
/// and metadata.name. A list kind (kind ending in "List" with items) holds objects instead.
/// </summary>
public static class KubernetesObject
{
    /// <summary>
    /// The identities of the objects in <paramref name="document"/> (several for a list kind);
    /// problems are reported against <paramref name="file"/>.
    /// </summary>
    public static IReadOnlyList<(ObjectIdentity Identity, YamlNode Node)> Read(
        YamlNode document, string file, ValidationReport report, bool allowLists = true)
    {
        var found = new List<(ObjectIdentity, YamlNode)>();
        Read(document, file, report, allowLists, "", found);
        return found;
    }

    private static void Read(YamlNode node, string file, ValidationReport report, bool allowLists, string where, List<(ObjectIdentity, YamlNode)> found)
    {
        if (node is not YamlMappingNode map)
        {
            report.Error(file, node, $"{where}must be a Kubernetes object (a map with apiVersion, kind and metadata), not {node.Describe()}.");
            return;
        }

        var apiVersion = Field(map, "apiVersion", file, report, where);
        var kind = Field(map, "kind", file, report, where);
        if (allowLists && kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && map.Get("items") is YamlSequenceNode items)
        {
            for (var i = 0; i < items.Children.Count; i++)
            {
                Read(items.Children[i], file, report, allowLists: false, $"{where}items[{i}] ", found);
            }

            return;
        }

        var metadata = map.Get("metadata");
        string? name = null;
        string? ns = null;
        if (metadata is YamlMappingNode meta)
        {
            name = Field(meta, "name", file, report, $"{where}metadata.");
            ns = meta.Get("namespace").AsString();
        }
        else
        {
            report.Error(file, (YamlNode?)metadata ?? map, $"{where}metadata with a name is required.");
        }

        if (apiVersion is not null && kind is not null && name is not null)
        {
            found.Add((new ObjectIdentity(ObjectIdentity.GroupOf(apiVersion), kind, ns ?? "", name), map));
        }
    }

    private static string? Field(YamlMappingNode map, string key, string file, ValidationReport report, string where)
    {
        var node = map.Get(key);
        if (node is null || node.IsNull())
        {
            report.Error(file, (YamlNode?)map.KeyOf(key) ?? map, $"{where}{key} is required.");
            return null;
        }

        switch (node.AsString())
        {
            case { Length: > 0 } text:
                return text;
            case "":
                report.Error(file, node, $"{where}{key} must not be empty.");
                return null;
        }

        report.Error(file, node, $"{where}{key} must be a string, not {node.Describe()}.");
        return null;
    }
}
