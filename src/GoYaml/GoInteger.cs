using System.Numerics;

namespace GitOpsHQ.GoYaml;

/// <summary>Go's strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b and leading-0 octal prefixes).</summary>
public static class GoInteger
{
    /// <summary>A long, or a ulong when only that fits; null when the text is not an integer in range.</summary>
    public static object? Parse(string text)
    {
        var negative = false;
        var s = text;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        var radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            (radix, s) = char.ToLowerInvariant(s[1]) switch
            {
                'x' => (16, s[2..]),
                'o' => (8, s[2..]),
                'b' => (2, s[2..]),
                _ => (8, s[1..]),
            };
        }

        if (s.Length == 0 || s.Length > 70)
        {
            return null;
        }

        BigInteger value = 0;
        foreach (var c in s)
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : 99;
            if (digit >= radix)
            {
                return null;
            }

            value = (value * radix) + digit;
        }

        if (negative)
        {
            value = -value;
        }

        if (value >= long.MinValue && value <= long.MaxValue)
        {
            return (long)value;
        }

        return !negative && value <= ulong.MaxValue ? (ulong)value : null;
    }
}
