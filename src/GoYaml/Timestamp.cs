using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// Plain scalars YAML reads as timestamps (2001-12-14, 2001-12-14T21:59:43.10-05:00, ...),
/// written back the way Go's JSON encoder prints a time (RFC 3339 with trimmed fractions).
/// </summary>
public static partial class Timestamp
{
    public static string? Parse(string text)
    {
        var match = Syntax().Match(text);
        if (!match.Success)
        {
            return null;
        }

        int Part(string name, int fallback = 0) =>
            match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : fallback;

        var (year, month, day) = (Part("y"), Part("m"), Part("d"));
        var (hour, minute, second) = (Part("H"), Part("M"), Part("S"));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        var fraction = match.Groups["f"].Success ? match.Groups["f"].Value[1..] : "";
        fraction = fraction.Length > 9 ? fraction[..9] : fraction;
        fraction = fraction.TrimEnd('0');
        var zone = match.Groups["z"].Value;
        zone = zone is "" or "Z" or "+00:00" or "-00:00" ? "Z" : zone;
        return string.Create(CultureInfo.InvariantCulture,
            $"{year:D4}-{month:D2}-{day:D2}T{hour:D2}:{minute:D2}:{second:D2}{(fraction.Length > 0 ? "." + fraction : "")}{zone}");
    }

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:(?:[Tt](?<H>[0-9]{1,2}):(?<M>[0-9]{1,2}):(?<S>[0-9]{1,2})(?<f>\.[0-9]+)?(?<z>Z|[-+][0-9]{2}:[0-9]{2}))|(?: (?<H>[0-9]{1,2}):(?<M>[0-9]{1,2}):(?<S>[0-9]{1,2})(?<f>\.[0-9]+)?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
