using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Sdk;
using GitOpsHQ.Plugins.Sdk.Scaffolding;

namespace GitOpsHQ.Plugins.Manifests.Scaffold;

/// <summary>
/// A new bundle: a namespace named after the artifact, a ServiceAccount with a read-only Role,
/// and network policies denying ingress from outside the namespace.
/// </summary>
internal static class BundleScaffold
{
    private static readonly ScaffoldTemplate Template = new(typeof(BundleScaffold).Assembly, "bundle");

    public static ScaffoldResponse Create(ScaffoldRequest request)
    {
        ArtifactName.RequireLabel(request.Name);
        var description = string.IsNullOrWhiteSpace(request.Description)
            ? $"Kubernetes manifests for the {request.Name} namespace."
            : request.Description.Trim();
        return Template.Render(new Dictionary<string, string>
        {
            ["__DESCRIPTION__"] = description,
            ["__NAME__"] = request.Name,
        });
    }
}
