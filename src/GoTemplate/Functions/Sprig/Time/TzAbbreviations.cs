using System.Buffers.Binary;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Time;

/// <summary>
/// Zone abbreviations from a tzdata (TZif) file: the local-time types with their abbreviations, the transition
/// times between them, and the names in the file's POSIX rule for times after the last transition.
/// </summary>
internal sealed class TzAbbreviations
{
    private readonly long[] _transitions;
    private readonly byte[] _typeIndexes;
    private readonly (int Offset, bool IsDst, string Name)[] _types;
    private readonly string? _standardName;
    private readonly string? _daylightName;

    private TzAbbreviations(long[] transitions, byte[] typeIndexes, (int, bool, string)[] types, string? standard, string? daylight)
    {
        _transitions = transitions;
        _typeIndexes = typeIndexes;
        _types = types;
        _standardName = standard;
        _daylightName = daylight;
    }

    /// <summary>The abbreviations of a zone, or null when its tzdata file cannot be found or read.</summary>
    public static TzAbbreviations? For(TimeZoneInfo zone)
    {
        try
        {
            var path = FileFor(zone);
            return path is not null && File.Exists(path) ? Parse(File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static string? FileFor(TimeZoneInfo zone)
    {
        var directory = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } dir ? dir : "/usr/share/zoneinfo";
        if (zone == TimeZoneInfo.Local)
        {
            var tz = Environment.GetEnvironmentVariable("TZ");
            if (tz is null)
            {
                return "/etc/localtime";
            }
            tz = tz.TrimStart(':');
            return Path.IsPathRooted(tz) ? tz : Path.Combine(directory, tz);
        }
        return Path.Combine(directory, zone.Id);
    }

    /// <summary>The zones (abbreviation and offset) the file defines, in its order.</summary>
    public IReadOnlyList<(string Name, int Offset)> Zones => [.. _types.Select(t => (t.Name, t.Offset))];

    /// <summary>The abbreviation at an instant, if one of the file's types has the given offset and daylight flag.</summary>
    public string? At(long unixSeconds, int offset, bool isDst)
    {
        var afterLast = _transitions.Length > 0 && unixSeconds >= _transitions[^1];
        if (afterLast && _standardName is not null)
        {
            return isDst && _daylightName is not null ? _daylightName : _standardName;
        }
        if (_transitions.Length > 0 && unixSeconds >= _transitions[0])
        {
            var i = Array.BinarySearch(_transitions, unixSeconds);
            i = i >= 0 ? i : ~i - 1;
            var type = _types[_typeIndexes[i]];
            if (type.Offset == offset)
            {
                return type.Name;
            }
        }
        for (var i = _types.Length - 1; i >= 0; i--)
        {
            if (_types[i].Offset == offset && _types[i].IsDst == isDst)
            {
                return _types[i].Name;
            }
        }
        foreach (var type in _types)
        {
            if (type.Offset == offset)
            {
                return type.Name;
            }
        }
        return _types.Length == 1 ? _types[0].Name : null;
    }

    private static TzAbbreviations Parse(byte[] data)
    {
        if (data.Length < 44 || Encoding.ASCII.GetString(data, 0, 4) != "TZif")
        {
            throw new FormatException("not a TZif file");
        }
        var version = data[4];
        var header = Counts(data, 0);
        var timeSize = 4;
        var start = 44;
        if (version >= '2')
        {
            // Skip the 32-bit block; the 64-bit one follows with its own header.
            start += BlockLength(header, 4);
            header = Counts(data, start);
            start += 44;
            timeSize = 8;
        }
        var (timeCount, typeCount, charCount, _, _, _) = header;
        var transitions = new long[timeCount];
        var at = start;
        for (var i = 0; i < timeCount; i++, at += timeSize)
        {
            transitions[i] = timeSize == 8
                ? BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(at))
                : BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at));
        }
        var indexes = data.AsSpan(at, timeCount).ToArray();
        at += timeCount;
        var rawTypes = new (int Offset, bool IsDst, int NameIndex)[typeCount];
        for (var i = 0; i < typeCount; i++, at += 6)
        {
            rawTypes[i] = (BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at)), data[at + 4] != 0, data[at + 5]);
        }
        var chars = data.AsSpan(at, charCount).ToArray();
        var types = rawTypes.Select(t => (t.Offset, t.IsDst, NameAt(chars, t.NameIndex))).ToArray();
        string? standard = null, daylight = null;
        if (version >= '2')
        {
            var footerStart = start + BlockLength(header, 8);
            if (footerStart < data.Length && data[footerStart] == '\n')
            {
                var footer = Encoding.ASCII.GetString(data, footerStart + 1, data.Length - footerStart - 1).TrimEnd('\n');
                (standard, daylight) = RuleNames(footer);
            }
        }
        return new TzAbbreviations(transitions, indexes, types, standard, daylight);
    }

    private static (int Times, int Types, int Chars, int Utc, int Std, int Leap) Counts(byte[] data, int offset)
    {
        int Read(int field) => BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(offset + 20 + (4 * field)));
        return (Read(3), Read(4), Read(5), Read(0), Read(1), Read(2));
    }

    // The length of a data block after its header: times, indexes, types, names, leap seconds and two flag arrays.
    private static int BlockLength((int Times, int Types, int Chars, int Utc, int Std, int Leap) c, int timeSize) =>
        (c.Times * timeSize) + c.Times + (c.Types * 6) + c.Chars + (c.Leap * (timeSize + 4)) + c.Std + c.Utc;

    private static string NameAt(byte[] chars, int index)
    {
        var end = Array.IndexOf(chars, (byte)0, index);
        return Encoding.ASCII.GetString(chars, index, (end < 0 ? chars.Length : end) - index);
    }

    // The standard and daylight names of a POSIX TZ rule such as "CET-1CEST,M3.5.0,M10.5.0/3" or "<+03>-3".
    private static (string?, string?) RuleNames(string rule)
    {
        var i = 0;
        var standard = Name(rule, ref i);
        if (standard is null)
        {
            return (null, null);
        }
        while (i < rule.Length && (char.IsAsciiDigit(rule[i]) || rule[i] is '+' or '-' or ':'))
        {
            i++;
        }
        return (standard, i < rule.Length ? Name(rule, ref i) : null);
    }

    private static string? Name(string rule, ref int i)
    {
        if (i < rule.Length && rule[i] == '<')
        {
            var end = rule.IndexOf('>', i);
            if (end < 0)
            {
                return null;
            }
            var quoted = rule[(i + 1)..end];
            i = end + 1;
            return quoted;
        }
        var start = i;
        while (i < rule.Length && char.IsAsciiLetter(rule[i]))
        {
            i++;
        }
        return i - start >= 3 ? rule[start..i] : null;
    }
}
