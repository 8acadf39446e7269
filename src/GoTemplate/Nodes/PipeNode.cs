using System.Text;

namespace GitOpsHQ.GoTemplate.Nodes;

/// <summary>A pipeline: optional variable declarations or assignments, then commands joined by <c>|</c>.</summary>
internal sealed class PipeNode(int pos, int line) : Node(pos)
{
    public int Line { get; } = line;

    public bool IsAssign { get; set; }

    public List<VariableNode> Declarations { get; } = [];

    public List<CommandNode> Commands { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        if (Declarations.Count > 0)
        {
            for (var i = 0; i < Declarations.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }
                Declarations[i].WriteTo(sb);
            }
            sb.Append(" := ");
        }
        for (var i = 0; i < Commands.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(" | ");
            }
            Commands[i].WriteTo(sb);
        }
    }
}

/// <summary>One command of a pipeline: a function, method, field or constant, and its arguments.</summary>
internal sealed class CommandNode(int pos) : Node(pos)
{
    public List<Node> Args { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        for (var i = 0; i < Args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            if (Args[i] is PipeNode pipe)
            {
                sb.Append('(');
                pipe.WriteTo(sb);
                sb.Append(')');
            }
            else
            {
                Args[i].WriteTo(sb);
            }
        }
    }
}
