using System.Globalization;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>Sprig's lenient number conversions: anything that is not a number, or a number's text, counts as 0.</summary>
internal static class SprigNumbers
{
    /// <summary>An integer from a number (floats truncated), a bool (1 or 0) or a text in Go's integer syntax.</summary>
    public static long ToInt(object? value) => GoTypes.KindOf(value) switch
    {
        GoKind.Int => GoTypes.ToInt64(value!),
        GoKind.Uint => (long)GoTypes.ToUInt64(value!),
        GoKind.Float => (long)GoTypes.ToDouble(value!),
        GoKind.Bool => (bool)value! ? 1 : 0,
        GoKind.String => ParseInteger((string)value!),
        _ => 0,
    };

    // Decimal, 0x hexadecimal, 0o/leading-0 octal and 0b binary, with an optional sign; a ".0…" tail is ignored.
    private static long ParseInteger(string s)
    {
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && s[(dot + 1)..].All(c => c == '0'))
        {
            s = s[..dot];
        }
        var negative = s.StartsWith('-');
        var body = s.TrimStart('-', '+');
        if (body.Length == 0 || s.Length - body.Length > 1)
        {
            return 0;
        }
        var (digits, radix) = body.ToLowerInvariant() switch
        {
            var b when b.StartsWith("0x", StringComparison.Ordinal) => (body[2..], 16),
            var b when b.StartsWith("0o", StringComparison.Ordinal) => (body[2..], 8),
            var b when b.StartsWith("0b", StringComparison.Ordinal) => (body[2..], 2),
            _ when body.Length > 1 && body[0] == '0' => (body[1..], 8),
            _ => (body, 10),
        };
        long value = 0;
        foreach (var c in digits.Replace("_", "", StringComparison.Ordinal))
        {
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix)
            {
                return 0;
            }
            value = unchecked((value * radix) + d);
        }
        return digits.Length == 0 ? 0 : negative ? -value : value;
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
