using System.Text;
using GitOpsHQ.GoTemplate.Parsing;

namespace GitOpsHQ.GoTemplate.Nodes;

/// <summary>A function name.</summary>
internal sealed class IdentifierNode(int pos, string name) : Node(pos)
{
    public string Name { get; } = name;

    public override void WriteTo(StringBuilder sb) => sb.Append(Name);
}

/// <summary>A variable, possibly followed by fields: <c>$x.a.b</c> has the names <c>$x</c>, <c>a</c>, <c>b</c>.</summary>
internal sealed class VariableNode(int pos, string text) : Node(pos)
{
    public string[] Names { get; } = text.Split('.');

    public override void WriteTo(StringBuilder sb) => sb.AppendJoin('.', Names);
}

/// <summary>A field chain on dot: <c>.a.b</c> has the names <c>a</c>, <c>b</c>.</summary>
internal sealed class FieldNode(int pos, string text) : Node(pos)
{
    public string[] Names { get; } = text[1..].Split('.');

    public override void WriteTo(StringBuilder sb)
    {
        foreach (var name in Names)
        {
            sb.Append('.').Append(name);
        }
    }
}

/// <summary>Fields on the result of a parenthesised pipeline: <c>(pipeline).a.b</c>.</summary>
internal sealed class ChainNode(int pos, Node target) : Node(pos)
{
    public Node Target { get; } = target;

    public List<string> Fields { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        if (Target is PipeNode)
        {
            sb.Append('(');
            Target.WriteTo(sb);
            sb.Append(')');
        }
        else
        {
            Target.WriteTo(sb);
        }
        foreach (var field in Fields)
        {
            sb.Append('.').Append(field);
        }
    }
}

/// <summary>The cursor, <c>.</c>.</summary>
internal sealed class DotNode(int pos) : Node(pos)
{
    public override void WriteTo(StringBuilder sb) => sb.Append('.');
}

/// <summary>The untyped <c>nil</c>.</summary>
internal sealed class NilNode(int pos) : Node(pos)
{
    public override void WriteTo(StringBuilder sb) => sb.Append("nil");
}

internal sealed class BoolNode(int pos, bool value) : Node(pos)
{
    public bool Value { get; } = value;

    public override void WriteTo(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}

internal sealed class NumberNode(int pos, NumberLiteral number) : Node(pos)
{
    public NumberLiteral Number { get; } = number;

    public override void WriteTo(StringBuilder sb) => sb.Append(Number.Text);
}

/// <summary>A string constant: its literal as written and its value.</summary>
internal sealed class StringNode(int pos, string quoted, string text) : Node(pos)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override void WriteTo(StringBuilder sb) => sb.Append(Quoted);
}
