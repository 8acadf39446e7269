using System.Diagnostics;
using System.Globalization;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Time;

/// <summary>
/// Go's <c>time.Time</c>: an instant with nanoseconds, a location, and for the result of <c>now</c> a monotonic
/// clock reading. Prints as Go's <c>String()</c> (<c>2024-01-01 00:00:00 +0000 UTC</c>, with <c>m=+0.001</c> when
/// monotonic) and offers the methods templates call: <c>.Unix</c>, <c>.Format</c>, <c>.UTC</c>, <c>.Year</c> ….
/// </summary>
public sealed class GoTime : IGoObject
{
    /// <summary>Seconds from Go's zero time (January 1, year 1, UTC) to the Unix epoch.</summary>
    public const long ZeroToUnix = 62135596800;

    private static readonly long ProcessStart = Stopwatch.GetTimestamp();

    public GoTime(long unixSeconds, int nanoseconds, GoLocation location, long? monotonic = null)
    {
        UnixSeconds = unixSeconds + Math.DivRem(nanoseconds, (int)GoDuration.Second, out var rest) - (rest < 0 ? 1 : 0);
        Nanosecond = rest < 0 ? rest + (int)GoDuration.Second : rest;
        Location = location;
        Monotonic = monotonic;
    }

    /// <summary>Go's zero time, <c>0001-01-01 00:00:00 +0000 UTC</c>, which failed parses give.</summary>
    public static GoTime Zero { get; } = new(-ZeroToUnix, 0, GoLocation.Utc);

    public static readonly GoType TimeType = GoType.Named("time.Time", canBeNil: false);

    public long UnixSeconds { get; }

    public int Nanosecond { get; }

    public GoLocation Location { get; }

    /// <summary>Nanoseconds since the process started, for a time read from the clock.</summary>
    public long? Monotonic { get; }

    /// <summary>A clock reading, with its monotonic part as Go's <c>time.Now</c> has it.</summary>
    public static GoTime Now(DateTimeOffset instant, GoLocation location, bool monotonic)
    {
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var mono = monotonic ? (long)Stopwatch.GetElapsedTime(ProcessStart).TotalNanoseconds : (long?)null;
        return new GoTime(Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest) - (rest < 0 ? 1 : 0),
            (int)(((rest % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond) % TimeSpan.TicksPerSecond * 100),
            location, mono);
    }

    public string TypeName => "time.Time";

    public IReadOnlyList<string> FieldNames => [];

    public bool TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    /// <summary>The abbreviation and offset of the location at this instant.</summary>
    public (string Abbreviation, int Offset) Zone => Location.Lookup(UnixSeconds);

    /// <summary>The wall clock: seconds since 1970-01-01 00:00 in the time's own zone.</summary>
    public long LocalSeconds => UnixSeconds + Zone.Offset;

    public (long Year, int Month, int Day) Date
    {
        get
        {
            var (y, m, d) = Civil.FromDays(Math.DivRem(LocalSeconds, 86400, out var r) - (r < 0 ? 1 : 0));
            return (y, m, d);
        }
    }

    public (int Hour, int Minute, int Second) Clock
    {
        get
        {
            var s = (int)(((LocalSeconds % 86400) + 86400) % 86400);
            return (s / 3600, s / 60 % 60, s % 60);
        }
    }

    public int YearDay
    {
        get
        {
            var (y, m, d) = Date;
            return (int)(Civil.ToDays(y, m, d) - Civil.ToDays(y, 1, 1)) + 1;
        }
    }

    /// <summary>0 for Sunday … 6 for Saturday.</summary>
    public int Weekday
    {
        get
        {
            var days = Math.DivRem(LocalSeconds, 86400, out var r) - (r < 0 ? 1 : 0);
            return (int)(((days + 4) % 7 + 7) % 7);
        }
    }

    public bool IsZero => UnixSeconds == -ZeroToUnix && Nanosecond == 0;

    public GoTime In(GoLocation location) => new(UnixSeconds, Nanosecond, location);

    public GoTime Add(long duration) =>
        new(UnixSeconds + (duration / GoDuration.Second), Nanosecond + (int)(duration % GoDuration.Second), Location,
            Monotonic is { } m ? m + duration : null);

