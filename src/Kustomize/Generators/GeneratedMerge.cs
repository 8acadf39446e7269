namespace GitOpsHQ.Kustomize;

/// <summary>
/// What a merge or replace generator leaves: the generated object (its top-level fields such as
/// type and immutable win) under the existing name and namespace, with the existing labels and
/// annotations below its own; a merge also keeps the existing data and binaryData keys it does
/// not set, a replace keeps only its own.
/// </summary>
internal static class GeneratedMerge
{
    public static MapNode Into(MapNode existing, MapNode generated, bool merge)
    {
        var result = (MapNode)generated.Copy();
        var metadata = result.MapOrCreate("metadata");
        var old = existing.Map("metadata") ?? new MapNode();
        foreach (var field in new[] { "name", "namespace" })
        {
            if (old[field] is { } value)
            {
                metadata.Set(field, value.Copy());
            }
            else
            {
                metadata.Fields.Remove(field);
            }
        }

        foreach (var field in new[] { "labels", "annotations" })
        {
            Under(metadata, old.Map(field), field);
        }

        if (merge)
        {
            Under(result, existing.Map("data"), "data");
            Under(result, existing.Map("binaryData"), "binaryData");
        }

        return result;
    }

    /// <summary>Adds the pairs of <paramref name="below"/> that <paramref name="into"/>'s map at <paramref name="field"/> lacks.</summary>
    private static void Under(MapNode into, MapNode? below, string field)
    {
        if (below is not { Fields.Count: > 0 })
        {
            return;
        }

        var target = into.MapOrCreate(field);
        foreach (var (key, value) in below.Fields)
        {
            if (target[key] is null)
            {
                target.Set(key, value.Copy());
            }
        }
    }
}
