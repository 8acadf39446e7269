using System.Text.RegularExpressions;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>
/// The subcharts kept in charts/, as <c>helm lint</c> checks them: each archive must load (one that reaches outside
/// its folder does not), and each subchart must be declared under dependencies in Chart.yaml (requirements.yaml for
/// apiVersion v1), in Helm's words: "chart metadata is missing these dependencies: a,b".
/// </summary>
internal static partial class SubchartCheck
{
    public static void Run(FileSet files, string chartName, ValidationReport report)
    {
        LoadedChart chart;
        try
        {
            chart = ChartLoader.Load(files);
        }
        catch (RenderException e) when (Unpacking().Match(e.Message) is { Success: true } at && at.Groups[1].Value.EndsWith(".tgz", StringComparison.Ordinal))
        {
            report.Error(at.Groups[2].Value == chartName ? "charts/" + at.Groups[1].Value : "", e.Message);
            return;
        }
        catch (RenderException)
        {
            // Chart.yaml, values and the other files are reported by their own checks.
            return;
        }

        var declared = chart.Metadata.Dependencies.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var missing = chart.Dependencies.Select(d => d.Name).Where(name => !declared.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            report.Error(ChartLayout.ChartFile, $"chart metadata is missing these dependencies: {string.Join(",", missing)}");
        }
    }

    [GeneratedRegex(@"^error unpacking subchart (\S+) in (\S+): ")]
    private static partial Regex Unpacking();
}
