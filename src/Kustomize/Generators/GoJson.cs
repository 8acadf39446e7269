using System.Globalization;
using System.Text;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Compact JSON as Go's encoder writes it: object keys in byte order; in strings quote, backslash
/// and \b \f \n \r \t escaped by name, other control characters as \u00XX, the HTML characters
/// &lt; &gt; &amp; and the line and paragraph separators as \uXXXX, everything else as UTF-8.
/// </summary>
internal static class GoJson
{
    public static void Object(StringBuilder json, IEnumerable<KeyValuePair<string, Action>> fields)
    {
        json.Append('{');
        var first = true;
        foreach (var (key, write) in fields.OrderBy(field => field.Key, Utf8Order.Instance))
        {
            if (!first)
            {
                json.Append(',');
            }

            first = false;
            String(json, key);
            json.Append(':');
            write();
        }

        json.Append('}');
    }

    /// <summary>A map of strings (data or binaryData).</summary>
    public static void Map(StringBuilder json, MapNode map) =>
        Object(json, map.Fields.Select(pair => KeyValuePair.Create<string, Action>(pair.Key, () => String(json, NameHash.Text(pair.Value)))));

    public static void String(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        json.Append('"');
    }

    /// <summary>Orders strings by their UTF-8 bytes, as Go sorts map keys.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
    }
}
