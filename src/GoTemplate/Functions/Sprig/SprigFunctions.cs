namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// Sprig's template functions, as Helm offers them: the string, default, list, dictionary, math, conversion, regex,
/// semver, reflection, path, URL, date, encoding, hash, crypto and random families. Add them to a registry with
/// <see cref="SprigRegistryExtensions.IncludeSprig(FunctionRegistry)"/>.
/// <c>env</c> and <c>expandenv</c> are left out, as in Helm, and <c>getHostByName</c> never resolves. Sprig's JSON
/// functions (<c>toPrettyJson</c>, <c>toRawJson</c>, <c>mustToJson</c> …) come with Helm's converters instead.
/// </summary>
public static partial class SprigFunctions
{
    private static readonly GoType S = GoType.String;
    private static readonly GoType I = GoType.Int;
    private static readonly GoType A = GoType.Any;
    private static readonly GoType L = GoType.List;
    private static readonly GoType M = GoType.Map;

    public static IEnumerable<GoFunction> All() => All(SprigOptions.Default);

    /// <summary>All functions, with the clock, randomness and deterministic mode of <paramref name="options"/>.</summary>
    public static IEnumerable<GoFunction> All(SprigOptions options) =>
        [
            .. Strings(), .. StringCases(), .. StringLists(), .. Defaults(), .. Lists(), .. Dictionaries(),
            .. IntegerMath(), .. FloatMath(), .. Conversions(), .. Regexes(), .. Semver(),
            .. Reflection(), .. Paths(), .. Urls(),
            .. Dates(options), .. Encodings(), .. Hashes(), .. Crypto(options), .. Random(options),
        ];

    private static GoFunction Fn(string name, GoType[] parameters, GoType result, GoFunctionBody body) =>
        new(name, parameters, result, body);

    private static GoFunction Variadic(string name, GoType[] parameters, GoType result, GoFunctionBody body) =>
        new(name, parameters, result, body, isVariadic: true);

    /// <summary>A function of one string giving a string.</summary>
    private static GoFunction OfText(string name, Func<string, string> body) =>
        new(name, [S], S, (_, a) => body((string)a[0]!));

    /// <summary>A function of two strings, given in template order.</summary>
    private static GoFunction Text2<T>(string name, GoType result, Func<string, string, T> body) =>
        new(name, [S, S], result, (_, a) => body((string)a[0]!, (string)a[1]!));

    private static int Int(object? value) => checked((int)(nint)value!);
}

/// <summary>Adds Sprig's functions to a registry.</summary>
public static class SprigRegistryExtensions
{
    /// <summary>Adds Sprig's functions; a Sprig function replaces a Go built-in of the same name (<c>slice</c>), as in Helm.</summary>
    public static FunctionRegistry IncludeSprig(this FunctionRegistry registry) => registry.IncludeSprig(SprigOptions.Default);

    /// <summary>Adds Sprig's functions with the clock, randomness and deterministic mode of <paramref name="options"/>.</summary>
    public static FunctionRegistry IncludeSprig(this FunctionRegistry registry, SprigOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var function in SprigFunctions.All(options))
        {
            registry.Add(function);
        }
        return registry;
    }
}
