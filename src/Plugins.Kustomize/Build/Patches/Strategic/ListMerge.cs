namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>
/// Merges a patch's list into a resource's list by <paramref name="rule"/>. In keyed lists an item's
/// "$patch: delete" removes the matching item, and an item holding only "$patch: replace" makes the
/// patch's other items the whole list.
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
        if (rule.Strategy == ListStrategy.Union)
        {
            return Union(existing, patch.Items);
        }

        var items = patch.Items.Select(item => item as MapNode
            ?? throw KustomizeBuildException.NotSupported($"strategic merge of a non-map item in {path}")).ToList();
        if (items.Any(item => MapMerge.DirectiveOf(item) == "replace" && item.Fields.Count == 1))
        {
            existing = [];
            items = items.Where(item => item.Fields.Count != 1 || MapMerge.DirectiveOf(item) != "replace").ToList();
        }

        var merged = rule.Strategy == ListStrategy.MergeByKey ? ByKey(existing, items, path) : ByPort(existing, items, path);
        var list = new ListNode();
        list.Items.AddRange(merged);
        return list;
    }

    private static ListNode Union(List<Node> existing, List<Node> patch)
    {
        var list = new ListNode();
        foreach (var item in patch.Concat(existing))
        {
            if (item is not ScalarNode)
            {
                throw KustomizeBuildException.NotSupported("strategic merge of a list of maps with the merge strategy");
            }

            if (!list.Items.Any(kept => NodeEquality.Same(kept, item)))
            {
                list.Items.Add(item);
            }
        }

        return list;
    }

    // Patch items in patch order (merged with their match), then the resource's items the patch does not name.
    private IEnumerable<Node> ByKey(List<Node> existing, List<MapNode> patch, string path)
    {
        var named = new List<Node>();
        foreach (var item in patch)
        {
            var key = KeyOf(item, rule.Key, path);
            named.Add(key);
            var match = existing.OfType<MapNode>().FirstOrDefault(old => Same(old[rule.Key], key));
            if (maps.Merge(match?.Copy() as MapNode, item, path) is { } merged)
            {
                yield return merged;
            }
        }

        foreach (var old in existing)
        {
            if (old is not MapNode map || !named.Any(key => Same(map[rule.Key], key)))
            {
                yield return old;
            }
        }
    }

    // Ports match by number and protocol. New numbers go first in patch order; the resource's
    // ports keep their place, merged with the patch item of the same number and protocol.
    // A patch item whose number exists under another protocol is dropped, as kustomize does.
    private IEnumerable<Node> ByPort(List<Node> existing, List<MapNode> patch, string path)
    {
        var ports = existing.OfType<MapNode>().ToList();
        foreach (var item in patch.Where(item => !ports.Any(old => Same(old[rule.Key], KeyOf(item, rule.Key, path)))))
        {
            if (maps.Merge(null, item, path) is { } added)
            {
                yield return added;
            }
        }

        foreach (var old in existing)
        {
            var match = old is MapNode map
                ? patch.FirstOrDefault(item => Same(map[rule.Key], item[rule.Key]) && SameProtocol(map, item))
                : null;
            if (match is null)
            {
                yield return old;
            }
            else if (maps.Merge((MapNode)old.Copy(), match, path) is { } merged)
            {
                yield return merged;
            }
        }
    }

    private static bool SameProtocol(MapNode a, MapNode b) => Same(a["protocol"], b["protocol"]);

    private static Node KeyOf(MapNode item, string key, string path) =>
        item[key] as ScalarNode ?? throw KustomizeBuildException.NotSupported($"strategic merge of an item without {key} in {path}");

    private static bool Same(Node? a, Node? b) => a is null || b is null ? a is null && b is null : NodeEquality.Same(a, b);
}
