using GitOpsHQ.Helm.Chart;
using GitOpsHQ.GoTemplate.Values;
using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Rendering;

/// <summary><c>.Chart</c>: Chart.yaml's fields under Helm's capitalised names (dependencies as processed), plus <c>IsRoot</c>.</summary>
internal static class ChartObject
{
    public static GoStruct For(ChartMetadata chart, bool isRoot) => new GoStruct("chart.Metadata")
        .Field("Name", chart.Name, json: "name,omitempty")
        .Field("Home", chart.Home, json: "home,omitempty")
        .Field("Sources", chart.Sources.ToList(), json: "sources,omitempty")
        .Field("Version", chart.Version, json: "version,omitempty")
        .Field("Description", chart.Description, json: "description,omitempty")
        .Field("Keywords", chart.Keywords.ToList(), json: "keywords,omitempty")
        .Field("Maintainers", chart.Maintainers.Select(Maintainer).ToList(), json: "maintainers,omitempty")
        .Field("Icon", chart.Icon, json: "icon,omitempty")
        .Field("APIVersion", chart.ApiVersion, json: "apiVersion,omitempty")
        .Field("Condition", chart.Condition, json: "condition,omitempty")
        .Field("Tags", chart.Tags, json: "tags,omitempty")
        .Field("AppVersion", chart.AppVersion, json: "appVersion,omitempty")
        .Field("Deprecated", chart.Deprecated, json: "deprecated,omitempty")
        .Field("Annotations", new Dictionary<string, string>(chart.Annotations, StringComparer.Ordinal), json: "annotations,omitempty")
        .Field("KubeVersion", chart.KubeVersion, json: "kubeVersion,omitempty")
        .Field("Dependencies", chart.Dependencies.Select(Dependency).ToList(), json: "dependencies,omitempty")
        .Field("Type", chart.Type, json: "type,omitempty")
        .Field("IsRoot", isRoot);

    // A declared dependency; once processed, enabled and named by its alias when it has one.
    private static object? Dependency(ChartDependency dependency) => new GoStruct("chart.Dependency")
        .Field("Name", dependency.Name, json: "name")
        .Field("Version", dependency.Version, json: "version,omitempty")
        .Field("Repository", dependency.Repository, json: "repository")
        .Field("Condition", dependency.Condition, json: "condition,omitempty")
        .Field("Tags", dependency.Tags.ToList(), json: "tags,omitempty")
        .Field("Enabled", dependency.Enabled, json: "enabled,omitempty")
        .Field("ImportValues", dependency.ImportValues.Select(ImportValue).ToList(), json: "import-values,omitempty")
        .Field("Alias", dependency.Alias, json: "alias,omitempty");

    // An import-values entry: a name, or a child/parent map (strings as Helm keeps them after processing).
    private static object? ImportValue(JToken entry) => entry switch
    {
        JObject map => map.Properties().ToDictionary(p => p.Name, p => (object?)p.Value.ToString(), StringComparer.Ordinal),
        JValue { Value: string text } => text,
        _ => entry.ToString(),
    };

    private static object? Maintainer(ChartMaintainer maintainer) => new GoStruct("chart.Maintainer")
        .Field("Name", maintainer.Name, json: "name,omitempty")
        .Field("Email", maintainer.Email, json: "email,omitempty")
        .Field("URL", maintainer.Url, json: "url,omitempty");
}
