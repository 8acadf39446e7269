using System.Collections;
using GitOpsHQ.GoTemplate;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>The entries of maps and objects as encoding/json sees them: keys as text, objects by field.</summary>
internal static class GoJsonTree
{
    public static IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary map)
    {
        foreach (DictionaryEntry entry in map)
        {
            var key = entry.Key as string ?? GoFormat.Sprintf("%v", entry.Key);
            yield return new(key, entry.Value);
        }
    }

    /// <summary>
    /// An object's fields as encoding/json writes them, in declaration order: named by their JSON tags, without those
    /// tagged "-" and without empty ones tagged omitempty.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, object?>> JsonFields(IGoObject obj)
    {
        foreach (var (name, value) in Fields(obj))
        {
            var tag = (obj as GoStruct)?.JsonTag(name);
            if (tag is null)
            {
                yield return new(name, value);
                continue;
            }

            var options = tag.Split(',');
            if (tag == "-" || (options.Skip(1).Contains("omitempty") && IsEmpty(value)))
            {
                continue;
            }

            yield return new(options[0].Length > 0 ? options[0] : name, value);
        }
    }

    // encoding/json's empty values: false, 0, "", nil, and empty arrays, slices and maps (never a struct).
    private static bool IsEmpty(object? value) => value switch
    {
        null or NoValue => true,
        bool b => !b,
        string s => s.Length == 0,
        double d => d == 0,
        float f => f == 0,
        nint or long or int or ulong or uint or short or byte => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) == 0,
        IDictionary map => map.Count == 0,
        IGoObject and not ICollection => false,
        ICollection list => list.Count == 0,
        _ => false,
    };

    /// <summary>An object's fields under their Go names, in declaration order.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Fields(IGoObject obj)
    {
        foreach (var name in obj.FieldNames)
        {
            obj.TryGetField(name, out var value);
            yield return new(name, value);
        }
    }
}
