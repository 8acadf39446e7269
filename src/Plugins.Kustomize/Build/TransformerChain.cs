namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>
/// The built-in transformers of one kustomization, in kustomize's order: the patchesStrategicMerge
/// and patches fields first,
/// then namespace, name affixes, labels and annotations, the patchesJson6902 field, replicas and images.
/// </summary>
internal sealed class TransformerChain(
    Kustomization kustomization,
    IReadOnlyList<IResourcePatch> strategicMergePatches,
    IReadOnlyList<IResourcePatch> patches,
    IReadOnlyList<IResourcePatch> legacyPatches)
{
    public void Run(ResourceMap resources)
    {
        foreach (var patch in strategicMergePatches.Concat(patches))
        {
            patch.Transform(resources);
        }

        if (kustomization.Namespace is { Length: > 0 } ns)
        {
            new NamespaceTransformer(ns).Transform(resources);
        }

        if (kustomization.NamePrefix.Length > 0)
        {
            new NamePrefixTransformer(kustomization.NamePrefix, prefix: true).Transform(resources);
        }

        if (kustomization.NameSuffix.Length > 0)
        {
            new NamePrefixTransformer(kustomization.NameSuffix, prefix: false).Transform(resources);
        }

        foreach (var set in kustomization.Labels)
        {
            var specs = set.IncludeSelectors ? FieldSpecs.CommonLabels
                : set.IncludeTemplates ? FieldSpecs.MetadataLabels.Concat(FieldSpecs.TemplateLabels).ToList()
                : FieldSpecs.MetadataLabels;
            new LabelTransformer(set.Pairs, [.. specs, .. set.Fields]).Transform(resources);
        }

        if (kustomization.CommonLabels.Count > 0)
        {
            new LabelTransformer(kustomization.CommonLabels, FieldSpecs.CommonLabels).Transform(resources);
        }

        if (kustomization.CommonAnnotations.Count > 0)
        {
            new LabelTransformer(kustomization.CommonAnnotations, FieldSpecs.CommonAnnotations).Transform(resources);
        }

        foreach (var patch in legacyPatches)
        {
            patch.Transform(resources);
        }

        foreach (var replica in kustomization.Replicas)
        {
            new ReplicaTransformer(replica).Transform(resources);
        }

        foreach (var image in kustomization.Images)
        {
            new ImageTransformer(image).Transform(resources);
        }
    }
}
