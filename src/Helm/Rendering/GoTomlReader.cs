using System.Globalization;
using System.Text;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Helm's <c>fromToml</c> reading: a TOML document as Helm's TOML library decodes it into a map. Tables are
/// string-keyed maps, arrays lists of values, arrays of tables lists of maps (Go's <c>[]map[string]interface {}</c>),
/// integers int64, floats float64, and date-times times: an offset date-time in UTC or a fixed zone, the local kinds
/// in zones named <c>datetime-local</c>, <c>date-local</c> and <c>time-local</c> (which toToml prints back in their
/// own form). Errors carry the library's wording (<c>toml: line N (last key "k"): …</c>); nesting deeper than
/// <see cref="MaxDepth"/> and documents longer than <see cref="MaxLength"/> are errors (of this reader's own
/// wording) rather than a crash. Where the library departs from the TOML specification the reader departs with it:
/// a key given a value twice is an error at the top level but the later value wins inside an inline table; a table
/// made by dotted keys ignores a later plain value for its key, except an array, which replaces it; inline tables
/// inside arrays (or under a key once given an array) keep only the last part of their dotted keys.
/// </summary>
public sealed partial class GoTomlReader
{
    /// <summary>The deepest nesting of arrays and inline tables read.</summary>
    public const int MaxDepth = 1000;

    /// <summary>The longest document read, in UTF-16 code units (32 MiB of ASCII text).</summary>
    public const int MaxLength = 32 << 20;

    private readonly string _text;
    private int _pos;
    private int _depth;
    private string? _lastKey;
    private string _tablePath = "";
    private int _arrayDepth;

    // Whether _lastKey ends in a key just read (named as it is) rather than a table or inline table around the reader.
    private bool _rawLast;
    private readonly HashSet<string> _arrayKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> _root = NewTable();
    private readonly HashSet<object> _explicit = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _dotted = new(ReferenceEqualityComparer.Instance);

    private GoTomlReader(string text) => _text = text;

    /// <summary>Reads <paramref name="text"/>; a malformed document throws <see cref="GoTomlException"/>.</summary>
    public static Dictionary<string, object?> Read(string text) =>
        text.Length > MaxLength
            ? throw new GoTomlException($"toml: document of {text.Length} characters is longer than the {MaxLength} read")
            : new GoTomlReader(text).Document();

    private static Dictionary<string, object?> NewTable() => new(StringComparer.Ordinal);

    private bool AtEnd => _pos >= _text.Length;

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private Dictionary<string, object?> Document()
    {
        var table = _root;
        while (true)
        {
            SkipBlankLines();
            if (AtEnd)
            {
                return _root;
            }

            // Errors name the current table until a key is read.
            _lastKey = _tablePath.Length == 0 ? null : _tablePath;
            _rawLast = false;
            if (Peek() == '[')
            {
                table = Peek(1) == '[' ? ArrayTableHeader() : TableHeader();
            }
            else
            {
                KeyValue(table, _lastKey, restore: true);
            }

            EndOfLine();
        }
    }

