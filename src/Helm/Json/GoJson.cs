using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Json;

/// <summary>
/// JSON text as Go's encoding/json writes it, so configs match what Helm itself pushes: compact,
/// map keys sorted, and &lt;, &gt;, &amp;, U+2028 and U+2029 escaped as \u sequences.
/// </summary>
public static class GoJson
{
    public static string Quote(string value) => Quote(value, escapeHtml: true);

    /// <summary>A JSON string; without <paramref name="escapeHtml"/>, &lt;, &gt; and &amp; are written as they are.</summary>
    public static string Quote(string value, bool escapeHtml)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case ('<' or '>' or '&') when !escapeHtml:
                    text.Append(c);
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                case var high when char.IsHighSurrogate(high) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    text.Append(high).Append(value[++i]);
                    break;
                case var broken when char.IsSurrogate(broken):
                    // Go writes text that is not valid Unicode as the replacement character.
                    text.Append("\\ufffd");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Any JSON value (from YAML): objects get their keys sorted, as Go does for maps.</summary>
    public static string Write(JToken token) => token switch
    {
        JObject map => "{" + string.Join(',', map.Properties()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => Quote(p.Name) + ":" + Write(p.Value))) + "}",
        JArray list => "[" + string.Join(',', list.Select(Write)) + "]",
        JValue { Value: null } => "null",
        JValue { Value: bool b } => b ? "true" : "false",
        JValue { Value: string s } => Quote(s),
        JValue { Value: double d } => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "null",
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "null",
        _ => "null",
    };
}
