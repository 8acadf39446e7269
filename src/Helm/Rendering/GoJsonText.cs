using System.Collections;
using System.Text;
using GitOpsHQ.GoTemplate.Formatting;
using GitOpsHQ.GoTemplate.Functions.Sprig.Time;
using GitOpsHQ.GoTemplate.Values;
using GitOpsHQ.Helm.Json;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Template values as Go's <c>json.Marshal</c> writes them (Helm's <c>toJson</c>): compact, map keys sorted,
/// HTML characters escaped, float64s without exponent between 1e-6 and 1e21, times as quoted RFC 3339 text with
/// nanoseconds, durations and other named integers as numbers. Indented (<c>json.MarshalIndent</c> with two
/// spaces) and HTML-preserving (an encoder without HTML escaping) forms are offered too.
/// </summary>
internal static class GoJsonText
{
    private const string RfcTime = "2006-01-02T15:04:05.999999999Z07:00";

    /// <summary>The compact text, or "" when the value has no JSON form (Helm's <c>toJson</c> swallows the error).</summary>
    public static string Write(object? value)
    {
        try
        {
            return Marshal(value);
        }
        catch (GoJsonException)
        {
            return "";
        }
    }

    /// <summary>The value as JSON text.</summary>
    /// <param name="value">Any template value.</param>
    /// <param name="indent">Each element on its own line, nested two spaces per level, as <c>json.MarshalIndent</c>.</param>
    /// <param name="escapeHtml">Write &lt;, &gt; and &amp; as \u escapes, as <c>json.Marshal</c> does.</param>
    /// <exception cref="GoJsonException">The value has no JSON form; the message is Go's.</exception>
    public static string Marshal(object? value, bool indent = false, bool escapeHtml = true)
    {
        var text = new StringBuilder();
        new Writer(text, indent, escapeHtml).Append(value, 0);
        return text.ToString();
    }

    /// <summary>A float64 as encoding/json prints it.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw Unsupported(value);
        }
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

    /// <summary>Go's error for NaN and the infinities, which JSON cannot hold.</summary>
    public static GoJsonException Unsupported(double value) =>
        new("json: unsupported value: " + (double.IsNaN(value) ? "NaN" : value < 0 ? "-Inf" : "+Inf"));

    /// <summary>A time as <c>time.Time</c> marshals itself: RFC 3339 with nanoseconds, only for years 0 to 9999.</summary>
    public static string Time(GoTime time)
    {
        var year = time.Date.Year;
        return year is < 0 or >= 10000
            ? throw new GoJsonException("json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]")
            : time.Format(RfcTime);
    }

    private sealed class Writer(StringBuilder text, bool indent, bool escapeHtml)
    {
        public void Append(object? value, int depth)
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
                    text.Append(GoJson.Quote(s, escapeHtml));
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
                case GoTime time:
                    text.Append('"').Append(Time(time)).Append('"');
                    break;
                case IGoInteger integer:
                    // time.Duration, time.Month and the like are integers to encoding/json.
                    text.Append(integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case IGoJsonMarshaler marshaler:
                    Append(marshaler.JsonValue(), depth);
                    break;
                case IDictionary map:
                    AppendMap(GoJsonTree.Entries(map).OrderBy(e => e.Key, StringComparer.Ordinal), depth);
                    break;
                case GoNamedSlice slice:
                    AppendList(slice, depth);
                    break;
                case IGoObject obj:
                    AppendMap(GoJsonTree.JsonFields(obj), depth);
                    break;
                case IEnumerable list:
                    AppendList(list, depth);
                    break;
                default:
                    text.Append(GoJson.Quote(value.ToString() ?? "", escapeHtml));
                    break;
            }
        }

        private void AppendList(IEnumerable list, int depth)
        {
            text.Append('[');
            var empty = true;
            foreach (var item in list)
            {
                text.Append(empty ? "" : ",");
                empty = false;
                Break(depth + 1);
                Append(item, depth + 1);
            }
            if (!empty)
            {
                Break(depth);
            }
            text.Append(']');
        }

        private void AppendMap(IEnumerable<KeyValuePair<string, object?>> entries, int depth)
        {
            text.Append('{');
            var empty = true;
            foreach (var (key, item) in entries)
            {
                text.Append(empty ? "" : ",");
                empty = false;
                Break(depth + 1);
                text.Append(GoJson.Quote(key, escapeHtml)).Append(indent ? ": " : ":");
                Append(item, depth + 1);
            }
            if (!empty)
            {
                Break(depth);
            }
            text.Append('}');
        }

        private void Break(int depth)
        {
            if (indent)
            {
                text.Append('\n').Append(' ', 2 * depth);
            }
        }
    }
}

/// <summary>A value encoding/json cannot write; the message is Go's.</summary>
internal sealed class GoJsonException(string message) : Exception(message);
