namespace GitOpsHQ.GoTemplate.Functions.Sprig.Time;

internal static partial class GoTimeLayout
{
    private sealed class BadValue : Exception;

    /// <summary>
    /// Go's <c>time.ParseInLocation</c>: a time without zone information is in <paramref name="location"/>, and
    /// zone offsets or abbreviations that the location uses at that time select it. Returns Go's error text on failure.
    /// </summary>
    public static string? TryParse(string layout, string value, GoLocation location, out GoTime result)
    {
        result = GoTime.Zero;
        var parsed = GoTime.Zero;
        var originalLayout = layout;
        var originalValue = value;
        string Error(string layoutElement, string valueElement, string message = "") => message.Length == 0
            ? $"parsing time {Quote(originalValue)} as {Quote(originalLayout)}: cannot parse {Quote(valueElement)} as {Quote(layoutElement)}"
            : $"parsing time {Quote(originalValue)}{message}";

        var amSet = false;
        var pmSet = false;
        long year = 0;
        int month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0, nanos = 0;
        GoLocation? zone = null;
        var zoneOffset = -1;
        var zoneName = "";
        while (true)
        {
            var chunk = Next(layout);
            if (!Skip(ref value, chunk.Prefix))
            {
                return Error(chunk.Prefix, value);
            }
            if (chunk.Std == Std.None)
            {
                if (value.Length != 0)
                {
                    return Error("", value, ": extra text: " + Quote(value));
                }
                var failure = Build();
                result = parsed;
                return failure;
            }
            layout = chunk.Suffix;
            var range = "";
            var ok = true;
            try
            {
                switch (chunk.Std)
                {
                    case Std.Year:
                        if (value.Length < 2)
                        {
                            throw new BadValue();
                        }
                        if (Atoi(value[..2]) is { } yy)
                        {
                            year = yy >= 69 ? yy + 1900 : yy + 2000;
                            value = value[2..];
                        }
                        else
                        {
                            throw new BadValue();
                        }
                        break;
                    case Std.LongYear:
                        if (value.Length < 4 || !char.IsAsciiDigit(value[0]))
                        {
                            throw new BadValue();
                        }
                        var longYear = value[..4];
                        value = value[4..];
                        year = Atoi(longYear) ?? throw new BadValue();
                        break;
                    case Std.Month:
                        month = Lookup(Civil.MonthNames.Select(m => m[..3]), ref value) + 1;
                        break;
                    case Std.LongMonth:
                        month = Lookup(Civil.MonthNames, ref value) + 1;
                        break;
                    case Std.NumMonth or Std.ZeroMonth:
                        month = GetNum(ref value, chunk.Std == Std.ZeroMonth);
                        range = month is <= 0 or > 12 ? "month" : "";
                        break;
                    case Std.WeekDay:
                        Lookup(Civil.DayNames.Select(d => d[..3]), ref value);
                        break;
                    case Std.LongWeekDay:
                        Lookup(Civil.DayNames, ref value);
                        break;
                    case Std.Day or Std.UnderDay or Std.ZeroDay:
                        if (chunk.Std == Std.UnderDay && value.StartsWith(' '))
                        {
                            value = value[1..];
                        }
                        day = GetNum(ref value, chunk.Std == Std.ZeroDay);
                        break;
                    case Std.UnderYearDay or Std.ZeroYearDay:
                        for (var i = 0; i < 2; i++)
                        {
                            if (chunk.Std == Std.UnderYearDay && value.StartsWith(' '))
                            {
                                value = value[1..];
                            }
                        }
                        yday = GetNum3(ref value, chunk.Std == Std.ZeroYearDay);
                        break;
                    case Std.Hour:
                        hour = GetNum(ref value, false);
                        range = hour is < 0 or >= 24 ? "hour" : "";
                        break;
                    case Std.Hour12 or Std.ZeroHour12:
                        hour = GetNum(ref value, chunk.Std == Std.ZeroHour12);
                        range = hour is < 0 or > 12 ? "hour" : "";
                        break;
                    case Std.Minute or Std.ZeroMinute:
                        minute = GetNum(ref value, chunk.Std == Std.ZeroMinute);
                        range = minute is < 0 or >= 60 ? "minute" : "";
                        break;
                    case Std.Second or Std.ZeroSecond:
                        second = GetNum(ref value, chunk.Std == Std.ZeroSecond);
                        if (second is < 0 or >= 60)
                        {
                            range = "second";
                            break;
                        }
                        // A fraction in the value that the layout does not mention is still read.
                        if (value.Length >= 2 && value[0] is '.' or ',' && char.IsAsciiDigit(value[1])
                            && Next(layout).Std is not (Std.FracSecond0 or Std.FracSecond9))
                        {
                            var n = 2;
                            while (n < value.Length && char.IsAsciiDigit(value[n]))
                            {
                                n++;
                            }
                            var fraction = value[..n];
                            value = value[n..];
                            nanos = ParseNanoseconds(fraction, n, ref range);
                        }
                        break;
                    case Std.PM or Std.pm:
                        if (value.Length < 2)
                        {
                            throw new BadValue();
                        }
                        var (pm, am) = chunk.Std == Std.PM ? ("PM", "AM") : ("pm", "am");
                        var p = value[..2];
                        value = value[2..];
                        if (p == pm)
                        {
                            pmSet = true;
                        }
                        else if (p == am)
                        {
                            amSet = true;
                        }
                        else
                        {
                            throw new BadValue();
                        }
                        break;
                    case Std.TZ:
                        if (value.StartsWith("UTC", StringComparison.Ordinal))
                        {
                            zone = GoLocation.Utc;
                            value = value[3..];
                            break;
                        }
                        var length = ZoneNameLength(value);
                        if (length == 0)
                        {
                            throw new BadValue();
                        }
                        zoneName = value[..length];
                        value = value[length..];
                        break;
                    case Std.FracSecond0:
                        var digits = 1 + chunk.Digits;
                        if (value.Length < digits)
                        {
                            throw new BadValue();
                        }
                        var fixedFraction = value[..digits];
                        value = value[digits..];
                        nanos = ParseNanoseconds(fixedFraction, digits, ref range);
                        break;
                    case Std.FracSecond9:
                        if (value.Length < 2 || value[0] is not ('.' or ',') || !char.IsAsciiDigit(value[1]))
                        {
                            break;
                        }
                        var k = 0;
                        while (k < 9 && k + 1 < value.Length && char.IsAsciiDigit(value[k + 1]))
                        {
                            k++;
                        }
                        var optionalFraction = value[..(1 + k)];
                        value = value[(1 + k)..];
                        nanos = ParseNanoseconds(optionalFraction, 1 + k, ref range);
                        break;
                    default:
                        if (IsIso(chunk.Std) && chunk.Std is Std.ISO8601TZ or Std.ISO8601ShortTZ or Std.ISO8601ColonTZ && value.StartsWith('Z'))
                        {
                            value = value[1..];
                            zone = GoLocation.Utc;
                            break;
                        }
                        zoneOffset = ParseOffset(chunk.Std, ref value);
                        break;
                }
            }
            catch (BadValue)
            {
                ok = false;
            }
            if (range.Length > 0)
            {
                return Error(chunk.Element, value, ": " + range + " out of range");
            }
            if (!ok)
            {
                return Error(chunk.Element, value);
            }
        }

        string? Build()
        {
            if (pmSet && hour < 12)
            {
                hour += 12;
            }
            else if (amSet && hour == 12)
            {
                hour = 0;
            }
            if (yday >= 0)
            {
                var m = 0;
                var d = 0;
                if (Civil.IsLeap(year))
                {
                    if (yday == 31 + 29)
                    {
                        m = 2;
                        d = 29;
                    }
                    else if (yday > 31 + 29)
                    {
                        yday--;
                    }
                }
                if (yday is < 1 or > 365)
                {
                    return Error("", value, ": day-of-year out of range");
                }
                if (m == 0)
                {
                    m = ((yday - 1) / 31) + 1;
                    if (DaysBefore[m] < yday)
                    {
                        m++;
                    }
                    d = yday - DaysBefore[m - 1];
                }
                if (month >= 0 && month != m)
                {
                    return Error("", value, ": day-of-year does not match month");
                }
                month = m;
                if (day >= 0 && day != d)
                {
                    return Error("", value, ": day-of-year does not match day");
                }
                day = d;
            }
            else
            {
                month = month < 0 ? 1 : month;
                day = day < 0 ? 1 : day;
            }
            if (day < 1 || day > Civil.DaysIn(month, year))
            {
                return Error("", value, ": day out of range");
            }
            if (zone is not null)
            {
                parsed = GoTime.FromCivil(year, month, day, hour, minute, second, nanos, zone);
                return null;
            }
            if (zoneOffset != -1)
            {
                var utc = GoTime.FromCivil(year, month, day, hour, minute, second, nanos, GoLocation.Utc);
                var unix = utc.UnixSeconds - zoneOffset;
                var (name, offset) = location.Lookup(unix);
                var matches = offset == zoneOffset && (zoneName.Length == 0 || name == zoneName);
                parsed = new GoTime(unix, utc.Nanosecond, matches ? location : GoLocation.Fixed(zoneName, zoneOffset));
                return null;
            }
            if (zoneName.Length > 0)
            {
                var utc = GoTime.FromCivil(year, month, day, hour, minute, second, nanos, GoLocation.Utc);
                if (location.OffsetOfName(zoneName, utc.UnixSeconds) is { } known)
                {
                    parsed = new GoTime(utc.UnixSeconds - known, utc.Nanosecond, location);
                    return null;
                }
                var offset = zoneName.Length > 3 && zoneName.StartsWith("GMT", StringComparison.Ordinal)
                    ? (int)(Atoi(zoneName[3..]) ?? 0) * 3600
                    : 0;
                parsed = new GoTime(utc.UnixSeconds, utc.Nanosecond, GoLocation.Fixed(zoneName, offset));
                return null;
            }
            parsed = GoTime.FromCivil(year, month, day, hour, minute, second, nanos, location);
            return null;
        }
    }

