namespace GitOpsHQ.Kustomize;

/// <summary>
/// namePrefix and nameSuffix: renames every resource except the kinds kustomize leaves alone,
/// remembering the old id so references can be fixed at the end of the build; fields that a
/// transformer configuration adds for custom kinds get the affix too.
/// </summary>
/// With <paramref name="nameByDefault"/> off (a PrefixTransformer configuration), only the resources a metadata/name field
/// spec selects are renamed.
internal sealed class NamePrefixTransformer(string affix, bool prefix, IReadOnlyList<FieldSpec>? extraFields = null, bool nameByDefault = true)
{
    /// <summary>
    /// The namePrefix or nameSuffix field's transformer under the configurations' field specs: once they name
    /// metadata/name for some kinds, kustomize's merge of field specs keeps those in place of the one for every kind,
    /// so only those kinds are renamed.
    /// </summary>
    public static NamePrefixTransformer Configured(string affix, bool prefix, IReadOnlyList<FieldSpec> configured)
    {
        var anyKind = new Gvk("", "", "");
        if (!configured.Any(spec => spec.Path == "metadata/name" && spec.Gvk != anyKind))
        {
            return new NamePrefixTransformer(affix, prefix, configured);
        }

        var narrowed = configured.Where(spec => spec.Path != "metadata/name" || spec.Gvk != anyKind).ToList();
        return new NamePrefixTransformer(affix, prefix, narrowed, nameByDefault: false);
    }

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

            if (nameByDefault || (extraFields ?? []).Any(spec => spec.Path == "metadata/name" && spec.Selects(resource)))
            {
                resource.StorePreviousId();
                (prefix ? resource.Prefixes : resource.Suffixes).Add(affix);
                var name = resource.Name;
                resource.Metadata.Set("name", ScalarNode.Of(prefix ? affix + name : name + affix));
            }

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

        if (nameByDefault)
        {
            resources.CheckUnique(prefix ? "prefix" : "suffix");
        }
    }
}
