using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Versions;

/// <summary>
/// A semantic version, the one reading of versions for the whole product: as Helm and Sprig read it (Masterminds
/// semver v3 <c>NewVersion</c>): an optional <c>v</c>, major with optional minor and patch (<c>1.2</c> is 1.2.0), then
/// <c>-prerelease</c> and <c>+metadata</c> of dot-separated <c>[0-9A-Za-z-]</c> identifiers; numeric prerelease
/// identifiers may not start with 0. <see cref="TryParseStrict"/> is SemVer 2.0.0 exactly (what chart versions must be).
/// </summary>
public sealed partial record SemanticVersion(ulong Major, ulong Minor, ulong Patch, string Prerelease, string Metadata, string Original)
{
    private const string Identifiers = @"[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*";

    [GeneratedRegex(@"\Av?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-(" + Identifiers + @"))?(?:\+(" + Identifiers + @"))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    [GeneratedRegex(@"\A(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-(" + Identifiers + @"))?(?:\+(" + Identifiers + @"))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex StrictSyntax();

    /// <summary>Reads a version; a malformed one throws <see cref="VersionFormatException"/> with the library's message.</summary>
    public static SemanticVersion Parse(string text)
    {
        var m = Syntax().Match(text);
        if (!m.Success)
        {
            throw new VersionFormatException("Invalid Semantic Version");
        }
        var version = new SemanticVersion(
            Segment(m.Groups[1].Value),
            m.Groups[2].Success ? Segment(m.Groups[2].Value[1..]) : 0,
            m.Groups[3].Success ? Segment(m.Groups[3].Value[1..]) : 0,
            m.Groups[4].Value,
            m.Groups[5].Value,
            text);
        if (version.Prerelease.Length > 0)
        {
            ValidatePrerelease(version.Prerelease);
        }
        return version;
    }

    /// <summary>A version as <see cref="Parse"/> reads it, or null.</summary>
    public static SemanticVersion? TryParse(string text)
    {
        try
        {
            return Parse(text.Trim());
        }
        catch (VersionFormatException)
        {
            return null;
        }
    }

    /// <summary>A SemVer 2.0.0 version exactly (MAJOR.MINOR.PATCH, no leading zeros, no 'v'), or null.</summary>
    public static SemanticVersion? TryParseStrict(string text) => StrictSyntax().IsMatch(text) ? TryParse(text) : null;

    private static ulong Segment(string digits) =>
        ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new VersionFormatException($"Error parsing version segment: strconv.ParseUint: parsing \"{digits}\": value out of range");

    /// <summary>Fails for numeric identifiers with a leading zero or characters outside <c>[0-9A-Za-z-]</c>.</summary>
    public static void ValidatePrerelease(string prerelease)
    {
        foreach (var part in prerelease.Split('.'))
        {
            if (part.All(char.IsAsciiDigit))
            {
                if (part.Length > 1 && part[0] == '0')
                {
                    throw new VersionFormatException("Version segment starts with 0");
                }
            }
            else if (!part.All(IsIdentifierChar))
            {
                throw new VersionFormatException("Invalid Prerelease string");
            }
        }
    }

    public static void ValidateMetadata(string metadata)
    {
        if (!metadata.Split('.').All(p => p.All(IsIdentifierChar)))
        {
            throw new VersionFormatException("Invalid Metadata string");
        }
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    /// <summary>The canonical text: <c>MAJOR.MINOR.PATCH[-PRE][+META]</c>, without any <c>v</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}")
        + (Prerelease.Length > 0 ? "-" + Prerelease : "")
        + (Metadata.Length > 0 ? "+" + Metadata : "");

    /// <summary>
    /// Precedence: numbers first, then a release above its prereleases, prereleases compared identifier by
    /// identifier (numbers below words, a shorter list below a longer one); metadata is ignored.
    /// </summary>
    public int CompareTo(SemanticVersion other)
    {
        var d = Major.CompareTo(other.Major);
        d = d != 0 ? d : Minor.CompareTo(other.Minor);
        d = d != 0 ? d : Patch.CompareTo(other.Patch);
        if (d != 0)
        {
            return Math.Sign(d);
        }
        if (Prerelease.Length == 0 || other.Prerelease.Length == 0)
        {
            return Prerelease.Length == other.Prerelease.Length ? 0 : Prerelease.Length == 0 ? 1 : -1;
        }
        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <summary>Prerelease texts compared identifier by identifier; a missing identifier counts as empty.</summary>
    public static int ComparePrerelease(string a, string b)
    {
        var mine = a.Split('.');
        var theirs = b.Split('.');
        for (var i = 0; i < Math.Max(mine.Length, theirs.Length); i++)
        {
            var c = ComparePart(i < mine.Length ? mine[i] : "", i < theirs.Length ? theirs[i] : "");
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }

    private static int ComparePart(string s, string o)
    {
        if (s == o)
        {
            return 0;
        }
        if (s.Length == 0 || o.Length == 0)
        {
            return s.Length == 0 ? -1 : 1;
        }
        var sNumber = ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var si);
        var oNumber = ulong.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var oi);
        return (sNumber, oNumber) switch
        {
            (false, false) => string.CompareOrdinal(s, o) > 0 ? 1 : -1,
            (true, false) => -1,
            (false, true) => 1,
            _ => si > oi ? 1 : -1,
        };
    }

    /// <summary>The <c>v</c> the original text started with, kept by the Inc and Set methods.</summary>
    public string VPrefix => Original.StartsWith('v') ? "v" : "";

    /// <summary>The same version with its original text rewritten (the v prefix kept), as a changed version is.</summary>
    public SemanticVersion WithText() => this with { Original = VPrefix + ToString() };
}
