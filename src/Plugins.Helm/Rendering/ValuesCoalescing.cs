namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>
/// How Helm combines values: user values files merge over each other (later wins, maps merge), then the result
/// is coalesced over the chart's values.yaml: maps merge deeply, anything else (lists included) is replaced, and
/// a user <c>null</c> removes a key the chart sets.
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
        foreach (var (key, chartValue) in Copy(chartValues))
        {
            if (!result.TryGetValue(key, out var user))
            {
                result[key] = chartValue;
            }
            else if (user is null)
            {
                result.Remove(key);
            }
            else if (user is Dictionary<string, object?> userMap && chartValue is Dictionary<string, object?> chartMap)
            {
                CoalesceTables(userMap, chartMap);
            }
        }
        return result;
    }

    // Fills dst with what src has and dst lacks; a null in dst removes a key src sets.
    private static void CoalesceTables(Dictionary<string, object?> dst, Dictionary<string, object?> src)
    {
        foreach (var (key, value) in src)
        {
            if (!dst.TryGetValue(key, out var current))
            {
                dst[key] = value;
            }
            else if (current is null)
            {
                if (value is not null)
                {
                    dst.Remove(key);
                }
            }
            else if (value is Dictionary<string, object?> srcMap && current is Dictionary<string, object?> dstMap)
            {
                CoalesceTables(dstMap, srcMap);
            }
        }
    }

    private static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    private static Dictionary<string, object?> Copy(Dictionary<string, object?> map)
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
