namespace GitOpsHQ.Helm.Chart;

/// <summary>A person listed under maintainers in Chart.yaml.</summary>
public sealed record ChartMaintainer(string Name, string Email, string Url);
