namespace GitOpsHQ.GoTemplate.Functions.Sprig.Time;

/// <summary>
/// Go's <c>*time.Location</c>: UTC, the local zone (named <c>Local</c>), an IANA zone, or a fixed offset that
/// parsing made up. Offsets and daylight saving come from <see cref="TimeZoneInfo"/>; zone abbreviations
/// (<c>CET</c>, <c>EST</c>, <c>+03</c>) from the zone's tzdata file, as Go reads them.
/// </summary>
public sealed class GoLocation
{
    private readonly TimeZoneInfo? _zone;
    private readonly int _fixedOffset;
    private readonly TzAbbreviations? _abbreviations;

    private GoLocation(string name, TimeZoneInfo? zone, int fixedOffset)
    {
        Name = name;
        _zone = zone;
        _fixedOffset = fixedOffset;
        _abbreviations = zone is null || zone == TimeZoneInfo.Utc ? null : TzAbbreviations.For(zone);
        FixedName = name;
    }

    public static readonly GoLocation Utc = new("UTC", null, 0);

    /// <summary>The name Go prints for the location: <c>UTC</c>, <c>Local</c>, <c>Europe/Paris</c> or a fixed zone's name.</summary>
    public string Name { get; }

    private string FixedName { get; }

    public bool IsUtc => ReferenceEquals(this, Utc);

    /// <summary>
    /// Go's <c>time.Local</c> for a clock. For the system clock Go's rules apply: without TZ the zone of
    /// /etc/localtime, named <c>Local</c> (UTC when there is none); with TZ the named zone under its own name; UTC
    /// for an empty TZ, for <c>UTC</c> or a zone that cannot be loaded. Another clock's zone is named by its id, as
    /// if TZ named it.
    /// </summary>
    public static GoLocation LocalFor(TimeProvider clock)
    {
        if (clock != TimeProvider.System)
        {
            var zone = clock.LocalTimeZone;
            return zone == TimeZoneInfo.Utc || zone.Id == "UTC" ? Utc : new GoLocation(zone.Id, zone, 0);
        }
        var tz = Environment.GetEnvironmentVariable("TZ");
        if (tz is null)
        {
            return File.Exists("/etc/localtime") ? new GoLocation("Local", TimeZoneInfo.Local, 0) : Utc;
        }
        tz = tz.StartsWith(':') ? tz[1..] : tz;
        if (tz.Length == 0 || tz == "UTC")
        {
            return Utc;
        }
        if (tz.StartsWith('/'))
        {
            return File.Exists(tz) ? new GoLocation(tz == "/etc/localtime" ? "Local" : tz, TimeZoneInfo.Local, 0) : Utc;
        }
        return Find(tz) ?? Utc;
    }

    /// <summary>A zone with a fixed offset in seconds east of UTC and the given abbreviation (possibly empty).</summary>
    public static GoLocation Fixed(string name, int offsetSeconds) => new(name, null, offsetSeconds);

    /// <summary>
    /// Go's <c>time.LoadLocation</c>: "" and <c>UTC</c> are UTC, <c>Local</c> the local zone, anything else an IANA
    /// zone name; null when there is no such zone.
    /// </summary>
    public static GoLocation? Load(string name, GoLocation local)
    {
        switch (name)
        {
            case "" or "UTC":
                return Utc;
            case "Local":
                return local;
        }
        if (name.StartsWith('/') || name.Contains("..", StringComparison.Ordinal) || name.Contains('\\'))
        {
            return null;
        }
        return Loaded.GetOrAdd(name, Find);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, GoLocation?> Loaded = new(StringComparer.Ordinal);

    private static GoLocation? Find(string name)
    {
        try
        {
            return new GoLocation(name, TimeZoneInfo.FindSystemTimeZoneById(name), 0);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The abbreviation and offset (seconds east of UTC) in effect at an instant.</summary>
    public (string Abbreviation, int Offset) Lookup(long unixSeconds)
    {
        if (_zone is null)
        {
            return (IsUtc ? "UTC" : FixedName, _fixedOffset);
        }
        var instant = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, MinUnix, MaxUnix)).UtcDateTime;
        var offset = (int)_zone.GetUtcOffset(instant).TotalSeconds;
        if (_zone == TimeZoneInfo.Utc || _zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" or "Universal" or "Zulu" or "Etc/Zulu")
        {
            return ("UTC", offset);
        }
        var isDst = _zone.IsDaylightSavingTime(instant);
        return (_abbreviations?.At(unixSeconds, offset, isDst) ?? NumericName(offset), offset);
    }

    /// <summary>
    /// Go's lookup of a zone abbreviation in a location: the offset of a zone of that name in effect at the
    /// instant, else of any zone of that name; null when the location has no such zone.
    /// </summary>
    public int? OffsetOfName(string name, long unixSeconds)
    {
        var candidates = _zone is null
            ? [(FixedName.Length == 0 && IsUtc ? "UTC" : Lookup(0).Abbreviation, _fixedOffset)]
            : _abbreviations?.Zones ?? [];
        foreach (var (zoneName, offset) in candidates)
        {
            if (zoneName == name && Lookup(unixSeconds - offset).Abbreviation == name)
            {
                return Lookup(unixSeconds - offset).Offset;
            }
        }
        foreach (var (zoneName, offset) in candidates)
        {
            if (zoneName == name)
            {
                return offset;
            }
        }
        return null;
    }

    /// <summary>Go's offset for a wall-clock time in this location (seconds east of UTC).</summary>
    public int OffsetForLocal(long localSeconds)
    {
        var (_, guess) = Lookup(localSeconds);
        if (guess == 0)
        {
            return 0;
        }
        var (_, actual) = Lookup(localSeconds - guess);
        return actual;
    }

    private static readonly long MinUnix = DateTimeOffset.MinValue.ToUnixTimeSeconds() + 86400;
    private static readonly long MaxUnix = DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 86400;

    // tzdata's name for a zone without letters: +03, -0330.
    private static string NumericName(int offset)
    {
        var sign = offset < 0 ? '-' : '+';
        var minutes = Math.Abs(offset) / 60;
        return minutes % 60 == 0 ? $"{sign}{minutes / 60:00}" : $"{sign}{minutes / 60:00}{minutes % 60:00}";
    }

    public override string ToString() => Name;
}
