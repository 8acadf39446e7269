using System.Text.RegularExpressions;

namespace GitOpsHQ.Plugins.Sdk;

/// <summary>
/// Rules for the name of an artifact as the caller sends it. New artifacts get names that are
/// also valid Kubernetes object names (DNS-1123 labels), since scaffolds use them as such.
/// </summary>
public static partial class ArtifactName
{
    public const int MaxLength = 63;

    /// <summary>Throws InvalidArgument unless <paramref name="name"/> is a DNS-1123 label.</summary>
    public static void RequireLabel(string name)
    {
        RequirePresent(name);
        if (name.Length > MaxLength || !Label().IsMatch(name))
        {
            throw InvalidRequest.Because(
                $"'{name}' is not a usable artifact name: use at most {MaxLength} lowercase letters, digits " +
                "and '-', starting and ending with a letter or digit (e.g. payments-api).");
        }
    }

    /// <summary>Throws InvalidArgument when the name is empty or could not be part of a file name.</summary>
    public static void RequirePresent(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw InvalidRequest.Because("The artifact name is required.");
        }

        if (name.Any(c => c == '/' || c == '\\' || char.IsWhiteSpace(c) || char.IsControl(c)) || name is "." or "..")
        {
            throw InvalidRequest.Because($"'{name}' is not a usable artifact name: no '/', '\\', spaces or control characters.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
