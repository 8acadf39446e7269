namespace GitOpsHQ.Kustomize;

/// <summary>
/// Merges a strategic merge patch into one resource of kind <paramref name="gvk"/>: maps merge
/// field by field, null deletes a field, scalars replace, lists follow <see cref="MergeSchema"/>.
/// A map's "$patch: delete" removes it and "$patch: replace" puts the patch's map in its place.
/// Like kustomize v5.5, the other directives of Kubernetes' strategic merge ($setElementOrder/&lt;list&gt;,
/// $retainKeys, $deleteFromPrimitiveList/&lt;list&gt;) are not interpreted: they are copied as ordinary fields.
/// </summary>
internal sealed class MapMerge(Gvk gvk)
{
    public const string Directive = "$patch";

    /// <summary>The merged map, or null when the patch deletes it. The resource's map is edited in place.</summary>
    public MapNode? Merge(MapNode? target, MapNode patch, string path)
    {
        switch (DirectiveOf(patch))
        {
            case "delete":
                return null;
            case "replace":
                target = null;
                break;
        }

        target ??= new MapNode();
        foreach (var (key, value) in patch.Fields)
        {
            if (key == Directive)
            {
                continue;
            }

            var field = path.Length == 0 ? key : $"{path}.{key}";
            var merged = value switch
            {
                ScalarNode { Value: null } => null,
                MapNode map => Merge(target[key] as MapNode, map, field),
                ListNode list => new ListMerge(this, MergeSchema.For(gvk, field)).Merge(target[key] as ListNode, list, field),
                _ => value,
            };
            if (merged is null)
            {
                target.Fields.Remove(key);
            }
            else
            {
                target.Set(key, merged);
            }
        }

        return target;
    }

    /// <summary>
    /// Drops the fields whose value is a null written as nothing (<c>a:</c>) everywhere kustomize's merge walks the
    /// resource: every map, and the items of lists merged by key; the items of other lists are left as they are. An
    /// explicit <c>null</c> or <c>~</c> is kept, as kustomize keeps what was explicitly set.
    /// </summary>
    public void ClearBlankNulls(MapNode map, string path)
    {
        foreach (var (key, value) in map.Fields.ToList())
        {
            var field = path.Length == 0 ? key : $"{path}.{key}";
            switch (value)
            {
                case ScalarNode { IsBlankNull: true }:
                    map.Fields.Remove(key);
                    break;
                case MapNode inner:
                    ClearBlankNulls(inner, field);
                    break;
                case ListNode list when MergeSchema.For(gvk, field).Strategy == ListStrategy.MergeByKey:
                    foreach (var item in list.Items.OfType<MapNode>())
                    {
                        ClearBlankNulls(item, field);
                    }

                    break;
            }
        }
    }

    /// <summary>The "$patch" directive of a map: merge (the default), replace or delete.</summary>
    public static string DirectiveOf(MapNode patch) => patch[Directive] switch
    {
        null => "merge",
        ScalarNode { Value: "merge" or "replace" or "delete" } scalar => (string)scalar.Value,
        var other => throw new KustomizeBuildException($"Unknown patch type found: {(other as ScalarNode)?.Value}"),
    };
}
