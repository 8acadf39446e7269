using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Features;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;
using LibGit2Sharp;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// Fetches the remote sources a render names (kustomize remote bases: a Git repository URL with a ref). A URL of
/// this server (<c>http(s)://HOST/git/KIND/NAME.git?ref=REF</c>, HOST being the request's host or one of
/// <see cref="CatalogOptions.Hosts"/>) is read from the catalog in-process; any other needs the
/// <see cref="FeatureFlags.RemoteBases"/> flag and is fetched with git (shallow, with time and size limits) under
/// the server's one network rule (<see cref="ExternalSources.OutboundPolicy"/>): https, or plain http to an allowed host;
/// the host's addresses are checked and git is held to exactly those addresses and follows no redirect.
/// </summary>
public sealed class RemoteSourceFetcher(
    ArtifactRepositories repositories, ArtifactKinds kinds, IFeatureManager features, IOptions<CatalogOptions> options,
    ExternalSources.OutboundPolicy network)
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(60);

    public async Task<RemoteSource> FetchAsync(string url, string? requestHost, CancellationToken ct)
    {
        var (address, reference) = Split(url);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "file" or "ssh"))
            throw new ProductException(ErrorCode.RequestInvalid, $"'{Redact(url)}' is not a Git repository URL kustomize can fetch.");

        if (uri.Scheme is "http" or "https" && IsThisServer(uri, requestHost))
            return new RemoteSource { Url = url, Files = { ReadFromCatalog(uri, reference, url) } };

        if (!await features.IsEnabledAsync(FeatureFlags.RemoteBases))
            throw new ProductException(ErrorCode.Denied,
                $"The remote base '{Redact(url)}' is not in this catalog, and remote bases elsewhere are switched off on this server " +
                $"(FeatureManagement:{FeatureFlags.RemoteBases}). Reference catalog bases as http(s)://HOST/git/kustomize-bases/NAME.git?ref=VERSION.");
        if (uri.Scheme is not ("http" or "https"))
            throw new ProductException(ErrorCode.Denied, $"'{Redact(url)}': only http and https Git remotes may be fetched.");
        System.Net.IPAddress[] addresses;
        try
        {
            network.CheckScheme(uri, plainHttpAllowed: false);
            addresses = await network.ResolveAsync(uri.Host, uri.Port, ct);
        }
        catch (ExternalSources.OutboundRefusedException e)
        {
            throw new ProductException(ErrorCode.DestinationRefused, $"The remote base '{Redact(url)}' is refused: {e.Message}");
        }
        catch (System.Net.Sockets.SocketException)
        {
            throw new ProductException(ErrorCode.RemoteFailed, $"The remote base '{Redact(url)}' is unreachable: its host name could not be resolved (DNS).");
        }
        // git connects to exactly the addresses just checked (no second lookup) and follows no redirect.
        var pinned = $"{uri.Host}:{uri.Port}:{string.Join(',', addresses.Select(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString()))}";
        return new RemoteSource { Url = url, Files = { await FetchWithGitAsync(address, reference, url, pinned, ct) } };
    }

    /// <summary>The repository address and the ref of "ADDRESS?ref=REF" (the form kustomize plugins name sources by).</summary>
    private static (string Address, string Reference) Split(string url)
    {
        var q = url.IndexOf("?ref=", StringComparison.Ordinal);
        return q < 0 ? (url, "") : (url[..q], url[(q + 5)..]);
    }

    private bool IsThisServer(Uri uri, string? requestHost)
    {
        var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        return string.Equals(authority, requestHost, StringComparison.OrdinalIgnoreCase)
            || options.Value.Hosts.Any(host => string.Equals(host, authority, StringComparison.OrdinalIgnoreCase));
    }

    private List<ArtifactFile> ReadFromCatalog(Uri uri, string reference, string url)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length != 3 || segments[0] != "git" || !kinds.TryGet(segments[1], out var kind))
            throw new ProductException(ErrorCode.ArtifactUnknown,
                $"'{Redact(url)}' names no repository of this catalog: use /git/KIND/NAME.git (KIND is charts, kustomize-bases or manifest-bundles).");
        var name = segments[2].EndsWith(".git", StringComparison.Ordinal) ? segments[2][..^4] : segments[2];
        using var repo = repositories.Open(kind, name);
        return VersionCatalog.Snapshot(repo, repo.Resolve(reference));
    }

    private async Task<List<ArtifactFile>> FetchWithGitAsync(string address, string reference, string url, string pinned, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("gitopshq-remote-");
        try
        {
            await Git(directory.FullName, url, ct, "init", "-q", "--bare", ".");
            await Git(directory.FullName, url, ct, "-c", "http.followRedirects=false", "-c", "http.curloptResolve=" + pinned,
                "fetch", "-q", "--depth", "1", "--no-tags", address,
                reference.Length == 0 ? "HEAD" : reference);
            using var repo = new Repository(directory.FullName);
            // FETCH_HEAD names what was fetched: a commit, or the tag object of an annotated tag.
            var fetched = repo.Lookup(File.ReadAllText(Path.Combine(directory.FullName, "FETCH_HEAD"))[..40]);
            var commit = fetched?.Peel<Commit>()
                ?? throw new ProductException(ErrorCode.RemoteFailed, $"'{Redact(url)}': the ref does not name a commit.");
            return Read(commit.Tree, url);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private List<ArtifactFile> Read(Tree tree, string url)
    {
        var limits = options.Value;
        var files = new List<ArtifactFile>();
        long total = 0;
        foreach (var (path, blob) in ArtifactRepository.Files(tree))
        {
            total += blob.Size;
            if (files.Count >= limits.MaxFiles || blob.Size > limits.MaxFileBytes || total > limits.MaxArtifactBytes)
                throw new ProductException(ErrorCode.SizeInvalid,
                    $"The remote base '{Redact(url)}' is larger than an artifact may be ({limits.MaxFiles} files, {limits.MaxArtifactBytes} bytes).");
            files.Add(VersionCatalog.FileOf(path, blob));
        }
        return files;
    }

    private static readonly Dictionary<string, string> GitEnvironment = new()
    {
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_ASKPASS"] = "/bin/false",
    };

    private static async Task Git(string directory, string url, CancellationToken ct, params string[] arguments)
    {
        var settings = new[] { "protocol.allow=never", "protocol.http.allow=always", "protocol.https.allow=always", "credential.helper=" }
            .SelectMany(setting => new[] { "-c", setting });
        var (code, error) = await GitHttp.GitProcess.RunBoundedAsync(directory, settings.Concat(arguments), GitEnvironment, FetchTimeout,
            () => new ProductException(ErrorCode.RemoteFailed, $"Fetching the remote base '{Redact(url)}' took longer than {FetchTimeout.TotalSeconds:0} s."), ct);
        if (code != 0)
            throw new ProductException(ErrorCode.RemoteFailed, $"Fetching the remote base '{Redact(url)}' failed: {Redact(error.Trim())}");
    }

    /// <summary>The text with the user information of any URL in it hidden, so tokens never reach a message or log.</summary>
    internal static string Redact(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"(?<=://)[^/@\s]+@", "***@");
}
