namespace GitOpsHQ.Kustomize;

/// <summary>
/// namePrefix and nameSuffix: renames every resource except the kinds kustomize leaves alone,
/// remembering the old id so references can be fixed at the end of the build; fields that a
/// transformer configuration adds for custom kinds get the affix too.
/// </summary>
internal sealed class NamePrefixTransformer(string affix, bool prefix, IReadOnlyList<FieldSpec>? extraFields = null)
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
            foreach (var spec in (extraFields ?? []).Where(spec => spec.Selects(resource) && spec.Path != "metadata/name"))
            {
                spec.Visit(resource.Content, (parent, key) =>
                {
                    if (parent.Text(key) is { } value)
                    {
                        parent.Set(key, ScalarNode.Of(prefix ? affix + value : value + affix));
                    }
                });
            }
        }

        resources.CheckUnique(prefix ? "prefix" : "suffix");
    }
}
