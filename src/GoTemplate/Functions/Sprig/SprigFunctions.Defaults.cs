using static GitOpsHQ.GoTemplate.Functions.Sprig.SprigValues;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private static IEnumerable<GoFunction> Defaults() =>
    [
        // default D V: V unless it is missing or empty, else D.
        Variadic("default", [A, A], A, (_, a) => a.Length < 2 || IsEmpty(a[1]) ? a[0] : a[1]),
        Fn("empty", [A], GoType.Bool, (_, a) => IsEmpty(a[0])),
        Variadic("coalesce", [A], A, (_, a) => a.FirstOrDefault(v => !IsEmpty(v))),
        Variadic("all", [A], GoType.Bool, (_, a) => a.All(v => !IsEmpty(v))),
        Variadic("any", [A], GoType.Bool, (_, a) => a.Any(v => !IsEmpty(v))),
        Fn("ternary", [A, A, GoType.Bool], A, (_, a) => (bool)a[2]! ? a[0] : a[1]),
    ];
}
