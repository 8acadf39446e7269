using GitOpsHQ.GoTemplate;
using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>
/// Data shaped like what Helm hands templates: maps and lists of interface values with float64 numbers,
/// plus a struct with fields and methods, typed Go values and a func value.
/// </summary>
internal static class Fixture
{
    public static Dictionary<string, object?> Data() => new()
    {
        ["a"] = new Dictionary<string, object?> { ["b"] = 1.0, ["s"] = "text", ["n"] = null },
        ["l"] = new List<object?> { 1.0, 2.0, 3.0 },
        ["mixed"] = new List<object?> { 1.0, null, "x" },
        ["m"] = new Dictionary<string, object?> { ["b"] = 2.0, ["a"] = 1.0 },
        ["s"] = "hello",
        ["f"] = 3.14,
        ["t"] = true,
        ["zero"] = 0.0,
        ["empty"] = "",
        ["emptyList"] = new List<object?>(),
        ["emptyMap"] = new Dictionary<string, object?>(),
        ["n"] = null,
        ["Obj"] = Object(),
        ["I"] = (nint)7,
        ["I64"] = 8L,
        ["U"] = (nuint)9,
        ["Ints"] = new List<nint> { 1, 2, 3 },
        ["Strs"] = new List<string> { "a", "b" },
        ["Fn"] = new GoFunction("Fn", [GoType.Int, GoType.Int], GoType.Int, (_, a) => (nint)a[0]! + (nint)a[1]!),
    };

    public static GoStruct Object() => new GoStruct("main.Obj")
        .Field("Name", "o")
        .Field("N", (nint)3)
        .Method(GoFunction.Create<string, string>("Get", GoType.String, GoType.String, s => "got:" + s))
        .Method(new GoFunction("Two", [GoType.String, GoType.Int], GoType.String, (_, a) => GoFormat.Sprint([a[0], a[1]])))
        .Method(new GoFunction("Err", [], GoType.String, (_, _) => throw new FunctionException("boom")))
        .Method(new GoFunction("Nil", [], GoType.Any, (_, _) => null))
        .Method(new GoFunction("Sub", [], GoType.Map, (_, _) => new Dictionary<string, object?> { ["k"] = "v" }));

    public static string Render(string text, MissingKeyMode missingKey = MissingKeyMode.Zero) =>
        Engine.Render(text, Data(), missingKey);

    public static string Error(string text, MissingKeyMode missingKey = MissingKeyMode.Zero) =>
        Engine.Error(text, Data(), missingKey);
}
