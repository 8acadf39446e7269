namespace GitOpsHQ.GoTemplate.Functions;

/// <summary>
/// The functions templates may call by name (Go's FuncMap). Starts with Go's built-in functions; Sprig and
/// Helm functions are added on top. A function added under a built-in's name replaces it.
/// </summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, GoFunction> _functions;

    public FunctionRegistry()
        : this(BuiltinFunctions.All())
    {
    }

    private FunctionRegistry(IEnumerable<GoFunction> functions)
    {
        _functions = new Dictionary<string, GoFunction>(StringComparer.Ordinal);
        foreach (var f in functions)
        {
            _functions[f.Name] = f;
        }
    }

    /// <summary>A registry without Go's built-in functions.</summary>
    public static FunctionRegistry Empty() => new([]);

    public IEnumerable<string> Names => _functions.Keys;

    public FunctionRegistry Add(GoFunction function)
    {
        _functions[function.Name] = function;
        return this;
    }

    public bool Contains(string name) => _functions.ContainsKey(name);

    public GoFunction? Find(string name) => _functions.GetValueOrDefault(name);

    /// <summary>An independent copy, for a template set cloned from another.</summary>
    public FunctionRegistry Clone() => new(_functions.Values);
}
