namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>
/// namePrefix and nameSuffix: renames every resource except the kinds kustomize leaves alone,
/// remembering the old id so references can be fixed at the end of the build.
/// </summary>
internal sealed class NamePrefixTransformer(string affix, bool prefix)
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "CustomResourceDefinition", "Namespace" };

    public void Transform(ResourceMap resources)
    {
        foreach (var resource in resources.Resources)
        {
            var gvk = resource.OriginalId.Gvk;
            if (Skipped.Contains(gvk.Kind) || (gvk.Kind == "APIService" && gvk.Group == "apiregistration.k8s.io"))
            {
                continue;
            }

            resource.StorePreviousId();
            (prefix ? resource.Prefixes : resource.Suffixes).Add(affix);
            var name = resource.Name;
            resource.Metadata.Set("name", ScalarNode.Of(prefix ? affix + name : name + affix));
        }

        resources.CheckUnique(prefix ? "prefix" : "suffix");
    }
}
