using System.Globalization;
using System.Numerics;

namespace GitOpsHQ.GoTemplate.Parsing;

/// <summary>
/// Go's syntax for integer and floating-point literals: base prefixes (<c>0x 0o 0b</c>, a leading 0 for octal),
/// digit-separating underscores, exponents and hexadecimal floats (<c>0x1p4</c>).
/// </summary>
internal static class GoNumberSyntax
{
    /// <summary>An integer with an optional sign; false on bad syntax or when it exceeds 64 bits.</summary>
    public static bool TryInteger(string text, out bool signed, out bool negative, out ulong magnitude)
    {
        magnitude = 0;
        signed = text.Length > 0 && text[0] is '+' or '-';
        negative = signed && text[0] == '-';
        var s = signed ? text[1..] : text;
        if (s.Length == 0)
        {
            return false;
        }
        var numberBase = 10;
        if (s[0] == '0')
        {
            (numberBase, s) = s.Length >= 3 && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b'
                ? (char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 }, s[2..])
                : (8, s[1..]);
        }
        var underscores = false;
        foreach (var c in s)
        {
            if (c == '_')
            {
                underscores = true;
                continue;
            }
            var digit = DigitValue(c);
            if (digit >= numberBase)
            {
                return false;
            }
            var next = (UInt128)magnitude * (uint)numberBase + (uint)digit;
            if (next > ulong.MaxValue)
            {
                return false;
            }
            magnitude = (ulong)next;
        }
        return !underscores || UnderscoresOk(text);
    }

    /// <summary>A decimal or hexadecimal floating-point literal; false on bad syntax or overflow.</summary>
    public static bool TryFloat(string text, out double value)
    {
        value = 0;
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Contains('_'))
        {
            if (!UnderscoresOk(text))
            {
                return false;
            }
            s = s.Replace("_", "", StringComparison.Ordinal);
        }
        var ok = s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X' ? TryHexFloat(s[2..], out value) : TryDecimalFloat(s, out value);
        if (!ok || double.IsInfinity(value))
        {
            return false;
        }
        value = negative ? -value : value;
        return true;
    }

    /// <summary>A complex constant such as <c>1+2i</c>.</summary>
    public static bool TryComplex(string text, out Complex value)
    {
        value = Complex.Zero;
        for (var k = text.Length - 2; k >= 1; k--)
        {
            if (text[k] is '+' or '-' && text[k - 1] is not ('e' or 'E' or 'p' or 'P'))
            {
                if (TryFloat(text[..k], out var real) && TryFloat(text[k..^1], out var imaginary))
                {
                    value = new Complex(real, imaginary);
                    return true;
                }
                return false;
            }
        }
        return false;
    }

    private static bool TryDecimalFloat(string s, out double value)
    {
        value = 0;
        var i = 0;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }
            var exponentStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
            if (i == exponentStart)
            {
                return false;
            }
        }
        return i == s.Length && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryHexFloat(string s, out double value)
    {
        value = 0;
        var mantissa = BigInteger.Zero;
        var fractionDigits = 0;
        var digits = 0;
        var seenPoint = false;
        var i = 0;
        for (; i < s.Length && s[i] is not ('p' or 'P'); i++)
        {
            if (s[i] == '.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }
            var digit = DigitValue(s[i]);
            if (digit >= 16)
            {
                return false;
            }
            mantissa = (mantissa * 16) + digit;
            digits++;
            fractionDigits += seenPoint ? 1 : 0;
        }
        if (digits == 0 || i >= s.Length - 1)
        {
            return false;
        }
        if (!int.TryParse(s[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            || !char.IsAsciiDigit(s[^1]))
        {
            return false;
        }
        value = Math.ScaleB((double)mantissa, exponent - (4 * fractionDigits));
        return true;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => 99,
    };

    // Underscores may only separate digits, or follow a base prefix.
    private static bool UnderscoresOk(string s)
    {
        var i = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;
        var saw = '^';
        var hex = false;
        if (s.Length - i >= 2 && s[i] == '0' && char.ToLowerInvariant(s[i + 1]) is 'b' or 'o' or 'x')
        {
            hex = char.ToLowerInvariant(s[i + 1]) == 'x';
            i += 2;
            saw = '0';
        }
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c)))
            {
                saw = '0';
            }
            else if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }
                saw = '_';
            }
            else if (saw == '_')
            {
                return false;
            }
            else
            {
                saw = '!';
            }
        }
        return saw != '_';
    }
}
