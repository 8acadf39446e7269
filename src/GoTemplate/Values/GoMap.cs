using System.Collections;

namespace GitOpsHQ.GoTemplate.Values;

/// <summary>Read access to C# dictionaries standing for Go maps.</summary>
internal static class GoMap
{
    public static bool Is(object? value) =>
        value is IDictionary or IReadOnlyDictionary<string, object?> or IDictionary<string, object?>;

    public static int Count(object map) => map switch
    {
        IDictionary d => d.Count,
        IReadOnlyDictionary<string, object?> r => r.Count,
        IDictionary<string, object?> g => g.Count,
        _ => 0,
    };

    public static bool TryGet(object map, object key, out object? value)
    {
        switch (map)
        {
            case IDictionary d when d.Contains(key):
                value = d[key];
                return true;
            case IDictionary:
                break;
            case IReadOnlyDictionary<string, object?> r when key is string s:
                return r.TryGetValue(s, out value);
            case IDictionary<string, object?> g when key is string s:
                return g.TryGetValue(s, out value);
        }
        value = null;
        return false;
    }

    /// <summary>Entries in Go's order: keys sorted as <c>fmt</c> and <c>range</c> sort them.</summary>
    public static List<KeyValuePair<object, object?>> SortedEntries(object map)
    {
        var entries = new List<KeyValuePair<object, object?>>();
        switch (map)
        {
            case IDictionary d:
                foreach (DictionaryEntry e in d)
                {
                    entries.Add(new(e.Key, e.Value));
                }
                break;
            case IReadOnlyDictionary<string, object?> r:
                entries.AddRange(r.Select(e => new KeyValuePair<object, object?>(e.Key, e.Value)));
                break;
            case IDictionary<string, object?> g:
                entries.AddRange(g.Select(e => new KeyValuePair<object, object?>(e.Key, e.Value)));
                break;
        }
        entries.Sort((a, b) => GoOrder.Compare(a.Key, b.Key));
        return entries;
    }

    public static ContainerShape ShapeOf(object map) => ContainerShape.Of(map.GetType()) is { Kind: GoKind.Map } s
        ? s
        : ContainerShape.Of(typeof(Dictionary<string, object?>));
}
