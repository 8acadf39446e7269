using System.Text.RegularExpressions;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Catalog;

/// <summary>Artifact names are lowercase DNS-1123 labels: they appear in URLs, OCI repositories and file names.</summary>
public static partial class ArtifactName
{
    public const string Rule =
        "an artifact name must be a lowercase DNS-1123 label: 1 to 63 characters, a-z, 0-9 and '-', starting and ending with a letter or digit";

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Label();

    public static bool IsValid(string? name) => name is not null && Label().IsMatch(name);

    public static string Require(string? name) =>
        IsValid(name) ? name! : throw new ProductException(ErrorCode.NameInvalid, $"'{name}' is not a valid name: {Rule}.");
}
