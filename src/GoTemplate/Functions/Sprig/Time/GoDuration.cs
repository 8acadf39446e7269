using System.Text;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Time;

/// <summary>
/// Go's <c>time.Duration</c> (nanoseconds in an int64): printed as Go prints it (<c>1h2m3.5s</c>, <c>1.5µs</c>,
/// <c>0s</c>), parsed from Go's duration syntax, with the methods templates call (<c>.Seconds</c>, <c>.Round</c> …).
/// </summary>
public sealed class GoDuration(long nanoseconds) : IGoInteger
{
    public const long Nanosecond = 1;
    public const long Microsecond = 1000;
    public const long Millisecond = 1000 * Microsecond;
    public const long Second = 1000 * Millisecond;
    public const long Minute = 60 * Second;
    public const long Hour = 60 * Minute;

    public long Nanoseconds { get; } = nanoseconds;

    public long Value => Nanoseconds;

    public string TypeName => "time.Duration";

    public IReadOnlyList<string> FieldNames => [];

    public bool TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    public GoFunction? FindMethod(string name) => name switch
    {
        "String" => new(name, [], GoType.String, (_, _) => Format(Nanoseconds)),
        "Nanoseconds" => new(name, [], GoType.Int64, (_, _) => Nanoseconds),
        "Microseconds" => new(name, [], GoType.Int64, (_, _) => Nanoseconds / Microsecond),
        "Milliseconds" => new(name, [], GoType.Int64, (_, _) => Nanoseconds / Millisecond),
        "Seconds" => new(name, [], GoType.Float64, (_, _) => Split(Second)),
        "Minutes" => new(name, [], GoType.Float64, (_, _) => Split(Minute)),
        "Hours" => new(name, [], GoType.Float64, (_, _) => Split(Hour)),
        "Round" => new(name, [DurationType], DurationType, (_, a) => new GoDuration(Round(Nanoseconds, Of(a[0])))),
        "Truncate" => new(name, [DurationType], DurationType, (_, a) => new GoDuration(Truncate(Nanoseconds, Of(a[0])))),
        "Abs" => new(name, [], DurationType, (_, _) => new GoDuration(Nanoseconds >= 0 ? Nanoseconds : Nanoseconds == long.MinValue ? long.MaxValue : -Nanoseconds)),
        _ => null,
    };

    public static readonly GoType DurationType = GoType.NamedInteger("time.Duration");

    /// <summary>A duration argument: a duration value, or a constant converted to an int64 count of nanoseconds.</summary>
    public static long Of(object? value) => value switch
    {
        GoDuration d => d.Nanoseconds,
        _ when GoTypes.KindOf(value) == GoKind.Int => GoTypes.ToInt64(value!),
        _ => throw new FunctionException($"wrong type for value; expected time.Duration; got {GoTypes.NameOf(value)}"),
    };

    // Whole units plus the fraction, as Go computes Seconds/Minutes/Hours without losing precision early.
    private double Split(long unit) => (double)(Nanoseconds / unit) + ((double)(Nanoseconds % unit) / unit);

    public override string ToString() => Format(Nanoseconds);

    /// <summary>Go's <c>Duration.String</c>.</summary>
    public static string Format(long d)
    {
        var u = d < 0 ? unchecked((ulong)-d) : (ulong)d;
        var sb = new StringBuilder();
        if (u < Second)
        {
            if (u == 0)
            {
                return "0s";
            }
            var (precision, unit) = u < Microsecond ? (0, "ns") : u < Millisecond ? (3, "µs") : (6, "ms");
            var fraction = Fraction(ref u, precision);
            sb.Append(u).Append(fraction).Append(unit);
        }
        else
        {
            var fraction = Fraction(ref u, 9);
            var seconds = u % 60;
            u /= 60;
            if (u > 0)
            {
                var minutes = u % 60;
                u /= 60;
                if (u > 0)
                {
                    sb.Append(u).Append('h');
                }
                sb.Append(minutes).Append('m');
            }
            sb.Append(seconds).Append(fraction).Append('s');
        }
        return (d < 0 ? "-" : "") + sb;
    }