    private static readonly int[] DaysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    // Removes the literal prefix from the value; a run of spaces in the layout matches any run of spaces.
    private static bool Skip(ref string value, string prefix)
    {
        while (prefix.Length > 0)
        {
            if (prefix[0] == ' ')
            {
                if (value.Length > 0 && value[0] != ' ')
                {
                    return false;
                }
                prefix = prefix.TrimStart(' ');
                value = value.TrimStart(' ');
                continue;
            }
            if (value.Length == 0 || value[0] != prefix[0])
            {
                return false;
            }
            prefix = prefix[1..];
            value = value[1..];
        }
        return true;
    }

    private static int Lookup(IEnumerable<string> names, ref string value)
    {
        var i = 0;
        foreach (var name in names)
        {
            if (value.Length >= name.Length && string.Equals(value[..name.Length], name, StringComparison.OrdinalIgnoreCase))
            {
                value = value[name.Length..];
                return i;
            }
            i++;
        }
        throw new BadValue();
    }

    private static int GetNum(ref string value, bool fixedWidth)
    {
        if (value.Length == 0 || !char.IsAsciiDigit(value[0]))
        {
            throw new BadValue();
        }
        if (value.Length < 2 || !char.IsAsciiDigit(value[1]))
        {
            if (fixedWidth)
            {
                throw new BadValue();
            }
            var one = value[0] - '0';
            value = value[1..];
            return one;
        }
        var two = ((value[0] - '0') * 10) + (value[1] - '0');
        value = value[2..];
        return two;
    }

