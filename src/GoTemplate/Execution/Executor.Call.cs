using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Nodes;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Execution;

internal sealed partial class Executor
{
    private Operand EvalFunction(Operand dot, IdentifierNode identifier, Node command, List<Node>? args, Operand? final)
    {
        At(identifier);
        var function = _set.Functions.Find(identifier.Name)
            ?? throw Fail($"{Quote(identifier.Name)} is not a defined function");
        return EvalCall(dot, function, command, identifier.Name, args, final);
    }

    // args holds the whole command: its first element names the function and is not passed.
    private Operand EvalCall(Operand dot, GoFunction function, Node node, string name, List<Node>? args, Operand? final)
    {
        // Functions may run templates again (Helm's tpl starts a new execution), so calls check the stack too.
        CheckStack();
        // The arguments are args[1..] (none without args).
        var actualCount = args is null || args.Count == 0 ? 0 : args.Count - 1;
        var parameters = function.Parameters;
        var count = actualCount + (final is null ? 0 : 1);
        var fixedCount = actualCount;
        if (function.IsVariadic)
        {
            fixedCount = parameters.Count - 1;
            if (count < fixedCount)
            {
                throw Fail($"wrong number of args for {name}: want at least {parameters.Count - 1} got {actualCount}");
            }
        }
        else if (count != parameters.Count)
        {
            throw Fail($"wrong number of args for {name}: want {parameters.Count} got {count}");
        }
        if (function.ShortCircuit != ShortCircuit.None)
        {
            return EvalShortCircuit(dot, function, actualCount == 0 ? [] : args!.GetRange(1, actualCount), final);
        }
        var argv = new object?[count];
        var i = 0;
        for (; i < fixedCount && i < actualCount; i++)
        {
            argv[i] = EvalArg(dot, parameters[i], args![i + 1]);
        }
        for (; i < actualCount; i++)
        {
            argv[i] = EvalArg(dot, parameters[^1], args![i + 1], function.SeesInterfaceSlots);
        }
        if (final is { } last)
        {
            var type = function.IsVariadic && count - 1 < fixedCount ? parameters[count - 1] : parameters[^1];
            argv[i] = ValidateType(last, type);
        }
        object? result;
        _cancellation.ThrowIfCancellationRequested();
        try
        {
            result = function.Invoke(new FunctionCall(name, _set, _cancellation, _executeNested ??= ExecuteNested, _executeNestedIn ??= ExecuteNestedIn), argv);
        }
        catch (Exception e) when (e is not (TemplateLimitException or OperationCanceledException))
        {
            At(node);
            throw Fail($"error calling {name}: {e.Message}");
        }
        if (result is string { Length: > Functions.Sprig.SprigFunctions.MaxStringLength } text)
        {
            // Refused before it doubles again (cat $s $s in a loop).
            throw Limit($"{name} returned {text.Length} characters, over the limit of {Functions.Sprig.SprigFunctions.MaxStringLength}");
        }
        return function.Result == GoType.Any || function.Result == GoType.Value
            ? new Operand(result, true)
            : Operand.Concrete(result);
    }

    // and/or evaluate arguments only until one decides the result, which is returned.
    private Operand EvalShortCircuit(Operand dot, GoFunction function, List<Node> actual, Operand? final)
    {
        var wanted = function.ShortCircuit == ShortCircuit.Or;
        var value = Operand.Invalid;
        foreach (var arg in actual)
        {
            value = AsOperand(EvalArg(dot, GoType.Value, arg));
            if (GoTruth.IsTrue(value.Value) == wanted)
            {
                return value;
            }
        }
        return final ?? value;
    }

    private static Operand AsOperand(object? raw) => raw is NoValue ? Operand.Invalid : new Operand(raw, true);

