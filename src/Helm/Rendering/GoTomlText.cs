using System.Collections;
using System.Globalization;
using System.Text;
using GitOpsHQ.GoTemplate.Formatting;
using GitOpsHQ.GoTemplate.Functions.Sprig.Time;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Template values as Helm's <c>toToml</c> writes them (the TOML encoder Helm uses): in each table the plain keys
/// first, then sub-tables and arrays of tables, each group sorted; a header per table indented two spaces per
/// level below the top, a blank line before each top-level table and each array-of-tables entry; tables inside
/// arrays written inline; floats always with a decimal point; times as RFC 3339 datetimes, durations as quoted
/// text; null entries left out.
/// </summary>
internal static class GoTomlText
{
    private const string Indent = "  ";

    /// <summary>The document for a map or object.</summary>
    /// <exception cref="GoTomlException">The value has no TOML form; the message is the encoder's.</exception>
    public static string Write(object? value)
    {
        var writer = new Writer();
        writer.Top(value);
        return writer.Text.ToString();
    }

    private enum Kind
    {
        Nil,
        Plain,
        Table,
        ArrayOfTables,
    }

    private sealed class Writer
    {
        public StringBuilder Text { get; } = new();

        public void Top(object? value)
        {
            switch (Classify(value))
            {
                case Kind.Table:
                    Table([], value!);
                    break;
                case Kind.Nil when value is null or NoValue:
                    // The encoder inspects the type of a nil value and fails.
                    throw new GoTomlException("reflect: call of reflect.Value.Type on zero Value", fatal: true);
                default:
                    throw new GoTomlException("toml: top-level values must be Go maps or structs");
            }
        }

        private void NewLine()
        {
            if (Text.Length > 0)
            {
                Text.Append('\n');
            }
        }

        private void Table(IReadOnlyList<string> key, object table)
        {
            if (key.Count == 1)
            {
                NewLine();
            }
            if (key.Count > 0)
            {
                Text.Append(IndentFor(key)).Append('[').Append(KeyPath(key)).Append(']');
                NewLine();
            }
            Body(key, table);
        }

        private void Body(IReadOnlyList<string> key, object table)
        {
            var (direct, sub) = Split(table);
            foreach (var (name, item) in direct.Concat(sub))
            {
                Entry([.. key, name], item);
            }
        }

        private void Entry(IReadOnlyList<string> key, object? value)
        {
            switch (Classify(value))
            {
                case Kind.Nil:
                    return;
                case Kind.Table:
                    Table(key, value!);
                    return;
                case Kind.ArrayOfTables:
                    foreach (var item in (IEnumerable)value!)
                    {
                        NewLine();
                        Text.Append(IndentFor(key)).Append("[[").Append(KeyPath(key)).Append("]]");
                        NewLine();
                        Body(key, item!);
                    }
                    return;
                default:
                    Text.Append(IndentFor(key)).Append(BareOrQuoted(key[^1])).Append(" = ");
                    Element(value);
                    NewLine();
                    return;
            }
        }

        // Times read from TOML's local kinds print back in their own form.
        private static string TimeLayout(GoLocation location) =>
            ReferenceEquals(location, GoTomlReader.LocalDateTime) ? "2006-01-02T15:04:05.999999999"
            : ReferenceEquals(location, GoTomlReader.LocalDate) ? "2006-01-02"
            : ReferenceEquals(location, GoTomlReader.LocalTime) ? "15:04:05.999999999"
            : "2006-01-02T15:04:05.999999999Z07:00";

