using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Time;

/// <summary>
/// Go's reference-layout time formatting and parsing (<c>Mon Jan 2 15:04:05 MST 2006</c>): layouts such as
/// <c>2006-01-02T15:04:05Z07:00</c> or <c>02 Jan 06 15:04 -0700</c>, with Go's element rules and error texts.
/// </summary>
internal static partial class GoTimeLayout
{
    private enum Std
    {
        None,
        LongMonth,
        Month,
        NumMonth,
        ZeroMonth,
        LongWeekDay,
        WeekDay,
        Day,
        UnderDay,
        ZeroDay,
        UnderYearDay,
        ZeroYearDay,
        Hour,
        Hour12,
        ZeroHour12,
        Minute,
        ZeroMinute,
        Second,
        ZeroSecond,
        LongYear,
        Year,
        PM,
        pm,
        TZ,
        ISO8601TZ,
        ISO8601SecondsTZ,
        ISO8601ShortTZ,
        ISO8601ColonTZ,
        ISO8601ColonSecondsTZ,
        NumTZ,
        NumSecondsTz,
        NumShortTZ,
        NumColonTZ,
        NumColonSecondsTZ,
        FracSecond0,
        FracSecond9,
    }

    // One layout element: the literal text before it, the element, its text, and for fractions its digits and separator.
    private readonly record struct Chunk(string Prefix, Std Std, string Element, string Suffix, int Digits = 0, char Separator = '.');

    private static Chunk Next(string layout)
    {
        for (var i = 0; i < layout.Length; i++)
        {
            bool At(string s) => layout.Length - i >= s.Length && string.CompareOrdinal(layout, i, s, 0, s.Length) == 0;
            Chunk Make(Std std, int length, int prefixEnd = -1) =>
                new(layout[..(prefixEnd < 0 ? i : prefixEnd)], std, layout[(prefixEnd < 0 ? i : prefixEnd)..(i + length)], layout[(i + length)..]);
            switch (layout[i])
            {
                case 'J' when At("Jan"):
                    if (At("January"))
                    {
                        return Make(Std.LongMonth, 7);
                    }
                    if (!StartsWithLower(layout, i + 3))
                    {
                        return Make(Std.Month, 3);
                    }
                    break;
                case 'M':
                    if (At("Mon"))
                    {
                        if (At("Monday"))
                        {
                            return Make(Std.LongWeekDay, 6);
                        }
                        if (!StartsWithLower(layout, i + 3))
                        {
                            return Make(Std.WeekDay, 3);
                        }
                    }
                    if (At("MST"))
                    {
                        return Make(Std.TZ, 3);
                    }
                    break;
                case '0':
                    if (i + 1 < layout.Length && layout[i + 1] is >= '1' and <= '6')
                    {
                        return Make(layout[i + 1] switch
                        {
                            '1' => Std.ZeroMonth,
                            '2' => Std.ZeroDay,
                            '3' => Std.ZeroHour12,
                            '4' => Std.ZeroMinute,
                            '5' => Std.ZeroSecond,
                            _ => Std.Year,
                        }, 2);
                    }
                    if (At("002"))
                    {
                        return Make(Std.ZeroYearDay, 3);
                    }
                    break;
                case '1':
                    return At("15") ? Make(Std.Hour, 2) : Make(Std.NumMonth, 1);
                case '2':
                    return At("2006") ? Make(Std.LongYear, 4) : Make(Std.Day, 1);
                case '_':
                    if (At("_2"))
                    {
                        if (At("_2006"))
                        {
                            // A literal underscore, then the year.
                            return new(layout[..(i + 1)], Std.LongYear, "2006", layout[(i + 5)..]);
                        }
                        return Make(Std.UnderDay, 2);
                    }
                    if (At("__2"))
                    {
                        return Make(Std.UnderYearDay, 3);
                    }
                    break;
                case '3':
                    return Make(Std.Hour12, 1);
                case '4':
                    return Make(Std.Minute, 1);
                case '5':
                    return Make(Std.Second, 1);
                case 'P' when At("PM"):
                    return Make(Std.PM, 2);
                case 'p' when At("pm"):
                    return Make(Std.pm, 2);
                case '-':
                    if (At("-070000")) return Make(Std.NumSecondsTz, 7);
                    if (At("-07:00:00")) return Make(Std.NumColonSecondsTZ, 9);
                    if (At("-0700")) return Make(Std.NumTZ, 5);
                    if (At("-07:00")) return Make(Std.NumColonTZ, 6);
                    if (At("-07")) return Make(Std.NumShortTZ, 3);
                    break;
                case 'Z':
                    if (At("Z070000")) return Make(Std.ISO8601SecondsTZ, 7);
                    if (At("Z07:00:00")) return Make(Std.ISO8601ColonSecondsTZ, 9);
                    if (At("Z0700")) return Make(Std.ISO8601TZ, 5);
                    if (At("Z07:00")) return Make(Std.ISO8601ColonTZ, 6);
                    if (At("Z07")) return Make(Std.ISO8601ShortTZ, 3);
                    break;
                case '.' or ',':
                    if (i + 1 < layout.Length && layout[i + 1] is '0' or '9')
                    {
                        var digit = layout[i + 1];
                        var j = i + 1;
                        while (j < layout.Length && layout[j] == digit)
                        {
                            j++;
                        }
                        if (!(j < layout.Length && char.IsAsciiDigit(layout[j])))
                        {
                            return new(layout[..i], digit == '0' ? Std.FracSecond0 : Std.FracSecond9, layout[i..j], layout[j..], j - (i + 1), layout[i]);
                        }
                    }
                    break;
            }
        }
        return new(layout, Std.None, "", "");
    }

