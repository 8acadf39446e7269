namespace GitOpsHQ.Kustomize;

/// <summary>
/// Merges a patch's list into a resource's list by <paramref name="rule"/>, as kustomize's merge does
/// (patch items come first). In keyed lists an item's "$patch: delete" removes the matching item, and an
/// item holding only "$patch: replace" makes the patch's other items the whole list.
/// </summary>
internal sealed class ListMerge(MapMerge maps, ListRule rule)
{
    public ListNode Merge(ListNode? target, ListNode patch, string path)
    {
        if (rule.Strategy == ListStrategy.Replace)
        {
            return (ListNode)patch.Copy();
        }

        var existing = target?.Items ?? [];
        var merged = rule.Strategy == ListStrategy.Union ? Union(existing, patch.Items) : Keyed(existing, patch.Items, path, target is null);
        var list = new ListNode();
        list.Items.AddRange(merged);
        return list;
    }

    // Primitive lists with the merge strategy (finalizers): the patch's values, then the resource's others.
    private static List<Node> Union(List<Node> existing, List<Node> patch)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<Node>();
        foreach (var item in patch.Concat(existing))
        {
            if (item is not ScalarNode)
            {
                throw new KustomizeBuildException(
                    $"wrong node kind: expected ScalarNode but got {(item is MapNode ? "MappingNode" : "SequenceNode")}: a list of values with the merge strategy holds a {(item is MapNode ? "map" : "list")}");
            }

            if (seen.Add(KeyText(item) ?? ""))
            {
                list.Add(item);
            }
        }

        return list;
    }

    private IEnumerable<Node> Keyed(List<Node> existing, List<Node> patch, string path, bool absent)
    {
        if (patch.Count == 0)
        {
            return existing;
        }

        var items = patch.OfType<MapNode>().ToList();
        if (items.Any(item => MapMerge.DirectiveOf(item) == "replace" && item.Fields.Count == 1))
        {
            existing = [];
            items = items.Where(item => item.Fields.Count != 1 || MapMerge.DirectiveOf(item) != "replace").ToList();
        }

        // Items without their merge key (or not maps) upset kustomize's merge, and this engine prints what
        // it prints: the resource's last such item alone, or else the patch's keyed items alone.
        if (existing.LastOrDefault(item => KeyOf(item) is null) is { } keyless)
        {
            return [keyless];
        }

        var patchKeyless = patch.Any(item => item is not MapNode) || items.Any(item => KeyOf(item) is null);

        // A list the resource does not have at all is the patch's, keyless items included (each merged onto nothing,
        // which drops its directives).
        if (patchKeyless && absent && patch.All(item => item is MapNode))
        {
            return items.Select(item => maps.Merge(null, item, path)).OfType<MapNode>().Where(item => item.Fields.Count > 0).ToList();
        }

        if (patchKeyless)
        {
            return ByKey([], items.Where(item => KeyOf(item) is not null).ToList(), path);
        }

        var secondary = rule.Keys.Skip(1).ToArray();
        var compound = secondary.Length > 0
            && items.Concat(existing.OfType<MapNode>()).Any(item => secondary.Any(key => KeyText(item[key]) is { Length: > 0 }));
        return compound ? ByKeys(existing, items, path) : ByKey(existing, items, path);
    }

    private string? KeyOf(Node item) => item is MapNode map ? KeyText(map[rule.Key]) : null;

    // Patch items in patch order (merged with their match), then the resource's items the patch does not name.
    private IEnumerable<Node> ByKey(List<Node> existing, List<MapNode> patch, string path)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in patch)
        {
            var key = KeyText(item[rule.Key])!;
            if (!named.Add(key))
            {
                continue;
            }

            var match = existing.OfType<MapNode>().FirstOrDefault(old => KeyText(old[rule.Key]) == key);
            if (maps.Merge(match?.Copy() as MapNode, item, path) is { Fields.Count: > 0 } merged)
            {
                yield return merged;
            }
        }

        foreach (var old in existing)
        {
            if (old is not MapNode map || KeyText(map[rule.Key]) is not { } key || !named.Contains(key))
            {
                yield return old;
            }
        }
    }

    // Lists keyed by several fields (ports by number and protocol) once any item sets a secondary key:
    // patch items unrelated to every resource item go first in patch order; the resource's items keep
    // their place, merged with the patch item equal on every key. A patch item that shares only some keys
    // with a resource item is dropped, as kustomize does.
    private IEnumerable<Node> ByKeys(List<Node> existing, List<MapNode> patch, string path)
    {
        var old = existing.OfType<MapNode>().ToList();
        foreach (var item in patch.Where(item => !old.Any(map => Related(item, map))))
        {
            if (maps.Merge(null, item, path) is { Fields.Count: > 0 } added)
            {
                yield return added;
            }
        }

        foreach (var node in existing)
        {
            var match = node is MapNode map ? patch.FirstOrDefault(item => rule.Keys.All(key => (KeyText(map[key]) ?? "") == (KeyText(item[key]) ?? ""))) : null;
            if (match is null)
            {
                yield return node;
            }
            else if (maps.Merge((MapNode)node.Copy(), match, path) is { Fields.Count: > 0 } merged)
            {
                yield return merged;
            }
        }
    }

    // Two items are related when the keys one of them sets all hold the same values in the other.
    private bool Related(MapNode a, MapNode b) => SetKeysMatch(a, b) || SetKeysMatch(b, a);

    private bool SetKeysMatch(MapNode from, MapNode other)
    {
        var set = rule.Keys.Where(key => KeyText(from[key]) is { Length: > 0 }).ToList();
        return set.Count > 0 && set.All(key => KeyText(other[key]) == KeyText(from[key]));
    }

    /// <summary>A key's value as text, the way kustomize compares them (80 and "80" are the same key).</summary>
    private static string? KeyText(Node? node) => node switch
    {
        ScalarNode { Value: string text } => text,
        ScalarNode { Value: bool flag } => flag ? "true" : "false",
        ScalarNode { Value: long or ulong or double } scalar => Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
