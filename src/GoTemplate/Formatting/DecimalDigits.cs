using System.Globalization;
using System.Numerics;

namespace GitOpsHQ.GoTemplate.Formatting;

/// <summary>
/// A non-negative decimal number as significant digits: value = 0.<see cref="Digits"/> × 10^<see cref="Point"/>.
/// Digits carry no leading or trailing zeros; zero has no digits.
/// </summary>
internal readonly record struct DecimalDigits(string Digits, int Point)
{
    public int Count => Digits.Length;

    /// <summary>The shortest digits that read back as the same double (or float when <paramref name="single"/>).</summary>
    public static DecimalDigits Shortest(double value, bool single)
    {
        var text = single
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        text = text.TrimStart('-');
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var intLength = dot < 0 ? text.Length : dot;
        var all = dot < 0 ? text : text.Remove(dot, 1);
        return Normalize(all, intLength + exponent);
    }

    /// <summary>The exact decimal expansion of a double.</summary>
    public static DecimalDigits Exact(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        var exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }
        exponent -= 1075;
        if (mantissa == 0)
        {
            return new DecimalDigits("", 0);
        }
        if (exponent >= 0)
        {
            var whole = (new BigInteger(mantissa) << exponent).ToString(CultureInfo.InvariantCulture);
            return Normalize(whole, whole.Length);
        }
        // m × 2^-k = m × 5^k / 10^k
        var scaled = (new BigInteger(mantissa) * BigInteger.Pow(5, -exponent)).ToString(CultureInfo.InvariantCulture);
        return Normalize(scaled, scaled.Length + exponent);
    }

    /// <summary>Rounds to <paramref name="keep"/> significant digits, ties to even.</summary>
    public DecimalDigits Round(int keep)
    {
        if (keep < 0 || keep >= Count)
        {
            return this;
        }
        var next = Digits[keep];
        var exactHalf = next == '5' && keep + 1 == Count;
        var up = exactHalf ? keep > 0 && (Digits[keep - 1] - '0') % 2 == 1 : next >= '5';
        if (!up)
        {
            return Normalize(Digits[..keep], Point);
        }
        var chars = Digits[..keep].ToCharArray();
        for (var i = keep - 1; i >= 0; i--)
        {
            if (chars[i] < '9')
            {
                chars[i]++;
                return Normalize(new string(chars, 0, i + 1), Point);
            }
        }
        return new DecimalDigits("1", Point + 1);
    }

    private static DecimalDigits Normalize(string digits, int point)
    {
        var start = 0;
        while (start < digits.Length && digits[start] == '0')
        {
            start++;
        }
        var end = digits.Length;
        while (end > start && digits[end - 1] == '0')
        {
            end--;
        }
        return start == end ? new DecimalDigits("", 0) : new DecimalDigits(digits[start..end], point - start);
    }
}
