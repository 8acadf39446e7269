namespace GitOpsHQ.Kustomize;

/// <summary>
/// A JSON Pointer as kustomize's JSON patches read it: the text before the first '/' is ignored,
/// each following segment is a map key or list index, "~1" stands for '/' and "~0" for '~'.
/// </summary>
internal sealed record JsonPointer(string Text, IReadOnlyList<string> Segments)
{
    public static JsonPointer Parse(string text)
    {
        var slash = text.IndexOf('/');
        var segments = slash < 0 ? [] : text[(slash + 1)..].Split('/').Select(Unescape).ToList();
        return new JsonPointer(text, segments);
    }

    /// <summary>The pointer to the container of the last segment.</summary>
    public IReadOnlyList<string> ParentSegments => Segments.Take(Segments.Count - 1).ToList();

    public string Last => Segments[^1];

    private static string Unescape(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>The value the segments lead to from <paramref name="root"/>, or null when a step is missing.</summary>
    public static Node? Resolve(Node root, IEnumerable<string> segments)
    {
        Node? node = root;
        foreach (var segment in segments)
        {
            node = node switch
            {
                MapNode map => map[segment],
                ListNode list when ListIndex.Parse(segment) is { } i && (i < 0 ? i + list.Items.Count : i) is var at
                    && at >= 0 && at < list.Items.Count => list.Items[at],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public Node? Resolve(Node root) => Resolve(root, Segments);
}

/// <summary>List indexes in pointers: decimal, leading zeros and a sign allowed (negative counts from the end).</summary>
internal static class ListIndex
{
    public static int? Parse(string segment) =>
        segment.Length > 0 && int.TryParse(segment, System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : null;
}
