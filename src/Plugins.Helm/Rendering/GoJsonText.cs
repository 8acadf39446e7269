using System.Collections;
using System.Text;
using GitOpsHQ.Plugins.Helm.GoTemplate.Formatting;
using GitOpsHQ.Plugins.Helm.GoTemplate.Values;
using GitOpsHQ.Plugins.Helm.Packaging;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>
/// Template values as Go's <c>json.Marshal</c> writes them (Helm's <c>toJson</c>): compact, map keys sorted,
/// HTML characters escaped, float64s without exponent between 1e-6 and 1e21.
/// </summary>
internal static class GoJsonText
{
    public static string Write(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    /// <summary>A float64 as encoding/json prints it.</summary>
    public static string Number(double value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21))
        {
            var text = GoFloat.Format(value, 'e', -1);
            var e = text.IndexOf('e', StringComparison.Ordinal);
            // Go trims a leading zero from a two-digit negative exponent: 1e-07 becomes 1e-7.
            return e >= 0 && text.Length - e == 4 && text[e + 1] == '-' && text[e + 2] == '0'
                ? text[..(e + 2)] + text[(e + 3)..]
                : text;
        }
        return GoFloat.Format(value, 'f', -1);
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null or NoValue:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case string s:
                text.Append(GoJson.Quote(s));
                break;
            case double d:
                text.Append(Number(d));
                break;
            case float f:
                text.Append(Number(f));
                break;
            case nint or long or int or ulong or uint or short or byte:
                text.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                // encoding/json writes a byte slice as base64 text.
                text.Append(GoJson.Quote(Convert.ToBase64String(bytes)));
                break;
            case IDictionary map:
                AppendMap(text, GoJsonTree.Entries(map));
                break;
            case IGoObject obj:
                AppendMap(text, GoJsonTree.Fields(obj));
                break;
            case IEnumerable list:
                text.Append('[');
                var first = true;
                foreach (var item in list)
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    Append(text, item);
                }
                text.Append(']');
                break;
            default:
                text.Append(GoJson.Quote(value.ToString() ?? ""));
                break;
        }
    }

    private static void AppendMap(StringBuilder text, IEnumerable<KeyValuePair<string, object?>> entries)
    {
        text.Append('{');
        var first = true;
        foreach (var (key, item) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(first ? "" : ",").Append(GoJson.Quote(key)).Append(':');
            first = false;
            Append(text, item);
        }
        text.Append('}');
    }
}