    // The lowest `precision` digits of v as ".ddd" without trailing zeros (empty when all are zero); v keeps the rest.
    private static string Fraction(ref ulong v, int precision)
    {
        var digits = new char[precision];
        for (var i = precision - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + (int)(v % 10));
            v /= 10;
        }
        var text = new string(digits).TrimEnd('0');
        return text.Length == 0 ? "" : "." + text;
    }

    /// <summary>Go's <c>Duration.Round</c>: halfway values away from zero, saturating on overflow.</summary>
    public static long Round(long d, long m)
    {
        if (m <= 0)
        {
            return d;
        }
        var r = d % m;
        if (d < 0)
        {
            r = -r;
            if (LessThanHalf(r, m))
            {
                return d + r;
            }
            var d1 = unchecked(d - m + r);
            return d1 < d ? d1 : long.MinValue;
        }
        if (LessThanHalf(r, m))
        {
            return d - r;
        }
        var d2 = unchecked(d + m - r);
        return d2 > d ? d2 : long.MaxValue;
    }

    public static long Truncate(long d, long m) => m <= 0 ? d : d - (d % m);

    private static bool LessThanHalf(long x, long y) => unchecked((ulong)x + (ulong)x) < (ulong)y;

    /// <summary>Go's <c>time.ParseDuration</c>: null on success, else Go's error text.</summary>
    public static string? TryParse(string s, out long duration)
    {
        duration = 0;
        var original = s;
        string Invalid() => "time: invalid duration " + GoTimeLayout.Quote(original);
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s == "0")
        {
            return null;
        }
        if (s.Length == 0)
        {
            return Invalid();
        }
        ulong total = 0;
        while (s.Length > 0)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                return Invalid();
            }
            var before = s.Length;
            if (!LeadingInt(ref s, out var v))
            {
                return Invalid();
            }
            var pre = before != s.Length;
            ulong f = 0;
            var scale = 1.0;
            var post = false;
            if (s.Length > 0 && s[0] == '.')
            {
                s = s[1..];
                var length = s.Length;
                LeadingFraction(ref s, out f, out scale);
                post = length != s.Length;
            }
            if (!pre && !post)
            {
                return Invalid();
            }
            var i = 0;
            while (i < s.Length && !(s[i] == '.' || char.IsAsciiDigit(s[i])))
            {
                i++;
            }
            if (i == 0)
            {
                return "time: missing unit in duration " + GoTimeLayout.Quote(original);
            }
            var unitName = s[..i];
            s = s[i..];
            ulong unit = unitName switch
            {
                "ns" => 1,
                "us" or "µs" or "μs" => Microsecond,
                "ms" => Millisecond,
                "s" => Second,
                "m" => Minute,
                "h" => Hour,
                _ => 0,
            };
            if (unit == 0)
            {
                return "time: unknown unit " + GoTimeLayout.Quote(unitName) + " in duration " + GoTimeLayout.Quote(original);
            }
            if (v > (1UL << 63) / unit)
            {
                return Invalid();
            }
            v *= unit;
            if (f > 0)
            {
                v += (ulong)(f * (unit / scale));
                if (v > 1UL << 63)
                {
                    return Invalid();
                }
            }
            total += v;
            if (total > 1UL << 63)
            {
                return Invalid();
            }
        }
        if (negative)
        {
            duration = unchecked(-(long)total);
            return null;
        }
        if (total > long.MaxValue)
        {
            return Invalid();
        }
        duration = (long)total;
        return null;
    }

    private static bool LeadingInt(ref string s, out ulong x)
    {
        x = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (x > (1UL << 63) / 10)
            {
                return false;
            }
            x = (x * 10) + (ulong)(s[i] - '0');
            if (x > 1UL << 63)
            {
                return false;
            }
        }
        s = s[i..];
        return true;
    }

    private static void LeadingFraction(ref string s, out ulong x, out double scale)
    {
        x = 0;
        scale = 1;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }
            if (x > (long.MaxValue / 10))
            {
                overflow = true;
                continue;
            }
            var y = (x * 10) + (ulong)(s[i] - '0');
            if (y > 1UL << 63)
            {
                overflow = true;
                continue;
            }
            x = y;
            scale *= 10;
        }
        s = s[i..];
    }
}