    /// <summary>Go's <c>Sub</c>: the duration between two times, saturating at the int64 limits.</summary>
    public long Sub(GoTime other)
    {
        var d = ((Int128)(UnixSeconds - other.UnixSeconds) * GoDuration.Second) + (Nanosecond - other.Nanosecond);
        return d > long.MaxValue ? long.MaxValue : d < long.MinValue ? long.MinValue : (long)d;
    }

    /// <summary>Go's <c>time.Date</c>: a wall-clock time in a location, with out-of-range fields normalized.</summary>
    public static GoTime FromCivil(long year, long month, long day, long hour, long minute, long second, long nanosecond, GoLocation location)
    {
        var m0 = month - 1;
        year += Math.DivRem(m0, 12, out var mr) - (mr < 0 ? 1 : 0);
        month = ((mr % 12) + 12) % 12 + 1;
        second += Math.DivRem(nanosecond, GoDuration.Second, out var nr) - (nr < 0 ? 1 : 0);
        nanosecond = nr < 0 ? nr + GoDuration.Second : nr;
        var days = Civil.ToDays(year, (int)month, 1) + day - 1;
        var local = (days * 86400) + (hour * 3600) + (minute * 60) + second;
        return new GoTime(local - location.OffsetForLocal(local), (int)nanosecond, location);
    }

    public GoTime AddDate(long years, long months, long days)
    {
        var (y, m, d) = Date;
        var (h, mi, s) = Clock;
        return FromCivil(y + years, m + months, d + days, h, mi, s, Nanosecond, Location);
    }

    /// <summary>Go's <c>Truncate</c>/<c>Round</c>: to a multiple of d since the zero time; the monotonic reading is dropped.</summary>
    public GoTime RoundTo(long d, bool round)
    {
        if (d <= 0)
        {
            return new GoTime(UnixSeconds, Nanosecond, Location);
        }
        var total = (((Int128)UnixSeconds + ZeroToUnix) * GoDuration.Second) + Nanosecond;
        var r = (long)(((total % d) + d) % d);
        var back = round && !(unchecked((ulong)r + (ulong)r) < (ulong)d) ? r - d : r;
        var shifted = total - back;
        var seconds = (long)Int128.DivRem(shifted, GoDuration.Second).Quotient;
        var nanos = (long)(shifted - ((Int128)seconds * GoDuration.Second));
        return new GoTime(seconds - ZeroToUnix, (int)nanos, Location);
    }

    public string Format(string layout) => GoTimeLayout.Format(this, layout);

    /// <summary>Go's <c>==</c> on times: the same instant, location and monotonic reading.</summary>
    public override bool Equals(object? obj) =>
        obj is GoTime t && t.UnixSeconds == UnixSeconds && t.Nanosecond == Nanosecond && ReferenceEquals(t.Location, Location) && t.Monotonic == Monotonic;

    public override int GetHashCode() => HashCode.Combine(UnixSeconds, Nanosecond, Monotonic);

    /// <summary>Go's <c>String()</c>: <c>2006-01-02 15:04:05.999999999 -0700 MST</c>, then the monotonic reading.</summary>
    public override string ToString()
    {
        var text = Format("2006-01-02 15:04:05.999999999 -0700 MST");
        if (Monotonic is not { } m)
        {
            return text;
        }
        var u = m < 0 ? unchecked((ulong)-m) : (ulong)m;
        var nanos = u % 1_000_000_000;
        var seconds = u / 1_000_000_000;
        return text + " m=" + (m < 0 ? '-' : '+') + seconds.ToString(CultureInfo.InvariantCulture) + "." + nanos.ToString("D9", CultureInfo.InvariantCulture);
    }

