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

    public static IEnumerable<KeyValuePair<string, object?>> Fields(IGoObject obj)
    {
        foreach (var name in obj.FieldNames)
        {
            obj.TryGetField(name, out var value);
            yield return new(name, value);
        }
    }
}
