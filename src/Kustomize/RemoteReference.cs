using System.Text.RegularExpressions;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// References kustomize fetches from elsewhere: URLs, git remotes and repository paths on
/// well-known hosts (github.com/org/repo//dir?ref=v1).
/// </summary>
public static partial class RemoteReference
{
    private static readonly string[] Hosts = ["github.com/", "gitlab.com/", "bitbucket.org/", "dev.azure.com/", "ssh.dev.azure.com/"];

    public static bool Is(string reference) =>
        Scheme().IsMatch(reference)
        || reference.StartsWith("git@", StringComparison.Ordinal)
        || reference.StartsWith("git::", StringComparison.Ordinal)
        || Hosts.Any(host => reference.StartsWith(host, StringComparison.OrdinalIgnoreCase))
        || reference.Contains("?ref=", StringComparison.Ordinal)
        || reference.Contains("?version=", StringComparison.Ordinal);

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*://", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}