    public GoFunction? FindMethod(string name) => name switch
    {
        "String" => new(name, [], GoType.String, (_, _) => ToString()),
        "Format" => new(name, [GoType.String], GoType.String, (_, a) => Format((string)a[0]!)),
        "Unix" => new(name, [], GoType.Int64, (_, _) => UnixSeconds),
        "UnixMilli" => new(name, [], GoType.Int64, (_, _) => (long)Scaled(GoDuration.Millisecond)),
        "UnixMicro" => new(name, [], GoType.Int64, (_, _) => (long)Scaled(GoDuration.Microsecond)),
        "UnixNano" => new(name, [], GoType.Int64, (_, _) => unchecked((long)Scaled(1))),
        "UTC" => new(name, [], TimeType, (_, _) => In(GoLocation.Utc)),
        "Year" => new(name, [], GoType.Int, (_, _) => (nint)Date.Year),
        "Month" => new(name, [], GoType.Named("time.Month", false), (_, _) => new GoNamedNumber("time.Month", Date.Month, Civil.MonthNames[Date.Month - 1])),
        "Day" => new(name, [], GoType.Int, (_, _) => (nint)Date.Day),
        "Hour" => new(name, [], GoType.Int, (_, _) => (nint)Clock.Hour),
        "Minute" => new(name, [], GoType.Int, (_, _) => (nint)Clock.Minute),
        "Second" => new(name, [], GoType.Int, (_, _) => (nint)Clock.Second),
        "Nanosecond" => new(name, [], GoType.Int, (_, _) => (nint)Nanosecond),
        "YearDay" => new(name, [], GoType.Int, (_, _) => (nint)YearDay),
        "Weekday" => new(name, [], GoType.Named("time.Weekday", false), (_, _) => new GoNamedNumber("time.Weekday", Weekday, Civil.DayNames[Weekday])),
        "IsZero" => new(name, [], GoType.Bool, (_, _) => IsZero),
        "Add" => new(name, [GoDuration.DurationType], TimeType, (_, a) => Add(GoDuration.Of(a[0]))),
        "AddDate" => new(name, [GoType.Int, GoType.Int, GoType.Int], TimeType, (_, a) => AddDate((nint)a[0]!, (nint)a[1]!, (nint)a[2]!)),
        "Sub" => new(name, [TimeType], GoDuration.DurationType, (_, a) => new GoDuration(Sub((GoTime)a[0]!))),
        "After" => new(name, [TimeType], GoType.Bool, (_, a) => Sub((GoTime)a[0]!) > 0),
        "Before" => new(name, [TimeType], GoType.Bool, (_, a) => Sub((GoTime)a[0]!) < 0),
        "Equal" => new(name, [TimeType], GoType.Bool, (_, a) => Sub((GoTime)a[0]!) == 0),
        "Truncate" => new(name, [GoDuration.DurationType], TimeType, (_, a) => RoundTo(GoDuration.Of(a[0]), round: false)),
        "Round" => new(name, [GoDuration.DurationType], TimeType, (_, a) => RoundTo(GoDuration.Of(a[0]), round: true)),
        "Location" => new(name, [], GoType.Named("*time.Location"), (_, _) => new GoStruct("*time.Location").Method(new GoFunction("String", [], GoType.String, (_, _) => Location.Name))),
        _ => null,
    };

    private Int128 Scaled(long unit) => (((Int128)UnixSeconds * GoDuration.Second) + Nanosecond) / unit;
}

/// <summary>A Go value of a named type that prints through its <c>String</c> method (<c>time.Month</c>, <c>time.Weekday</c>).</summary>
internal sealed class GoNamedNumber(string typeName, long value, string text) : IGoInteger
{
    public string TypeName => typeName;

    public long Value => value;

    public IReadOnlyList<string> FieldNames => [];

    public bool TryGetField(string name, out object? result)
    {
        result = null;
        return false;
    }

    public GoFunction? FindMethod(string name) =>
        name == "String" ? new GoFunction(name, [], GoType.String, (_, _) => text) : null;

    public override string ToString() => text;
}

/// <summary>The proleptic Gregorian calendar as days since 1970-01-01.</summary>
public static class Civil
{
    public static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static long ToDays(long year, int month, long day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yoe = year - (era * 400);
        var doy = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468 + day - 1;
    }

    public static (long Year, int Month, int Day) FromDays(long days)
    {
        days += 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var doe = days - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var day = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (yoe + (era * 400) + (month <= 2 ? 1 : 0), month, day);
    }

    public static bool IsLeap(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    public static int DaysIn(int month, long year) =>
        month == 2 ? (IsLeap(year) ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;
}
