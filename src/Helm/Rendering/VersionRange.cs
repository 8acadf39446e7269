using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Whether a version satisfies a range as Helm checks <c>kubeVersion</c> and dependency versions: alternatives
/// joined by <c>||</c>, each a list of comparisons (<c>=</c>, <c>!=</c>, <c>&gt;</c>, <c>&lt;</c>, <c>&gt;=</c>,
/// <c>&lt;=</c>, <c>~</c>, <c>^</c>) separated by commas or spaces, hyphen ranges, and <c>x</c>/<c>*</c> wildcards.
/// A pre-release version only satisfies a comparison (other than an exact <c>!=</c>) whose own version is a pre-release. An empty or unreadable
/// range is satisfied by nothing.
/// </summary>
public static partial class VersionRange
{
    private const int MaxLength = 512;

    public static bool Satisfies(string range, string version)
    {
        if (range.Trim().Length == 0 || range.Length > MaxLength || Parse(version) is not { } v)
        {
            return false;
        }
        var alternatives = new List<List<Comparison>>();
        foreach (var alternative in range.Split("||"))
        {
            if (Comparisons(alternative) is not { } list)
            {
                return false;
            }
            alternatives.Add(list);
        }
        return alternatives.Any(list => list.All(c => c.Matches(v)));
    }

    private static List<Comparison>? Comparisons(string text)
    {
        var expanded = Hyphen().Replace(text, ">= $1, <= $2");
        var result = new List<Comparison>();
        foreach (var part in Splitter().Matches(expanded).Select(m => m.Value.Trim()).Where(p => p.Length > 0))
        {
            var match = One().Match(part);
            if (!match.Success)
            {
                return null;
            }
            if (Comparison.Create(match.Groups[1].Value, match.Groups[2].Value) is not { } comparison)
            {
                return null;
            }
            result.Add(comparison);
        }
        return result.Count > 0 ? result : null;
    }

    /// <summary>A loose semantic version: optional <c>v</c>, one to three numbers, pre-release and build parts.</summary>
    internal static SemanticVersion? Parse(string text)
    {
        var match = VersionText().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }
        static BigInteger Number(Group g) => g.Success ? BigInteger.Parse(g.Value, CultureInfo.InvariantCulture) : BigInteger.Zero;
        return new SemanticVersion(Number(match.Groups[1]), Number(match.Groups[2]), Number(match.Groups[3]), match.Groups[4].Value);
    }

    internal sealed record SemanticVersion(BigInteger Major, BigInteger Minor, BigInteger Patch, string Prerelease) : IComparable<SemanticVersion>
    {
        public int CompareTo(SemanticVersion? other)
        {
            if (other is null)
            {
                return 1;
            }
            var c = Major.CompareTo(other.Major);
            c = c != 0 ? c : Minor.CompareTo(other.Minor);
            c = c != 0 ? c : Patch.CompareTo(other.Patch);
            return c != 0 ? c : ComparePrerelease(Prerelease, other.Prerelease);
        }

        private static int ComparePrerelease(string a, string b)
        {
            if (a == b)
            {
                return 0;
            }
            if (a.Length == 0)
            {
                return 1;
            }
            if (b.Length == 0)
            {
                return -1;
            }
            var x = a.Split('.');
            var y = b.Split('.');
            for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
            {
                if (i >= x.Length)
                {
                    return -1;
                }
                if (i >= y.Length)
                {
                    return 1;
                }
                var xNumeric = BigInteger.TryParse(x[i], NumberStyles.None, CultureInfo.InvariantCulture, out var xn);
                var yNumeric = BigInteger.TryParse(y[i], NumberStyles.None, CultureInfo.InvariantCulture, out var yn);
                var c = (xNumeric, yNumeric) switch
                {
                    (true, true) => xn.CompareTo(yn),
                    (true, false) => -1,
                    (false, true) => 1,
                    _ => string.CompareOrdinal(x[i], y[i]),
                };
                if (c != 0)
                {
                    return Math.Sign(c);
                }
            }
            return 0;
        }
    }

    private sealed record Comparison(string Operator, SemanticVersion Version, bool Dirty, bool MinorDirty, bool PatchDirty)
    {
        public static Comparison? Create(string op, string text)
        {
            var match = WildVersion().Match(text);
            if (!match.Success)
            {
                return null;
            }
            string major = match.Groups[1].Value, minor = match.Groups[2].Value, patch = match.Groups[3].Value;
            var suffix = match.Groups[4].Value;
            bool dirty = false, minorDirty = false, patchDirty = false;
            string normal;
            if (IsWild(major))
            {
                normal = "0.0.0";
                dirty = true;
            }
            else if (IsWild(minor))
            {
                normal = major + ".0.0";
                dirty = minorDirty = true;
            }
            else if (IsWild(patch))
            {
                normal = major + "." + minor + ".0";
                dirty = patchDirty = true;
            }
            else
            {
                normal = major + "." + minor + "." + patch;
            }
            return Parse(normal + suffix) is { } version
                ? new Comparison(op is "=>" ? ">=" : op is "=<" ? "<=" : op is "~>" ? "~" : op, version, dirty, minorDirty, patchDirty)
                : null;
        }

        private static bool IsWild(string part) => part is "" or "x" or "X" or "*";

        public bool Matches(SemanticVersion v)
        {
            if (v.Prerelease.Length > 0 && Version.Prerelease.Length == 0 && (Operator != "!=" || Dirty))
            {
                return false;
            }
            var compare = v.CompareTo(Version);
            return Operator switch
            {
                "" or "=" => Dirty ? InWildcard(v) : compare == 0,
                "!=" => Dirty ? !InWildcard(v) : compare != 0,
                ">" => Dirty ? GreaterDirty(v) : compare > 0,
                "<" => compare < 0,
                ">=" => compare >= 0,
                "<=" => Dirty ? LessOrEqualDirty(v) : compare <= 0,
                "~" => compare >= 0 && v.Major == Version.Major && (MinorDirty || v.Minor == Version.Minor),
                "^" => compare >= 0 && Caret(v),
                _ => false,
            };
        }

        private bool InWildcard(SemanticVersion v) =>
            MinorDirty ? v.Major == Version.Major
            : PatchDirty ? v.Major == Version.Major && v.Minor == Version.Minor
            : true;

        private bool GreaterDirty(SemanticVersion v) =>
            v.Major > Version.Major || (v.Major == Version.Major && !MinorDirty && PatchDirty && v.Minor > Version.Minor);

        private bool LessOrEqualDirty(SemanticVersion v) =>
            v.Major < Version.Major || (v.Major == Version.Major && (MinorDirty || (PatchDirty && v.Minor <= Version.Minor)));

        private bool Caret(SemanticVersion v) =>
            v.Major == Version.Major && (Version.Major > 0 || MinorDirty
                || (v.Minor == Version.Minor && (Version.Minor > 0 || PatchDirty || v.Patch == Version.Patch)));
    }

    [GeneratedRegex(@"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionText();

    [GeneratedRegex(@"^v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?((?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex WildVersion();

    [GeneratedRegex(@"^(!=|>=|=>|<=|=<|~>|[=<>~^]?)\s*(\S+)$", RegexOptions.CultureInvariant)]
    private static partial Regex One();

    [GeneratedRegex(@"\s*(v?[0-9xX*][^\s,]*)\s+-\s+(v?[0-9xX*][^\s,]*)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Hyphen();

    [GeneratedRegex(@"\s*(?:!=|>=|=>|<=|=<|~>|[=<>~^])?\s*[^\s,]+", RegexOptions.CultureInvariant)]
    private static partial Regex Splitter();
}
