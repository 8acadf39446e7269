namespace GitOpsHQ.Kustomize;

/// <summary>
/// The built-in transformers of one kustomization, in kustomize's order: the patchesStrategicMerge
/// and patches fields first,
/// then namespace, name affixes, labels and annotations, the patchesJson6902 field, replicas, images and replacements.
/// </summary>
internal sealed class TransformerChain(
    Kustomization kustomization,
    IReadOnlyList<IResourcePatch> strategicMergePatches,
    IReadOnlyList<IResourcePatch> patches,
    IReadOnlyList<IResourcePatch> legacyPatches,
    IReadOnlyList<Replacement> replacements,
    string? configuredIn = null)
{
    public void Run(ResourceMap resources)
    {
        foreach (var patch in strategicMergePatches)
        {
            patch.Transform(resources);
        }

        Track(resources, strategicMergePatches.Count > 0, "PatchStrategicMergeTransformer");
        foreach (var patch in patches)
        {
            patch.Transform(resources);
            Track(resources, true, "PatchTransformer");
        }

        if (kustomization.Namespace is { Length: > 0 } ns)
        {
            new NamespaceTransformer(ns, resources.Config.Namespace).Transform(resources);
            Track(resources, true, "NamespaceTransformer");
        }

        if (kustomization.NamePrefix.Length > 0)
        {
            NamePrefixTransformer.Configured(kustomization.NamePrefix, prefix: true, resources.Config.NamePrefix).Transform(resources);
            Track(resources, true, "PrefixTransformer");
        }

        if (kustomization.NameSuffix.Length > 0)
        {
            NamePrefixTransformer.Configured(kustomization.NameSuffix, prefix: false, resources.Config.NameSuffix).Transform(resources);
            Track(resources, true, "SuffixTransformer");
        }

        foreach (var set in kustomization.Labels)
        {
            var specs = set.IncludeSelectors ? [.. FieldSpecs.CommonLabels, .. resources.Config.CommonLabels]
                : set.IncludeTemplates ? [.. FieldSpecs.MetadataLabels, .. FieldSpecs.TemplateLabels, .. resources.Config.TemplateLabels]
                : FieldSpecs.MetadataLabels;
            new LabelTransformer(set.Pairs, [.. specs, .. set.Fields, .. resources.Config.Labels]).Transform(resources);
            Track(resources, true, "LabelTransformer");
        }

        if (kustomization.CommonLabels.Count > 0)
        {
            new LabelTransformer(kustomization.CommonLabels, [.. FieldSpecs.CommonLabels, .. resources.Config.CommonLabels]).Transform(resources);
            Track(resources, true, "LabelTransformer");
        }

        if (kustomization.CommonAnnotations.Count > 0)
        {
            new LabelTransformer(kustomization.CommonAnnotations, [.. FieldSpecs.CommonAnnotations, .. resources.Config.CommonAnnotations]).Transform(resources);
            Track(resources, true, "AnnotationsTransformer");
        }

        foreach (var patch in legacyPatches)
        {
            patch.Transform(resources);
            Track(resources, true, "PatchJson6902Transformer");
        }

        foreach (var replica in kustomization.Replicas)
        {
            new ReplicaTransformer(replica, resources.Config.Replicas).Transform(resources);
            Track(resources, true, "ReplicaCountTransformer");
        }

        foreach (var image in kustomization.Images)
        {
            new ImageTransformer(image, resources.Config.Images).Transform(resources);
            Track(resources, true, "ImageTagTransformer");
        }

        new ReplacementTransformer(replacements).Transform(resources);
        Track(resources, replacements.Count > 0, "ReplacementTransformer");
    }

    /// <summary>With buildMetadata tracking on, records a transformer that ran on every resource present.</summary>
    private void Track(ResourceMap resources, bool ran, string kind)
    {
        if (configuredIn is null || !ran)
        {
            return;
        }

        foreach (var resource in resources.Resources)
        {
            resource.Transformations.Add(new Transformation(configuredIn, kind));
        }
    }
}
