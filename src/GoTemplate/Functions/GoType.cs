using System.Collections;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions;

/// <summary>
/// The Go type of a function parameter or result. Arguments are checked against it as Go checks them:
/// constants convert (<c>1</c> suits an <c>int</c> or a <c>float64</c>), other values must already have the type.
/// </summary>
public sealed class GoType
{
    private readonly Func<object, bool> _accepts;

    private GoType(string name, GoTypeKind kind, bool canBeNil, Func<object, bool> accepts)
    {
        Name = name;
        Kind = kind;
        CanBeNil = canBeNil;
        _accepts = accepts;
    }

    /// <summary>Go's <c>interface {}</c>: any value, nil included.</summary>
    public static readonly GoType Any = new(GoTypes.Interface, GoTypeKind.Any, true, _ => true);

    /// <summary>Go's <c>reflect.Value</c>, as the built-in functions take: the raw value, <see cref="NoValue"/> included.</summary>
    public static readonly GoType Value = new("reflect.Value", GoTypeKind.Value, false, _ => true);

    public static readonly GoType Bool = new("bool", GoTypeKind.Bool, false, v => v is bool);

    public static readonly GoType String = new("string", GoTypeKind.String, false, v => v is string);

    /// <summary>Go's <c>int</c> (a C# <c>nint</c>).</summary>
    public static readonly GoType Int = new("int", GoTypeKind.Int, false, v => v is nint);

    public static readonly GoType Int64 = new("int64", GoTypeKind.Int64, false, v => v is long);

    public static readonly GoType Float64 = new("float64", GoTypeKind.Float64, false, v => v is double);

    /// <summary>Go's <c>[]interface {}</c>.</summary>
    public static readonly GoType List = new("[]interface {}", GoTypeKind.List, true,
        v => v is IList && ContainerShape.Of(v.GetType()).ElementsAreInterfaces);

    /// <summary>Go's <c>map[string]interface {}</c> (named map types such as Helm's Values suit it too).</summary>
    public static readonly GoType Map = new("map[string]interface {}", GoTypeKind.Map, true,
        v => GoMap.Is(v) && GoMap.ShapeOf(v) is { HasStringKeys: true, ElementsAreInterfaces: true });

    /// <summary>Go's <c>[]string</c>.</summary>
    public static readonly GoType StringList = new("[]string", GoTypeKind.Other, true,
        v => v is IList && ContainerShape.Of(v.GetType()).ElementType == typeof(string));

    public string Name { get; }

    internal GoTypeKind Kind { get; }

    /// <summary>Whether nil is a value of the type (interfaces, slices, maps, funcs).</summary>
    public bool CanBeNil { get; }

    /// <summary>A type known by name, accepting values whose Go type name is the same.</summary>
    public static GoType Named(string name, bool canBeNil = true) =>
        new(name, GoTypeKind.Other, canBeNil, v => GoTypes.NameOf(v) == name);

    /// <summary>
    /// A named integer type (<c>time.Duration</c>): integer constants convert to it (as an int64), other values
    /// must have the type's name.
    /// </summary>
    public static GoType NamedInteger(string name) =>
        new(name, GoTypeKind.Int64, false, v => GoTypes.NameOf(v) == name);

    /// <summary>Whether a non-nil value can be passed for this type.</summary>
    public bool Accepts(object value) => _accepts(value);

    public override string ToString() => Name;
}

public enum GoTypeKind
{
    Any,
    Value,
    Bool,
    String,
    Int,
    Int64,
    Float64,
    List,
    Map,
    Other,
}
