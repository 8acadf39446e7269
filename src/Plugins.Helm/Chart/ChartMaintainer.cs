namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>A person listed under maintainers in Chart.yaml.</summary>
internal sealed record ChartMaintainer(string Name, string Email, string Url);
