namespace GitOpsHQ.Kustomize;

/// <summary>The edits JSON patch operations make at a pointer, failing with kustomize's messages.</summary>
internal static class JsonPatchEdits
{
    /// <summary>Sets a map key, or inserts into a list ("-" appends, a negative index counts from the end).</summary>
    public static void Add(MapNode root, JsonPointer path, Node value)
    {
        var parent = path.Segments.Count == 0 ? null : JsonPointer.Resolve(root, path.ParentSegments);
        switch (parent)
        {
            case MapNode map:
                map.Set(path.Last, value);
                return;
            case ListNode list:
                var at = path.Last == "-" ? list.Items.Count : ListIndex.Parse(path.Last)
                    ?? throw new KustomizeBuildException(
                        $"error in add for path: '{path.Text}': value was not a proper array index: '{path.Last}': strconv.Atoi: parsing \"{path.Last}\": invalid syntax");
                var index = at < 0 ? at + list.Items.Count + 1 : at;
                if (index < 0 || index > list.Items.Count)
                {
                    throw InvalidIndex("error in add", path, at);
                }

                list.Items.Insert(index, value);
                return;
            default:
                throw new KustomizeBuildException($"add operation does not apply: doc is missing path: \"{path.Text}\": missing value");
        }
    }

    /// <summary>Removes a map key or list item and returns it; <paramref name="context"/> starts the error messages.</summary>
    public static Node Remove(MapNode root, JsonPointer path, string context)
    {
        var parent = path.Segments.Count == 0 ? null : JsonPointer.Resolve(root, path.ParentSegments);
        switch (parent)
        {
            case MapNode map:
                if (!map.Fields.Remove(path.Last, out var removed))
                {
                    throw new KustomizeBuildException($"{context}: Unable to remove nonexistent key: {path.Last}: missing value");
                }

                return removed;
            case ListNode list:
                var at = ListIndex.Parse(path.Last)
                    ?? throw new KustomizeBuildException($"{context}: strconv.Atoi: parsing \"{path.Last}\": invalid syntax");
                var index = at < 0 ? at + list.Items.Count : at;
                if (index < 0 || index >= list.Items.Count)
                {
                    throw new KustomizeBuildException($"{context}: Unable to access invalid index: {at}: invalid index referenced");
                }

                var item = list.Items[index];
                list.Items.RemoveAt(index);
                return item;
            default:
                throw new KustomizeBuildException($"{context}: doc is missing path: \"{path.Text}\": missing value");
        }
    }

    /// <summary>Sets a map key (present or not) or replaces an existing list item.</summary>
    public static void Replace(MapNode root, JsonPointer path, Node value)
    {
        var parent = path.Segments.Count == 0 ? null : JsonPointer.Resolve(root, path.ParentSegments);
        switch (parent)
        {
            case MapNode map:
                map.Set(path.Last, value);
                return;
            case ListNode list when ListIndex.Parse(path.Last) is { } at
                && (at < 0 ? at + list.Items.Count : at) is var index && index >= 0 && index < list.Items.Count:
                list.Items[index] = value;
                return;
            case ListNode:
                throw new KustomizeBuildException($"replace operation does not apply: doc is missing key: {path.Text}: missing value");
            default:
                throw new KustomizeBuildException($"replace operation does not apply: doc is missing path: {path.Text}: missing value");
        }
    }

    private static KustomizeBuildException InvalidIndex(string context, JsonPointer path, int at) =>
        new($"{context} for path: '{path.Text}': Unable to access invalid index: {at}: invalid index referenced");
}
