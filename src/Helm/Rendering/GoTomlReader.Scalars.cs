using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GitOpsHQ.GoTemplate.Functions.Sprig.Time;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>TOML strings, numbers, booleans and date-times.</summary>
public sealed partial class GoTomlReader
{
    private int _stringStart;

    /// <summary>The zone of a local date-time read from TOML.</summary>
    public static readonly GoLocation LocalDateTime = GoLocation.Fixed("datetime-local", 0);

    /// <summary>The zone of a local date read from TOML.</summary>
    public static readonly GoLocation LocalDate = GoLocation.Fixed("date-local", 0);

    /// <summary>The zone of a local time read from TOML (on January 1 of year 0).</summary>
    public static readonly GoLocation LocalTime = GoLocation.Fixed("time-local", 0);

    private string BasicString()
    {
        _pos++;
        _stringStart = _pos;
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Eof("expected '\"'");
            }

            var c = Peek();
            if (c == '"')
            {
                _pos++;
                return text.ToString();
            }

            if (c == '\n' || (c == '\r' && Peek(1) == '\n'))
            {
                // A CRLF line end is reported on the line before.
                throw Fail(c == '\r' ? Line() - 1 : Line(), "strings cannot contain newlines", withKey: true);
            }

            if (c == '\\')
            {
                Escape(text);
                continue;
            }

