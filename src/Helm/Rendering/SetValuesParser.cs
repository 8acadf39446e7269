using System.Globalization;
using System.Numerics;
using System.Text;
using GitOpsHQ.GoTemplate.Formatting;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Reads one value flag's text (<c>a.b=1,list[0].c={x,y}</c>) into a values map, as Helm's strvals does:
/// keys split on '.', '[i]' indexes lists (growing them with nulls), ',' separates assignments, a backslash
/// escapes the next character (not in literal mode). Existing maps and lists in the target are extended in place;
/// a key whose existing value has the wrong shape fails with Go's "interface conversion" wording.
/// </summary>
internal sealed class SetValuesParser
{
    /// <summary>The largest list index an assignment may use.</summary>
    public const int MaxIndex = 65536;

    /// <summary>The deepest key nesting ("a.b.c…") an assignment may use.</summary>
    public const int MaxNestedNameLevel = 30;

    /// <summary>The deepest nesting of keys and indexes together ("a[0][0].b[0]…"), so no text can exhaust the stack.</summary>
    public const int MaxNesting = 1000;

    public enum Mode
    {
        Typed,
        String,
        Json,
        Literal,
    }

    // Whether an assignment was read and more may follow, or the text is used up.
    private enum Step
    {
        Continue,
        End,
    }

    private static readonly char[] KeyStops = ['=', '[', ',', '.'];
    private static readonly char[] LiteralKeyStops = ['=', '[', '.'];
    private static readonly char[] IndexStops = [']'];
    private static readonly char[] AfterIndexStops = ['[', '.', '='];
    private static readonly char[] ValueStops = [','];
    private static readonly char[] ListStops = [',', '}'];

    private readonly string _text;
    private readonly Mode _mode;
    private int _position;
    private int _nesting;

    private SetValuesParser(string text, Mode mode)
    {
        _text = text;
        _mode = mode;
    }

    /// <summary>Applies every assignment of the text to <paramref name="into"/>.</summary>
    /// <exception cref="SetValuesException">The text is malformed; the message is Helm's.</exception>
    public static void Parse(string text, Dictionary<string, object?> into, Mode mode)
    {
        var parser = new SetValuesParser(text, mode);
        while (parser.Key(into, 0) == Step.Continue)
        {
        }
    }

    private bool Literal => _mode == Mode.Literal;

    private Step Key(Dictionary<string, object?> data, int level)
    {
        Enter();
        try
        {
            return KeyStep(data, level);
        }
        finally
        {
            _nesting--;
        }
    }

    private (List<object?> List, Step Step) ListItem(List<object?> list, long index, int level)
    {
        Enter();
        try
        {
            return ListItemStep(list, index, level);
        }
        finally
        {
            _nesting--;
        }
    }

    private void Enter()
    {
        if (++_nesting > MaxNesting)
        {
            throw new SetValuesException($"keys and indexes nest deeper than {MaxNesting} levels");
        }
    }

    private Step KeyStep(Dictionary<string, object?> data, int level)
    {
        var (key, last, end) = Until(Literal ? LiteralKeyStops : KeyStops);
        if (end)
        {
            return key.Length == 0 ? Step.End : throw new SetValuesException($"key {GoQuote.Quote(key)} has no value");
        }
        switch (last)
        {
            case '[':
            {
                var index = KeyIndex();
                var list = data.TryGetValue(key, out var existing) ? AsList(existing) : [];
                var (result, step) = ListItem(list, index, level);
                Set(data, key, result);
                return step;
            }
            case '=':
                Set(data, key, Value(out var afterValue));
                return afterValue;
            case ',':
                Set(data, key, "");
                throw new SetValuesException($"key {GoQuote.Quote(key)} has no value (cannot end with ,)");
            default:
            {
                if (++level > MaxNestedNameLevel)
                {
                    throw new SetValuesException(
                        $"value name nested level is greater than maximum supported nested level of {MaxNestedNameLevel}");
                }
                var inner = data.TryGetValue(key, out var existing) ? AsMap(existing) : NewMap();
                var step = Key(inner, level);
                if (step == Step.Continue && inner.Count == 0)
                {
                    throw new SetValuesException($"key map {GoQuote.Quote(key)} has no value");
                }
                if (inner.Count != 0)
                {
                    Set(data, key, inner);
                }
                return step;
            }
        }
    }

    // The value after '=', and whether more assignments may follow.
    private object? Value(out Step step)
    {
        step = Step.Continue;
        switch (_mode)
        {
            case Mode.Literal:
                var rest = _text[_position..];
                _position = _text.Length;
                return rest;
            case Mode.Json:
                if (EmptyValue())
                {
                    return null;
                }
                var json = GoJsonScanner.ReadValue(_text, ref _position);
                EmptyValue();
                return json;
        }
        if (_position == _text.Length)
        {
            step = Step.End;
            return "";
        }
        if (_text[_position] == '{')
        {
            _position++;
            return ValueList();
        }
        return Scalar(Until(ValueStops).Text);
    }

