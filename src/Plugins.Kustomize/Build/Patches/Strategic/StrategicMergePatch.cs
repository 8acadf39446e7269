namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>
/// A strategic merge patch: YAML maps merged into resources. With a target the patch applies to every
/// resource it selects; without one each document applies to the one resource named by its own
/// apiVersion, kind, name and namespace. A document holding "$patch: delete" removes the resource.
/// </summary>
internal sealed class StrategicMergePatch(IReadOnlyList<MapNode> documents, PatchTarget? target) : IResourcePatch
{
    public void Transform(ResourceMap resources)
    {
        foreach (var document in documents)
        {
            var selected = target is null ? [Named(resources, document)] : new ResourceSelector(target).Select(resources);
            foreach (var resource in selected)
            {
                Apply(resources, resource, document);
            }
        }
    }

    private static void Apply(ResourceMap resources, Resource resource, MapNode document)
    {
        switch (MapMerge.DirectiveOf(document))
        {
            case "delete":
                resources.Remove(resource);
                return;
            case "replace":
                throw KustomizeBuildException.NotSupported("$patch: replace on a whole resource");
        }

        // The patch's own id fields never rename or move the resource.
        var patch = (MapNode)document.Copy();
        patch.Fields.Remove("apiVersion");
        patch.Fields.Remove("kind");
        if (patch.Map("metadata") is { } metadata)
        {
            metadata.Fields.Remove("name");
            metadata.Fields.Remove("namespace");
        }

        if (CustomSchema.Current is null && !MergeKeys.Knows(resource.Gvk) && MergeKeys.IsBuiltIn(resource.Gvk) && HasList(patch))
        {
            throw KustomizeBuildException.NotSupported($"strategic merge of lists in {resource.Gvk.Kind}");
        }

        new MapMerge(resource.Gvk).Merge(resource.Content, patch, "");
    }

    private static Resource Named(ResourceMap resources, MapNode document)
    {
        var metadata = document.Map("metadata");
        var id = new ResourceId(Gvk.FromApiVersion(document.Text("apiVersion"), document.Text("kind")),
            metadata?.Text("name") ?? "", metadata?.Text("namespace") ?? "");
        var matches = resources.Resources.Where(resource => resource.AllIds.Any(id.SameAs)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new KustomizeBuildException(
                $"no resource matches strategic merge patch \"{id}\": no matches for Id {id}; failed to find unique target for patch {id}"),
            _ => throw new KustomizeBuildException($"multiple matches for Id {id}; failed to find unique target for patch {id}"),
        };
    }

    private static bool HasList(Node node) => node switch
    {
        ListNode => true,
        MapNode map => map.Fields.Values.Any(HasList),
        _ => false,
    };
}