            CheckControl(c, "strings");
            text.Append(c);
            _pos++;
        }
    }

    /// <summary>
    /// A <c>"""</c> string. Its text is checked and delimited first; then line-ending backslashes are applied as the
    /// library does (the backslash, the line break and the next line's leading white space go; once a line has
    /// ended with a backslash, later line breaks are dropped too, up to a line ending with an escaped backslash),
    /// and the escapes last.
    /// </summary>
    private string MultiLineBasicString()
    {
        _pos += 3;
        SkipFirstNewline();
        var start = _pos;
        _stringStart = start;
        while (true)
        {
            if (AtEnd)
            {
                // Reported on the line before the end, as the library does.
                throw Fail(Line() - 1, "unexpected EOF; expected '\"\"\"'", withKey: true);
            }

            var c = Peek();
            if (c == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                // Up to two more quotes belong to the string.
                var extra = Peek(3) == '"' ? (Peek(4) == '"' ? 2 : 1) : 0;
                var end = _pos + extra;
                _pos += 3 + extra;
                return Unescape(JoinEscapedLines(_text[start..end]));
            }

            if (c == '\\')
            {
                CheckMultiLineEscape();
                continue;
            }

            if (c == '\r' && Peek(1) == '\n')
            {
                _pos += 2;
                continue;
            }

            if (c != '\n')
            {
                CheckControl(c, "strings");
            }

            _pos++;
        }
    }

    // A backslash and white space not ending the line: found once the string is read whole, on its last line.
    private GoTomlException MultiLineEscapeError(char c)
    {
        var close = _text.IndexOf("\"\"\"", _pos + 2, StringComparison.Ordinal);
        _pos = close < 0 ? _text.Length : close;
        return close < 0
            ? Fail(Line() - 1, "unexpected EOF; expected '\"\"\"'", withKey: true)
            : Fail(Line(), $"invalid escape: '\\{c}'", withKey: true);
    }

    private void CheckMultiLineEscape()
    {
        var after = _pos + 1;
        while (after < _text.Length && _text[after] is ' ' or '\t' or '\r')
        {
            after++;
        }

        if (after < _text.Length && _text[after] == '\n')
        {
            _pos = after;
            return;
        }

        if (Peek(1) is ' ' or '\t')
        {
            throw MultiLineEscapeError(Peek(1));
        }

        Escape(new StringBuilder());
    }

    private static string JoinEscapedLines(string raw)
    {
        var lines = raw.Split('\n');
        var text = new StringBuilder(raw.Length);
        var joining = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimEnd(' ', '\t', '\r');
            var backslashes = trimmed.Length - trimmed.TrimEnd('\\').Length;
            if (backslashes == 0)
            {
                text.Append(line.TrimEnd('\r'));
                if (!joining && i != lines.Length - 1)
                {
                    text.Append('\n');
                }

                continue;
            }

            if (backslashes % 2 == 0)
            {
                joining = false;
                text.Append(line).Append('\n');
                continue;
            }

            if (joining)
            {
                trimmed = trimmed.TrimStart(' ', '\t', '\r');
            }

            joining = true;
            text.Append(trimmed.AsSpan(0, trimmed.Length - 1));
            if (i + 1 < lines.Length)
            {
                lines[i + 1] = lines[i + 1].TrimStart(' ', '\t', '\r');
            }
        }

        return text.ToString();
    }

    // The escapes of text already checked.
    private static string Unescape(string raw)
    {
        if (!raw.Contains('\\'))
        {
            return raw;
        }

        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length)
            {
                text.Append(c);
                continue;
            }

            var e = raw[++i];
            switch (e)
            {
                case 'b': text.Append('\b'); break;
                case 't': text.Append('\t'); break;
                case 'n': text.Append('\n'); break;
                case 'f': text.Append('\f'); break;
                case 'r': text.Append('\r'); break;
                case 'u' or 'U':
                    var digits = e == 'u' ? 4 : 8;
                    if (i + digits < raw.Length
                        && int.TryParse(raw.AsSpan(i + 1, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                        && code <= 0x10FFFF && code is < 0xD800 or > 0xDFFF)
                    {
                        text.Append(char.ConvertFromUtf32(code));
                        i += digits;
                    }
                    else
                    {
                        text.Append('\\').Append(e);
                    }

                    break;
                default: text.Append(e); break;
            }
        }

        return text.ToString();
    }

    private string LiteralString()
    {
        _pos++;
        var start = _pos;
        while (true)
        {
            if (AtEnd)
            {
                throw Eof("expected \"'\"");
            }

            var c = Peek();
            if (c == '\'')
            {
                _pos++;
                return _text[start..(_pos - 1)];
            }

            if (c == '\n' || (c == '\r' && Peek(1) == '\n'))
            {
                // A CRLF line end is reported on the line before.
                throw Fail(c == '\r' ? Line() - 1 : Line(), "strings cannot contain newlines", withKey: true);
            }

            if (c != '\t')
            {
                CheckControl(c, "strings");
            }

            _pos++;
        }
    }

    private string MultiLineLiteralString()
    {
        _pos += 3;
        SkipFirstNewline();
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Fail(Line() - 1, "unexpected EOF; expected \"'''\"", withKey: true);
            }

            var c = Peek();
            if (c == '\'' && Peek(1) == '\'' && Peek(2) == '\'')
            {
                var extra = Peek(3) == '\'' ? (Peek(4) == '\'' ? 2 : 1) : 0;
                text.Append('\'', extra);
                _pos += 3 + extra;
                return text.ToString();
            }

            if (c == '\r' && Peek(1) == '\n')
            {
                text.Append("\r\n");
                _pos += 2;
                continue;
            }

            if (c is not '\n' and not '\t')
            {
                CheckControl(c, "strings");
            }

            text.Append(c);
            _pos++;
        }
    }

    private void SkipFirstNewline()
    {
        if (Peek() == '\n')
        {
            _pos++;
        }
        else if (Peek() == '\r' && Peek(1) == '\n')
        {
            _pos += 2;
        }
    }

    private void CheckControl(char c, string where)
    {
        if (IsControl(c) && c != '\t')
        {
            throw Error($"TOML files cannot contain control characters: '0x{(int)c:x2}'");
        }
    }

    private void Escape(StringBuilder text)
    {
        var c = Peek(1);
        if (IsControl(c) && c is not '\t' and not '\n' && _pos + 1 < _text.Length)
        {
            _pos++;
            CheckControl(c, "strings");
        }

        _pos += 2;
        switch (c)
        {
            case 'b': text.Append('\b'); return;
            case 't': text.Append('\t'); return;
            case 'n': text.Append('\n'); return;
            case 'f': text.Append('\f'); return;
            case 'r': text.Append('\r'); return;
            case '"': text.Append('"'); return;
            case '\\': text.Append('\\'); return;
            case 'u': Unicode(text, 4); return;
            case 'U': Unicode(text, 8); return;
            default:
                _pos -= 2;
                // The character is shown as it is, and a line break in it counts.
                var shown = c == '\0' && AtEnd ? "" : c.ToString();
                throw Fail(LineAt(_pos + 2), $"invalid escape in string '\\{shown}'", withKey: true);
        }
    }

    private void Unicode(StringBuilder text, int digits)
    {
        var start = _pos;
        var end = Math.Min(_text.Length, start + digits);
        var hex = _text[start..end];
        if (hex.Length < digits || !hex.All(char.IsAsciiHexDigit))
        {
            _pos -= 2;
            var bad = start;
            while (bad < end && char.IsAsciiHexDigit(_text[bad]))
            {
                bad++;
            }

            // The text shown runs from the string's start to the first character that is not a digit.
            var shown = _text[_stringStart..Math.Min(_text.Length, bad + 1)];
            throw Fail(LineAt(Math.Min(_text.Length, bad + 1)), $"expected {(digits == 4 ? "four" : "eight")} hexadecimal digits after '\\{_text[start - 1]}', but got {GoQuoted(shown)} instead", withKey: true);
        }

        var code = long.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
        {
            _pos -= 2;
            throw Error($"Escaped character '\\u{hex}' is not valid UTF-8.");
        }

        text.Append(char.ConvertFromUtf32((int)code));
        _pos = end;
    }

    private static string GoQuoted(string s)
    {
        var text = new StringBuilder("\"");
        foreach (var c in s)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when IsControl(c) => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    private object Scalar()
    {
        var start = _pos;
        var c0 = Peek();
        if (c0 is '+' or '-' && !_text.AsSpan(_pos + 1).StartsWith("inf", StringComparison.Ordinal)
            && !_text.AsSpan(_pos + 1).StartsWith("nan", StringComparison.Ordinal) && !char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            throw Got("expected a digit but got", "");
        }

        if (char.IsAsciiLetter(c0) || ((c0 is '+' or '-') && char.IsAsciiLetter(Peek(1))))
        {
            _pos++;
            while (char.IsAsciiLetter(Peek()))
            {
                _pos++;
            }

            var word = _text[start.._pos];
            switch (word)
            {
                case "true":
                    return true;
                case "false":
                    return false;
                case "inf" or "+inf":
                    return double.PositiveInfinity;
                case "-inf":
                    return double.NegativeInfinity;
                case "nan" or "+nan" or "-nan":
                    return double.NaN;
            }

            _pos = start;
            throw Error($"expected value but found {GoQuoted(word)} instead");
        }

        if (c0 == '.')
        {
            throw Error("floats must start with a digit, not '.'");
        }

        if (c0 is '+' or '-' && !char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            throw Got("expected a digit but got", "");
        }

        if (!char.IsAsciiDigit(c0) && c0 is not '+' and not '-')
        {
            throw Got("expected value but found", "instead");
        }

        if (c0 is '+' or '-' && Peek(1) == '0' && Peek(2) is 'x' or 'o' or 'b')
        {
            throw Error($"cannot use sign with non-decimal numbers: '{_text[_pos..(_pos + 3)]}'");
        }

        if (c0 == '0' && Peek(1) is 'x' or 'o' or 'b')
        {
            return Based();
        }

        if (c0 is '+' or '-')
        {
            _pos++;
        }

        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        // Digits followed by '-' or ':' start a date or a time; a space between its parts stands for 'T'.
        if (c0 is not '+' and not '-' && Peek() is '-' or ':')
        {
            while (IsDateTimeChar(Peek()) || (Peek() == ' ' && IsDateTimeChar(Peek(1))))
            {
                _pos++;
            }

            return DateTimeValue(start, _text[start.._pos].Replace(' ', 'T'));
        }

        // Once a '.' or an exponent is seen, signs belong to the number too.
        var isFloat = false;
        while (true)
        {
            var c = Peek();
            if (c is '.' or 'e' or 'E')
            {
                isFloat = true;
            }
            else if (!char.IsAsciiDigit(c) && c != '_' && !(isFloat && c is '+' or '-'))
            {
                break;
            }

            _pos++;
        }

        var token = _text[start.._pos];
        var end = _pos;
        _pos = start;
        var value = token.Contains('.') || token.Contains('e') || token.Contains('E') ? (object)Float(token) : Integer(token);
        _pos = end;
        return value;
    }

    private static bool IsDateTimeChar(char c) => char.IsAsciiDigit(c) || c is '-' or ':' or '.' or '+' or 'T' or 't' or 'Z' or 'z';

    private long Based()
    {
        var start = _pos;
        var (radix, name) = Peek(1) switch
        {
            'x' => (16, "hexidecimal"),
            'o' => (8, "octal"),
            _ => (2, "binary"),
        };
        _pos += 2;
        bool IsDigit(char c) => radix == 16 ? char.IsAsciiHexDigit(c) : c >= '0' && c < '0' + radix;
        if (!IsDigit(Peek()))
        {
            var shown = _text[start..(start + 2)] + (AtEnd ? "\0" : Peek().ToString());
            throw Error($"not a{(radix == 8 ? "n" : "")} {name} number: '{shown}'");
        }

        while (IsDigit(Peek()) || Peek() == '_')
        {
            _pos++;
        }

        var token = _text[start.._pos];
        CheckUnderscores(token, token[2..], "integer");
        ulong value = 0;
        foreach (var c in token[2..].Replace("_", "", StringComparison.Ordinal))
        {
            var d = (ulong)Convert.ToInt32(c.ToString(), 16);
            if (value > (ulong.MaxValue - d) / (ulong)radix)
            {
                throw Error($"{token} is out of range for int64");
            }

            value = (value * (ulong)radix) + d;
        }

        return value > long.MaxValue ? throw Error($"{token} is out of range for int64") : (long)value;
    }

    private void CheckUnderscores(string token, string digits, string kind)
    {
        if (digits.StartsWith('_') || digits.EndsWith('_') || digits.Contains("__", StringComparison.Ordinal))
        {
            throw Error($"Invalid {kind} \"{token}\": underscores must be surrounded by digits");
        }
    }

    private long Integer(string token)
    {
        var digits = token.TrimStart('+', '-');
        if (token.Length - digits.Length > 1 || digits.Length == 0 || !digits.All(c => char.IsAsciiDigit(c) || c == '_'))
        {
            throw Error($"expected value but found {GoQuoted(token)} instead");
        }

        CheckUnderscores(token, digits, "integer");
        if (digits.Length > 1 && digits[0] == '0')
        {
            throw Error($"Invalid integer \"{token}\": cannot have leading zeroes");
        }

        var clean = token.Replace("_", "", StringComparison.Ordinal);
        return long.TryParse(clean, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"{token} is out of range for int64");
    }

    private double Float(string token)
    {
        if (token[0] == '.')
        {
            throw Error("floats must start with a digit, not '.'");
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && (dot + 1 >= token.Length || !char.IsAsciiDigit(token[dot + 1])))
        {
            throw Error($"Invalid float \"{token}\": '.' must be followed by one or more digits");
        }

        var unsigned = token.TrimStart('+', '-');
        if (unsigned.Length > 1 && unsigned[0] == '0' && char.IsAsciiDigit(unsigned[1]))
        {
            throw Error($"Invalid float \"{token}\": cannot have leading zeroes");
        }

        var parts = unsigned.Split('.', 'e', 'E', '+', '-');
        if (token.EndsWith('+') || token.EndsWith('-') || parts.Any(p => p.StartsWith('_') || p.EndsWith('_') || p.Contains("__", StringComparison.Ordinal)))
        {
            throw Error($"Invalid float \"{token}\": underscores must be surrounded by digits");
        }

        var clean = token.Replace("_", "", StringComparison.Ordinal);
        if (!FloatSyntax().IsMatch(clean))
        {
            throw Error($"Invalid float value: \"{token}\"");
        }

        var value = double.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsInfinity(value) ? throw Error($"{token} is out of range for float64") : value;
    }

    private GoTime DateTimeValue(int start, string token)
    {
        var end = _pos;
        _pos = start;
        var match = DateTimeSyntax().Match(token);
        if (!match.Success)
        {
            throw Error($"Invalid TOML Datetime: \"{token}\".");
        }

        long year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0;
        var hasDate = match.Groups["y"].Success;
        var hasTime = match.Groups["h"].Success;
        if (hasDate)
        {
            year = Number(match, "y");
            month = Number(match, "mo");
            day = Number(match, "d");
            if (month is < 1 or > 12 || day < 1 || day > Civil.DaysIn((int)month, year))
            {
                throw Error($"Invalid TOML Datetime: \"{token}\".");
            }
        }

        if (hasTime)
        {
            hour = Number(match, "h");
            minute = Number(match, "mi");
            second = Number(match, "s");
            if (hour > 23 || minute > 59 || second > 59)
            {
                throw Error($"Invalid TOML Datetime: \"{token}\".");
            }

            if (match.Groups["f"].Success)
            {
                nanos = long.Parse(match.Groups["f"].Value.PadRight(9, '0'), CultureInfo.InvariantCulture);
            }
        }

        GoLocation location;
        var zone = match.Groups["z"];
        if (!zone.Success)
        {
            location = hasDate && hasTime ? LocalDateTime : hasDate ? LocalDate : LocalTime;
        }
        else if (zone.Value is "Z" or "z")
        {
            location = GoLocation.Utc;
        }
        else
        {
            // The offset's hours and minutes are taken as written, without a range check.
            var zh = int.Parse(zone.Value[1..3], CultureInfo.InvariantCulture);
            var zm = int.Parse(zone.Value[4..6], CultureInfo.InvariantCulture);
            var offset = ((zh * 60) + zm) * 60;
            location = offset == 0 ? GoLocation.Utc : GoLocation.Fixed("", zone.Value[0] == '-' ? -offset : offset);
        }

        _pos = end;
        return GoTime.FromCivil(year, month, day, hour, minute, second, nanos, location);
    }

    private static long Number(Match match, string group) =>
        long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")]
    private static partial Regex FloatSyntax();

    [GeneratedRegex(@"^(?:(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[Tt ](?<h>\d{1,2}):(?<mi>\d{2}):(?<s>\d{2})(?:\.(?<f>\d{1,9}))?(?<z>[Zz]|[+-]\d{2}:\d{2})?)?|(?<h>\d{1,2}):(?<mi>\d{2}):(?<s>\d{2})(?:\.(?<f>\d{1,9}))?)$")]
    private static partial Regex DateTimeSyntax();
}
