using GitOpsHQ.GoYaml;
using GitOpsHQ.Files;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;
using GitOpsHQ.Versions;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;

namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>
/// Checks Chart.yaml: present, one YAML map, the required fields, every field's type, the name
/// equal to the artifact's and the version SemVer 2.
/// </summary>
internal static class ChartYamlCheck
{
    private const string File = ChartLayout.ChartFile;

    private static readonly HashSet<string> KnownFields =
    [
        "apiVersion", "name", "version", "kubeVersion", "description", "type", "keywords", "home", "sources",
        "dependencies", "maintainers", "icon", "appVersion", "deprecated", "annotations", "condition", "tags",
    ];

    /// <summary>The Chart.yaml map, or null when there is no usable one (reported).</summary>
    public static YamlMappingNode? Run(FileSet files, string artifactName, ValidationReport report)
    {
        if (!files.Contains(File))
        {
            report.Error(File, "Chart.yaml is missing: every chart needs one at its root (apiVersion, name, version).");
            return null;
        }

        var yaml = YamlFile.Load(files, File, report);
        if (yaml is null)
        {
            return null;
        }

        if (yaml.Documents.Count > 1)
        {
            report.Error(File, yaml.Documents[1].RootNode, "Chart.yaml must hold a single YAML document.");
        }

        var root = yaml.Roots.FirstOrDefault();
        if (root is not YamlMappingNode chart)
        {
            report.Error(File, root?.Start ?? default, root is null
                ? "Chart.yaml is empty: it needs apiVersion, name and version."
                : $"Chart.yaml must be a map of chart fields, not {root.Describe()}.");
            return null;
        }

        CheckFields(chart, artifactName, report);
        return chart;
    }

    private static void CheckFields(YamlMappingNode chart, string artifactName, ValidationReport report)
    {
        var fields = new ChartFields(report, File);
        var apiVersion = fields.String(chart, "apiVersion", required: true);
        if (apiVersion is not null and not "v1" and not "v2")
        {
            report.Error(File, chart.Get("apiVersion")!, $"apiVersion must be v1 or v2 (v2 for new charts), not '{apiVersion}'.");
        }

        CheckName(chart, fields.String(chart, "name", required: true), artifactName, report);
        CheckVersion(chart, fields.String(chart, "version", required: true), report);
        foreach (var key in (string[])["description", "appVersion", "home", "icon", "condition", "tags"])
        {
            fields.String(chart, key);
        }

        if (fields.String(chart, "kubeVersion") is { } kubeVersion && VersionConstraints.TryParse(kubeVersion) is null)
        {
            report.Error(File, chart.Get("kubeVersion")!,
                $"kubeVersion '{kubeVersion}' is not a version constraint (e.g. \">=1.25.0-0\").");
        }

        fields.StringList(chart, "keywords");
        fields.StringList(chart, "sources");
        fields.Boolean(chart, "deprecated");
        fields.StringMap(chart, "annotations");
        CheckType(chart, fields.String(chart, "type"), apiVersion, report);
        ChartMaintainerCheck.Run(fields.List(chart, "maintainers"), fields, report);
        ChartDependencyCheck.Run(chart, fields.List(chart, "dependencies"), apiVersion, fields, report);
        WarnUnknownFields(chart, report);
    }

    private static void CheckName(YamlMappingNode chart, string? name, string artifactName, ValidationReport report)
    {
        if (name is not null && !string.Equals(name, artifactName, StringComparison.Ordinal))
        {
            report.Error(File, chart.Get("name")!,
                $"name '{name}' in Chart.yaml must equal the chart's name in the catalog, '{artifactName}'.");
        }
    }

    private static void CheckVersion(YamlMappingNode chart, string? version, ValidationReport report)
    {
        if (version is not null && SemanticVersion.TryParseStrict(version) is null)
        {
            report.Error(File, chart.Get("version")!, $"version '{version}' is not SemVer 2; chart versions look like 1.2.0.");
        }
    }

    private static void CheckType(YamlMappingNode chart, string? type, string? apiVersion, ValidationReport report)
    {
        if (type is null)
        {
            return;
        }

        if (type is not "application" and not "library")
        {
            report.Error(File, chart.Get("type")!, $"type must be application or library, not '{type}'.");
        }
        else if (apiVersion == "v1")
        {
            report.Error(File, chart.Get("type")!, "type needs apiVersion v2.");
        }
    }

    private static void WarnUnknownFields(YamlMappingNode chart, ValidationReport report)
    {
        foreach (var key in chart.Children.Keys)
        {
            if (key.ScalarText() is not { } name || !KnownFields.Contains(name))
            {
                report.Warning(File, key, $"Unknown field '{key.ScalarText() ?? key.Describe()}' in Chart.yaml; Helm ignores it.");
            }
        }
    }
}