    // An argument of a function or method, checked against its parameter type.
    private object? EvalArg(Operand dot, GoType type, Node node, bool keepInterfaceSlots = false)
    {
        At(node);
        switch (node)
        {
            case DotNode:
                return ValidateType(dot, type, keepInterfaceSlots);
            case NilNode:
                return type.Kind == GoTypeKind.Value ? NoValue.Instance
                    : type.CanBeNil ? null
                    : throw Fail($"cannot assign nil to {type.Name}");
            case FieldNode or VariableNode or PipeNode or IdentifierNode or ChainNode:
                return ValidateType(EvalArgument(dot, node), type, keepInterfaceSlots);
        }
        switch (type.Kind)
        {
            case GoTypeKind.Bool:
                return node is BoolNode b ? b.Value : throw Fail($"expected bool; found {node}");
            case GoTypeKind.Float64:
                return node is NumberNode { Number.IsFloat: true } f ? f.Number.Float64 : throw Fail($"expected float; found {node}");
            case GoTypeKind.Int or GoTypeKind.Int64:
                if (node is NumberNode { Number.IsInt: true } n)
                {
                    return type.Kind == GoTypeKind.Int ? (object)(nint)n.Number.Int64 : n.Number.Int64;
                }
                throw Fail($"expected integer; found {node}");
            case GoTypeKind.String:
                return node is StringNode s ? s.Text : throw Fail($"expected string; found {node}");
            case GoTypeKind.Any or GoTypeKind.Value:
                return node switch
                {
                    BoolNode constant => constant.Value,
                    NumberNode number => IdealConstant(number).Value,
                    StringNode text => text.Text,
                    _ => throw Fail("evalEmptyInterface: nil (can't happen)"),
                };
        }
        throw Fail($"can't handle {node} for arg of type {type.Name}");
    }

    // The value of a non-constant operand: dot, a field chain, a variable, a pipeline or a function call.
    private Operand EvalArgument(Operand dot, Node node)
    {
        At(node);
        return node switch
        {
            DotNode => dot,
            FieldNode field => EvalFieldNode(dot, field, [node], null),
            VariableNode variable => EvalVariableNode(dot, variable, null, null),
            PipeNode pipe => EvalPipeline(dot, pipe),
            IdentifierNode identifier => EvalFunction(dot, identifier, identifier, null, null),
            ChainNode chain => EvalChainNode(dot, chain, null, null),
            BoolNode b => Operand.Concrete(b.Value),
            NumberNode n => IdealConstant(n),
            StringNode s => Operand.Concrete(s.Text),
            _ => Operand.Invalid,
        };
    }

    private object? ValidateType(Operand value, GoType type, bool keepInterfaceSlots = false)
    {
        if (type.Kind == GoTypeKind.Value)
        {
            return keepInterfaceSlots && value.IsInterface && value.IsValid ? new InterfaceSlot(value.Value) : value.Value;
        }
        if (!value.IsValid)
        {
            return type.CanBeNil ? null : throw Fail($"invalid value; expected {type.Name}");
        }
        if (type.Kind == GoTypeKind.Any)
        {
            return value.Value;
        }
        if (value.Value is not { } v)
        {
            throw Fail($"wrong type for value; expected {type.Name}; got {value.StaticTypeName}");
        }
        return type.Accepts(v) ? v : throw Fail($"wrong type for value; expected {type.Name}; got {GoTypes.NameOf(v)}");
    }

    // Functions such as Helm's include execute other templates of the set within this execution's limits.
    // Made once per execution, not per function call.
    private Func<string, object?, string>? _executeNested;
    private Func<TemplateSet, string, object?, string>? _executeNestedIn;

    private string ExecuteNested(string name, object? data) => ExecuteNestedIn(_set, name, data);

    // ... and Helm's tpl, templates of a copy of the set.
    private string ExecuteNestedIn(TemplateSet set, string name, object? data)
    {
        var tree = set.Lookup(name)
            ?? throw new FunctionException($"template: no template {Quote(name)} associated with template {Quote(set.Name)}");
        if (Depth >= _limits.MaxTemplateDepth)
        {
            throw Limit($"exceeded maximum template depth ({_limits.MaxTemplateDepth})");
        }
        CheckStack();
        return Run(set, tree, data, _limits, _cancellation, Depth + 1);
    }
}
