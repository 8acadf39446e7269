namespace GitOpsHQ.Helm.Chart;

/// <summary>
/// The fields of Chart.yaml, read leniently: a field of the wrong type reads as empty (the
/// validator reports it). Field order follows Helm's own chart metadata.
/// </summary>
public sealed record ChartMetadata
{
    public string Name { get; init; } = "";
    public string Home { get; init; } = "";
    public IReadOnlyList<string> Sources { get; init; } = [];
    public string Version { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public IReadOnlyList<ChartMaintainer> Maintainers { get; init; } = [];
    public string Icon { get; init; } = "";
    public string ApiVersion { get; init; } = "";
    public string Condition { get; init; } = "";
    public string Tags { get; init; } = "";
    public string AppVersion { get; init; } = "";
    public bool Deprecated { get; init; }
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    public string KubeVersion { get; init; } = "";
    public IReadOnlyList<ChartDependency> Dependencies { get; init; } = [];
    public string Type { get; init; } = "";
}
