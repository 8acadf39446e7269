using System.Text;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions;

/// <summary>Go's predefined template functions.</summary>
public static partial class BuiltinFunctions
{
    public static IEnumerable<GoFunction> All() =>
    [
        new("and", [GoType.Value, GoType.Value], GoType.Value, (_, a) => Deciding(a, false), true) { ShortCircuit = ShortCircuit.And },
        new("or", [GoType.Value, GoType.Value], GoType.Value, (_, a) => Deciding(a, true), true) { ShortCircuit = ShortCircuit.Or },
        new("not", [GoType.Value], GoType.Bool, (_, a) => !GoTruth.IsTrue(a[0])),
        new("len", [GoType.Value], GoType.Int, (_, a) => Length(a[0])),
        new("index", [GoType.Value, GoType.Value], GoType.Value, (_, a) => Index(a[0], a[1..]), true),
        new("slice", [GoType.Value, GoType.Value], GoType.Value, (_, a) => Slice(a[0], a[1..]), true) { SeesInterfaceSlots = true },
        new("eq", [GoType.Value, GoType.Value], GoType.Bool, (_, a) => Equal(a[0], a[1..]), true),
        new("ne", [GoType.Value, GoType.Value], GoType.Bool, (_, a) => !Equal(a[0], [a[1]])),
        new("lt", [GoType.Value, GoType.Value], GoType.Bool, (_, a) => Less(a[0], a[1])),
        new("le", [GoType.Value, GoType.Value], GoType.Bool, (_, a) => LessOrEqual(a[0], a[1])),
        new("gt", [GoType.Value, GoType.Value], GoType.Bool, (_, a) => !LessOrEqual(a[0], a[1])),
        new("ge", [GoType.Value, GoType.Value], GoType.Bool, (_, a) => !Less(a[0], a[1])),
        new("print", [GoType.Any], GoType.String, (_, a) => GoFormat.Sprint(a), true),
        new("printf", [GoType.String, GoType.Any], GoType.String, (_, a) => GoFormat.Sprintf((string)a[0]!, a[1..]), true),
        new("println", [GoType.Any], GoType.String, (_, a) => GoFormat.Sprintln(a), true),
        new("html", [GoType.Any], GoType.String, (_, a) => HtmlEscape(PrintedArgs(a)), true),
        new("js", [GoType.Any], GoType.String, (_, a) => JsEscape(PrintedArgs(a)), true),
        new("urlquery", [GoType.Any], GoType.String, (_, a) => QueryEscape(PrintedArgs(a)), true),
        new("call", [GoType.Value, GoType.Value], GoType.Value, (c, a) => Call(c, a[0], a[1..]), true),
    ];

    // and: the first false argument, or the last; or: the first true argument, or the last.
    private static object? Deciding(object?[] args, bool wanted)
    {
        foreach (var arg in args)
        {
            if (GoTruth.IsTrue(arg) == wanted)
            {
                return arg;
            }
        }
        return args[^1];
    }

    private static nint Length(object? item) => item switch
    {
        NoValue => throw new FunctionException("reflect: call of reflect.Value.Type on zero Value"),
        null => throw new FunctionException("len of nil pointer"),
        string s => GoStrings.ByteCount(s),
        byte[] b => b.Length,
        System.Collections.ICollection c => c.Count,
        _ when GoMap.Is(item) => GoMap.Count(item),
        _ => throw new FunctionException("len of type " + GoTypes.NameOf(item)),
    };

    private static object? Call(FunctionCall call, object? fn, object?[] args)
    {
        if (fn is null or NoValue)
        {
            throw new FunctionException("call of nil");
        }
        if (fn is not GoFunction function)
        {
            throw new FunctionException("non-function of type " + GoTypes.NameOf(fn));
        }
        var count = function.Parameters.Count;
        if (function.IsVariadic ? args.Length < count - 1 : args.Length != count)
        {
            var want = function.IsVariadic ? $"at least {count - 1}" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new FunctionException($"wrong number of args: got {args.Length} want {want}");
        }
        var argv = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var type = function.IsVariadic && i >= count - 1 ? function.Parameters[^1] : function.Parameters[i];
            try
            {
                argv[i] = PrepareArg(args[i] is NoValue ? null : args[i], type);
            }
            catch (FunctionException e)
            {
                throw new FunctionException($"arg {i}: {e.Message}");
            }
        }
        return function.Invoke(call.For(function.Name), argv);
    }

    /// <summary>Checks a value passed to a function or used as a map key, converting between integer types.</summary>
    internal static object? PrepareArg(object? value, GoType type)
    {
        if (value is null)
        {
            return type.CanBeNil || type.Kind == GoTypeKind.Value
                ? null
                : throw new FunctionException("value is nil; should be of type " + type.Name);
        }
        if (type.Accepts(value))
        {
            return value;
        }
        var kind = GoTypes.KindOf(value);
        if (kind is GoKind.Int or GoKind.Uint && type.Kind is GoTypeKind.Int or GoTypeKind.Int64)
        {
            var n = kind == GoKind.Int ? GoTypes.ToInt64(value) : (long)GoTypes.ToUInt64(value);
            return type.Kind == GoTypeKind.Int ? (object)(nint)n : n;
        }
        throw new FunctionException($"value has type {GoTypes.NameOf(value)}; should be {type.Name}");
    }
}