    private static bool StartsWithLower(string s, int i) => i < s.Length && s[i] is >= 'a' and <= 'z';

    /// <summary>Go's <c>Time.Format</c>.</summary>
    public static string Format(GoTime t, string layout)
    {
        var (name, offset) = t.Zone;
        var (year, month, day) = t.Date;
        var (hour, minute, second) = t.Clock;
        var b = new StringBuilder(layout.Length + 10);
        while (layout.Length > 0)
        {
            var chunk = Next(layout);
            b.Append(chunk.Prefix);
            if (chunk.Std == Std.None)
            {
                break;
            }
            layout = chunk.Suffix;
            switch (chunk.Std)
            {
                case Std.Year:
                    AppendInt(b, Math.Abs(year) % 100, 2);
                    break;
                case Std.LongYear:
                    AppendInt(b, year, 4);
                    break;
                case Std.Month:
                    b.Append(Civil.MonthNames[month - 1][..3]);
                    break;
                case Std.LongMonth:
                    b.Append(Civil.MonthNames[month - 1]);
                    break;
                case Std.NumMonth:
                    AppendInt(b, month, 0);
                    break;
                case Std.ZeroMonth:
                    AppendInt(b, month, 2);
                    break;
                case Std.WeekDay:
                    b.Append(Civil.DayNames[t.Weekday][..3]);
                    break;
                case Std.LongWeekDay:
                    b.Append(Civil.DayNames[t.Weekday]);
                    break;
                case Std.Day:
                    AppendInt(b, day, 0);
                    break;
                case Std.UnderDay:
                    b.Append(day < 10 ? " " : "");
                    AppendInt(b, day, 0);
                    break;
                case Std.ZeroDay:
                    AppendInt(b, day, 2);
                    break;
                case Std.UnderYearDay:
                    b.Append(t.YearDay < 100 ? (t.YearDay < 10 ? "  " : " ") : "");
                    AppendInt(b, t.YearDay, 0);
                    break;
                case Std.ZeroYearDay:
                    AppendInt(b, t.YearDay, 3);
                    break;
                case Std.Hour:
                    AppendInt(b, hour, 2);
                    break;
                case Std.Hour12:
                    AppendInt(b, hour % 12 == 0 ? 12 : hour % 12, 0);
                    break;
                case Std.ZeroHour12:
                    AppendInt(b, hour % 12 == 0 ? 12 : hour % 12, 2);
                    break;
                case Std.Minute:
                    AppendInt(b, minute, 0);
                    break;
                case Std.ZeroMinute:
                    AppendInt(b, minute, 2);
                    break;
                case Std.Second:
                    AppendInt(b, second, 0);
                    break;
                case Std.ZeroSecond:
                    AppendInt(b, second, 2);
                    break;
                case Std.PM:
                    b.Append(hour >= 12 ? "PM" : "AM");
                    break;
                case Std.pm:
                    b.Append(hour >= 12 ? "pm" : "am");
                    break;
                case Std.TZ:
                    if (name.Length > 0)
                    {
                        b.Append(name);
                    }
                    else
                    {
                        var zone = offset / 60;
                        b.Append(zone < 0 ? '-' : '+');
                        zone = Math.Abs(zone);
                        AppendInt(b, zone / 60, 2);
                        AppendInt(b, zone % 60, 2);
                    }
                    break;
                case Std.FracSecond0 or Std.FracSecond9:
                    FormatNano(b, t.Nanosecond, chunk);
                    break;
                default:
                    FormatOffset(b, chunk.Std, offset);
                    break;
            }
        }
        return b.ToString();
    }

