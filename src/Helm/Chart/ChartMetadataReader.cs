using System.Globalization;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.GoYaml;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Helm.Chart;

/// <summary>Reads the fields of a Chart.yaml map into <see cref="ChartMetadata"/>.</summary>
public static class ChartMetadataReader
{
    public static ChartMetadata Read(YamlMappingNode chart) => new()
    {
        Name = Text(chart.Get("name")),
        Home = Text(chart.Get("home")),
        Sources = Strings(chart.Get("sources")),
        Version = Text(chart.Get("version")),
        Description = Text(chart.Get("description")),
        Keywords = Strings(chart.Get("keywords")),
        Maintainers = Maps(chart.Get("maintainers")).Select(Maintainer).ToList(),
        Icon = Text(chart.Get("icon")),
        ApiVersion = Text(chart.Get("apiVersion")),
        Condition = Text(chart.Get("condition")),
        Tags = Text(chart.Get("tags")),
        AppVersion = Text(chart.Get("appVersion")),
        Deprecated = Flag(chart.Get("deprecated")),
        Annotations = Annotations(chart.Get("annotations")),
        KubeVersion = Text(chart.Get("kubeVersion")),
        Dependencies = Maps(chart.Get("dependencies")).Select(Dependency).ToList(),
        Type = Text(chart.Get("type")),
    };

    private static ChartMaintainer Maintainer(YamlMappingNode map) =>
        new(Text(map.Get("name")), Text(map.Get("email")), Text(map.Get("url")));

    private static ChartDependency Dependency(YamlMappingNode map) => new(
        Text(map.Get("name")),
        Text(map.Get("version")),
        Text(map.Get("repository")),
        Text(map.Get("condition")),
        Strings(map.Get("tags")),
        Flag(map.Get("enabled")),
        ImportValues(map.Get("import-values")),
        Text(map.Get("alias")));

    /// <summary>
    /// A string field as Helm fills it from a scalar: Kubernetes' YAML reader resolves the scalar first (YAML 1.1) and
    /// writes what is not a string back as Go formats it, so <c>appVersion: 1.10</c> is "1.1", <c>010</c> is "8",
    /// <c>yes</c> is "true" and <c>1234567.0</c> is "1.234567e+06" (a float32's shortest digits). "" for null and for
    /// anything that is not a scalar.
    /// </summary>
    private static string Text(YamlNode? node)
    {
        if (node is not YamlScalarNode scalar)
        {
            return "";
        }

        var value = YamlScalar.Resolve(scalar);
        return value.Kind switch
        {
            ScalarKind.Null => "",
            ScalarKind.Boolean => value.Value is true ? "true" : "false",
            ScalarKind.Integer => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "",
            ScalarKind.Float => GoFloat.G32((double)value.Value!),
            _ => scalar.Value ?? "",
        };
    }

    private static bool Flag(YamlNode? node) =>
        node is YamlScalarNode scalar && YamlScalar.Resolve(scalar).Value is true;

    private static IReadOnlyList<string> Strings(YamlNode? node) =>
        node is YamlSequenceNode list ? list.Children.Select(Text).Where(text => text.Length > 0).ToList() : [];

    private static IEnumerable<YamlMappingNode> Maps(YamlNode? node) =>
        node is YamlSequenceNode list ? list.Children.OfType<YamlMappingNode>() : [];

    private static IReadOnlyDictionary<string, string> Annotations(YamlNode? node) =>
        node is YamlMappingNode map
            ? map.Children
                .Where(pair => pair.Key is YamlScalarNode)
                .GroupBy(pair => Text(pair.Key), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => Text(group.First().Value), StringComparer.Ordinal)
            : new Dictionary<string, string>();

    private static IReadOnlyList<JToken> ImportValues(YamlNode? node)
    {
        if (node is not YamlSequenceNode list)
        {
            return [];
        }

        try
        {
            return list.Children.Select(item => new ValuesJson(maxNodes: 10_000).Convert(item)).ToList();
        }
        catch (ValuesJsonException)
        {
            return [];
        }
    }
}
