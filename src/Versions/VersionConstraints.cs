using System.Text.RegularExpressions;

namespace GitOpsHQ.Versions;

/// <summary>
/// A version constraint, the one reading for the whole product — chart dependency versions, kubeVersion, Sprig's
/// <c>semverCompare</c> — as Helm reads it (Masterminds semver v3): alternatives separated by
/// <c>||</c>, each a list of comparisons joined by spaces or commas (all must hold). A comparison is an operator
/// (<c>= != &gt; &lt; &gt;= =&gt; &lt;= =&lt; ~ ~&gt; ^</c>, none meaning <c>=</c>) and a version that may use
/// <c>x</c>, <c>X</c> or <c>*</c> wildcards or omit minor and patch; <c>A - B</c> is <c>&gt;= A, &lt;= B</c>.
/// A prerelease version satisfies a comparison only when that comparison names a prerelease itself.
/// </summary>
public sealed class VersionConstraints
{
    // The library's grammar: whitespace is ASCII, version parts may hold digits, x, X, * and '|'.
    private const string Space = @"[\t\n\f\r ]";
    private const string Operators = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
    private const string Part = @"[0-9|xX*]+";
    private const string Identifiers = @"[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*";
    private const string Version = @"v?(" + Part + @")(\." + Part + @")?(\." + Part + @")?(-" + Identifiers + @")?(?:\+" + Identifiers + ")?";
    private const string PlainVersion = @"v?" + Part + @"(?:\." + Part + @")?(?:\." + Part + @")?(?:-" + Identifiers + @")?(?:\+" + Identifiers + ")?";

    private static readonly Regex ComparisonSyntax = Build(@"\A" + Space + "*(" + Operators + ")" + Space + "*(" + Version + ")" + Space + @"*\z");

    private static readonly Regex HyphenRange = Build(Space + "*(" + PlainVersion + ")" + Space + "+-" + Space + "+(" + PlainVersion + ")" + Space + "*");

    private static readonly Regex FindComparison = Build("(?:" + Operators + ")" + Space + "*" + PlainVersion);

    private static readonly Regex ValidList = Build(@"\A(?:" + Space + "*(?:" + Operators + ")" + Space + "*" + PlainVersion + Space + "*)(?:(?:" + Space + "+|," + Space + "*)(?:" + Operators + ")" + Space + "*" + PlainVersion + Space + @"*)*\z");

