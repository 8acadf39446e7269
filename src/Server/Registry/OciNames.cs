using System.Text.RegularExpressions;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Registry;

/// <summary>Repository names and tags as the distribution spec defines them.</summary>
public static partial class OciNames
{
    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex TagPattern();

    public static string RequireRepository(string name) =>
        name.Length <= 255 && RepositoryPattern().IsMatch(name)
            ? name
            : throw new ProductException(ErrorCode.NameInvalid, $"'{name}' is not a valid repository name (lowercase path components of a-z, 0-9 and separators . _ __ -).");

    public static bool IsTag(string reference) => TagPattern().IsMatch(reference);
}
