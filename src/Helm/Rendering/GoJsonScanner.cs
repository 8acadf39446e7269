using System.Globalization;
using System.Text;
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Reads one JSON value from a position in a text and stops right after it, as Go's json.Decoder does: objects
/// become string-keyed maps (a repeated key keeps its last value), arrays lists, numbers float64. Whatever follows
/// the value is left for the caller.
/// </summary>
internal static class GoJsonScanner
{
    private const int MaxDepth = 1000;

    /// <summary>The value starting at <paramref name="position"/> (after blanks); the position moves past it.</summary>
    /// <exception cref="SetValuesException">No complete JSON value starts there.</exception>
    public static object? ReadValue(string text, ref int position)
    {
        SkipBlanks(text, ref position);
        return Value(text, ref position, 0);
    }

    /// <summary>The text as exactly one JSON value, blanks around it allowed.</summary>
    public static object? ReadWhole(string text)
    {
        var position = 0;
        var value = ReadValue(text, ref position);
        SkipBlanks(text, ref position);
        return position == text.Length
            ? value
            : throw new SetValuesException($"invalid character {Describe(text, position)} after top-level value");
    }

    private static object? Value(string text, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SetValuesException("exceeded max depth");
        }
        if (position >= text.Length)
        {
            throw new SetValuesException("unexpected end of JSON input");
        }
        switch (text[position])
        {
            case '{':
                return Object(text, ref position, depth);
            case '[':
                return Array(text, ref position, depth);
            case '"':
                return String(text, ref position);
            case 't':
                return Word(text, ref position, "true", true);
            case 'f':
                return Word(text, ref position, "false", false);
            case 'n':
                return Word(text, ref position, "null", null);
            case '-' or (>= '0' and <= '9'):
                return Number(text, ref position);
            default:
                throw new SetValuesException($"invalid character {Describe(text, position)} looking for beginning of value");
        }
    }

    private static Dictionary<string, object?> Object(string text, ref int position, int depth)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        position++;
        SkipBlanks(text, ref position);
        if (Peek(text, position) == '}')
        {
            position++;
            return map;
        }
        while (true)
        {
            SkipBlanks(text, ref position);
            if (Peek(text, position) != '"')
            {
                throw Unexpected(text, position, "looking for beginning of object key string");
            }
            var key = String(text, ref position);
            SkipBlanks(text, ref position);
            if (Peek(text, position) != ':')
            {
                throw Unexpected(text, position, "after object key");
            }
            position++;
            SkipBlanks(text, ref position);
            map[key] = Value(text, ref position, depth + 1);
            SkipBlanks(text, ref position);
            switch (Peek(text, position))
            {
                case ',':
                    position++;
                    continue;
                case '}':
                    position++;
                    return map;
                default:
                    throw Unexpected(text, position, "after object key:value pair");
            }
        }
    }

    private static List<object?> Array(string text, ref int position, int depth)
    {
        var list = new List<object?>();
        position++;
        SkipBlanks(text, ref position);
        if (Peek(text, position) == ']')
        {
            position++;
            return list;
        }
        while (true)
        {
            SkipBlanks(text, ref position);
            list.Add(Value(text, ref position, depth + 1));
            SkipBlanks(text, ref position);
            switch (Peek(text, position))
            {
                case ',':
                    position++;
                    continue;
                case ']':
                    position++;
                    return list;
                default:
                    throw Unexpected(text, position, "after array element");
            }
        }
    }

    private static string String(string text, ref int position)
    {
        var result = new StringBuilder();
        position++;
        while (true)
        {
            if (position >= text.Length)
            {
                throw new SetValuesException("unexpected end of JSON input");
            }
            var c = text[position++];
            switch (c)
            {
                case '"':
                    return result.ToString();
                case < ' ':
                    throw new SetValuesException($"invalid character {Quoted(c)} in string literal");
                case '\\':
                    Escape(text, ref position, result);
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
    }

    private static void Escape(string text, ref int position, StringBuilder result)
    {
        var c = Peek(text, position);
        position++;
        switch (c)
        {
            case '"' or '\\' or '/':
                result.Append(c);
                return;
            case 'b':
                result.Append('\b');
                return;
            case 'f':
                result.Append('\f');
                return;
            case 'n':
                result.Append('\n');
                return;
            case 'r':
                result.Append('\r');
                return;
            case 't':
                result.Append('\t');
                return;
            case 'u':
                var unit = Hex4(text, ref position);
                if (char.IsHighSurrogate(unit) && Peek(text, position) == '\\' && Peek(text, position + 1) == 'u')
                {
                    var after = position + 2;
                    var low = Hex4(text, ref after);
                    if (char.IsLowSurrogate(low))
                    {
                        position = after;
                        result.Append(unit).Append(low);
                        return;
                    }
                }
                // A lone surrogate becomes the replacement character, as in Go.
                result.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
                return;
            default:
                throw new SetValuesException($"invalid character {Describe(text, position - 1)} in string escape code");
        }
    }

    private static char Hex4(string text, ref int position)
    {
        for (var i = position; i < position + 4; i++)
        {
            if (i >= text.Length || !char.IsAsciiHexDigit(text[i]))
            {
                throw new SetValuesException($"invalid character {Describe(text, i)} in \\u hexadecimal character escape");
            }
        }
        var code = int.Parse(text.AsSpan(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        position += 4;
        return (char)code;
    }

    private static object? Word(string text, ref int position, string word, object? value)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if (Peek(text, position + i) != word[i])
            {
                throw new SetValuesException($"invalid character {Describe(text, position + i)} in literal {word} (expecting '{word[i]}')");
            }
        }
        position += word.Length;
        return value;
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, as a float64.
    private static double Number(string text, ref int position)
    {
        var start = position;
        if (Peek(text, position) == '-')
        {
            position++;
        }
        if (Peek(text, position) == '0')
        {
            position++;
        }
        else if (!Digits(text, ref position))
        {
            throw new SetValuesException($"invalid character {Describe(text, position)} in numeric literal");
        }
        if (Peek(text, position) == '.')
        {
            position++;
            if (!Digits(text, ref position))
            {
                throw new SetValuesException($"invalid character {Describe(text, position)} after decimal point in numeric literal");
            }
        }
        if (Peek(text, position) is 'e' or 'E')
        {
            position++;
            if (Peek(text, position) is '+' or '-')
            {
                position++;
            }
            if (!Digits(text, ref position))
            {
                throw new SetValuesException($"invalid character {Describe(text, position)} in exponent of numeric literal");
            }
        }
        var literal = text[start..position];
        var number = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(number)
            ? number
            : throw new SetValuesException($"json: cannot unmarshal number {literal} into Go value of type float64");
    }

    private static bool Digits(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }
        return position > start;
    }

    private static void SkipBlanks(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }
    }

    private static char Peek(string text, int position) => position < text.Length ? text[position] : '\0';

    private static SetValuesException Unexpected(string text, int position, string context) =>
        position >= text.Length
            ? new SetValuesException("unexpected end of JSON input")
            : new SetValuesException($"invalid character {Describe(text, position)} {context}");

    /// <summary>The character at a position as Go's JSON errors quote it; the end of the text reads as a blank, as in Go.</summary>
    private static string Describe(string text, int position) => Quoted(position < text.Length ? text[position] : ' ');

    private static string Quoted(char c) => c switch
    {
        '\'' => @"'\''",
        '"' => "'\"'",
        _ => "'" + GoFormat.Sprintf("%q", c.ToString())[1..^1] + "'",
    };
}
