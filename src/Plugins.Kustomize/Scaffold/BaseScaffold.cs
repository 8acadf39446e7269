using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Sdk;
using GitOpsHQ.Plugins.Sdk.Scaffolding;
using GitOpsHQ.Plugins.Sdk.Yaml;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Kustomize.Scaffold;

/// <summary>
/// A new base: a Deployment, its Service and ConfigMap, and a patch setting resource requests
/// and limits, all labelled with the base's name.
/// </summary>
internal static class BaseScaffold
{
    private static readonly ScaffoldTemplate Template = new(typeof(BaseScaffold).Assembly, "base");

    public static ScaffoldResponse Create(ScaffoldRequest request)
    {
        ArtifactName.RequireLabel(request.Name);
        var description = string.IsNullOrWhiteSpace(request.Description)
            ? $"A Kustomize base for {request.Name}"
            : YamlText.OneLine(request.Description);
        return Template.Render(new Dictionary<string, string>
        {
            ["__DESCRIPTION_LINE__"] = description,
            ["__NAME__"] = request.Name,
        });
    }
}
