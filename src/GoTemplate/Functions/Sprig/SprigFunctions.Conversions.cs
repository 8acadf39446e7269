using static GitOpsHQ.GoTemplate.Functions.Sprig.SprigCast;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    // Conversions (toString and toStrings live with the string functions).
    private static IEnumerable<GoFunction> Conversions() =>
    [
        Fn("int", [A], I, (_, a) => (nint)ToInt64(a[0])),
        Fn("int64", [A], GoType.Int64, (_, a) => ToInt64(a[0])),
        Fn("float64", [A], GoType.Float64, (_, a) => ToFloat64(a[0])),
        Fn("atoi", [S], I, (_, a) => (nint)Atoi((string)a[0]!)),
        Fn("toDecimal", [A], GoType.Int64, (_, a) => FromOctal(GoFormat.Value(a[0]))),
    ];

    // Go's strconv.Atoi, errors ignored: decimal digits with an optional sign; 0 on bad syntax, the nearest
    // int64 when out of range.
    private static long Atoi(string s)
    {
        var digits = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return 0;
        }
        var negative = s[0] == '-';
        var magnitude = System.Numerics.BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        var value = negative ? -magnitude : magnitude;
        return value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;
    }

    // toDecimal reads the value's %v text as an octal number ("0755" → 493); 0 when it is not one or overflows.
    private static long FromOctal(string s)
    {
        var digits = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        if (digits.Length == 0 || digits.Any(c => c is < '0' or > '7'))
        {
            return 0;
        }
        var magnitude = System.Numerics.BigInteger.Zero;
        foreach (var c in digits)
        {
            magnitude = (magnitude * 8) + (c - '0');
        }
        var value = s[0] == '-' ? -magnitude : magnitude;
        return value > long.MaxValue || value < long.MinValue ? 0 : (long)value;
    }
}
