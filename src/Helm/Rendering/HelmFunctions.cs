using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Functions.Sprig;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// The functions Helm adds on top of Sprig for one render: <c>include</c> and <c>tpl</c> (sharing one
/// recursion count), <c>required</c>, <c>fail</c>, the YAML/JSON/TOML converters (with Sprig's JSON ones, which need
/// the same JSON writer) and an empty <c>lookup</c>.
/// </summary>
public static class HelmFunctions
{
    private static readonly GoType S = GoType.String;
    private static readonly GoType A = GoType.Any;

    private static readonly SprigOptions DeterministicSprig = new() { Deterministic = true };

    public static FunctionRegistry Create(bool deterministic = false)
    {
        var registry = new FunctionRegistry().IncludeSprig(deterministic ? DeterministicSprig : SprigOptions.Default);
        var includes = new IncludeTracker();
        registry.Add(new GoFunction("include", [S, A], S, (call, a) => includes.Include(call, (string)a[0]!, a[1])));
        registry.Add(new GoFunction("tpl", [S, A], S, (call, a) => TplFunction.Render(call, (string)a[0]!, a[1])));
        registry.Add(new GoFunction("required", [S, A], A, (_, a) => Required((string)a[0]!, a[1])));
        registry.Add(new GoFunction("fail", [S], S, (_, a) => throw HelmError((string)a[0]!)));
        registry.Add(new GoFunction("lookup", [S, S, S, S], GoType.Map, (_, _) => new Dictionary<string, object?>(StringComparer.Ordinal)));
        foreach (var converter in DataFunctions.All())
        {
            registry.Add(converter);
        }
        return registry;
    }

    private static object? Required(string message, object? value) =>
        value is null or GoTemplate.Values.NoValue or "" ? throw HelmError(message) : value;

    /// <summary>An error whose message Helm shows alone, without the template engine's wording around it.</summary>
    public static FunctionException HelmError(string message) =>
        new(HelmErrorText.Start + message + HelmErrorText.End);
}
