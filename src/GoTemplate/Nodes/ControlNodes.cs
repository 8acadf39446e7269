using System.Text;
using GitOpsHQ.GoTemplate.Formatting;

namespace GitOpsHQ.GoTemplate.Nodes;

/// <summary>An action that evaluates a pipeline and prints its value unless it declares variables.</summary>
internal sealed class ActionNode(int pos, int line, PipeNode pipe) : Node(pos)
{
    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{");
        Pipe.WriteTo(sb);
        sb.Append("}}");
    }
}

internal enum BranchKind
{
    If,
    Range,
    With,
}

/// <summary><c>if</c>, <c>range</c> and <c>with</c>: a pipeline, a body, and an optional else body.</summary>
internal sealed class BranchNode(BranchKind kind, int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList)
    : Node(pos)
{
    public BranchKind Kind { get; } = kind;

    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{").Append(Kind.ToString().ToLowerInvariant()).Append(' ');
        Pipe.WriteTo(sb);
        sb.Append("}}");
        List.WriteTo(sb);
        if (ElseList is not null)
        {
            sb.Append("{{else}}");
            ElseList.WriteTo(sb);
        }
        sb.Append("{{end}}");
    }
}

/// <summary><c>{{template "name" pipeline}}</c>.</summary>
internal sealed class TemplateNode(int pos, int line, string name, PipeNode? pipe) : Node(pos)
{
    public int Line { get; } = line;

    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{template ").Append(GoQuote.Quote(Name));
        if (Pipe is not null)
        {
            sb.Append(' ');
            Pipe.WriteTo(sb);
        }
        sb.Append("}}");
    }
}

/// <summary><c>{{break}}</c> or <c>{{continue}}</c> inside a range.</summary>
internal sealed class LoopControlNode(int pos, int line, bool isBreak) : Node(pos)
{
    public int Line { get; } = line;

    public bool IsBreak { get; } = isBreak;

    public override void WriteTo(StringBuilder sb) => sb.Append(IsBreak ? "{{break}}" : "{{continue}}");
}

/// <summary>An <c>{{end}}</c> or <c>{{else}}</c> seen by the parser; never part of a finished tree.</summary>
internal sealed class DelimiterNode(int pos, bool isElse) : Node(pos)
{
    public bool IsElse { get; } = isElse;

    public override void WriteTo(StringBuilder sb) => sb.Append(IsElse ? "{{else}}" : "{{end}}");
}
