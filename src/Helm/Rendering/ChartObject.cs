using GitOpsHQ.Helm.Chart;
using GitOpsHQ.GoTemplate.Values;
using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Rendering;

/// <summary><c>.Chart</c>: Chart.yaml's fields under Helm's capitalised names (dependencies as processed), plus <c>IsRoot</c>.</summary>
internal static class ChartObject
{
    public static GoStruct For(ChartMetadata chart, bool isRoot) => new GoStruct("chart.Metadata")
        .Field("Name", chart.Name)
        .Field("Home", chart.Home)
        .Field("Sources", chart.Sources.ToList())
        .Field("Version", chart.Version)
        .Field("Description", chart.Description)
        .Field("Keywords", chart.Keywords.ToList())
        .Field("Maintainers", chart.Maintainers.Select(Maintainer).ToList())
        .Field("Icon", chart.Icon)
        .Field("APIVersion", chart.ApiVersion)
        .Field("Condition", chart.Condition)
        .Field("Tags", chart.Tags)
        .Field("AppVersion", chart.AppVersion)
        .Field("Deprecated", chart.Deprecated)
        .Field("Annotations", new Dictionary<string, string>(chart.Annotations, StringComparer.Ordinal))
        .Field("KubeVersion", chart.KubeVersion)
        .Field("Dependencies", chart.Dependencies.Select(Dependency).ToList())
        .Field("Type", chart.Type)
        .Field("IsRoot", isRoot);

    // A declared dependency; once processed, enabled and named by its alias when it has one.
    private static object? Dependency(ChartDependency dependency) => new GoStruct("chart.Dependency")
        .Field("Name", dependency.Name)
        .Field("Version", dependency.Version)
        .Field("Repository", dependency.Repository)
        .Field("Condition", dependency.Condition)
        .Field("Tags", dependency.Tags.ToList())
        .Field("Enabled", dependency.Enabled)
        .Field("ImportValues", dependency.ImportValues.Select(ImportValue).ToList())
        .Field("Alias", dependency.Alias);

    // An import-values entry: a name, or a child/parent map (strings as Helm keeps them after processing).
    private static object? ImportValue(JToken entry) => entry switch
    {
        JObject map => map.Properties().ToDictionary(p => p.Name, p => (object?)p.Value.ToString(), StringComparer.Ordinal),
        JValue { Value: string text } => text,
        _ => entry.ToString(),
    };

    private static object? Maintainer(ChartMaintainer maintainer) => new GoStruct("chart.Maintainer")
        .Field("Name", maintainer.Name)
        .Field("Email", maintainer.Email)
        .Field("URL", maintainer.Url);
}