    private static bool IsIso(Std std) =>
        std is Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ;

    private static void FormatOffset(StringBuilder b, Std std, int offset)
    {
        if (offset == 0 && IsIso(std))
        {
            b.Append('Z');
            return;
        }
        var zone = offset / 60;
        var absolute = Math.Abs(offset);
        b.Append(zone < 0 ? '-' : '+');
        zone = Math.Abs(zone);
        AppendInt(b, zone / 60, 2);
        var colon = std is Std.ISO8601ColonTZ or Std.NumColonTZ or Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ;
        if (colon)
        {
            b.Append(':');
        }
        if (std is not (Std.NumShortTZ or Std.ISO8601ShortTZ))
        {
            AppendInt(b, zone % 60, 2);
        }
        if (std is Std.ISO8601SecondsTZ or Std.NumSecondsTz or Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ)
        {
            if (std is Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ)
            {
                b.Append(':');
            }
            AppendInt(b, absolute % 60, 2);
        }
    }

    private static void FormatNano(StringBuilder b, int nanos, Chunk chunk)
    {
        var digits = nanos.ToString("D9", CultureInfo.InvariantCulture);
        var n = Math.Min(chunk.Digits, 9);
        if (chunk.Std == Std.FracSecond9)
        {
            while (n > 0 && digits[n - 1] == '0')
            {
                n--;
            }
            if (n == 0)
            {
                return;
            }
        }
        b.Append(chunk.Separator).Append(digits, 0, n);
    }

    private static void AppendInt(StringBuilder b, long x, int width)
    {
        if (x < 0)
        {
            b.Append('-');
        }
        var digits = (x < 0 ? unchecked((ulong)-x) : (ulong)x).ToString(CultureInfo.InvariantCulture);
        b.Append('0', Math.Max(0, width - digits.Length)).Append(digits);
    }

    /// <summary>Go's quoting of values in time error texts: non-ASCII bytes as <c>\x..</c>, quotes and backslashes escaped.</summary>
    public static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value >= 0x80 || rune.Value < ' ')
            {
                var n = rune.EncodeToUtf8(utf8);
                for (var j = 0; j < n; j++)
                {
                    b.Append("\\x").Append(utf8[j].ToString("x2", CultureInfo.InvariantCulture));
                }
                continue;
            }
            if (rune.Value is '"' or '\\')
            {
                b.Append('\\');
            }
            b.Append((char)rune.Value);
        }
        return b.Append('"').ToString();
    }
}