    // The non-backtracking engine keeps every constraint text linear to check, however it is written.
    private static Regex Build(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private readonly List<List<Comparison>> _alternatives;

    private VersionConstraints(List<List<Comparison>> alternatives) => _alternatives = alternatives;

    private const int MaxLength = 512;

    /// <summary>A constraint as <see cref="Parse"/> reads it, or null when it is malformed or longer than 512 characters.</summary>
    public static VersionConstraints? TryParse(string text)
    {
        if (text.Trim().Length == 0 || text.Length > MaxLength)
        {
            return null;
        }
        try
        {
            return Parse(text);
        }
        catch (VersionFormatException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="version"/> (read loosely) satisfies <paramref name="constraint"/>; false when either cannot be read.</summary>
    public static bool Satisfies(string constraint, string version) =>
        TryParse(constraint) is { } constraints && SemanticVersion.TryParse(version) is { } parsed && constraints.IsSatisfiedBy(parsed);

    /// <summary>Reads a constraint; a malformed one throws <see cref="VersionFormatException"/> with the library's message.</summary>
    public static VersionConstraints Parse(string text)
    {
        text = RewriteRanges(text);
        var alternatives = new List<List<Comparison>>();
        foreach (var alternative in text.Split("||"))
        {
            if (!ValidList.IsMatch(alternative))
            {
                throw new VersionFormatException("improper constraint: " + alternative);
            }
            alternatives.Add([.. FindComparison.Matches(alternative).Select(m => ParseComparison(m.Value))]);
        }
        return new VersionConstraints(alternatives);
    }

    /// <summary>Whether the version satisfies every comparison of at least one alternative.</summary>
    public bool IsSatisfiedBy(SemanticVersion version) => _alternatives.Any(a => a.All(c => c.Check(version)));

    // Each "A - B" becomes ">= A, <= B" (the first occurrence of its text, with the spaces around it).
    private static string RewriteRanges(string text)
    {
        var result = text;
        foreach (Match m in HyphenRange.Matches(text))
        {
            var index = result.IndexOf(m.Value, StringComparison.Ordinal);
            result = result[..index] + $">= {m.Groups[1].Value}, <= {m.Groups[2].Value}" + result[(index + m.Value.Length)..];
        }
        return result;
    }

    private static Comparison ParseComparison(string text)
    {
        var m = ComparisonSyntax.Match(text);
        if (!m.Success)
        {
            throw new VersionFormatException("improper constraint: " + text);
        }
        var op = m.Groups[1].Value;
        var version = m.Groups[2].Value;
        var (major, minor, patch, prerelease) = (m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value, m.Groups[6].Value);
        var minorDirty = false;
        var patchDirty = false;
        var dirty = true;
        if (IsWildcard(major) || major.Length == 0)
        {
            version = "0.0.0" + prerelease;
        }
        else if (minor.Length == 0 || IsWildcard(minor[1..]))
        {
            minorDirty = true;
            version = major + ".0.0" + prerelease;
        }
        else if (patch.Length == 0 || IsWildcard(patch[1..]))
        {
            patchDirty = true;
            version = major + minor + ".0" + prerelease;
        }
        else
        {
            dirty = false;
        }
        SemanticVersion parsed;
        try
        {
            parsed = SemanticVersion.Parse(version);
        }
        catch (VersionFormatException)
        {
            throw new VersionFormatException("constraint Parser Error");
        }
        return new Comparison(op, parsed, dirty, minorDirty, patchDirty);
    }

    private static bool IsWildcard(string s) => s is "x" or "X" or "*";

    /// <summary>One operator applied to one (possibly wildcarded) version.</summary>
    private sealed record Comparison(string Operator, SemanticVersion Version, bool Dirty, bool MinorDirty, bool PatchDirty)
    {
        public bool Check(SemanticVersion v)
        {
            if (Operator != "!=" && v.Prerelease.Length > 0 && Version.Prerelease.Length == 0)
            {
                return false;
            }
            return Operator switch
            {
                "" or "=" => Dirty ? Tilde(v) : v.CompareTo(Version) == 0,
                "!=" => NotEqual(v),
                ">" => GreaterThan(v),
                "<" => v.CompareTo(Version) < 0,
                ">=" or "=>" => v.CompareTo(Version) >= 0,
                "<=" or "=<" => LessThanOrEqual(v),
                "~" or "~>" => Tilde(v),
                _ => Caret(v),
            };
        }

        private bool NotEqual(SemanticVersion v)
        {
            if (Dirty)
            {
                if (v.Prerelease.Length > 0 && Version.Prerelease.Length == 0)
                {
                    return false;
                }
                if (Version.Major != v.Major)
                {
                    return true;
                }
                if (Version.Minor != v.Minor && !MinorDirty)
                {
                    return true;
                }
                if (MinorDirty)
                {
                    return false;
                }
                if (Version.Patch != v.Patch && !PatchDirty)
                {
                    return true;
                }
                if (PatchDirty)
                {
                    return (v.Prerelease.Length > 0 || Version.Prerelease.Length > 0)
                        && SemanticVersion.ComparePrerelease(v.Prerelease, Version.Prerelease) != 0;
                }
            }
            return v.CompareTo(Version) != 0;
        }

        private bool GreaterThan(SemanticVersion v)
        {
            if (!Dirty)
            {
                return v.CompareTo(Version) > 0;
            }
            if (v.Major != Version.Major)
            {
                return v.Major > Version.Major;
            }
            if (MinorDirty)
            {
                return false;
            }
            if (PatchDirty)
            {
                return v.Minor > Version.Minor;
            }
            return v.CompareTo(Version) > 0;
        }

        private bool LessThanOrEqual(SemanticVersion v)
        {
            if (!Dirty)
            {
                return v.CompareTo(Version) <= 0;
            }
            if (v.Major > Version.Major)
            {
                return false;
            }
            return !(v.Major == Version.Major && v.Minor > Version.Minor && !MinorDirty);
        }

        private bool Tilde(SemanticVersion v)
        {
            if (v.CompareTo(Version) < 0)
            {
                return false;
            }
            if (Version is { Major: 0, Minor: 0, Patch: 0 } && !MinorDirty && !PatchDirty)
            {
                return true;
            }
            return v.Major == Version.Major && (v.Minor == Version.Minor || MinorDirty);
        }

        private bool Caret(SemanticVersion v)
        {
            if (v.CompareTo(Version) < 0)
            {
                return false;
            }
            if (Version.Major > 0 || MinorDirty)
            {
                return v.Major == Version.Major;
            }
            if (v.Major > 0)
            {
                return false;
            }
            if (Version.Minor > 0 || PatchDirty)
            {
                return v.Minor == Version.Minor;
            }
            return v.Minor == 0 && v.Patch == Version.Patch;
        }
    }
}
