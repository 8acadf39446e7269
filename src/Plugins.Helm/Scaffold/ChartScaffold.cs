using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Sdk;
using GitOpsHQ.Plugins.Sdk.Scaffolding;
using GitOpsHQ.Plugins.Sdk.Yaml;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Scaffold;

/// <summary>
/// A new chart: one HTTP application with a Deployment, Service, optional Ingress, autoscaler
/// and ServiceAccount, default values with a schema, and a README.
/// </summary>
internal static class ChartScaffold
{
    private static readonly ScaffoldTemplate Template = new(typeof(ChartScaffold).Assembly, "chart");

    public static ScaffoldResponse Create(ScaffoldRequest request)
    {
        ArtifactName.RequireLabel(request.Name);
        var description = string.IsNullOrWhiteSpace(request.Description)
            ? $"A Helm chart for {request.Name}"
            : request.Description.Trim();
        return Template.Render(new Dictionary<string, string>
        {
            ["__DESCRIPTION_YAML__"] = YamlText.Quote(description),
            ["__DESCRIPTION__"] = description,
            ["__NAME__"] = request.Name,
        });
    }
}