    private void SkipBlankLines()
    {
        while (!AtEnd)
        {
            var c = Peek();
            if (c is ' ' or '\t' or '\n')
            {
                _pos++;
            }
            else if (c == '\r' && Peek(1) == '\n')
            {
                _pos += 2;
            }
            else if (c == '#')
            {
                Comment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipSpaces()
    {
        while (Peek() is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void Comment()
    {
        while (!AtEnd && Peek() != '\n')
        {
            var c = Peek();
            if (c == '\r' && Peek(1) == '\n')
            {
                return;
            }

            if (IsControl(c) && c != '\t')
            {
                throw Error($"TOML files cannot contain control characters: '0x{(int)c:x2}'");
            }

            _pos++;
        }
    }

    private void EndOfLine()
    {
        SkipSpaces();
        if (Peek() == '#')
        {
            Comment();
        }

        if (AtEnd || Peek() == '\n' || (Peek() == '\r' && Peek(1) == '\n'))
        {
            return;
        }

        if (IsControl(Peek()) && Peek() != '\t')
        {
            throw Error($"TOML files cannot contain control characters: '0x{(int)Peek():x2}'");
        }

        throw Got("expected a top-level item to end with a newline, comment, or EOF, but got", "instead");
    }

    private Dictionary<string, object?> TableHeader()
    {
        _pos++;
        var key = Key(']');
        HeaderEnd("expected '.' or ']' to end table name");
        _lastKey = key.Count > 1 ? KeyText(key.Take(key.Count - 1)) : null;
        var table = _root;
        for (var i = 0; i < key.Count; i++)
        {
            table = Descend(table, key, i, header: true);
        }

        if (!_explicit.Add(table))
        {
            throw Error($"Key '{Join(key)}' has already been defined.");
        }

        _tablePath = KeyText(key);
        _lastKey = _tablePath;
        return table;
    }

    private Dictionary<string, object?> ArrayTableHeader()
    {
        _pos += 2;
        var key = Key(']');
        HeaderEnd("expected '.' or ']' to end table name");
        HeaderEnd("expected end of table array name delimiter ']'", spaces: false);
        _lastKey = key.Count > 1 ? KeyText(key.Take(key.Count - 1)) : null;
        var table = _root;
        for (var i = 0; i < key.Count - 1; i++)
        {
            table = Descend(table, key, i, header: true);
        }

        var last = key[^1];
        List<Dictionary<string, object?>> array;
        if (!table.TryGetValue(last, out var existing))
        {
            array = [];
            table[last] = array;
        }
        else if (existing is List<Dictionary<string, object?>> tables)
        {
            array = tables;
        }
        else
        {
            throw Error($"Key '{Join(key)}' was already created and cannot be used as an array.");
        }

        var item = NewTable();
        array.Add(item);
        _explicit.Add(item);
        _tablePath = KeyText(key);
        _lastKey = _tablePath;
        return item;
    }

    /// <summary>The table at <c>key[index]</c> inside <paramref name="table"/>, made when missing.</summary>
    private Dictionary<string, object?> Descend(Dictionary<string, object?> table, List<string> key, int index, bool header, string? prefix = null)
    {
        var name = key[index];
        if (!table.TryGetValue(name, out var existing))
        {
            var made = NewTable();
            table[name] = made;
            if (!header)
            {
                _dotted.Add(made);
            }

            return made;
        }

        var path = (prefix is null ? "" : prefix + ".") + Join(key.Take(index + 1));
        switch (existing)
        {
            case Dictionary<string, object?> found:
                return found;
            case List<Dictionary<string, object?>> { Count: > 0 } tables:
                return tables[^1];
            case List<object?> when !header:
                // A dotted key through an array value replaces the array with a table.
                var made = NewTable();
                table[name] = made;
                _dotted.Add(made);
                return made;
            default:
                throw header
                    ? Error($"Key '{path}' was already created as a hash.", withKey: false)
                    : Error($"Key '{path}' has already been defined.");
        }
    }

    /// <summary>
    /// One <c>key = value</c>; errors name <paramref name="container"/> until the key is read, then the full key.
    /// Afterwards the top level names its table again (<paramref name="restore"/>); an inline table keeps the key.
    /// </summary>
    private void KeyValue(Dictionary<string, object?> table, string? container, bool restore)
    {
        var start = _pos;
        var key = Key('=', inline: !restore);
        SkipSpaces();
        if (Peek() != '=')
        {
            throw AtEnd ? Fail(Line() - 1, "unexpected EOF; expected key separator '='", withKey: true) : Got("expected '.' or '=', but got", "instead");
        }

        var fullKey = container is null ? KeyText(key) : container + "." + KeyText(key);
        _lastKey = fullKey;
        _rawLast = true;

        _pos++;
        SkipSpaces();
        if (!restore && key.Count > 1 && (_arrayDepth > 0 || UnderArrayKey(container)))
        {
            // Inside an array, or under a key that was once given an array, an inline table's dotted key is checked
            // but only its last part is kept.
            if (table.TryGetValue(key[0], out var first) && first is not Dictionary<string, object?> and not List<object?>)
            {
                throw Error($"Key '{(container is null ? "" : container + ".")}{key[0]}' has already been defined.");
            }

            key = [key[^1]];
        }

        for (var i = 0; i < key.Count - 1; i++)
        {
            table = Descend(table, key, i, header: false, container);
        }

        var value = Value();
        if (value is List<object?>)
        {
            _arrayKeys.Add(fullKey);
        }

        var last = key[^1];
        if (table.TryGetValue(last, out var existing))
        {
            // A table made by dotted keys is replaced by an array given to the same key later, and keeps its
            // contents when given any other value.
            if (existing is Dictionary<string, object?> made && _dotted.Contains(made))
            {
                if (value is List<object?>)
                {
                    table[last] = value;
                }

                return;
            }

            // Inside an inline table the last value given wins, unless a table was given before.
            if (!restore && existing is not Dictionary<string, object?>)
            {
                table[last] = value;
                return;
            }

            _pos = start;
            throw Error($"Key '{(container is null ? Join(key) : container + "." + Join(key))}' has already been defined.");
        }

        table[last] = value;
        if (restore)
        {
            _lastKey = container;
            _rawLast = false;
        }
    }

    private bool UnderArrayKey(string? path)
    {
        while (path is not null)
        {
            if (_arrayKeys.Contains(path))
            {
                return true;
            }

            var dot = path.LastIndexOf('.');
            path = dot < 0 ? null : path[..dot];
        }

        return false;
    }

    private List<string> Key(char terminator, bool inline = false)
    {
        var parts = new List<string>();
        while (true)
        {
            SkipSpaces();
            var c = Peek();
            if (c == '"')
            {
                parts.Add(BasicString());
            }
            else if (c == '\'')
            {
                parts.Add(LiteralString());
            }
            else
            {
                var start = _pos;
                while (IsBareKeyChar(Peek()))
                {
                    _pos++;
                }

                if (_pos == start)
                {
                    if (AtEnd)
                    {
                        throw Eof("expected key name");
                    }

                    throw c == ',' && inline
                        ? Error("unexpected comma")
                        : c == '.'
                        ? Error(terminator == ']' ? "unexpected table separator (table names cannot be empty)"
                            : parts.Count == 0 ? "unexpected '.': keys cannot start with a '.'" : "unexpected '.'")
                        : terminator == ']'
                        ? c == ']' ? Error("unexpected end of table name (table names cannot be empty)") : Got("expected '.' or ']' to end table name, but got", "instead")
                        : c == '=' ? Error(parts.Count == 0 ? "unexpected '=': key name appears blank" : "unexpected '='")
                        : Got("expected '.' or '=', but got", "instead");
                }

                parts.Add(_text[start.._pos]);
            }

            SkipSpaces();
            if (Peek() != '.')
            {
                return parts;
            }

            _pos++;
        }
    }

    private static bool IsBareKeyChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-';

    // A header's closing bracket; the line counts the offending character itself.
    private void HeaderEnd(string expected, bool spaces = true)
    {
        if (spaces)
        {
            SkipSpaces();
        }

        if (Peek() == ']')
        {
            _pos++;
            return;
        }

        if (AtEnd)
        {
            throw Eof(expected);
        }

        throw Got(expected + ", but got", "instead");
    }

    private object? Value()
    {
        if (AtEnd)
        {
            throw Eof("expected value");
        }

        switch (Peek())
        {
            case '"':
                return Peek(1) == '"' && Peek(2) == '"' ? MultiLineBasicString() : BasicString();
            case '\'':
                return Peek(1) == '\'' && Peek(2) == '\'' ? MultiLineLiteralString() : LiteralString();
            case '[':
                return Array();
            case '{':
                return InlineTable();
            default:
                return Scalar();
        }
    }

    private List<object?> Array()
    {
        Enter();
        _arrayDepth++;
        _pos++;
        var items = new List<object?>();
        while (true)
        {
            SkipBlankLines();
            if (AtEnd)
            {
                throw Eof("expected value");
            }

            if (Peek() == ']')
            {
                _pos++;
                _depth--;
                _arrayDepth--;
                return items;
            }

            items.Add(Value());
            var line = Line();
            SkipBlankLines();
            if (Peek() == ',')
            {
                _pos++;
            }
            else if (Peek() == ']')
            {
                continue;
            }
            else if (AtEnd)
            {
                throw Fail(line, "expected a comma (',') or array terminator (']'), but got end of file", withKey: true);
            }
            else
            {
                throw Error($"expected a comma (',') or array terminator (']'), but got '{Peek()}'");
            }
        }
    }

    private Dictionary<string, object?> InlineTable()
    {
        Enter();
        _pos++;
        var table = NewTable();
        _explicit.Add(table);
        var keyBefore = _lastKey;
        _rawLast = false;
        SkipSpaces();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return table;
        }

        while (true)
        {
            SkipSpaces();
            if (AtEnd)
            {
                throw Eof("expected key name");
            }

            InlineNewline();
            KeyValue(table, keyBefore, restore: false);
            SkipSpaces();
            InlineNewline();
            if (Peek() == '}')
            {
                _pos++;
                _depth--;
                _lastKey = keyBefore;
                _rawLast = true;
                return table;
            }

            if (Peek() != ',')
            {
                throw AtEnd
                    ? Eof("expected '}'")
                    : Error($"expected a comma or an inline table terminator '}}', but got '{Printable(Peek())}' instead");
            }

            _pos++;
            SkipSpaces();
            if (Peek() == '}')
            {
                throw Error("trailing comma not allowed in inline tables");
            }
        }
    }

    private void InlineNewline()
    {
        SkipSpaces();
        if (Peek() == '#')
        {
            Comment();
        }

        if (Peek() is '\n' or '\r')
        {
            throw Error("newlines not allowed within inline tables");
        }
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"arrays and inline tables nested deeper than {MaxDepth} levels");
        }
    }

    private static bool IsControl(char c) => c < 0x20 || c == 0x7f;

    private static string Printable(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\'' => "\\'",
        '\\' => "\\\\",
        _ when IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
        _ => c.ToString(),
    };

    private static string Join(IEnumerable<string> key) => string.Join('.', key);

    // A key as errors name it: parts with white space, dots or nothing in them are quoted.
    private static string KeyText(IEnumerable<string> key) =>
        string.Join('.', key.Select(k => k.Length == 0 || k.Any(c => c is ' ' or '\t' or '.') ? GoQuoted(k) : k));

    private int Line() => LineAt(_pos);

    // The line of the character before index end (1 for the first line).
    private int LineAt(int end)
    {
        var line = 1;
        for (var i = 0; i < end && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private GoTomlException Error(string message, bool withKey = true) => Fail(Line(), message, withKey);

    // An error naming the character where the reader stands; a line break counts toward the line.
    private GoTomlException Got(string before, string after)
    {

        var tail = after.Length == 0 ? "" : " " + after;
        return Fail(Line() + (Peek() == '\n' ? 1 : 0), $"{before} '{Printable(Peek())}'{tail}", withKey: true);
    }

    // The library reports an unexpected end of the document on line 0.
    private GoTomlException Eof(string expected) => Fail(0, "unexpected EOF; " + expected, withKey: true);

    // The library names the last part of the key as it is, the parts before it quoted where needed.
    private static string LastPartRaw(string key)
    {
        if (!key.EndsWith('"'))
        {
            return key;
        }

        for (var i = key.Length - 2; i >= 0; i--)
        {
            if (key[i] == '"' && (i == 0 || key[i - 1] == '.') && (i == 0 || i < 2 || key[i - 2] != '\\'))
            {
                var quoted = key[(i + 1)..^1];
                var raw = new StringBuilder();
                for (var j = 0; j < quoted.Length; j++)
                {
                    if (quoted[j] != '\\' || j + 1 >= quoted.Length)
                    {
                        raw.Append(quoted[j]);
                        continue;
                    }

                    var e = quoted[++j];
                    if (e == 'x' && j + 2 < quoted.Length)
                    {
                        raw.Append((char)Convert.ToInt32(quoted.Substring(j + 1, 2), 16));
                        j += 2;
                        continue;
                    }

                    raw.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => e });
                }

                return key[..i] + raw;
            }
        }

        return key;
    }

    private GoTomlException Fail(int line, string message, bool withKey)
    {
        var text = new StringBuilder("toml: line ").Append(line.ToString(CultureInfo.InvariantCulture));
        if (withKey && _lastKey is { } key)
        {
            text.Append(" (last key ").Append(GoQuoted(_rawLast ? LastPartRaw(key) : key)).Append(')');
        }

        return new GoTomlException(text.Append(": ").Append(message).ToString());
    }
}
