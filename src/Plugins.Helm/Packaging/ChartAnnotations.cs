using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Packaging;

/// <summary>The OCI manifest annotations Helm derives from Chart.yaml when it pushes a chart.</summary>
internal static class ChartAnnotations
{
    public static Dictionary<string, string> For(ChartMetadata chart)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in chart.Annotations) annotations[key] = value;
        if (chart.Description != "") annotations["org.opencontainers.image.description"] = chart.Description;
        if (chart.Home != "") annotations["org.opencontainers.image.url"] = chart.Home;
        if (chart.Sources.Count > 0) annotations["org.opencontainers.image.source"] = chart.Sources[0];
        if (chart.Maintainers.Count > 0)
            annotations["org.opencontainers.image.authors"] = string.Join(", ",
                chart.Maintainers.Select(m => m.Email == "" ? m.Name : $"{m.Name} ({m.Email})"));
        return annotations;
    }
}
