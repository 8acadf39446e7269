using System.Text;

namespace GitOpsHQ.GoTemplate.Functions;

/// <summary>
/// A template function or method, called with already-checked arguments. A failure is reported by throwing:
/// the template error then reads <c>error calling NAME: MESSAGE</c>.
/// </summary>
public delegate object? GoFunctionBody(FunctionCall call, object?[] args);

/// <summary>
/// A function callable from templates (Go's FuncMap entries, methods of objects, func values in data):
/// its name, Go parameter types, whether the last parameter is variadic, and its result type.
/// </summary>
public sealed class GoFunction
{
    public GoFunction(string name, IReadOnlyList<GoType> parameters, GoType result, GoFunctionBody body, bool isVariadic = false)
    {
        if (isVariadic && parameters.Count == 0)
        {
            throw new ArgumentException("A variadic function needs a parameter for its variadic part.", nameof(parameters));
        }
        Name = name;
        Parameters = parameters;
        Result = result;
        Body = body;
        IsVariadic = isVariadic;
    }

    public string Name { get; }

    /// <summary>Parameter types; for a variadic function the last one is the type of each variadic argument.</summary>
    public IReadOnlyList<GoType> Parameters { get; }

    public bool IsVariadic { get; }

    /// <summary>The result type; a method whose result is <see cref="GoType.Any"/> yields an interface value.</summary>
    public GoType Result { get; }

    public GoFunctionBody Body { get; }

    /// <summary>Built-in <c>and</c>/<c>or</c>, which evaluate their arguments only as far as needed.</summary>
    internal ShortCircuit ShortCircuit { get; init; }

    /// <summary>
    /// Built-in <c>slice</c>, which sees its index arguments as Go's <c>reflect.Value</c> without unwrapping
    /// interfaces: an index taken from a map or list arrives as an <see cref="InterfaceSlot"/>.
    /// </summary>
    internal bool SeesInterfaceSlots { get; init; }

    /// <summary>Go's text for the function's type, e.g. <c>func(string, ...interface {}) string</c>.</summary>
    public string TypeName
    {
        get
        {
            var sb = new StringBuilder("func(");
            for (var i = 0; i < Parameters.Count; i++)
            {
                sb.Append(i > 0 ? ", " : "");
                sb.Append(IsVariadic && i == Parameters.Count - 1 ? "..." : "").Append(Parameters[i].Name);
            }
            return sb.Append(") ").Append(Result.Name).ToString();
        }
    }

    public object? Invoke(FunctionCall call, object?[] args) => Body(call, args);

    public static GoFunction Create<TResult>(string name, GoType result, Func<TResult> body) =>
        new(name, [], result, (_, _) => body());

    public static GoFunction Create<T1, TResult>(string name, GoType p1, GoType result, Func<T1, TResult> body) =>
        new(name, [p1], result, (_, a) => body((T1)a[0]!));

    public static GoFunction Create<T1, T2, TResult>(string name, GoType p1, GoType p2, GoType result, Func<T1, T2, TResult> body) =>
        new(name, [p1, p2], result, (_, a) => body((T1)a[0]!, (T2)a[1]!));
}

/// <summary>A value held in an interface slot (an element of a map or list), as <c>slice</c> receives it.</summary>
internal sealed record InterfaceSlot(object? Value);

internal enum ShortCircuit
{
    None,
    And,
    Or,
}