    private (List<object?> List, Step Step) ListItemStep(List<object?> list, long index, int level)
    {
        if (index < 0)
        {
            throw new SetValuesException($"negative {index} index not allowed");
        }
        var (rest, last, end) = Until(AfterIndexStops);
        if (rest.Length > 0)
        {
            throw new SetValuesException($"unexpected data at end of array index: {QuoteRunes(rest)}");
        }
        if (end)
        {
            return (list, Step.End);
        }
        switch (last)
        {
            case '=':
                // An empty value at the end of the text still counts as an assignment here.
                var value = Value(out _);
                return (SetIndex(list, index, value), Step.Continue);
            case '[':
            {
                var next = KeyIndex();
                var current = list.Count > index && list[(int)index] is { } existing ? AsList(existing) : [];
                var (inner, step) = ListItem(current, next, level);
                return step == Step.End ? (list, step) : (SetIndex(list, index, inner), step);
            }
            default:
            {
                var inner = NewMap();
                if (list.Count > index)
                {
                    if (list[(int)index] is Dictionary<string, object?> map)
                    {
                        inner = map;
                    }
                    else
                    {
                        list[(int)index] = inner;
                    }
                }
                var step = Key(inner, level);
                return step == Step.End ? (list, step) : (SetIndex(list, index, inner), step);
            }
        }
    }

    private static List<object?> SetIndex(List<object?> list, long index, object? value)
    {
        if (index < 0)
        {
            throw new SetValuesException($"negative {index} index not allowed");
        }
        if (index > MaxIndex)
        {
            throw new SetValuesException($"index of {index} is greater than maximum supported index of {MaxIndex}");
        }
        while (list.Count <= index)
        {
            list.Add(null);
        }
        list[(int)index] = value;
        return list;
    }

    // The number between '[' and ']', read as Go's strconv.Atoi reads it.
    private long KeyIndex()
    {
        var (text, _, end) = Until(IndexStops);
        if (end)
        {
            throw new SetValuesException("error parsing index: EOF");
        }
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new SetValuesException($"error parsing index: strconv.Atoi: parsing {GoQuote.Quote(text)}: invalid syntax");
        }
        var value = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (value > long.MaxValue || value < long.MinValue)
        {
            throw new SetValuesException($"error parsing index: strconv.Atoi: parsing {GoQuote.Quote(text)}: value out of range");
        }
        return (long)value;
    }

    // The items of "{a,b}" after its '{'.
    private List<object?> ValueList()
    {
        var list = new List<object?>();
        while (true)
        {
            var (item, last, end) = Until(ListStops);
            if (end)
            {
                throw new SetValuesException("list must terminate with '}'");
            }
            list.Add(Scalar(item));
            if (last == '}')
            {
                if (_position < _text.Length && _text[_position] == ',')
                {
                    _position++;
                }
                return list;
            }
        }
    }

    private object? Scalar(string text) => _mode == Mode.String ? text : TypedScalar(text);

    /// <summary>How <c>--set</c> types a value: true/false/null in any case, int64 unless it has a leading zero, else the text.</summary>
    public static object? TypedScalar(string text)
    {
        if (GoEqualFold(text, "true"))
        {
            return true;
        }
        if (GoEqualFold(text, "false"))
        {
            return false;
        }
        if (GoEqualFold(text, "null"))
        {
            return null;
        }
        if (text == "0")
        {
            return 0L;
        }
        if (text.Length > 0 && text[0] != '0' && IsGoInteger(text)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        return text;
    }

    private static bool IsGoInteger(string text)
    {
        var digits = text[0] is '+' or '-' ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    // Go's strings.EqualFold against a lower-case ASCII word: simple case folding, where 'ſ' folds to 's'.
    private static bool GoEqualFold(string text, string word)
    {
        if (text.Length != word.Length)
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i] == 'ſ' ? 's' : char.ToLowerInvariant(text[i]);
            if (c != word[i])
            {
                return false;
            }
        }
        return true;
    }

    // Skips blanks and one ',' after a JSON value; true when no value follows (a ',' or the end).
    private bool EmptyValue()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == ',')
            {
                _position++;
                return true;
            }
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
            _position++;
        }
        return true;
    }

    // Reads up to one of the stop characters (consumed), honouring backslash escapes outside literal mode.
    private (string Text, char Last, bool End) Until(char[] stops)
    {
        var text = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (Array.IndexOf(stops, c) >= 0)
            {
                return (text.ToString(), c, false);
            }
            if (c == '\\' && !Literal)
            {
                if (_position == _text.Length)
                {
                    return (text.ToString(), '\0', true);
                }
                c = _text[_position++];
            }
            text.Append(c);
        }
        return (text.ToString(), '\0', true);
    }

    private static void Set(Dictionary<string, object?> data, string key, object? value)
    {
        if (key.Length > 0)
        {
            data[key] = value;
        }
    }

    private static List<object?> AsList(object? value) =>
        value as List<object?> ?? throw Conversion(value, "[]interface {}");

    private static Dictionary<string, object?> AsMap(object? value) =>
        value as Dictionary<string, object?> ?? throw Conversion(value, "map[string]interface {}");

    // Helm's parser fails on a value of the wrong shape with Go's type assertion panic, which it reports.
    private static SetValuesException Conversion(object? value, string expected) =>
        new($"unable to parse key: interface conversion: interface {{}} is {(value is null ? "nil" : GoTypes.NameOf(value))}, not {expected}");

    // Go's %q of a rune slice: each rune quoted, space separated, in brackets.
    private static string QuoteRunes(string text) =>
        "[" + string.Join(" ", text.EnumerateRunes().Select(r => GoQuote.QuoteRune(r.Value))) + "]";

    private static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);
}

/// <summary>A value flag's text is malformed; the message is Helm's.</summary>
internal sealed class SetValuesException(string message) : Exception(message);
