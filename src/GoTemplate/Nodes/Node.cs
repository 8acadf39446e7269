using System.Text;

namespace GitOpsHQ.GoTemplate.Nodes;

/// <summary>
/// A node of a parsed template. <see cref="Pos"/> is the offset in the template text; the node's text
/// (<see cref="ToString"/>) is how Go quotes it in execution errors (<c>at &lt;.Values.x&gt;</c>).
/// </summary>
public abstract class Node
{
    protected Node(int pos) => Pos = pos;

    public int Pos { get; }

    public abstract void WriteTo(StringBuilder sb);

    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }
}

/// <summary>A sequence of nodes.</summary>
public sealed class ListNode(int pos) : Node(pos)
{
    public List<Node> Nodes { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        foreach (var node in Nodes)
        {
            node.WriteTo(sb);
        }
    }

    /// <summary>True when the list holds nothing but white space (and comments), as Go's IsEmptyTree decides.</summary>
    public bool IsEmpty => Nodes.All(n => n switch
    {
        TextNode t => string.IsNullOrWhiteSpace(t.Text),
        ListNode l => l.IsEmpty,
        _ => false,
    });
}

/// <summary>Plain text copied to the output.</summary>
internal sealed class TextNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public override void WriteTo(StringBuilder sb) => sb.Append(Text);
}
