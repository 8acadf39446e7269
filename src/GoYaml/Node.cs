namespace GitOpsHQ.GoYaml;

/// <summary>
/// A YAML value as the plugins hold it for printing: a map, a list or a typed scalar. Comments,
/// styles and key order of the input are gone; only the data survives, as in the printed output.
/// </summary>
public abstract class Node
{
    public abstract Node Copy();
}

/// <summary>A map with string keys, in insertion order (the output sorts them).</summary>
public sealed class MapNode : Node
{
    public OrderedDictionary<string, Node> Fields { get; } = new(StringComparer.Ordinal);

    public Node? this[string key] => Fields.TryGetValue(key, out var value) ? value : null;

    public void Set(string key, Node value) => Fields[key] = value;

    public MapNode? Map(string key) => this[key] as MapNode;

    public ListNode? List(string key) => this[key] as ListNode;

    /// <summary>The text of a string scalar under <paramref name="key"/>, else null.</summary>
    public string? Text(string key) => this[key] is ScalarNode { Value: string text } ? text : null;

    /// <summary>The map under <paramref name="key"/>, created (replacing a null) when missing.</summary>
    public MapNode MapOrCreate(string key)
    {
        if (this[key] is MapNode map)
        {
            return map;
        }

        map = new MapNode();
        Fields[key] = map;
        return map;
    }

    public override Node Copy()
    {
        var copy = new MapNode();
        foreach (var (key, value) in Fields)
        {
            copy.Fields[key] = value.Copy();
        }

        return copy;
    }
}

/// <summary>A list of values.</summary>
public sealed class ListNode : Node
{
    public List<Node> Items { get; } = [];

    public override Node Copy()
    {
        var copy = new ListNode();
        copy.Items.AddRange(Items.Select(item => item.Copy()));
        return copy;
    }
}

/// <summary>
/// A scalar: null, bool, long, ulong, double or string (timestamps are already the strings
/// printed for them).
/// </summary>
public sealed class ScalarNode(object? value) : Node
{
    public static ScalarNode Null => new(null);

    public object? Value { get; } = value;

    /// <summary>
    /// For a null read from a file, how it was written: "" for a key with no value (<c>a:</c>), else "~", "null", "Null"
    /// or "NULL"; null for a null built in code. kustomize keeps the text in some places (an annotation <c>a: ~</c>
    /// stays "~") and drops a written-nothing null where a strategic merge walks.
    /// </summary>
    public string? NullText { get; init; }

    /// <summary>A string read from a plain (unquoted) scalar, such as <c>yes</c> (which YAML 1.1 readers take for a boolean).</summary>
    public bool IsPlain { get; init; }

    /// <summary>A null written as nothing at all (<c>a:</c>).</summary>
    public bool IsBlankNull => Value is null && NullText == "";

    public static ScalarNode Of(string text) => new(text);

    public override Node Copy() => this;
}

/// <summary>A scalar value's text printed as it is, unquoted (a time as yaml.v3 writes one).</summary>
public sealed record PlainText(string Text);
