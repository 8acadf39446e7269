using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoTemplate.Parsing;

/// <summary>Reads Go string and character literals, with Go's escapes.</summary>
internal static class GoLiteral
{
    public const string InvalidSyntax = "invalid syntax";

    /// <summary>The value of a quoted ("...") or raw (`...`) string literal; null when malformed.</summary>
    public static string? Unquote(string literal)
    {
        if (literal.Length < 2 || literal[0] != literal[^1])
        {
            return null;
        }
        var body = literal[1..^1];
        if (literal[0] == '`')
        {
            return body.Contains('`') ? null : body.Replace("\r", "", StringComparison.Ordinal);
        }
        if (literal[0] != '"')
        {
            return null;
        }
        var bytes = new List<byte>(body.Length);
        var i = 0;
        while (i < body.Length)
        {
            if (body[i] == '"' || body[i] == '\n')
            {
                return null;
            }
            if (!ReadChar(body, ref i, '"', bytes, out _))
            {
                return null;
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The rune of a character literal such as <c>'a'</c> or <c>'\n'</c>; the error text when malformed.</summary>
    public static (long Rune, string? Error) UnquoteChar(string literal)
    {
        var body = literal[1..];
        var i = 0;
        if (body.Length == 0 || body[0] == '\'')
        {
            return (0, InvalidSyntax);
        }
        var bytes = new List<byte>();
        if (!ReadChar(body, ref i, '\'', bytes, out var rune))
        {
            return (0, InvalidSyntax);
        }
        return body[i..] == "'" ? (rune, null) : (0, "malformed character constant: " + literal);
    }

    // One character or escape: its UTF-8 bytes are appended, its value returned.
    private static bool ReadChar(string s, ref int i, char quote, List<byte> bytes, out long rune)
    {
        rune = 0;
        if (s[i] != '\\')
        {
            rune = RuneAt(s, i, out var width);
            bytes.AddRange(Encoding.UTF8.GetBytes(s.Substring(i, width)));
            i += width;
            return true;
        }
        if (i + 1 >= s.Length)
        {
            return false;
        }
        var c = s[i + 1];
        i += 2;
        switch (c)
        {
            case 'a': return Simple(7, bytes, out rune);
            case 'b': return Simple(8, bytes, out rune);
            case 'f': return Simple(12, bytes, out rune);
            case 'n': return Simple(10, bytes, out rune);
            case 'r': return Simple(13, bytes, out rune);
            case 't': return Simple(9, bytes, out rune);
            case 'v': return Simple(11, bytes, out rune);
            case '\\': return Simple('\\', bytes, out rune);
            case '\'' or '"': return c == quote && Simple(c, bytes, out rune);
            case 'x':
                return Digits(s, ref i, 2, 16, out rune) && Byte(rune, bytes);
            case >= '0' and <= '7':
                i--;
                return Digits(s, ref i, 3, 8, out rune) && rune <= 255 && Byte(rune, bytes);
            case 'u' or 'U':
                if (!Digits(s, ref i, c == 'u' ? 4 : 8, 16, out rune) || rune > 0x10FFFF || rune is >= 0xD800 and <= 0xDFFF)
                {
                    return false;
                }
                bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32((int)rune)));
                return true;
        }
        return false;
    }

    private static bool Simple(long value, List<byte> bytes, out long rune)
    {
        rune = value;
        bytes.Add((byte)value);
        return true;
    }

    private static bool Byte(long value, List<byte> bytes)
    {
        bytes.Add((byte)value);
        return true;
    }

    private static bool Digits(string s, ref int i, int count, int numberBase, out long value)
    {
        value = 0;
        if (i + count > s.Length)
        {
            return false;
        }
        foreach (var ch in s.AsSpan(i, count))
        {
            var digit = char.IsAsciiHexDigit(ch) ? int.Parse(ch.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) : 99;
            if (digit >= numberBase)
            {
                return false;
            }
            value = (value * numberBase) + digit;
        }
        i += count;
        return true;
    }

    private static int RuneAt(string s, int i, out int width)
    {
        width = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        return width == 2 ? char.ConvertToUtf32(s[i], s[i + 1]) : s[i];
    }
}
