using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// How Helm combines values: user values files merge over each other (later wins, maps merge), then the result
/// is coalesced over the chart's values.yaml: maps merge deeply, anything else (lists included) is replaced, and
/// a user <c>null</c> removes a key the chart sets. For a chart with subcharts, each subchart's defaults are
/// coalesced under its name (<c>sub:</c>) the same way, after the parent's <c>global</c> map has been copied
/// into the subchart's own (the parent's globals win).
/// </summary>
public static class ValuesCoalescing
{
    /// <summary>Merges values files in order: a later map merges into an earlier one, any other value replaces it.</summary>
    public static Dictionary<string, object?> MergeUserValues(IEnumerable<Dictionary<string, object?>> files)
    {
        var result = NewMap();
        foreach (var file in files)
        {
            result = Merge(result, file);
        }
        return result;
    }

    private static Dictionary<string, object?> Merge(Dictionary<string, object?> under, Dictionary<string, object?> over)
    {
        var result = new Dictionary<string, object?>(under, StringComparer.Ordinal);
        foreach (var (key, value) in over)
        {
            result[key] = value is Dictionary<string, object?> map && result.GetValueOrDefault(key) is Dictionary<string, object?> existing
                ? Merge(existing, map)
                : value;
        }
        return result;
    }

    /// <summary>The chart's defaults with the user's values on top; neither input is changed.</summary>
    public static Dictionary<string, object?> Coalesce(Dictionary<string, object?> chartValues, Dictionary<string, object?> userValues)
    {
        var result = Copy(userValues);
        CoalesceChartValues(chartValues, [], result, merge: false);
        return result;
    }

    /// <summary>
    /// A chart tree's values with the user's on top: with <paramref name="merge"/> a user <c>null</c> is kept
    /// (Helm's merge, used for imported values) instead of removing the key.
    /// </summary>
    internal static Dictionary<string, object?> Coalesce(LoadedChart chart, Dictionary<string, object?> userValues, bool merge = false)
    {
        var result = Copy(userValues);
        CoalesceTree(chart, result, merge);
        return result;
    }

    private static void CoalesceTree(LoadedChart chart, Dictionary<string, object?> values, bool merge)
    {
        CoalesceChartValues(chart.Values, chart.Dependencies.Select(d => d.Name).ToHashSet(StringComparer.Ordinal), values, merge);
        foreach (var sub in chart.Dependencies)
        {
            if (!values.TryGetValue(sub.Name, out var current))
            {
                values[sub.Name] = current = NewMap();
            }
            if (current is not Dictionary<string, object?> subValues)
            {
                throw new RenderException(GoFormat.Sprintf("type mismatch on %s: %t", sub.Name, current));
            }
            CopyGlobals(values, subValues);
            CoalesceTree(sub, subValues, merge);
        }
    }

    // Helm's coalesceChartValues: the chart's defaults fill what the values lack; a null removes (unless merging).
    private static void CoalesceChartValues(Dictionary<string, object?> chartValues, HashSet<string> subchartNames, Dictionary<string, object?> values, bool merge)
    {
        foreach (var (key, chartValue) in Copy(chartValues))
        {
            if (!values.TryGetValue(key, out var current))
            {
                values[key] = chartValue;
            }
            else if (current is null)
            {
                if (!merge)
                {
                    values.Remove(key);
                }
            }
            else if (current is Dictionary<string, object?> dst && chartValue is Dictionary<string, object?> src)
            {
                CoalesceTables(dst, src, merge || subchartNames.Contains(key));
            }
        }
    }

    // The parent's "global" map copied into the subchart's: maps merge (the parent's keys win), other values replace.
    private static void CopyGlobals(Dictionary<string, object?> parent, Dictionary<string, object?> sub)
    {
        Dictionary<string, object?> subGlobals;
        if (!sub.TryGetValue("global", out var existing))
        {
            subGlobals = NewMap();
        }
        else if (existing is Dictionary<string, object?> map)
        {
            subGlobals = map;
        }
        else
        {
            return;
        }
        Dictionary<string, object?> parentGlobals;
        if (!parent.TryGetValue("global", out var given))
        {
            parentGlobals = NewMap();
        }
        else if (given is Dictionary<string, object?> map)
        {
            parentGlobals = map;
        }
        else
        {
            return;
        }
        foreach (var (key, value) in parentGlobals)
        {
            if (value is Dictionary<string, object?> table)
            {
                var copy = new Dictionary<string, object?>(table, StringComparer.Ordinal);
                if (!subGlobals.TryGetValue(key, out var current))
                {
                    subGlobals[key] = copy;
                }
                else if (current is Dictionary<string, object?> currentTable)
                {
                    CoalesceTables(copy, currentTable, merge: true);
                    subGlobals[key] = copy;
                }
            }
            else if (!(subGlobals.TryGetValue(key, out var current) && current is Dictionary<string, object?>))
            {
                subGlobals[key] = value;
            }
        }
        sub["global"] = subGlobals;
    }

    /// <summary>
    /// Fills <paramref name="dst"/> with what <paramref name="src"/> has and dst lacks, deeply; unless merging, a null
    /// in dst removes a key src sets. Like Helm, src is marked with dst's nulls.
    /// </summary>
    internal static Dictionary<string, object?> CoalesceTables(Dictionary<string, object?> dst, Dictionary<string, object?> src, bool merge)
    {
        var srcNonNull = src.Where(p => p.Value is not null).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in dst)
        {
            if (value is null)
            {
                src[key] = null;
            }
        }
        foreach (var (key, value) in src)
        {
            var present = dst.TryGetValue(key, out var current);
            if (present && !merge && current is null && srcNonNull.Contains(key))
            {
                dst.Remove(key);
            }
            else if (!present)
            {
                dst[key] = value;
            }
            else if (value is Dictionary<string, object?> srcMap && current is Dictionary<string, object?> dstMap)
            {
                CoalesceTables(dstMap, srcMap, merge);
            }
        }
        return dst;
    }

    private static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    internal static Dictionary<string, object?> Copy(Dictionary<string, object?> map)
    {
        var copy = NewMap();
        foreach (var (key, value) in map)
        {
            copy[key] = CopyValue(value);
        }
        return copy;
    }

    private static object? CopyValue(object? value) => value switch
    {
        Dictionary<string, object?> map => Copy(map),
        List<object?> list => list.Select(CopyValue).ToList(),
        _ => value,
    };
}
