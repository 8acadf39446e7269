using GitOpsHQ.GoYaml;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Versions;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>
/// When a version is being published: it must be SemVer 2 and be exactly the version written in
/// Chart.yaml, since Helm names and resolves the chart by that field.
/// </summary>
internal static class PublishVersionCheck
{
    public static void Run(string publishedVersion, YamlMappingNode? chart, ValidationReport report)
    {
        if (publishedVersion.Length == 0)
        {
            return;
        }

        if (SemanticVersion.TryParseStrict(publishedVersion) is null)
        {
            report.Error("", $"'{publishedVersion}' cannot be published: chart versions must be SemVer 2 (e.g. 1.2.0).");
            return;
        }

        var versionNode = chart?.Get("version");
        var chartVersion = versionNode.ScalarText();
        if (versionNode is not null && chartVersion is not null
            && !string.Equals(chartVersion, publishedVersion, StringComparison.Ordinal))
        {
            report.Error(ChartLayout.ChartFile, versionNode,
                $"Chart.yaml has version {chartVersion} but {publishedVersion} is being published; " +
                $"set version: {publishedVersion} in Chart.yaml or publish {chartVersion}.");
        }
    }
}
