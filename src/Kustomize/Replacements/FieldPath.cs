using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// A field path of replacements and vars: segments separated by '.', except inside "[...]" element
/// selectors, so "spec.containers.[name=a.b].image" has four segments.
/// </summary>
public static class FieldPath
{
    /// <summary>
    /// Splits a field path as kustomize does: on dots, a leading dot ignored, "\." kept inside a segment,
    /// and a bracketed segment holding dots ("[cert-manager.io/inject-ca-from]") kept whole — without its
    /// brackets when it is a plain key, with them when it selects a list element ("[name=a.b]").
    /// </summary>
    public static IReadOnlyList<PathSegment> Parse(string path)
    {
        var split = path.Split('.').ToList();
        if (split.Count > 1 && split[0].Length == 0)
        {
            split.RemoveAt(0);
        }

        var pieces = new List<string> { split[0] };
        foreach (var piece in split.Skip(1))
        {
            if (pieces[^1].EndsWith('\\'))
            {
                pieces[^1] = pieces[^1][..^1] + "." + piece;
            }
            else
            {
                pieces.Add(piece);
            }
        }

        var parts = new List<string>();
        for (var i = 0; i < pieces.Count; i++)
        {
            if (!pieces[i].StartsWith('[') || pieces[i].EndsWith(']'))
            {
                parts.Add(pieces[i]);
                continue;
            }

            var bracketed = new List<string> { pieces[i] };
            while (i < pieces.Count - 1)
            {
                i++;
                bracketed.Add(pieces[i]);
                if (pieces[i].EndsWith(']'))
                {
                    break;
                }
            }

            var joined = string.Join('.', bracketed);
            parts.Add(joined.Contains('=') ? joined : joined.Trim('[', ']'));
        }

        return parts.Select(Segment).ToList();
    }

