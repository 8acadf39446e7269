using System.Text;

namespace GitOpsHQ.GoTemplate.Formatting;

internal sealed partial class FieldFormatter
{
    /// <summary><c>%s</c>: the string, cut to the precision in runes.</summary>
    public void String(string s) => Pad(Truncate(s));

    /// <summary><c>%q</c>: a Go string literal; backquoted with <c>#</c> when possible, ASCII-only with <c>+</c>.</summary>
    public void Quoted(string s)
    {
        s = Truncate(s);
        if (Sharp && GoQuote.CanBackquote(s))
        {
            Pad("`" + s + "`");
            return;
        }
        Pad(GoQuote.Quote(s, Plus));
    }

    /// <summary><c>%x</c> and <c>%X</c> of text: two hex digits per byte of its UTF-8 encoding.</summary>
    public void Hex(byte[] bytes, bool upper)
    {
        var digits = upper ? "0123456789ABCDEFX" : "0123456789abcdefx";
        var length = PrecisionPresent && Precision < bytes.Length ? Precision : bytes.Length;
        if (length == 0)
        {
            if (WidthPresent)
            {
                WritePadding(Width);
            }
            return;
        }
        var width = 2 * length;
        if (Space)
        {
            width = (Sharp ? 2 * width : width) + length - 1;
        }
        else if (Sharp)
        {
            width += 2;
        }
        if (WidthPresent && Width > width && !Minus)
        {
            WritePadding(Width - width);
        }
        if (Sharp)
        {
            Buffer.Append('0').Append(digits[16]);
        }
        for (var i = 0; i < length; i++)
        {
            if (Space && i > 0)
            {
                Buffer.Append(' ');
                if (Sharp)
                {
                    Buffer.Append('0').Append(digits[16]);
                }
            }
            Buffer.Append(digits[bytes[i] >> 4]).Append(digits[bytes[i] & 0xF]);
        }
        if (WidthPresent && Width > width && Minus)
        {
            WritePadding(Width - width);
        }
    }

    /// <summary>A float in one of Go's formats, with sign, <c>#</c> and zero-padding rules.</summary>
    public void Float(double value, char format, int precision, bool single)
    {
        if (PrecisionPresent)
        {
            precision = Precision;
        }
        var text = GoFloat.Format(value, format, precision, single);
        var sign = text[0] is '-' or '+' ? text[0] : '+';
        var body = text[0] is '-' or '+' ? text[1..] : text;
        if (Space && sign == '+' && !Plus)
        {
            sign = ' ';
        }
        if (body is "Inf" or "NaN")
        {
            var signed = body == "NaN" && !Space && !Plus ? body : sign + body;
            WithoutZeroPadding(() => Pad(signed));
            return;
        }
        if (Sharp && format != 'b')
        {
            body = ForceDecimalPoint(body, format, precision);
        }
        if (Plus || sign != '+')
        {
            var full = sign + body;
            if (Zero && WidthPresent && Width > full.Length)
            {
                Buffer.Append(sign);
                WritePadding(Width - full.Length);
                Buffer.Append(body);
                return;
            }
            Pad(full);
            return;
        }
        Pad(body);
    }

    // '#' keeps a decimal point and, for %g-like formats, trailing zeros up to the precision.
    private static string ForceDecimalPoint(string body, char format, int precision)
    {
        var digits = format is 'v' or 'g' or 'G' or 'x' ? (precision == -1 ? 6 : precision) : 0;
        var tail = "";
        var cut = body.IndexOfAny(format is 'x' or 'X' ? ['p', 'P'] : ['e', 'E', 'p', 'P']);
        if (cut >= 0)
        {
            tail = body[cut..];
            body = body[..cut];
        }
        var sawNonZero = false;
        var hasPoint = false;
        foreach (var c in body)
        {
            if (c == '.')
            {
                hasPoint = true;
                continue;
            }
            if (c != '0')
            {
                sawNonZero = true;
            }
            if (sawNonZero)
            {
                digits--;
            }
        }
        var sb = new StringBuilder(body);
        if (!hasPoint)
        {
            if (body == "0")
            {
                digits--;
            }
            sb.Append('.');
        }
        if (digits > 0)
        {
            sb.Append('0', digits);
        }
        return sb.Append(tail).ToString();
    }

    private string Truncate(string s)
    {
        if (!PrecisionPresent)
        {
            return s;
        }
        var remaining = Precision;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsLowSurrogate(s[i]))
            {
                continue;
            }
            if (remaining-- == 0)
            {
                return s[..i];
            }
        }
        return s;
    }
}
