using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// A kustomization entry naming a directory of a remote Git repository, in the URL forms kustomize
/// understands: <c>https://HOST/PATH/NAME.git?ref=REF</c>, <c>…NAME.git//SUBDIR?ref=REF</c> (or
/// <c>/SUBDIR</c> after <c>.git</c>), and <c>https://HOST/PATH//SUBDIR?ref=REF</c>, and <c>https://github.com/ORG/REPO/SUBDIR</c>; <c>version=</c> is
/// accepted for <c>ref=</c>, other query parameters (timeout, submodules) are ignored.
/// </summary>
public sealed record RemoteGitSource(string Repository, string Ref, string Directory)
{
    /// <summary>Hosts whose repositories are always ORG/REPO, so the rest of the path is a directory.</summary>
    private static readonly string[] WellKnownHosts = ["github.com", "gitlab.com", "bitbucket.org"];

    /// <summary>The key a resolver is asked for: the repository URL with its ref (no sub-directory).</summary>
    public string Url => Ref.Length == 0 ? Repository : $"{Repository}?ref={Ref}";

    /// <summary>The remote Git directory an entry names, or null when it is not a Git URL (a plain file URL).</summary>
    public static RemoteGitSource? Parse(string entry)
    {
        var (address, query) = entry.IndexOf('?') is var q and >= 0 ? (entry[..q], entry[(q + 1)..]) : (entry, "");
        if (address.StartsWith("git::", StringComparison.Ordinal))
        {
            address = address[5..];
        }

        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return null;
        }

        var afterHost = address.IndexOf('/', scheme + 3);
        if (afterHost < 0)
        {
            return null;
        }

        string repository;
        string directory;
        var dotGit = address.IndexOf(".git", afterHost, StringComparison.Ordinal);
        while (dotGit >= 0 && dotGit + 4 < address.Length && address[dotGit + 4] != '/')
        {
            dotGit = address.IndexOf(".git", dotGit + 4, StringComparison.Ordinal);
        }

        if (dotGit >= 0)
        {
            repository = address[..(dotGit + 4)];
            directory = address[(dotGit + 4)..];
        }
        else if (address.IndexOf("//", afterHost, StringComparison.Ordinal) is var split and >= 0)
        {
            repository = address[..split];
            directory = address[split..];
        }
        else if (WellKnownHosts.Contains(address[(scheme + 3)..afterHost], StringComparer.OrdinalIgnoreCase)
                 && address[(afterHost + 1)..].Split('/') is { Length: >= 2 } parts)
        {
            repository = $"{address[..afterHost]}/{parts[0]}/{parts[1]}";
            directory = string.Join('/', parts.Skip(2));
        }
        else
        {
            return null;
        }

        var reference = "";
        foreach (var parameter in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = parameter.IndexOf('=') is var eq and >= 0 ? (parameter[..eq], parameter[(eq + 1)..]) : (parameter, "");
            if (name is "ref" or "version")
            {
                reference = Uri.UnescapeDataString(value);
            }
        }

        return new RemoteGitSource(repository, reference, directory.Trim('/'));
    }
}

/// <summary>Finds the files of remote repositories a kustomization references.</summary>
public interface IRemoteSources
{
    /// <summary>The repository's files at the ref of <paramref name="source"/>, or null when they have not been fetched.</summary>
    FileSet? Find(RemoteGitSource source);
}

/// <summary>Remote sources fetched ahead of a build, by <see cref="RemoteGitSource.Url"/>.</summary>
public sealed class FetchedRemoteSources(IReadOnlyDictionary<string, FileSet> sources) : IRemoteSources
{
    public FileSet? Find(RemoteGitSource source) => sources.GetValueOrDefault(source.Url);
}

/// <summary>
/// A build needs a remote source it was not given; the caller fetches <see cref="Url"/> and builds again.
/// </summary>
public sealed class RemoteSourceMissingException(string url)
    : Exception($"the remote source {url} has not been fetched")
{
    public string Url { get; } = url;
}
