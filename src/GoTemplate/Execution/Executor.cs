using System.Runtime.CompilerServices;
using GitOpsHQ.GoTemplate.Formatting;
using GitOpsHQ.GoTemplate.Nodes;
using GitOpsHQ.GoTemplate.Parsing;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Execution;

/// <summary>
/// Executes parsed templates with Go's semantics: walks the tree, evaluates pipelines, keeps variables,
/// and reports failures with Go's error texts at the node being evaluated.
/// </summary>
internal sealed partial class Executor
{
    private readonly TemplateSet _set;
    private readonly ExecutionLimits _limits;
    private readonly CancellationToken _cancellation;
    private readonly int _baseDepth;
    private readonly OutputWriter _output;
    private Tree _tree;
    private Node? _at;
    private List<(string Name, Operand Value)> _vars = [];
    private int _depth;

    private Executor(TemplateSet set, Tree tree, ExecutionLimits limits, CancellationToken cancellation, int baseDepth)
    {
        _set = set;
        _tree = tree;
        _limits = limits;
        _cancellation = cancellation;
        _baseDepth = baseDepth;
        _output = new OutputWriter(limits.MaxOutputBytes);
    }

    /// <summary>Executes a template with the data as dot and returns its output.</summary>
    public static string Run(TemplateSet set, Tree tree, object? data, ExecutionLimits limits, CancellationToken cancellation, int depth = 0)
    {
        var executor = new Executor(set, tree, limits, cancellation, depth);
        var dot = data is null or NoValue ? Operand.Invalid : new Operand(data, false);
        executor._vars.Add(("$", dot));
        executor.Walk(dot, tree.Root);
        return executor._output.ToString();
    }

    private int Depth => _baseDepth + _depth;

    private void At(Node node) => _at = node;

    private void Write(string text)
    {
        if (!_output.TryWrite(text))
        {
            throw Limit($"output exceeds the limit of {_limits.MaxOutputBytes} bytes");
        }
    }

    /// <summary>
    /// How many pipelines and nodes may be in evaluation at once on one thread, across nested executions (include,
    /// template, tpl): a bound on the stack an execution uses that does not depend on the runtime's stack checks.
    /// </summary>
    private const int MaxNesting = 50_000;

    [ThreadStatic]
    private static int _nesting;

    private NestingScope Nest()
    {
        if (++_nesting > MaxNesting)
        {
            _nesting--;
            throw Limit($"exceeded maximum template depth: more than {MaxNesting} nested actions and pipelines");
        }
        return default;
    }

    private readonly struct NestingScope : IDisposable
    {
        public void Dispose() => _nesting--;
    }

    private void CheckStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Limit($"exceeded maximum template depth: execution stack exhausted at depth {Depth}");
        }
    }

    /// <summary>Fails at the current node with Go's execution error text.</summary>
    private TemplateExecutionException Fail(string description) =>
        _at is null
            ? new TemplateExecutionException(_tree.Name, null, null, description)
            : new TemplateExecutionException(_tree.Name, _tree.Location(_at), _at.ToString(), description);

    private TemplateLimitException Limit(string description) =>
        new(_tree.Name, _at is null ? null : _tree.Location(_at), _at?.ToString(), description);

    private void Push(string name, Operand value) => _vars.Add((name, value));

    private void PopTo(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private void SetTopVariable(int n, Operand value) => _vars[^n] = (_vars[^n].Name, value);

    private void SetVariable(string name, Operand value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = (name, value);
                return;
            }
        }
        throw Fail("undefined variable: " + name);
    }

    private Operand VariableValue(string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                return _vars[i].Value;
            }
        }
        throw Fail("undefined variable: " + name);
    }

    // A pipeline ending in a field, chain or variable yields a value Go can take the address of (a field reached
    // through the pointers Helm passes); a function's result is a copy.
    private static bool Addressable(PipeNode pipe) =>
        pipe.Commands.Count > 0 && pipe.Commands[^1].Args is [FieldNode or ChainNode or VariableNode];

    private void PrintValue(Node node, Operand value, bool addressable = false)
    {
        At(node);
        if (!value.IsValid)
        {
            Write("<no value>");
            return;
        }
        if (value.Value is Functions.GoFunction function)
        {
            throw Fail($"can't print {node} of type {function.TypeName}");
        }
        // Like text/template's printableValue: an addressable value whose pointer type has a String method prints with it.
        if (addressable && value.Value is GoStruct @struct && @struct.IsPointerMethod("String")
            && @struct.FindMethod("String") is { Parameters.Count: 0 } method)
        {
            Write(method.Invoke(Functions.FunctionCall.Detached(method.Name), []) as string ?? "");
            return;
        }

        Write(GoFormat.Value(value.Value));
    }

    private static string Quote(string s) => GoQuote.Quote(s);
}
