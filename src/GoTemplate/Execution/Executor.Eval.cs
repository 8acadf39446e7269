using GitOpsHQ.GoTemplate.Nodes;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Execution;

internal sealed partial class Executor
{
    private Operand EvalPipeline(Operand dot, PipeNode? pipe)
    {
        using var nesting = Nest();
        if (pipe is null)
        {
            return Operand.Invalid;
        }
        At(pipe);
        Operand? value = null;
        foreach (var command in pipe.Commands)
        {
            // The previous command's value is this one's final argument.
            value = EvalCommand(dot, command, value).Unwrapped();
        }
        var result = value ?? Operand.Invalid;
        foreach (var variable in pipe.Declarations)
        {
            if (pipe.IsAssign)
            {
                SetVariable(variable.Names[0], result);
            }
            else
            {
                Push(variable.Names[0], result);
            }
        }
        return result;
    }

    private Operand EvalCommand(Operand dot, CommandNode command, Operand? final)
    {
        var first = command.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldNode(dot, field, command.Args, final);
            case ChainNode chain:
                return EvalChainNode(dot, chain, command.Args, final);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, command, command.Args, final);
            case PipeNode pipe:
                NotAFunction(command.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariableNode(dot, variable, command.Args, final);
        }
        At(first);
        NotAFunction(command.Args, final);
        return first switch
        {
            BoolNode b => Operand.Concrete(b.Value),
            DotNode => dot,
            NilNode => throw Fail("nil is not a command"),
            NumberNode n => IdealConstant(n),
            StringNode s => Operand.Concrete(s.Text),
            _ => throw Fail($"can't evaluate command {Quote(first.ToString())}"),
        };
    }

    private void NotAFunction(List<Node>? args, Operand? final)
    {
        if ((args is not null && args.Count > 1) || final is not null)
        {
            throw Fail($"can't give argument to non-function {args![0]}");
        }
    }

    // A number constant as an untyped Go constant becomes: int, float64 when written as a float, or complex128.
    private Operand IdealConstant(NumberNode node)
    {
        At(node);
        var number = node.Number;
        var text = number.Text;
        var isHexInt = text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X' && text.IndexOfAny(['p', 'P']) < 0;
        var isRune = text.StartsWith('\'');
        if (number.IsComplex)
        {
            return Operand.Concrete(number.Complex128);
        }
        if (number.IsFloat && !isHexInt && !isRune && text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) >= 0)
        {
            return Operand.Concrete(number.Float64);
        }
        if (number.IsInt)
        {
            return Operand.Concrete((nint)number.Int64);
        }
        if (number.IsUint)
        {
            throw Fail($"{text} overflows int");
        }
        return Operand.Invalid;
    }

    private Operand EvalFieldNode(Operand dot, FieldNode field, List<Node>? args, Operand? final)
    {
        At(field);
        return EvalFieldChain(dot, dot, field, field.Names, args, final);
    }

    private Operand EvalChainNode(Operand dot, ChainNode chain, List<Node>? args, Operand? final)
    {
        At(chain);
        if (chain.Target is NilNode)
        {
            throw Fail($"indirection through explicit nil in {chain}");
        }
        var target = EvalArgument(dot, chain.Target);
        return EvalFieldChain(dot, target, chain, chain.Fields, args, final);
    }

    private Operand EvalVariableNode(Operand dot, VariableNode variable, List<Node>? args, Operand? final)
    {
        At(variable);
        var value = VariableValue(variable.Names[0]);
        if (variable.Names.Length == 1)
        {
            NotAFunction(args, final);
            return value;
        }
        return EvalFieldChain(dot, value, variable, variable.Names[1..], args, final);
    }

    private Operand EvalFieldChain(Operand dot, Operand receiver, Node node, IReadOnlyList<string> names, List<Node>? args, Operand? final)
    {
        for (var i = 0; i < names.Count - 1; i++)
        {
            receiver = EvalField(dot, names[i], node, null, null, receiver);
        }
        return EvalField(dot, names[^1], node, args, final, receiver);
    }

    // Go's order: a method of the value, then a struct field, then a map key.
    private Operand EvalField(Operand dot, string name, Node node, List<Node>? args, Operand? final, Operand receiver)
    {
        if (!receiver.IsValid)
        {
            return _set.MissingKey == MissingKeyMode.Error
                ? throw Fail($"nil data; no entry for key {Quote(name)}")
                : Operand.Invalid;
        }
        var value = receiver.Value ?? throw Fail($"nil pointer evaluating {receiver.StaticTypeName}.{name}");
        var hasArgs = (args is not null && args.Count > 1) || final is not null;
        if (value is IGoObject obj)
        {
            if (obj.FindMethod(name) is { } method)
            {
                return EvalCall(dot, method, node, name, args, final);
            }
            if (obj.TryGetField(name, out var field))
            {
                return hasArgs
                    ? throw Fail($"{name} has arguments but cannot be invoked as function")
                    : Operand.Concrete(field);
            }
        }
        if (GoMap.Is(value) && GoMap.ShapeOf(value) is var shape && (shape.HasStringKeys || shape.KeyType is null))
        {
            if (hasArgs)
            {
                throw Fail($"{name} is not a method but has arguments");
            }
            if (GoMap.TryGet(value, name, out var element))
            {
                return new Operand(element, shape.ElementsAreInterfaces);
            }
            return _set.MissingKey switch
            {
                MissingKeyMode.Zero => new Operand(shape.ElementZero, shape.ElementsAreInterfaces),
                MissingKeyMode.Error => throw Fail($"map has no entry for key {Quote(name)}"),
                _ => Operand.Invalid,
            };
        }
        throw Fail($"can't evaluate field {name} in type {receiver.StaticTypeName}");
    }
}
