using GitOpsHQ.GoYaml;
using GitOpsHQ.Plugins.Sdk.Validation;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>
/// Type checks for fields of Chart.yaml. Each returns the value when it has the right type and
/// reports it otherwise; <c>where</c> prefixes the field in messages ("dependencies[0].").
/// </summary>
internal sealed class ChartFields(ValidationReport report, string file)
{
    public string? String(YamlMappingNode map, string key, string where = "", bool required = false)
    {
        var node = Present(map, key, where, required);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar when YamlScalar.Resolve(scalar).Kind == ScalarKind.String:
                return scalar.Value ?? "";
            case YamlScalarNode scalar:
                report.Error(file, node,
                    $"{where}{key} must be a string, not {node.Describe()}; quote it: {key}: \"{scalar.Value}\"");
                return null;
            default:
                report.Error(file, node, $"{where}{key} must be a string, not {node.Describe()}.");
                return null;
        }
    }

    public bool? Boolean(YamlMappingNode map, string key, string where = "")
    {
        var node = Present(map, key, where, required: false);
        if (node is YamlScalarNode scalar && YamlScalar.Resolve(scalar).Value is bool value)
        {
            return value;
        }

        if (node is not null)
        {
            report.Error(file, node, $"{where}{key} must be true or false, not {node.Describe()}.");
        }

        return null;
    }

    public YamlSequenceNode? List(YamlMappingNode map, string key, string where = "")
    {
        var node = Present(map, key, where, required: false);
        if (node is not null and not YamlSequenceNode)
        {
            report.Error(file, node, $"{where}{key} must be a list, not {node.Describe()}.");
        }

        return node as YamlSequenceNode;
    }

    public void StringList(YamlMappingNode map, string key, string where = "")
    {
        if (List(map, key, where) is not { } list)
        {
            return;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            if (list.Children[i].AsString() is null)
            {
                report.Error(file, list.Children[i], $"{where}{key}[{i}] must be a string, not {list.Children[i].Describe()}.");
            }
        }
    }

    public void StringMap(YamlMappingNode map, string key, string where = "")
    {
        var node = Present(map, key, where, required: false);
        if (node is null)
        {
            return;
        }

        if (node is not YamlMappingNode values)
        {
            report.Error(file, node, $"{where}{key} must be a map of strings, not {node.Describe()}.");
            return;
        }

        foreach (var (name, value) in values.Children)
        {
            if (value.AsString() is null)
            {
                var label = name.ScalarText() ?? "?";
                var hint = value is YamlScalarNode scalar ? $"; quote it: \"{scalar.Value}\"" : "";
                report.Error(file, value, $"{where}{key}.{label} must be a string, not {value.Describe()}{hint}.");
            }
        }
    }

    /// <summary>The node under <paramref name="key"/>, or null (reported when required) when absent or null.</summary>
    private YamlNode? Present(YamlMappingNode map, string key, string where, bool required)
    {
        var node = map.Get(key);
        if (node is null || node.IsNull())
        {
            if (required)
            {
                report.Error(file, (YamlNode?)map.KeyOf(key) ?? map, $"{where}{key} is required.");
            }

            return null;
        }

        return node;
    }
}
