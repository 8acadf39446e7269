using System.Collections;
using GitOpsHQ.Plugins.Helm.GoTemplate.Functions;
using GitOpsHQ.Plugins.Helm.GoTemplate.Functions.Sprig.Time;
using GitOpsHQ.Plugins.Helm.GoTemplate.Values;
using GitOpsHQ.Plugins.Sdk.GoYaml;

namespace GitOpsHQ.Plugins.Helm.Rendering;

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

        return text.EndsWith('\n') ? text[..^1] : text;
    }

    private static Node ToNode(object? value) => value switch
    {
        null or NoValue => ScalarNode.Null,
        bool or string => new ScalarNode(value),
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
        IDictionary map => Map(GoJsonTree.Entries(map)),
        IGoObject obj => Map(GoJsonTree.Fields(obj)),
        IEnumerable list => List(list),
        _ => new ScalarNode(value.ToString()),
    };

    private static double Finite(double value) =>
        double.IsFinite(value) ? value : throw GoJsonText.Unsupported(value);

    private static MapNode Map(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var map = new MapNode();
        foreach (var (key, item) in entries)
        {
            map.Set(key, ToNode(item));
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
