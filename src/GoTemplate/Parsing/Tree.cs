using GitOpsHQ.GoTemplate.Nodes;

namespace GitOpsHQ.GoTemplate.Parsing;

/// <summary>
/// One parsed template: the file's own body or a <c>define</c>/<c>block</c> in it. Trees from one file share
/// its text and <see cref="ParseName"/>, which error locations use.
/// </summary>
public sealed class Tree(string name, string parseName, ListNode root, LineMap lines)
{
    public string Name { get; } = name;

    public string ParseName { get; } = parseName;

    public ListNode Root { get; } = root;

    public LineMap Lines { get; } = lines;

    /// <summary><c>NAME:LINE:COLUMN</c> of a node, the column counted in bytes from 0.</summary>
    public string Location(Node node) => $"{ParseName}:{Lines.LineOf(node.Pos)}:{Lines.ByteColumnOf(node.Pos)}";
}
