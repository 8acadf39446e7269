using System.Numerics;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions;

public static partial class BuiltinFunctions
{
    private const string Incompatible = "incompatible types for comparison";
    private const string InvalidType = "invalid type for comparison";

    // eq a b c is a==b || a==c. Integers compare across signedness; otherwise basic kinds must match.
    private static bool Equal(object? first, object?[] others)
    {
        var a = first is NoValue ? null : first;
        if (others.Length == 0)
        {
            throw new FunctionException("missing argument for comparison");
        }
        var k1 = BasicKind(a);
        foreach (var other in others)
        {
            var b = other is NoValue ? null : other;
            var k2 = BasicKind(b);
            bool truth;
            if (k1 != k2)
            {
                truth = (k1, k2) switch
                {
                    (GoKind.Int, GoKind.Uint) => GoTypes.ToInt64(a!) >= 0 && (ulong)GoTypes.ToInt64(a!) == GoTypes.ToUInt64(b!),
                    (GoKind.Uint, GoKind.Int) => GoTypes.ToInt64(b!) >= 0 && GoTypes.ToUInt64(a!) == (ulong)GoTypes.ToInt64(b!),
                    _ when a is not null && b is not null => throw new FunctionException(Incompatible),
                    _ => false,
                };
            }
            else
            {
                truth = SameKindEqual(a, b, k1);
            }
            if (truth)
            {
                return true;
            }
        }
        return false;
    }

    // Go compares booleans, numbers and strings by value; other values (nil, slices, maps, structs, funcs) fall in one group.
    private static GoKind BasicKind(object? value) => GoTypes.KindOf(value) switch
    {
        var k when k is GoKind.Bool or GoKind.Int or GoKind.Uint or GoKind.Float or GoKind.Complex or GoKind.String => k,
        _ => GoKind.Invalid,
    };

    private static bool SameKindEqual(object? a, object? b, GoKind kind)
    {
        switch (kind)
        {
            case GoKind.Bool:
                return (bool)a! == (bool)b!;
            case GoKind.Int:
                return GoTypes.ToInt64(a!) == GoTypes.ToInt64(b!);
            case GoKind.Uint:
                return GoTypes.ToUInt64(a!) == GoTypes.ToUInt64(b!);
            case GoKind.Float:
                return GoTypes.ToDouble(a!) == GoTypes.ToDouble(b!);
            case GoKind.Complex:
                return (Complex)a! == (Complex)b!;
            case GoKind.String:
                return string.Equals((string)a!, (string)b!, StringComparison.Ordinal);
        }
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (GoTypes.KindOf(a) != GoTypes.KindOf(b))
        {
            throw new FunctionException(
                $"non-comparable types {GoFormat.Sprintf("%s", a)}: {GoTypes.NameOf(a)}, {GoTypes.NameOf(b)}: {GoFormat.Value(b)}");
        }
        if (!IsComparable(b))
        {
            throw new FunctionException($"non-comparable type {GoFormat.Sprintf("%s", b)}: {GoTypes.NameOf(b)}");
        }
        return GoTypes.NameOf(a) == GoTypes.NameOf(b) && (ReferenceEquals(a, b) || a.Equals(b));
    }

    private static bool IsComparable(object value) =>
        GoTypes.KindOf(value) is not (GoKind.Slice or GoKind.Map or GoKind.Func);

    private static bool Less(object? first, object? second)
    {
        var a = first is NoValue ? null : first;
        var b = second is NoValue ? null : second;
        var k1 = OrderedKind(a);
        var k2 = OrderedKind(b);
        if (k1 != k2)
        {
            return (k1, k2) switch
            {
                (GoKind.Int, GoKind.Uint) => GoTypes.ToInt64(a!) < 0 || (ulong)GoTypes.ToInt64(a!) < GoTypes.ToUInt64(b!),
                (GoKind.Uint, GoKind.Int) => GoTypes.ToInt64(b!) >= 0 && GoTypes.ToUInt64(a!) < (ulong)GoTypes.ToInt64(b!),
                _ => throw new FunctionException(Incompatible),
            };
        }
        return k1 switch
        {
            GoKind.Int => GoTypes.ToInt64(a!) < GoTypes.ToInt64(b!),
            GoKind.Uint => GoTypes.ToUInt64(a!) < GoTypes.ToUInt64(b!),
            GoKind.Float => GoTypes.ToDouble(a!) < GoTypes.ToDouble(b!),
            GoKind.String => GoOrder.CompareStrings((string)a!, (string)b!) < 0,
            _ => throw new FunctionException(InvalidType),
        };
    }

    private static GoKind OrderedKind(object? value) => GoTypes.KindOf(value) switch
    {
        var k when k is GoKind.Bool or GoKind.Int or GoKind.Uint or GoKind.Float or GoKind.Complex or GoKind.String => k,
        _ => throw new FunctionException(InvalidType),
    };

    private static bool LessOrEqual(object? a, object? b) => Less(a, b) || Equal(a, [b]);
}
