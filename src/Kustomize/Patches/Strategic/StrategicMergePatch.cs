namespace GitOpsHQ.Kustomize;

/// <summary>
/// A strategic merge patch: YAML maps merged into resources. With a target the patch applies to every
/// resource it selects; without one each document applies to the one resource named by its own
/// apiVersion, kind, name and namespace. A document holding "$patch: delete" removes the resource;
/// "$patch: replace" on a whole resource leaves it as it is, like kustomize v5.5. The patch's own name
/// and kind rename the resource or change its kind only when the entry's options allow it.
/// </summary>
internal sealed class StrategicMergePatch(IReadOnlyList<MapNode> documents, PatchTarget? target, PatchOptions options) : IResourcePatch
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

    private void Apply(ResourceMap resources, Resource resource, MapNode document)
    {
        switch (MapMerge.DirectiveOf(document))
        {
            case "delete":
                resources.Remove(resource);
                return;
            case "replace":
                return;
        }

        // The patch's own id fields rename the resource or change its kind only when the options say so;
        // its apiVersion and namespace never apply. A renamed resource keeps answering to its old id.
        var patch = (MapNode)document.Copy();
        patch.Fields.Remove("apiVersion");
        var kind = document.Text("kind");
        if (!options.AllowKindChange || kind is not { Length: > 0 })
        {
            patch.Fields.Remove("kind");
        }

        var name = document.Map("metadata")?.Text("name");
        if (patch.Map("metadata") is { } metadata)
        {
            if (!options.AllowNameChange || name is not { Length: > 0 })
            {
                metadata.Fields.Remove("name");
            }

            metadata.Fields.Remove("namespace");
        }

        if ((patch.Text("kind") is { } newKind && newKind != resource.Gvk.Kind) || (patch.Map("metadata")?.Text("name") is { } newName && newName != resource.Name))
        {
            resource.StorePreviousId();
        }

        CustomSchema.LoadBuiltIn();
        var merge = new MapMerge(resource.Gvk);
        merge.Merge(resource.Content, patch, "");
        merge.ClearBlankNulls(resource.Content, "");
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
}
