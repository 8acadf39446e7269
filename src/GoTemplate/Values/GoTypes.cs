using System.Collections;
using System.Numerics;
using GitOpsHQ.GoTemplate.Functions;

namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// How C# values stand for Go values. <c>nint</c> is Go's <c>int</c>, <c>long</c> is <c>int64</c>,
/// <c>int</c> is <c>int32</c>, <c>nuint</c> is <c>uint</c>, <c>ulong</c> is <c>uint64</c>, <c>byte</c> is
/// <c>uint8</c>, <c>double</c> is <c>float64</c>; lists are slices, string-keyed dictionaries are maps,
/// <see cref="IGoObject"/> is a struct (an <see cref="IGoInteger"/> an integer) and <see cref="GoFunction"/> a func.
/// </summary>
public static class GoTypes
{
    public const string Interface = "interface {}";

    /// <summary>Go's name for the dynamic type of a value, as <c>%T</c> prints it.</summary>
    public static string NameOf(object? value) => value switch
    {
        null => "<nil>",
        NoValue => "<nil>",
        IGoObject o => o.TypeName,
        GoFunction f => f.TypeName,
        _ => NameOf(value.GetType()),
    };

    /// <summary>Go's name for a C# type used as a Go type.</summary>
    public static string NameOf(Type type)
    {
        if (Scalars.TryGetValue(type, out var name))
        {
            return name;
        }
        var shape = ContainerShape.Of(type);
        return shape.Kind switch
        {
            GoKind.Slice => "[]" + shape.ElementName,
            GoKind.Map => "map[" + shape.KeyName + "]" + shape.ElementName,
            _ => type.Name,
        };
    }

    public static GoKind KindOf(object? value) => value switch
    {
        NoValue => GoKind.Invalid,
        null => GoKind.Nil,
        bool => GoKind.Bool,
        nint or long or int or short or sbyte => GoKind.Int,
        nuint or ulong or uint or ushort or byte => GoKind.Uint,
        double or float => GoKind.Float,
        Complex => GoKind.Complex,
        string => GoKind.String,
        byte[] => GoKind.Slice,
        GoFunction => GoKind.Func,
        IList => GoKind.Slice,
        _ when GoMap.Is(value) => GoKind.Map,
        IGoInteger => GoKind.Int,
        IGoObject => GoKind.Struct,
        _ => ContainerShape.Of(value.GetType()).Kind,
    };

    internal static long ToInt64(object value) => value switch
    {
        nint v => v,
        long v => v,
        int v => v,
        short v => v,
        sbyte v => v,
        IGoInteger v => v.Value,
        _ => throw new InvalidCastException(),
    };

    internal static ulong ToUInt64(object value) => value switch
    {
        nuint v => v,
        ulong v => v,
        uint v => v,
        ushort v => v,
        byte v => v,
        _ => throw new InvalidCastException(),
    };

    internal static double ToDouble(object value) => value is float f ? f : (double)value;

    private static readonly Dictionary<Type, string> Scalars = new()
    {
        [typeof(object)] = Interface,
        [typeof(bool)] = "bool",
        [typeof(nint)] = "int",
        [typeof(long)] = "int64",
        [typeof(int)] = "int32",
        [typeof(short)] = "int16",
        [typeof(sbyte)] = "int8",
        [typeof(nuint)] = "uint",
        [typeof(ulong)] = "uint64",
        [typeof(uint)] = "uint32",
        [typeof(ushort)] = "uint16",
        [typeof(byte)] = "uint8",
        [typeof(char)] = "int32",
        [typeof(double)] = "float64",
        [typeof(float)] = "float32",
        [typeof(Complex)] = "complex128",
        [typeof(string)] = "string",
        [typeof(byte[])] = "[]uint8",
    };
}
