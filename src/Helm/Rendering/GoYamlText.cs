using System.Collections;
using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Functions.Sprig.Time;
using GitOpsHQ.GoTemplate.Values;
using GitOpsHQ.GoYaml;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Template values as Helm's <c>toYaml</c> writes them: read as encoding/json would see them (objects become
/// maps by field, other keys become text, numbers are read back from their JSON text), then printed in block
/// style by the shared Go-style printer (times as their RFC 3339 text, durations as integers; a value JSON
/// cannot hold, such as NaN or a year past 9999, prints nothing), with its key order, quoting and 80-column folding. The final line
/// break is left off.
/// </summary>
internal static class GoYamlText
{
    public static string Write(object? value)
    {
        string text;
        try
        {
            text = YamlPrinter.Print(ToNode(value), quoteMergeKey: true);
        }
        catch (UnprintableKeyException e)
        {
            throw new FunctionException(e.Message);
        }
        catch (GoJsonException)
        {
            // Helm's toYaml goes through encoding/json and prints nothing when that fails.
            return "";
        }
        catch (UnreadableTextException)
        {
            return "";
        }

        return text.EndsWith('\n') ? text[..^1] : text;
    }

    /// <summary>
    /// A string as Helm's toYaml has it after reading its JSON text back with Go's YAML reader. The reader refuses
    /// characters JSON leaves as they are but YAML does not allow (DEL, the C1 controls but NEL, U+FFFE and U+FFFF: a
    /// binary file's bytes often hold some), and then toYaml prints nothing. It takes NEL (U+0085) for a line break
    /// inside the quoted string and folds it: one becomes a space, a run of n becomes n-1 newlines, and the blanks
    /// around them go.
    /// </summary>
    private static string Readable(string text)
    {
        var nel = false;
        foreach (var c in text)
        {
            if (c is '\u007F' or (>= '\u0080' and <= '\u0084') or (>= '\u0086' and <= '\u009F') or '\uFFFE' or '\uFFFF')
            {
                throw new UnreadableTextException();
            }

            nel |= c == '\u0085';
        }

        return nel ? FoldLineBreaks(text) : text;
    }

    private static string FoldLineBreaks(string text)
    {
        var folded = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '\u0085')
            {
                folded.Append(text[i++]);
                continue;
            }

            var breaks = 0;
            while (i < text.Length && (text[i] == '\u0085' || text[i] is ' ' or '\t'))
            {
                breaks += text[i++] == '\u0085' ? 1 : 0;
            }

            while (folded.Length > 0 && folded[^1] is ' ' or '\t')
            {
                folded.Length--;
            }

            folded.Append(breaks == 1 ? " " : new string('\n', breaks - 1));
        }

        return folded.ToString();
    }

    private sealed class UnreadableTextException : Exception;

    /// <summary>
    /// Helm's <c>toYamlPretty</c>: the value given straight to yaml.v3's encoder with an indent of 2, so lists under
    /// a map key are indented, long strings are not folded, floats keep Go's 'g' text (1e+06, .nan, .inf), times
    /// are their RFC 3339 text unquoted and durations their Go text. The final line break is left off.
    /// </summary>
    public static string WritePretty(object? value)
    {
        string text;
        try
        {
            text = YamlPrinter.Print(ToPrettyNode(value), pretty: true);
        }
        catch (UnprintableKeyException e)
        {
            throw new FunctionException(e.Message);
        }
        catch (GoJsonException)
        {
            // Helm's toYaml goes through encoding/json and prints nothing when that fails.
            return "";
        }

        return text.EndsWith('\n') ? text[..^1] : text;
    }

    private static Node ToNode(object? value) => value switch
    {
        null or NoValue => ScalarNode.Null,
        bool => new ScalarNode(value),
        string text => new ScalarNode(Readable(text)),
        // A float prints as its JSON text read back: a whole number becomes an integer (1.0 prints as 1).
        double d => new ScalarNode(Finite(d)),
        float f => new ScalarNode(Finite(f)),
        ulong u => new ScalarNode(u),
        nint n => new ScalarNode((long)n),
        long or int or uint or short or byte => new ScalarNode(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        // encoding/json writes a byte slice as base64 text.
        byte[] bytes => new ScalarNode(Convert.ToBase64String(bytes)),
        // A time is its JSON text (RFC 3339 with nanoseconds); durations and other named integers are numbers.
        GoTime time => new ScalarNode(GoJsonText.Time(time)),
        IGoInteger integer => new ScalarNode(integer.Value),
        IGoJsonMarshaler marshaler => ToNode(marshaler.JsonValue()),
        IDictionary map => Map(GoJsonTree.Entries(map)),
        GoNamedSlice slice => List(slice),
        IGoObject obj => Map(GoJsonTree.JsonFields(obj)),
        IEnumerable list => List(list),
        _ => new ScalarNode(value.ToString()),
    };

    private static Node ToPrettyNode(object? value) => value switch
    {
        null or NoValue => ScalarNode.Null,
        bool or string => new ScalarNode(value),
        double d => new ScalarNode(d),
        float f => new ScalarNode(double.Parse(f.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)),
        ulong u => new ScalarNode(u),
        nuint u => new ScalarNode((ulong)u),
        uint or ushort or byte => new ScalarNode(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        nint n => new ScalarNode((long)n),
        long or int or short or sbyte => new ScalarNode(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        byte[] bytes => new ScalarNode(Convert.ToBase64String(bytes)),
        GoTime time => new ScalarNode(new PlainText(time.Format("2006-01-02T15:04:05.999999999Z07:00"))),
        GoDuration duration => new ScalarNode(duration.ToString()),
        IGoInteger integer => new ScalarNode(integer.Value),
        IDictionary map => PrettyMap(GoJsonTree.Entries(map)),
        IGoObject obj => PrettyMap(GoJsonTree.Fields(obj)),
        IEnumerable list => PrettyList(list),
        _ => new ScalarNode(value.ToString()),
    };

    private static MapNode PrettyMap(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var map = new MapNode();
        foreach (var (key, item) in entries)
        {
            map.Set(key, ToPrettyNode(item));
        }

        return map;
    }

    private static ListNode PrettyList(IEnumerable items)
    {
        var list = new ListNode();
        foreach (var item in items)
        {
            list.Items.Add(ToPrettyNode(item));
        }

        return list;
    }

    private static double Finite(double value) =>
        double.IsFinite(value) ? value : throw GoJsonText.Unsupported(value);

    private static MapNode Map(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var map = new MapNode();
        foreach (var (key, item) in entries)
        {
            map.Set(Readable(key), ToNode(item));
        }

        return map;
    }

    private static ListNode List(IEnumerable items)
    {
        var list = new ListNode();
        foreach (var item in items)
        {
            list.Items.Add(ToNode(item));
        }

        return list;
    }
}
