using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoTemplate.Formatting;

/// <summary>
/// Floating-point text as Go's <c>strconv.FormatFloat</c> produces it for the formats
/// <c>b e E f g G x X</c>; a negative precision means the shortest text that reads back exactly.
/// </summary>
public static class GoFloat
{
    public static string Format(double value, char format, int precision, bool single = false)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        var negative = double.IsNegative(value);
        var magnitude = Math.Abs(value);
        var body = format switch
        {
            'b' => GoHexFloat.Binary(magnitude, single),
            'x' or 'X' => GoHexFloat.Hex(magnitude, format, precision, single),
            _ => Decimal(magnitude, format, precision, single),
        };
        return negative ? "-" + body : body;
    }

    private static string Decimal(double magnitude, char format, int precision, bool single)
    {
        var shortest = precision < 0;
        DecimalDigits digits;
        if (shortest)
        {
            digits = DecimalDigits.Shortest(magnitude, single);
            precision = format switch
            {
                'e' or 'E' => Math.Max(digits.Count - 1, 0),
                'f' => Math.Max(digits.Count - digits.Point, 0),
                _ => digits.Count,
            };
        }
        else
        {
            var exact = DecimalDigits.Exact(magnitude);
            if (format is 'g' or 'G' && precision == 0)
            {
                precision = 1;
            }
            digits = format switch
            {
                'e' or 'E' => exact.Round(precision + 1),
                'f' => exact.Round(exact.Point + precision),
                _ => exact.Round(precision),
            };
        }
        switch (format)
        {
            case 'e':
            case 'E':
                return Exponent(digits, precision, format);
            case 'f':
                return Fixed(digits, precision);
        }
        var limit = precision;
        if (limit > digits.Count && digits.Count >= digits.Point)
        {
            limit = digits.Count;
        }
        if (shortest)
        {
            limit = 6;
        }
        var exponent = digits.Point - 1;
        if (exponent < -4 || exponent >= limit)
        {
            var significant = Math.Min(precision, digits.Count);
            return Exponent(digits, Math.Max(significant - 1, 0), format == 'g' ? 'e' : 'E');
        }
        var shown = precision > digits.Point ? digits.Count : precision;
        return Fixed(digits, Math.Max(shown - digits.Point, 0));
    }

    private static string Exponent(DecimalDigits digits, int decimals, char letter)
    {
        var sb = new StringBuilder();
        sb.Append(digits.Count == 0 ? '0' : digits.Digits[0]);
        if (decimals > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= decimals; i++)
            {
                sb.Append(i < digits.Count ? digits.Digits[i] : '0');
            }
        }
        var exponent = digits.Count == 0 ? 0 : digits.Point - 1;
        sb.Append(letter).Append(exponent < 0 ? '-' : '+');
        sb.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string Fixed(DecimalDigits digits, int decimals)
    {
        var sb = new StringBuilder();
        if (digits.Point > 0)
        {
            for (var i = 0; i < digits.Point; i++)
            {
                sb.Append(i < digits.Count ? digits.Digits[i] : '0');
            }
        }
        else
        {
            sb.Append('0');
        }
        if (decimals > 0)
        {
            sb.Append('.');
            for (var i = 0; i < decimals; i++)
            {
                var at = digits.Point + i;
                sb.Append(at >= 0 && at < digits.Count ? digits.Digits[at] : '0');
            }
        }
        return sb.ToString();
    }
}
