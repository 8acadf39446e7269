using System.Text.RegularExpressions;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>
/// The version range syntax Helm accepts for kubeVersion and dependency versions: comparisons
/// (<c>&gt;=1.25.0-0</c>, <c>~1.2</c>, <c>^2</c>, <c>1.x</c>) joined by spaces or commas,
/// hyphen ranges (<c>1.2 - 1.4</c>) and alternatives separated by <c>||</c>.
/// </summary>
internal static partial class VersionConstraint
{
    private const int MaxLength = 512;

    public static bool IsValid(string constraint)
    {
        if (constraint.Length is 0 or > MaxLength)
        {
            return false;
        }

        try
        {
            return constraint.Split("||").All(alternative => Alternative().IsMatch(alternative));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private const string Part = @"(?:\d+|[xX*])";
    private const string Identifiers = @"[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*";
    private const string Version = $@"v?{Part}(?:\.{Part}){{0,2}}(?:-{Identifiers})?(?:\+{Identifiers})?";
    private const string Comparison = $@"(?:(?:!=|>=|=>|<=|=<|~>|[=<>~^])\s*)?{Version}";
    private const string Item = $@"(?:{Version}\s+-\s+{Version}|{Comparison})";

    [GeneratedRegex($@"^\s*{Item}(?:(?:\s*,\s*|\s+){Item})*\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Alternative();
}
