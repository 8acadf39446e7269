using System.Text.RegularExpressions;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// A version is any string that can be served everywhere a version goes: a Git tag name and,
/// after Helm's '+' → '_', an OCI tag. That leaves letters, digits, '.', '_', '-' and '+', at most
/// 128 characters, not starting with '.', '-', with no "..", not ending in '.' or ".lock".
/// </summary>
public static partial class VersionTag
{
    public const string Rule =
        "a version must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', '-' and '+', start with a letter, digit, '_' or '+', " +
        "and be a valid Git tag (no \"..\", not ending in '.' or \".lock\"); SemVer such as 1.2.0 is recommended";

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "main", "HEAD" };

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex OciTagPattern();

    /// <summary>The OCI tag of a version (Helm's rule: '+' becomes '_').</summary>
    public static string ToOciTag(string version) => version.Replace('+', '_');

    public static bool IsValid(string? version, out string reason)
    {
        reason = Rule;
        if (string.IsNullOrEmpty(version)) return false;
        if (!OciTagPattern().IsMatch(ToOciTag(version))) return false;
        if (version.Contains("..") || version.EndsWith('.') || version.EndsWith(".lock", StringComparison.Ordinal)) return false;
        if (Reserved.Contains(version))
        {
            reason = $"'{version}' is reserved for the working copy";
            return false;
        }
        return true;
    }

    public static string Require(string? version) =>
        IsValid(version, out var reason)
            ? version!
            : throw new ProductException(ErrorCode.VersionInvalid, $"'{version}' is not a valid version: {reason}.");
}
