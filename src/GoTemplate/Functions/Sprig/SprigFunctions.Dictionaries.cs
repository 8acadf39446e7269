using GitOpsHQ.GoTemplate.Values;
using static GitOpsHQ.GoTemplate.Functions.Sprig.SprigValues;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private static IEnumerable<GoFunction> Dictionaries() =>
    [
        Variadic("dict", [A], M, (_, a) => Dict(a)),
        Fn("get", [M, S], A, (_, a) => Entries(a[0]).TryGetValue((string)a[1]!, out var v) ? v : ""),
        Fn("set", [M, S, A], M, (_, a) => Set(a[0], (string)a[1]!, a[2])),
        Fn("unset", [M, S], M, (_, a) => Unset(a[0], (string)a[1]!)),
        Fn("hasKey", [M, S], GoType.Bool, (_, a) => Entries(a[0]).ContainsKey((string)a[1]!)),
        Variadic("pluck", [S, M], L, (_, a) => Pluck((string)a[0]!, a[1..])),
        Variadic("keys", [M], GoType.StringList, (_, a) => a.SelectMany(d => Entries(d).Keys).ToList()),
        Fn("values", [M], L, (_, a) => Entries(a[0]).Values.ToList()),
        Variadic("pick", [M, S], M, (_, a) => Select(a[0], a[1..], keep: true)),
        Variadic("omit", [M, S], M, (_, a) => Select(a[0], a[1..], keep: false)),
        Variadic("merge", [M, M], A, (_, a) => Merge(a, overwrite: false)),
        Variadic("mustMerge", [M, M], A, (_, a) => Merge(a, overwrite: false)),
        Variadic("mergeOverwrite", [M, M], A, (_, a) => Merge(a, overwrite: true)),
        Variadic("mustMergeOverwrite", [M, M], A, (_, a) => Merge(a, overwrite: true)),
        Fn("deepCopy", [A], A, (_, a) => DeepCopy.Of(a[0])),
        Fn("mustDeepCopy", [A], A, (_, a) => DeepCopy.Of(a[0])),
        Variadic("dig", [A], A, (_, a) => Dig(a)),
    ];

    private static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    // Keys and values alternate; keys are taken as text; a key without a value maps to "".
    private static Dictionary<string, object?> Dict(object?[] args)
    {
        var map = NewMap();
        for (var i = 0; i < args.Length; i += 2)
        {
            map[Text(args[i])] = i + 1 < args.Length ? args[i + 1] : "";
        }
        return map;
    }

    /// <summary>A map argument's entries; nil is an empty map.</summary>
    private static IReadOnlyDictionary<string, object?> Entries(object? map) => map switch
    {
        null => NewMap(),
        IReadOnlyDictionary<string, object?> r => r,
        IDictionary<string, object?> d => d.AsReadOnly(),
        _ => GoMap.SortedEntries(map).ToDictionary(e => (string)e.Key, e => e.Value, StringComparer.Ordinal),
    };

    /// <summary>A map argument to change in place; Go cannot assign into a nil map.</summary>
    private static IDictionary<string, object?> Writable(object? map) => map as IDictionary<string, object?>
        ?? throw new FunctionException(map is null ? "assignment to entry in nil map" : "map of type " + GoTypes.NameOf(map) + " is read-only");

    private static object Set(object? map, string key, object? value)
    {
        Writable(map)[key] = value;
        return map!;
    }

    private static object? Unset(object? map, string key)
    {
        if (map is not null)
        {
            Writable(map).Remove(key);
        }
        return map ?? NewMap();
    }

    private static List<object?> Pluck(string key, object?[] maps)
    {
        var found = new List<object?>();
        foreach (var map in maps)
        {
            if (Entries(map).TryGetValue(key, out var value))
            {
                found.Add(value);
            }
        }
        return found;
    }

    // pick: only the named keys; omit: all but the named keys.
    private static Dictionary<string, object?> Select(object? map, object?[] keys, bool keep)
    {
        var names = keys.Cast<string>().ToHashSet(StringComparer.Ordinal);
        var result = NewMap();
        foreach (var (key, value) in Entries(map))
        {
            if (names.Contains(key) == keep)
            {
                result[key] = value;
            }
        }
        return result;
    }

    // dig K1 K2 … DEFAULT MAP: the value at the key path, or DEFAULT when a key is missing.
    private static object? Dig(object?[] args)
    {
        if (args.Length < 3)
        {
            throw new FunctionException("dig needs at least three arguments");
        }
        var current = MapForDig(args[^1]);
        var fallback = args[^2];
        for (var i = 0; i < args.Length - 2; i++)
        {
            var key = args[i] as string ?? throw new FunctionException(
                $"interface conversion: interface {{}} is {ConvertedName(args[i])}, not string");
            if (!Entries(current).TryGetValue(key, out var step))
            {
                return fallback;
            }
            if (i == args.Length - 3)
            {
                return step;
            }
            current = MapForDig(step);
        }
        return fallback;
    }

    private static object MapForDig(object? value) =>
        value is Dictionary<string, object?> || (value is not null && GoTypes.NameOf(value) == "map[string]interface {}")
            ? value
            : throw new FunctionException($"interface conversion: interface {{}} is {ConvertedName(value)}, not map[string]interface {{}}");

    private static string ConvertedName(object? value) => value is null ? "nil" : GoTypes.NameOf(value);
}
