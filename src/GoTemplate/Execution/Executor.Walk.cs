using System.Collections;
using GitOpsHQ.GoTemplate.Nodes;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Execution;

internal sealed partial class Executor
{
    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    private Flow Walk(Operand dot, Node node)
    {
        using var nesting = Nest();
        At(node);
        switch (node)
        {
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Declarations.Count == 0)
                {
                    PrintValue(action, value, Addressable(action.Pipe));
                }
                return Flow.Normal;
            case LoopControlNode loop:
                return loop.IsBreak ? Flow.Break : Flow.Continue;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case ListNode list:
                _cancellation.ThrowIfCancellationRequested();
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }
                return Flow.Normal;
            case TemplateNode template:
                WalkTemplate(dot, template);
                return Flow.Normal;
            case TextNode text:
                Write(text.Text);
                return Flow.Normal;
        }
        throw Fail("unknown node: " + node);
    }

    private Flow WalkIfOrWith(Operand dot, BranchNode branch)
    {
        CheckStack();
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            if (GoTruth.IsTrue(value.Value))
            {
                return Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
            }
            return branch.ElseList is null ? Flow.Normal : Walk(dot, branch.ElseList);
        }
        finally
        {
            PopTo(mark);
        }
    }

    private void WalkTemplate(Operand dot, TemplateNode node)
    {
        At(node);
        var tree = _set.Lookup(node.Name) ?? throw Fail($"template {Quote(node.Name)} not defined");
        if (Depth >= _limits.MaxTemplateDepth)
        {
            throw Limit($"exceeded maximum template depth ({_limits.MaxTemplateDepth})");
        }
        CheckStack();
        var newDot = EvalPipeline(dot, node.Pipe);
        var (savedTree, savedVars, savedAt) = (_tree, _vars, _at);
        (_tree, _vars) = (tree, [("$", newDot)]);
        _depth++;
        try
        {
            Walk(newDot, tree.Root);
        }
        finally
        {
            _depth--;
            (_tree, _vars, _at) = (savedTree, savedVars, savedAt);
        }
    }

    private Flow WalkRange(Operand dot, BranchNode range)
    {
        At(range);
        CheckStack();
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            var ran = value.Value switch
            {
                NoValue or null => false,
                byte[] bytes => Iterate(range, Enumerable.Range(0, bytes.Length).Select(i => ((object?)(nint)i, new Operand(bytes[i], false)))),
                IList list => Iterate(range, ListItems(list)),
                var m when GoMap.Is(m) => Iterate(range, MapItems(m)),
                var n when GoTypes.KindOf(n) is GoKind.Int or GoKind.Uint => Iterate(range, Counted(range, n)),
                _ => throw Fail($"range can't iterate over {GoFormat.Value(value.Value)}"),
            };
            if (!ran && range.ElseList is not null)
            {
                return Walk(dot, range.ElseList);
            }
            return Flow.Normal;
        }
        finally
        {
            PopTo(mark);
        }
    }

    private static IEnumerable<(object? Index, Operand Element)> ListItems(IList list)
    {
        var interfaces = ContainerShape.Of(list.GetType()).ElementsAreInterfaces;
        for (var i = 0; i < list.Count; i++)
        {
            yield return ((nint)i, new Operand(list[i], interfaces));
        }
    }

    private static IEnumerable<(object? Index, Operand Element)> MapItems(object map)
    {
        var interfaces = GoMap.ShapeOf(map).ElementsAreInterfaces;
        foreach (var entry in GoMap.SortedEntries(map))
        {
            yield return (entry.Key, new Operand(entry.Value, interfaces));
        }
    }

    // Ranging over an integer n (Go 1.22) visits 0..n-1, each of n's type; it allows one variable only.
    private IEnumerable<(object? Index, Operand Element)> Counted(BranchNode range, object n)
    {
        if (range.Pipe.Declarations.Count > 1)
        {
            throw Fail($"can't use {GoFormat.Value(n)} to iterate over more than one variable");
        }
        var count = GoTypes.KindOf(n) == GoKind.Int ? GoTypes.ToInt64(n) : (long)Math.Min(GoTypes.ToUInt64(n), long.MaxValue);
        for (long i = 0; i < count; i++)
        {
            yield return (NoValue.Instance, new Operand(SameIntegerType(n, i), false));
        }
    }

    private static object SameIntegerType(object like, long i) => like switch
    {
        nint => (nint)i,
        long => i,
        int => (int)i,
        short => (short)i,
        sbyte => (sbyte)i,
        nuint => (nuint)i,
        ulong => (ulong)i,
        uint => (uint)i,
        ushort => (ushort)i,
        _ => (byte)i,
    };

    // Runs the body per element; true when there was at least one element.
    private bool Iterate(BranchNode range, IEnumerable<(object? Index, Operand Element)> items)
    {
        var declarations = range.Pipe.Declarations;
        var mark = _vars.Count;
        var ran = false;
        foreach (var (index, element) in items)
        {
            ran = true;
            _cancellation.ThrowIfCancellationRequested();
            var indexOperand = index is NoValue ? Operand.Invalid : new Operand(index, false);
            if (range.Pipe.IsAssign)
            {
                SetVariable(declarations[0].Names[0], declarations.Count > 1 ? indexOperand : element);
                if (declarations.Count > 1)
                {
                    SetVariable(declarations[1].Names[0], element);
                }
            }
            else if (declarations.Count > 0)
            {
                SetTopVariable(1, element);
                if (declarations.Count > 1)
                {
                    SetTopVariable(2, indexOperand);
                }
            }
            var flow = Walk(element, range.List);
            PopTo(mark);
            if (flow == Flow.Break)
            {
                break;
            }
        }
        return ran;
    }
}
