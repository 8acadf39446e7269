using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;

namespace GitOpsHQ.Plugins.Helm.Packaging;

/// <summary>
/// The OCI config of a chart: Chart.yaml's metadata as JSON, exactly as Helm writes it when it
/// pushes a chart — fields in the order of Helm's chart metadata, empty ones left out
/// (a dependency always carries name and repository).
/// </summary>
internal static class ChartConfigJson
{
    public static string Write(ChartMetadata chart)
    {
        var json = new JsonFields();
        json.Text("name", chart.Name);
        json.Text("home", chart.Home);
        json.Texts("sources", chart.Sources);
        json.Text("version", chart.Version);
        json.Text("description", chart.Description);
        json.Texts("keywords", chart.Keywords);
        json.List("maintainers", chart.Maintainers.Select(Maintainer));
        json.Text("icon", chart.Icon);
        json.Text("apiVersion", chart.ApiVersion);
        json.Text("condition", chart.Condition);
        json.Text("tags", chart.Tags);
        json.Text("appVersion", chart.AppVersion);
        json.Flag("deprecated", chart.Deprecated);
        json.Map("annotations", chart.Annotations);
        json.Text("kubeVersion", chart.KubeVersion);
        json.List("dependencies", chart.Dependencies.Select(Dependency));
        json.Text("type", chart.Type);
        return json.ToString();
    }

    private static string Maintainer(ChartMaintainer maintainer)
    {
        var json = new JsonFields();
        json.Text("name", maintainer.Name);
        json.Text("email", maintainer.Email);
        json.Text("url", maintainer.Url);
        return json.ToString();
    }

    private static string Dependency(ChartDependency dependency)
    {
        var json = new JsonFields();
        json.Text("name", dependency.Name, always: true);
        json.Text("version", dependency.Version);
        json.Text("repository", dependency.Repository, always: true);
        json.Text("condition", dependency.Condition);
        json.Texts("tags", dependency.Tags);
        json.Flag("enabled", dependency.Enabled);
        json.List("import-values", dependency.ImportValues.Select(GoJson.Write));
        json.Text("alias", dependency.Alias);
        return json.ToString();
    }
}
