using System.Globalization;
using GitOpsHQ.GoTemplate.Parsing;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// The number conversions Sprig's math and conversion functions apply to their arguments: integers of any size,
/// floats, bools (1 or 0), nil (0) and numeric texts convert; anything else, or a text that does not parse,
/// counts as 0.
/// </summary>
internal static class SprigCast
{
    /// <summary>
    /// An int64: floats are truncated (as Go converts them on amd64, where an out-of-range float gives the
    /// smallest int64), unsigned integers wrap, texts are read in Go's integer syntax with base prefixes
    /// (<c>0x</c>, <c>0o</c>, <c>0b</c>, a leading <c>0</c> for octal) after a zero fraction (<c>12.00</c>) is dropped.
    /// </summary>
    public static long ToInt64(object? value) => GoTypes.KindOf(value) switch
    {
        GoKind.Int => GoTypes.ToInt64(value!),
        GoKind.Uint => unchecked((long)GoTypes.ToUInt64(value!)),
        GoKind.Float => Truncate(GoTypes.ToDouble(value!)),
        GoKind.Bool => (bool)value! ? 1 : 0,
        GoKind.String => ParseInt((string)value!) ?? 0,
        _ => 0,
    };

    /// <summary>A float64: integers converted, texts read in Go's float syntax (<c>1e3</c>, <c>0x1p4</c>, <c>Inf</c>, <c>NaN</c>).</summary>
    public static double ToFloat64(object? value) => GoTypes.KindOf(value) switch
    {
        GoKind.Int => GoTypes.ToInt64(value!),
        GoKind.Uint => GoTypes.ToUInt64(value!),
        GoKind.Float => GoTypes.ToDouble(value!),
        GoKind.Bool => (bool)value! ? 1 : 0,
        GoKind.String => ParseFloat((string)value!) ?? 0,
        _ => 0,
    };

    /// <summary>Go's conversion of a float64 to int64 on amd64: truncation, and the smallest int64 when out of range or NaN.</summary>
    public static long Truncate(double value) =>
        double.IsNaN(value) || value >= 9223372036854775808.0 || value < -9223372036854775808.0 ? long.MinValue : (long)value;

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c> after a zero decimal fraction is trimmed; null when it fails.</summary>
    public static long? ParseInt(string s) => ParseInteger(TrimZeroDecimal(s));

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>: null on bad syntax or a value outside int64.</summary>
    public static long? ParseInteger(string s)
    {
        if (!GoNumberSyntax.TryInteger(s, out _, out var negative, out var magnitude))
        {
            return null;
        }
        if (negative)
        {
            return magnitude <= 9223372036854775808UL ? unchecked((long)(0 - magnitude)) : null;
        }
        return magnitude <= long.MaxValue ? (long)magnitude : null;
    }

    /// <summary>Go's <c>strconv.ParseFloat(s, 64)</c>; null on bad syntax or overflow.</summary>
    public static double? ParseFloat(string s)
    {
        var body = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        var sign = s.StartsWith('-') ? -1.0 : 1.0;
        switch (body.ToLowerInvariant())
        {
            case "inf" or "infinity":
                return sign * double.PositiveInfinity;
            case "nan" when body.Length == s.Length:
                return double.NaN;
        }
        return GoNumberSyntax.TryFloat(s, out var value) ? value : null;
    }

    // "12.00" reads as "12"; "12.50" and "12." stay as they are (and then do not parse as integers).
    private static string TrimZeroDecimal(string s)
    {
        var foundZero = false;
        for (var i = s.Length; i > 0; i--)
        {
            switch (s[i - 1])
            {
                case '.':
                    if (foundZero)
                    {
                        return s[..(i - 1)];
                    }
                    break;
                case '0':
                    foundZero = true;
                    break;
                default:
                    return s;
            }
        }
        return s;
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
