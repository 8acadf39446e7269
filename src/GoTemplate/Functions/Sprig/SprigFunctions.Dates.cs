using System.Globalization;
using GitOpsHQ.GoTemplate.Functions.Sprig.Time;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    /// <summary>
    /// Sprig's date functions over Go time values: <c>now</c>, formatting with Go layouts in the local or a named
    /// zone, parsing, duration texts and arithmetic. A date argument that is not a time or an integer count of
    /// seconds means "now", as in Sprig.
    /// </summary>
    private static IEnumerable<GoFunction> Dates(SprigOptions options)
    {
        var clock = new SprigClock(options);
        var time = GoTime.TimeType;
        return
        [
            Fn("now", [], time, (_, _) => clock.Now()),
            Fn("date", [S, A], S, (_, a) => clock.FormatIn((string)a[0]!, a[1], "Local")),
            Fn("dateInZone", [S, A, S], S, (_, a) => clock.FormatIn((string)a[0]!, a[1], (string)a[2]!)),
            Fn("date_in_zone", [S, A, S], S, (_, a) => clock.FormatIn((string)a[0]!, a[1], (string)a[2]!)),
            Fn("htmlDate", [A], S, (_, a) => clock.FormatIn("2006-01-02", a[0], "Local")),
            Fn("htmlDateInZone", [A, S], S, (_, a) => clock.FormatIn("2006-01-02", a[0], (string)a[1]!)),
            Fn("dateModify", [S, time], time, (_, a) => Modify((string)a[0]!, (GoTime)a[1]!, strict: false)),
            Fn("date_modify", [S, time], time, (_, a) => Modify((string)a[0]!, (GoTime)a[1]!, strict: false)),
            Fn("mustDateModify", [S, time], time, (_, a) => Modify((string)a[0]!, (GoTime)a[1]!, strict: true)),
            Fn("must_date_modify", [S, time], time, (_, a) => Modify((string)a[0]!, (GoTime)a[1]!, strict: true)),
            Fn("ago", [A], S, (_, a) => GoDuration.Format(GoDuration.Round(clock.Since(clock.AgoTime(a[0])), GoDuration.Second))),
            Fn("duration", [A], S, (_, a) => GoDuration.Format(unchecked(DurationSeconds(a[0]) * GoDuration.Second))),
            Fn("durationRound", [A], S, (_, a) => RoundedDuration(clock.DurationOf(a[0]))),
            Fn("toDate", [S, S], time, (_, a) => GoTimeLayout.TryParse((string)a[0]!, (string)a[1]!, clock.Local, out var t) is null ? t : GoTime.Zero),
            Fn("mustToDate", [S, S], time, (_, a) => GoTimeLayout.TryParse((string)a[0]!, (string)a[1]!, clock.Local, out var t) is { } error
                ? throw new FunctionException(error)
                : t),
            Fn("unixEpoch", [time], S, (_, a) => ((GoTime)a[0]!).UnixSeconds.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    // dateModify: the time plus a Go duration; an invalid duration leaves the time as it is (or fails, for the must form).
    private static GoTime Modify(string duration, GoTime time, bool strict)
    {
        if (GoDuration.TryParse(duration, out var d) is { } error)
        {
            return strict ? throw new FunctionException(error) : time;
        }
        return time.Add(d);
    }

    // duration: a count of seconds given as an int64 or as decimal text (an out-of-range text saturates, as Go's ParseInt does).
    private static long DurationSeconds(object? value) => value switch
    {
        long n => n,
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        string s when s.Length > 1 && s.TrimStart('-', '+').Length == s.Length - 1 && s[1..].All(char.IsAsciiDigit) =>
            s[0] == '-' ? long.MinValue : long.MaxValue,
        string s when s.Length > 0 && s.All(char.IsAsciiDigit) => long.MaxValue,
        _ => 0,
    };

    // durationRound: the largest whole unit (years of 365 days, months of 30) that the duration exceeds.
    private static string RoundedDuration(long d)
    {
        var u = d < 0 ? unchecked((ulong)-d) : (ulong)d;
        const ulong Day = 24 * (ulong)GoDuration.Hour;
        (ulong Size, string Unit)[] units =
        [
            (365 * Day, "y"), (30 * Day, "mo"), (Day, "d"), ((ulong)GoDuration.Hour, "h"),
            ((ulong)GoDuration.Minute, "m"), ((ulong)GoDuration.Second, "s"),
        ];
        foreach (var (size, unit) in units)
        {
            if (u > size)
            {
                return (u / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }
        return "0s";
    }

    /// <summary>The clock and local zone the date functions read, per <see cref="SprigOptions"/>.</summary>
    private sealed class SprigClock(SprigOptions options)
    {
        public GoLocation Local { get; } = options.Deterministic ? GoLocation.Utc : GoLocation.LocalFor(options.TimeProvider);

        /// <summary><c>now</c>: the fixed instant in deterministic mode, else the clock with a monotonic reading.</summary>
        public GoTime Now() => options.Deterministic
            ? GoTime.Now(SprigOptions.FixedNow, GoLocation.Utc, monotonic: false)
            : Read();

        // Every other reading of the clock is real, as only `now` is fixed in deterministic mode.
        private GoTime Read() => GoTime.Now(options.TimeProvider.GetUtcNow(), Local, monotonic: true);

        public long Since(GoTime t) => Read().Sub(t);

        /// <summary>A date argument as Sprig's date formatting takes it: a time, or Unix seconds as int64, int or int32.</summary>
        private GoTime TimeOf(object? value, bool acceptInt32) => value switch
        {
            GoTime t => t,
            long seconds => new GoTime(seconds, 0, Local),
            nint seconds => new GoTime(seconds, 0, Local),
            int seconds when acceptInt32 => new GoTime(seconds, 0, Local),
            _ => Read(),
        };

        public GoTime AgoTime(object? value) => TimeOf(value, acceptInt32: false);

        public string FormatIn(string layout, object? date, string zone) =>
            TimeOf(date, acceptInt32: true).In(GoLocation.Load(zone, Local) ?? GoLocation.Utc).Format(layout);

        /// <summary>durationRound's argument: a Go duration text, nanoseconds as int64, or the time since a time.</summary>
        public long DurationOf(object? value) => value switch
        {
            string s => GoDuration.TryParse(s, out var d) is null ? d : 0,
            long n => n,
            GoTime t => Since(t),
            _ => 0,
        };
    }
}
