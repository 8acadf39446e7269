using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    // Type names are Go's %T texts; kinds are reflect.Kind names ("invalid" for nil, "ptr" for pointers).
    private static IEnumerable<GoFunction> Reflection() =>
    [
        Fn("typeOf", [A], S, (_, a) => GoTypes.NameOf(a[0])),
        Fn("typeIs", [S, A], GoType.Bool, (_, a) => (string)a[0]! == GoTypes.NameOf(a[1])),
        Fn("typeIsLike", [S, A], GoType.Bool, (_, a) => GoTypes.NameOf(a[1]) is var t && ((string)a[0]! == t || "*" + (string)a[0]! == t)),
        Fn("kindOf", [A], S, (_, a) => KindOf(a[0])),
        Fn("kindIs", [S, A], GoType.Bool, (_, a) => (string)a[0]! == KindOf(a[1])),
        Fn("deepEqual", [A, A], GoType.Bool, (_, a) => DeepEqual(a[0], a[1])),
    ];

    // Two versions from semver are pointers to equal structs when every field (the original text too) matches.
    private static bool DeepEqual(object? a, object? b) => a is SemverObject x && b is SemverObject y
        ? x.TypeName == y.TypeName && x.Version == y.Version
        : SprigValues.DeepEqual(a, b);

    private static string KindOf(object? value) => value switch
    {
        IGoObject o when o.TypeName.StartsWith('*') && o is not GoNamedSlice => "ptr",
        _ => GoTypes.KindOf(value) switch
        {
            GoKind.Nil or GoKind.Invalid => "invalid",
            GoKind.Slice => "slice",
            GoKind.Map => "map",
            GoKind.Struct => "struct",
            GoKind.Func => "func",
            GoKind.Other => "struct",
            _ => GoTypes.NameOf(value!.GetType()),
        },
    };
}
