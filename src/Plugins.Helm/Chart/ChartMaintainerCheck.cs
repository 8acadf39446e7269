using GitOpsHQ.GoYaml;
using GitOpsHQ.Plugins.Sdk.Validation;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>Checks maintainers in Chart.yaml: a list of maps with a name, and optional email and url.</summary>
internal static class ChartMaintainerCheck
{
    public static void Run(YamlSequenceNode? maintainers, ChartFields fields, ValidationReport report)
    {
        if (maintainers is null)
        {
            return;
        }

        for (var i = 0; i < maintainers.Children.Count; i++)
        {
            var where = $"maintainers[{i}].";
            if (maintainers.Children[i] is not YamlMappingNode maintainer)
            {
                report.Error(ChartLayout.ChartFile, maintainers.Children[i],
                    $"maintainers[{i}] must be a map with name, email and url, not {maintainers.Children[i].Describe()}.");
                continue;
            }

            fields.String(maintainer, "name", where, required: true);
            fields.String(maintainer, "email", where);
            fields.String(maintainer, "url", where);
        }
    }
}
