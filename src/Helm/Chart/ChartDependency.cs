using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Chart;

/// <summary>One entry of dependencies in Chart.yaml: a subchart and where it comes from.</summary>
public sealed record ChartDependency(
    string Name,
    string Version,
    string Repository,
    string Condition,
    IReadOnlyList<string> Tags,
    bool Enabled,
    IReadOnlyList<JToken> ImportValues,
    string Alias);
