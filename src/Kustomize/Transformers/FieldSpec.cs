namespace GitOpsHQ.Kustomize;

/// <summary>
/// A field of some kinds a transformer writes: "spec/template/metadata/labels" in Deployments.
/// Lists met on the way are walked item by item; <see cref="Create"/> makes missing maps.
/// </summary>
internal sealed record FieldSpec(Gvk Gvk, string Path, bool Create)
{
    // "a\/b" in a path is one segment holding a slash (annotation keys).
    private readonly string[] _segments = Split(Path);

    public static FieldSpec For(string kind, string path, bool create = true, string group = "", string version = "") =>
        new(new Gvk(group, version, kind), path, create);

    public static FieldSpec Any(string path, bool create = true) => new(new Gvk("", "", ""), path, create);

    public bool Selects(Resource resource) => resource.Gvk.IsSelectedBy(Gvk);

    /// <summary>Calls <paramref name="visit"/> with each map holding the last path segment, and that segment.</summary>
    public void Visit(MapNode root, Action<MapNode, string> visit)
    {
        Walk(root, _segments, 0, visit);
    }

    private static string[] Split(string path)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '/')
            {
                current.Append('/');
                i++;
            }
            else if (path[i] == '/')
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(path[i]);
            }
        }

        segments.Add(current.ToString());
        return [.. segments];
    }

    private void Walk(Node node, string[] segments, int at, Action<MapNode, string> visit)
    {
        if (node is ListNode list)
        {
            foreach (var item in list.Items.ToList())
            {
                Walk(item, segments, at, visit);
            }

            return;
        }

        if (node is not MapNode map)
        {
            return;
        }

        // "name[]" says a list is expected there: lists are walked, never created.
        var isList = segments[at].EndsWith("[]", StringComparison.Ordinal);
        var segment = isList ? segments[at][..^2] : segments[at];
        if (at == segments.Length - 1)
        {
            visit(map, segment);
            return;
        }

        var child = map[segment];
        if (child is null or ScalarNode { Value: null })
        {
            if (!Create || isList)
            {
                return;
            }

            child = new MapNode();
            map.Set(segment, child);
        }

        Walk(child, segments, at + 1, visit);
    }
}
