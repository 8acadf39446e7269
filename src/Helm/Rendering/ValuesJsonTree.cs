using System.Collections;
using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Template values as the JSON document Helm validates: maps become objects, lists arrays, and a float64 that holds a
/// whole number is written (and so validated) as an integer, as Helm's YAML-then-JSON round trip writes it.
/// </summary>
internal static class ValuesJsonTree
{
    public static JToken Of(object? value) => value switch
    {
        null => JValue.CreateNull(),
        string s => new JValue(s),
        bool b => new JValue(b),
        double d when d % 1 == 0 && d is >= long.MinValue and <= long.MaxValue => new JValue((long)d),
        double d => new JValue(d),
        long or int or nint => new JValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        ulong u => new JValue(u),
        IReadOnlyDictionary<string, object?> map => Object(map),
        IDictionary<string, object?> map => Object(map),
        IList list => new JArray(list.Cast<object?>().Select(Of)),
        _ => new JValue(value.ToString()),
    };

    private static JObject Object(IEnumerable<KeyValuePair<string, object?>> map)
    {
        var result = new JObject();
        foreach (var (key, item) in map)
        {
            result[key] = Of(item);
        }
        return result;
    }
}
