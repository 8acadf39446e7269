using GitOpsHQ.Versions;
using GitOpsHQ.GoYaml;
using System.Text.RegularExpressions;
using GitOpsHQ.Plugins.Sdk.Validation;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>
/// Checks dependencies in Chart.yaml: a list of maps, each with a name and a version range,
/// optional repository, condition, tags, alias and import-values; no two with the same name.
/// </summary>
internal static partial class ChartDependencyCheck
{
    private const string File = ChartLayout.ChartFile;

    public static void Run(YamlMappingNode chart, YamlSequenceNode? dependencies, string? apiVersion, ChartFields fields, ValidationReport report)
    {
        if (dependencies is null)
        {
            return;
        }

        if (apiVersion == "v1")
        {
            report.Error(File, chart.KeyOf("dependencies")!,
                "dependencies in Chart.yaml need apiVersion v2 (v1 charts list them in requirements.yaml).");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < dependencies.Children.Count; i++)
        {
            if (dependencies.Children[i] is not YamlMappingNode dependency)
            {
                report.Error(File, dependencies.Children[i],
                    $"dependencies[{i}] must be a map with name, version and repository, not {dependencies.Children[i].Describe()}.");
                continue;
            }

            var effectiveName = Check(dependency, $"dependencies[{i}].", fields, report);
            if (effectiveName is null)
            {
                continue;
            }

            if (!seen.TryAdd(effectiveName, i))
            {
                report.Error(File, dependency,
                    $"dependencies[{i}] is named '{effectiveName}' like dependencies[{seen[effectiveName]}]; give one an alias.");
            }
        }
    }

    /// <summary>Checks one dependency; returns the name it is known by (its alias or name).</summary>
    private static string? Check(YamlMappingNode dependency, string where, ChartFields fields, ValidationReport report)
    {
        var name = fields.String(dependency, "name", where, required: true);
        if (fields.String(dependency, "version", where, required: true) is { } version && VersionConstraints.TryParse(version) is null)
        {
            report.Error(File, dependency.Get("version")!,
                $"{where}version '{version}' is not a version or version range (e.g. 1.2.3, ~1.2, \">=1.0.0 <2.0.0\").");
        }

        fields.String(dependency, "repository", where);
        fields.String(dependency, "condition", where);
        fields.StringList(dependency, "tags", where);
        fields.Boolean(dependency, "enabled", where);
        var alias = fields.String(dependency, "alias", where);
        if (alias is not null && !AliasName().IsMatch(alias))
        {
            report.Error(File, dependency.Get("alias")!,
                $"{where}alias '{alias}' may only contain letters, digits, '-' and '_'.");
        }

        CheckImportValues(fields.List(dependency, "import-values", where), where, report);
        return alias ?? name;
    }

    private static void CheckImportValues(YamlSequenceNode? imports, string where, ValidationReport report)
    {
        if (imports is null)
        {
            return;
        }

        for (var i = 0; i < imports.Children.Count; i++)
        {
            var item = imports.Children[i];
            var ok = item switch
            {
                YamlScalarNode => item.AsString() is not null,
                YamlMappingNode map => map.Get("child").AsString() is not null && map.Get("parent").AsString() is not null,
                _ => false,
            };
            if (!ok)
            {
                report.Error(File, item,
                    $"{where}import-values[{i}] must be a string or a map with child and parent strings.");
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasName();
}
