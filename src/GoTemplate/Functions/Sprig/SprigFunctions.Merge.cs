using GitOpsHQ.GoTemplate.Values;
using static GitOpsHQ.GoTemplate.Functions.Sprig.SprigValues;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    /// <summary>
    /// <c>merge</c> and <c>mergeOverwrite</c>: merges each source map into the first map, in place, and returns
    /// it (a new map when the first is nil). Nested maps merge key by key.
    /// </summary>
    private static object Merge(object?[] maps, bool overwrite)
    {
        var target = maps[0] ?? NewMap();
        foreach (var source in maps[1..])
        {
            if (source is not null)
            {
                MergeInto(Writable(target), source, overwrite);
            }
        }
        return target;
    }

    // Without overwrite a source value only fills a key that is missing or holds an empty value (so false, 0 and
    // "" are replaced) and nil never does. With overwrite source values replace target values, nil included,
    // except that a map never replaces a non-empty non-map value. Source maps and lists are shared, not copied.
    private static void MergeInto(IDictionary<string, object?> target, object source, bool overwrite)
    {
        foreach (var (key, value) in Entries(source))
        {
            var exists = target.TryGetValue(key, out var current);
            if (value is null)
            {
                if (overwrite)
                {
                    target[key] = null;
                }
                continue;
            }
            if (GoMap.Is(value))
            {
                if (exists && GoMap.Is(current))
                {
                    MergeInto(Writable(current), value, overwrite);
                }
                if (!exists || IsEmpty(current))
                {
                    target[key] = value;
                }
                continue;
            }
            if (overwrite || !exists || IsEmpty(current))
            {
                target[key] = value;
            }
        }
    }
}