        private void Element(object? value)
        {
            switch (value)
            {
                case GoTime time:
                    Text.Append(time.Format(TimeLayout(time.Location)));
                    break;
                case GoDuration duration:
                    Text.Append(Quote(duration.ToString()));
                    break;
                case string s:
                    Text.Append(Quote(s));
                    break;
                case bool b:
                    Text.Append(b ? "true" : "false");
                    break;
                case double d:
                    Text.Append(Float(d));
                    break;
                case float f:
                    Text.Append(Float(f, single: true));
                    break;
                case IGoInteger integer:
                    Text.Append(integer.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case nint or long or int or ulong or uint or short or ushort or byte or sbyte:
                    Text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                case IDictionary or IGoObject:
                    Inline(value);
                    break;
                case IEnumerable list:
                    Text.Append('[');
                    var first = true;
                    foreach (var item in Items(list))
                    {
                        Text.Append(first ? "" : ", ");
                        first = false;
                        Element(item);
                    }
                    Text.Append(']');
                    break;
                default:
                    throw new GoTomlException($"unexpected type: {GoTypes.NameOf(value)}");
            }
        }

        private void Inline(object table)
        {
            var (direct, sub) = Split(table);
            Text.Append('{');
            // Entries without a value are skipped after the separator decision, so a trailing one leaves ", ".
            WriteInline(direct, trailingSeparator: sub.Count > 0);
            WriteInline(sub, trailingSeparator: false);
            Text.Append('}');
        }

        private void WriteInline(List<KeyValuePair<string, object?>> entries, bool trailingSeparator)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var (name, item) = entries[i];
                if (item is null or NoValue)
                {
                    continue;
                }
                Text.Append(BareOrQuoted(name)).Append(" = ");
                Element(item);
                if (trailingSeparator || i != entries.Count - 1)
                {
                    Text.Append(", ");
                }
            }
        }
    }

    /// <summary>A table's entries: plain values first, then tables and arrays of tables, each group sorted (maps) or in field order (objects).</summary>
    private static (List<KeyValuePair<string, object?>> Direct, List<KeyValuePair<string, object?>> Sub) Split(object table)
    {
        var entries = table is IDictionary map
            ? GoJsonTree.Entries(map).OrderBy(e => e.Key, StringComparer.Ordinal).ToList()
            : GoJsonTree.Fields((IGoObject)table).ToList();
        var direct = new List<KeyValuePair<string, object?>>();
        var sub = new List<KeyValuePair<string, object?>>();
        foreach (var entry in entries)
        {
            (Classify(entry.Value) is Kind.Table or Kind.ArrayOfTables ? sub : direct).Add(entry);
        }
        return (direct, sub);
    }

    private static Kind Classify(object? value) => value switch
    {
        null or NoValue => Kind.Nil,
        GoTime or IGoInteger => Kind.Plain,
        IDictionary or IGoObject => Kind.Table,
        string or byte[] => Kind.Plain,
        IEnumerable list => IsArrayOfTables(list) ? Kind.ArrayOfTables : Kind.Plain,
        _ => Kind.Plain,
    };

    // Every element is checked (nested lists too), so a null anywhere in an array fails the encoding.
    private static bool IsArrayOfTables(IEnumerable list)
    {
        var any = false;
        var allTables = true;
        foreach (var item in Items(list))
        {
            any = true;
            var kind = Classify(item);
            if (kind == Kind.Nil)
            {
                throw new GoTomlException("toml: cannot encode array with nil element");
            }
            allTables &= kind == Kind.Table;
        }
        return any && allTables;
    }

    private static IEnumerable Items(IEnumerable list) =>
        list is byte[] bytes ? bytes.Select(b => (object?)(long)b) : list;

    private static string Float(double value, bool single = false)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value < 0 ? "-inf" : "+inf";
        }
        var text = GoFloat.Format(value, 'f', -1, single);
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string IndentFor(IReadOnlyList<string> key) =>
        string.Concat(Enumerable.Repeat(Indent, key.Count - 1));

    private static string KeyPath(IReadOnlyList<string> key) => string.Join('.', key.Select(BareOrQuoted));

    private static string BareOrQuoted(string key) =>
        key.Length == 0 ? "\"\""
        : key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key
        : Quote(key);

    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                case < ' ' or '\x7f':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }
}

/// <summary>A value <c>toToml</c> cannot encode; <see cref="Fatal"/> when Helm's render fails instead of printing the message.</summary>
public sealed class GoTomlException(string message, bool fatal = false) : Exception(message)
{
    /// <summary>True when the encoder does not return the error but fails the template call.</summary>
    public bool Fatal { get; } = fatal;
}
