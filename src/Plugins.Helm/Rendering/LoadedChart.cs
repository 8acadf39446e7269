using GitOpsHQ.Plugins.Helm.Chart;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>A chart as rendering sees it: its metadata, default values and template texts by chart path.</summary>
internal sealed record LoadedChart(
    ChartMetadata Metadata,
    Dictionary<string, object?> Values,
    IReadOnlyDictionary<string, string> Templates)
{
    public string Name => Metadata.Name;

    /// <summary>The chart's other files, offered to templates as <c>.Files</c>.</summary>
    public FilesObject Files { get; init; } = FilesObject.Empty;

    /// <summary>The text of values.schema.json, or null when the chart has none.</summary>
    public string? Schema { get; init; }

    public bool IsLibrary => string.Equals(Metadata.Type, "library", StringComparison.OrdinalIgnoreCase);
}
