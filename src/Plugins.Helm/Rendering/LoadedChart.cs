using GitOpsHQ.Plugins.Helm.Chart;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>A chart as rendering sees it: its metadata, default values and template texts by chart path.</summary>
internal sealed record LoadedChart(
    ChartMetadata Metadata,
    Dictionary<string, object?> Values,
    IReadOnlyDictionary<string, string> Templates)
{
    public string Name => Metadata.Name;

    public bool IsLibrary => string.Equals(Metadata.Type, "library", StringComparison.OrdinalIgnoreCase);
}
