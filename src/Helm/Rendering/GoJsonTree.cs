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
            // encoding/json's empty values (false, 0, "", nil, empty lists and maps, never a struct) are what Go's
            // templates take for false.
            if (tag == "-" || (options.Skip(1).Contains("omitempty") && !GoTruth.IsTrue(value)))
            {
                continue;
            }

            yield return new(options[0].Length > 0 ? options[0] : name, value);
        }
    }

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
