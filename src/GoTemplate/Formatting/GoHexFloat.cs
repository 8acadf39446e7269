using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoTemplate.Formatting;

/// <summary>The binary (<c>%b</c>) and hexadecimal (<c>%x</c>, <c>%X</c>) float formats of Go.</summary>
internal static class GoHexFloat
{
    /// <summary>Mantissa and binary exponent: <c>4503599627370496p-52</c>.</summary>
    public static string Binary(double magnitude, bool single)
    {
        long mantissa;
        int exponent;
        if (single)
        {
            var bits = BitConverter.SingleToInt32Bits((float)magnitude);
            mantissa = bits & 0x7FFFFF;
            exponent = (bits >> 23) & 0xFF;
            (mantissa, exponent) = exponent == 0 ? (mantissa, 1) : (mantissa | (1L << 23), exponent);
            exponent -= 127 + 23;
        }
        else
        {
            var bits = BitConverter.DoubleToInt64Bits(magnitude);
            mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
            exponent = (int)((bits >> 52) & 0x7FF);
            (mantissa, exponent) = exponent == 0 ? (mantissa, 1) : (mantissa | (1L << 52), exponent);
            exponent -= 1023 + 52;
        }
        var sign = exponent >= 0 ? "+" : "";
        return mantissa.ToString(CultureInfo.InvariantCulture) + "p" + sign + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>0x1.8p+00</c>: one leading binary digit, hex fraction, decimal power of two.</summary>
    public static string Hex(double magnitude, char letter, int precision, bool single)
    {
        var digits = letter == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        var bits = BitConverter.DoubleToInt64Bits(single ? (float)magnitude : magnitude);
        var fraction = (ulong)(bits & 0xF_FFFF_FFFF_FFFFL);
        var biased = (int)((bits >> 52) & 0x7FF);
        int exponent;
        ulong lead;
        if (magnitude == 0)
        {
            (lead, exponent) = (0, 0);
        }
        else if (biased == 0)
        {
            // Subnormal: shift until the leading one reaches the units place.
            exponent = -1022;
            while ((fraction & (1UL << 52)) == 0)
            {
                fraction <<= 1;
                exponent--;
            }
            fraction &= (1UL << 52) - 1;
            lead = 1;
        }
        else
        {
            (lead, exponent) = (1, biased - 1023);
        }
        // Fraction as 13 hex digits (52 bits).
        if (precision >= 0 && precision < 13)
        {
            var drop = (13 - precision) * 4;
            var kept = fraction >> drop;
            var rest = fraction & ((1UL << drop) - 1);
            var half = 1UL << (drop - 1);
            if (rest > half || (rest == half && (kept & 1) == 1))
            {
                kept++;
            }
            if (kept >> (precision * 4) != 0)
            {
                kept = 0;
                lead++;
            }
            if (lead == 2)
            {
                lead = 1;
                exponent++;
            }
            fraction = kept << drop;
        }
        var sb = new StringBuilder("0").Append(letter).Append((char)('0' + lead));
        var hex = new StringBuilder();
        for (var i = 0; i < 13; i++)
        {
            hex.Append(digits[(int)((fraction >> (48 - (i * 4))) & 0xF)]);
        }
        var text = precision < 0 ? hex.ToString().TrimEnd('0') : hex.ToString().PadRight(precision, '0')[..Math.Max(precision, 0)];
        if (text.Length > 0)
        {
            sb.Append('.').Append(text);
        }
        sb.Append(letter == 'X' ? 'P' : 'p').Append(exponent < 0 ? '-' : '+');
        sb.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