    private static int GetNum3(ref string value, bool fixedWidth)
    {
        var n = 0;
        var i = 0;
        for (; i < 3 && i < value.Length && char.IsAsciiDigit(value[i]); i++)
        {
            n = (n * 10) + (value[i] - '0');
        }
        if (i == 0 || (fixedWidth && i != 3))
        {
            throw new BadValue();
        }
        value = value[i..];
        return n;
    }

    // Go's atoi for time fields: an optional sign and digits only.
    private static long? Atoi(string s)
    {
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0 || !s.All(char.IsAsciiDigit) || s.Length > 18)
        {
            return s.Length == 0 ? 0 : null;
        }
        var x = long.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        return negative ? -x : x;
    }

    private static int ParseNanoseconds(string value, int length, ref string range)
    {
        if (value[0] is not ('.' or ','))
        {
            throw new BadValue();
        }
        if (length > 10)
        {
            length = 10;
        }
        var ns = Atoi(value[1..length]) ?? throw new BadValue();
        if (ns < 0)
        {
            range = "fractional second";
            return 0;
        }
        for (var i = 0; i < 10 - length; i++)
        {
            ns *= 10;
        }
        return (int)ns;
    }

    private static int ParseOffset(Std std, ref string value)
    {
        string sign, hours, minutes, seconds;
        switch (std)
        {
            case Std.ISO8601ColonTZ or Std.NumColonTZ:
                if (value.Length < 6 || value[3] != ':')
                {
                    throw new BadValue();
                }
                (sign, hours, minutes, seconds, value) = (value[..1], value[1..3], value[4..6], "00", value[6..]);
                break;
            case Std.NumShortTZ or Std.ISO8601ShortTZ:
                if (value.Length < 3)
                {
                    throw new BadValue();
                }
                (sign, hours, minutes, seconds, value) = (value[..1], value[1..3], "00", "00", value[3..]);
                break;
            case Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ:
                if (value.Length < 9 || value[3] != ':' || value[6] != ':')
                {
                    throw new BadValue();
                }
                (sign, hours, minutes, seconds, value) = (value[..1], value[1..3], value[4..6], value[7..9], value[9..]);
                break;
            case Std.ISO8601SecondsTZ or Std.NumSecondsTz:
                if (value.Length < 7)
                {
                    throw new BadValue();
                }
                (sign, hours, minutes, seconds, value) = (value[..1], value[1..3], value[3..5], value[5..7], value[7..]);
                break;
            default:
                if (value.Length < 5)
                {
                    throw new BadValue();
                }
                (sign, hours, minutes, seconds, value) = (value[..1], value[1..3], value[3..5], "00", value[5..]);
                break;
        }
        var h = Atoi(hours) ?? throw new BadValue();
        var m = Atoi(minutes) ?? throw new BadValue();
        var s = Atoi(seconds) ?? throw new BadValue();
        var offset = (int)((((h * 60) + m) * 60) + s);
        return sign switch
        {
            "+" => offset,
            "-" => -offset,
            _ => throw new BadValue(),
        };
    }

    // Go's guess at a zone abbreviation: three upper-case letters, four or five ending in T, GMT±h, ±hh.
    private static int ZoneNameLength(string value)
    {
        if (value.Length < 3)
        {
            return 0;
        }
        if (value.StartsWith("ChST", StringComparison.Ordinal) || value.StartsWith("MeST", StringComparison.Ordinal))
        {
            return 4;
        }
        if (value.StartsWith("GMT", StringComparison.Ordinal))
        {
            return value.Length == 3 ? 3 : 3 + SignedOffsetLength(value[3..]);
        }
        if (value[0] is '+' or '-')
        {
            return SignedOffsetLength(value);
        }
        var upper = 0;
        while (upper < 6 && upper < value.Length && value[upper] is >= 'A' and <= 'Z')
        {
            upper++;
        }
        return upper switch
        {
            5 when value[4] == 'T' => 5,
            4 when value[3] == 'T' || value.StartsWith("WITA", StringComparison.Ordinal) => 4,
            3 => 3,
            _ => 0,
        };
    }

    private static int SignedOffsetLength(string value)
    {
        if (value[0] is not ('-' or '+'))
        {
            return 0;
        }
        var i = 1;
        long x = 0;
        while (i < value.Length && char.IsAsciiDigit(value[i]))
        {
            x = Math.Min((x * 10) + (value[i] - '0'), 1000);
            i++;
        }
        return i == 1 || x > 23 ? 0 : i;
    }
}