    /// <summary>One step of a path already split into its parts: an element selector, "*", an index or a field.</summary>
    internal static PathSegment Segment(string part)
    {
        if (part.Length > 2 && part[0] == '[' && part[^1] == ']' && part.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
        {
            return new PathSegment.Element(part[1..equals], part[(equals + 1)..^1]);
        }

        if (part == "*")
        {
            return new PathSegment.Every();
        }

        return part.Length > 0 && part.All(char.IsAsciiDigit) && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? new PathSegment.Index(index)
            : new PathSegment.Field(part);
    }

    /// <summary>
    /// The value at <paramref name="path"/> for reading: element selectors compare exactly, "*" is a
    /// field name. Null when a step is missing or meets the wrong kind of node.
    /// </summary>
    public static Node? Lookup(Node root, IReadOnlyList<PathSegment> path)
    {
        var node = root;
        foreach (var segment in path)
        {
            node = (segment, node) switch
            {
                (PathSegment.Field field, MapNode map) => map[field.Name],
                (PathSegment.Every, MapNode map) => map["*"],
                (PathSegment.Element element, ListNode list) => list.Items.FirstOrDefault(item => Text(ElementValue(item, element.Key)) == element.Value),
                (PathSegment.Index index, ListNode list) => index.Position < list.Items.Count ? list.Items[index.Position] : null,
                (PathSegment.Index index, MapNode map) => map[index.Position.ToString(CultureInfo.InvariantCulture)],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>
    /// Where <paramref name="path"/> leads for writing: element selectors are regular expressions
    /// found anywhere in the value, "*" visits every list element. With <paramref name="createLeaf"/>
    /// missing maps, lists, selected elements and the last field are made (the last as a null scalar
    /// marked <see cref="FieldSlot.Created"/> when <paramref name="createLeaf"/> is a scalar).
    /// Throws <see cref="FieldPathException"/> when a step meets the wrong kind of node.
    /// </summary>
    public static List<FieldSlot> Find(MapNode root, IReadOnlyList<PathSegment> path, Node? createLeaf)
    {
        var found = new List<FieldSlot>();
        Walk(FieldSlot.Root(root), path, 0, createLeaf, found);
        return found;
    }

    private static void Walk(FieldSlot slot, IReadOnlyList<PathSegment> path, int at, Node? create, List<FieldSlot> found)
    {
        if (at == path.Count)
        {
            found.Add(slot);
            return;
        }

        var node = slot.Value;
        switch (path[at])
        {
            case PathSegment.Field field:
                if (node is ScalarNode { Value: null })
                {
                    return;
                }

                var map = node as MapNode ?? throw FieldPathException.WrongKind("MappingNode", node);
                if (map[field.Name] is null)
                {
                    if (create is null)
                    {
                        return;
                    }

                    var last = at == path.Count - 1;
                    map.Set(field.Name, last ? Empty(create) : path[at + 1] is PathSegment.Field ? new MapNode() : new ListNode());
                    var created = new FieldSlot(map, field.Name, -1, last && create is ScalarNode);
                    Walk(created, path, at + 1, create, found);
                    return;
                }

                Walk(new FieldSlot(map, field.Name, -1, false), path, at + 1, create, found);
                return;
            case PathSegment.Element element:
                var list = List(node);
                if (list is null)
                {
                    return;
                }

                var pattern = Pattern(element.Value);
                var matched = Enumerable.Range(0, list.Items.Count)
                    .Where(i => Text(ElementValue(list.Items[i], element.Key)) is { } text && pattern.IsMatch(text))
                    .ToList();
                if (matched.Count == 0 && create is not null)
                {
                    var value = UntaggedScalars.Make(element.Value);
                    list.Items.Add(element.Key.Length == 0 ? value : new MapNode { Fields = { [element.Key] = value } });
                    matched.Add(list.Items.Count - 1);
                }

                foreach (var i in matched)
                {
                    Walk(new FieldSlot(list, null, i, false), path, at + 1, create, found);
                }

                return;
            case PathSegment.Index index:
                if (List(node) is not { } indexed)
                {
                    return;
                }

                // Creating past the end appends one element.
                var createdItem = false;
                if (index.Position >= indexed.Items.Count && create is not null)
                {
                    var lastStep = at == path.Count - 1;
                    indexed.Items.Add(lastStep ? Empty(create) : path[at + 1] is PathSegment.Field ? new MapNode() : new ListNode());
                    createdItem = lastStep && create is ScalarNode;
                }

                var position = createdItem || index.Position >= indexed.Items.Count ? indexed.Items.Count - 1 : index.Position;
                if (index.Position < indexed.Items.Count || create is not null)
                {
                    Walk(new FieldSlot(indexed, null, position, createdItem), path, at + 1, create, found);
                }

                return;
            default:
                if (List(node) is { } every)
                {
                    for (var i = 0; i < every.Items.Count; i++)
                    {
                        Walk(new FieldSlot(every, null, i, false), path, at + 1, create, found);
                    }
                }

                return;
        }
    }

    private static ListNode? List(Node node) => node switch
    {
        ListNode list => list,
        ScalarNode { Value: null } => null,
        _ => throw FieldPathException.WrongKind("SequenceNode", node),
    };

    private static Node Empty(Node like) => like switch
    {
        MapNode => new MapNode(),
        ListNode => new ListNode(),
        _ => ScalarNode.Null,
    };

    private static Regex Pattern(string value)
    {
        try
        {
            return new Regex(value, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            throw new KustomizeBuildException($"error parsing regexp: invalid element selector `{value}`");
        }
    }

    private static Node? ElementValue(Node item, string key) => key.Length == 0 ? item : (item as MapNode)?[key];

    /// <summary>The text of a scalar as kustomize holds it ("7", "true"); null for maps, lists and missing values.</summary>
    public static string? Text(Node? node) => node is ScalarNode scalar ? ScalarText(scalar) : null;

    public static string ScalarText(ScalarNode scalar) => scalar.Value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => GoFloat.G(number),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };
}
