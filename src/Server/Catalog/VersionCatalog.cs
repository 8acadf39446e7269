using System.Security.Cryptography;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;
using Google.Protobuf;
using LibGit2Sharp;

namespace GitOpsHQ.Server.Catalog;

public sealed record PackageInfo(string Filename, string MediaType, byte[] Content, string Digest, string ConfigJson, string ConfigMediaType,
    IReadOnlyDictionary<string, string> Annotations, string Commit, DateTimeOffset CommittedAt);

/// <summary>
/// Published versions: publishing tags a commit of main as an immutable, annotated version after the
/// plugin's validation; versions are listed, read and packaged, never moved or deleted.
/// </summary>
public sealed class VersionCatalog(ArtifactRepositories repositories, RemoteSourceFetcher remotes, PublicationJournal journal, TimeProvider clock, Audit.AuditTrail audit,
    Observability.ServerMetrics metrics)
{
    /// <param name="source">How it is published: <see cref="PublishSource.Api"/> for tokens, <see cref="PublishSource.Ui"/> for the browser app.</param>
    public async Task<VersionInfo> PublishAsync(ArtifactKind kind, string name, string version, string? notes, string? commitId,
        Actor actor, PublishSource source, CancellationToken ct)
    {
        VersionTag.Require(version);
        Storage.GitText.Require(notes, "release notes");
        using var _ = await repositories.Locks.AcquireAsync(kind.Kind, name, ct);
        using var repo = repositories.Open(kind, name);
        ReadOnlyArtifacts.RequireEditable(repo, name, "published (its versions are imported)");
        var before = VersionRules.RequireNew(repositories, repo, kind, name, version);

        var commit = string.IsNullOrEmpty(commitId) ? repo.Head : repo.Resolve(commitId);
        if (commit is null)
            throw new ProductException(ErrorCode.RequestInvalid, $"'{name}' has no files yet: there is nothing to publish.");
        if (!repo.IsOnMain(commit))
            throw new ProductException(ErrorCode.RequestInvalid, $"Commit {commit.Sha} is not on main; only commits of main can be published.");

        await VersionRules.RequireValidAsync(kind, name, version, Snapshot(repo, commit), ct);

        var record = audit.Capture("version.published", Audit.AuditTarget.Artifact(kind.Kind, name, version),
            new { commit = commit.Sha, source = Publication.SourceName(source) });
        if (!journal.TryPublish(repo, kind.Kind, name, version, commit, actor, source, clock.GetUtcNow(), notes ?? "", record))
            throw VersionRules.Exists(name, version);
        repositories.Reindex(kind, name, repo, repositories.VersionIndex.Added(repo, kind.Kind, name, before, [version]));
        journal.Complete(kind.Kind, name, version);
        var tag = repo.FindTag(version)!;
        return VersionInfo.From(tag, repo.Publication(tag));
    }

    /// <param name="listed">Versions an external source lists that are not imported yet: listed after the published ones, newest first.</param>
    public (List<VersionInfo> Page, int Total, string NextPageToken) List(ArtifactKind kind, string name, int pageSize, string? pageToken,
        IReadOnlyCollection<VersionInfo>? listed = null)
    {
        using var repo = repositories.Open(kind, name);
        var versions = ArtifactRepositories.Versions(repo);
        if (listed is { Count: > 0 })
        {
            // An external chart's versions are shown in version order (the order they were imported in means nothing).
            versions.AddRange(listed.Where(l => versions.All(v => v.Version != l.Version)));
            versions.Sort(VersionInfo.HighestFirst);
        }
        var size = pageSize <= 0 ? 100 : Math.Min(pageSize, 1000);
        var start = 0;
        if (!string.IsNullOrEmpty(pageToken) && (!int.TryParse(pageToken, out start) || start < 0))
            throw new ProductException(ErrorCode.RequestInvalid, "page_token is not one this server returned; start again without it.");
        var attachments = repo.Attachments();
        var page = versions.Skip(start).Take(size).Select(v => v with { Attachments = attachments.Where(a => a.Version == v.Version).ToList() }).ToList();
        var next = start + size < versions.Count ? (start + size).ToString() : "";
        return (page, versions.Count, next);
    }

    public VersionInfo Get(ArtifactKind kind, string name, string version)
    {
        using var repo = repositories.Open(kind, name);
        var tag = RequireVersion(repo, name, version);
        return VersionInfo.From(tag, repo.Publication(tag)) with { Attachments = repo.Attachments(version) };
    }

    public async Task<PackageInfo> PackageAsync(ArtifactKind kind, string name, string version, CancellationToken ct)
    {
        PackageRequest request;
        Commit commit;
        byte[]? pushedLayer = null, pushedConfig = null;
        using (var repo = repositories.Open(kind, name))
        {
            var tag = RequireVersion(repo, name, version);
            commit = (Commit)tag.PeeledTarget;
            // A version that arrived as a package (OCI push, an external source) is that package, byte for byte.
            if (repo.PushedArtifact(tag) is { } pushed)
            {
                pushedLayer = repo.ReadBlob(pushed.Layer.GitBlob);
                pushedConfig = repo.ReadBlob(pushed.Config.GitBlob);
            }
            request = new PackageRequest
            {
                Name = name, Version = version, Timestamp = commit.Committer.When.ToUnixTimeSeconds(), Source = $"/git/{kind.Kind}/{name}.git",
                Files = { Snapshot(repo, commit) },
            };
        }
        var package = await kind.PackageAsync(request, ct);
        var bytes = pushedLayer ?? package.Content.ToByteArray();
        return new PackageInfo(package.Filename, package.MediaType, bytes, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)),
            pushedConfig is null ? package.ConfigJson : System.Text.Encoding.UTF8.GetString(pushedConfig), package.ConfigMediaType, package.Annotations, commit.Sha, commit.Committer.When.ToUniversalTime());
    }

    public async Task<(ValidateResponse Result, string Commit)> ValidateAsync(ArtifactKind kind, string name, string? reference, CancellationToken ct)
    {
        var (files, commit) = ReadSnapshot(kind, name, reference);
        return (await kind.ValidateAsync(new ValidateRequest { Name = name, Files = { files } }, ct), commit);
    }

    /// <summary>How many remote sources (kustomize remote bases) one render may read.</summary>
    public const int MaxRemoteSources = 20;

    /// <summary>
    /// Renders the artifact at <paramref name="reference"/> (or <paramref name="overlay"/> files instead of it); remote
    /// sources the plugin asks for are fetched (this catalog's in-process) and the render is asked again.
    /// </summary>
    public async Task<(RenderResponse Result, string Commit)> RenderAsync(ArtifactKind kind, string name, string? reference,
        IDictionary<string, string> options, IEnumerable<string> values, IReadOnlyCollection<ArtifactFile> overlay, string? requestHost,
        CancellationToken ct)
    {
        var (files, commit) = ReadSnapshot(kind, name, reference);
        var request = new RenderRequest { Name = name, Files = { overlay.Count > 0 ? overlay : files }, Values = { values } };
        request.Options.Add(options);
        while (true)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = "error";
            RenderResponse response;
            try
            {
                response = await kind.RenderAsync(request, ct);
                outcome = response.MissingRemoteSources.Count > 0 ? "remote_sources" : "ok";
            }
            finally
            {
                metrics.RenderDuration.WithLabels(kind.Kind, outcome).Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            if (response.MissingRemoteSources.Count == 0)
                return (response, commit);
            foreach (var url in response.MissingRemoteSources)
            {
                if (request.RemoteSources.Any(source => source.Url == url))
                    throw new ProductException(ErrorCode.Unavailable, $"The {kind.DisplayName} plugin asked again for '{RemoteSourceFetcher.Redact(url)}'.");
                if (request.RemoteSources.Count >= MaxRemoteSources)
                    throw new ProductException(ErrorCode.RequestInvalid, $"The render references more than {MaxRemoteSources} remote bases.");
                request.RemoteSources.Add(await remotes.FetchAsync(url, requestHost, ct));
            }
        }
    }

    // Files of trees read lately, by the tree's id: a Git tree never changes, so its files are read from Git once
    // (versions are rendered and validated again and again). At most MaxSnapshotBytes of content in all; when full it
    // starts again empty.
    private const long MaxSnapshotBytes = 128L * 1024 * 1024;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Path, ByteString Content)[]> _snapshots = new(StringComparer.Ordinal);
    private long _snapshotBytes;

    private (List<ArtifactFile> Files, string Commit) ReadSnapshot(ArtifactKind kind, string name, string? reference)
    {
        using var repo = repositories.Open(kind, name);
        var commit = repo.Resolve(reference);
        if (commit is null)
            return (Snapshot(repo, commit), "");
        var tree = commit.Tree.Sha;
        if (!_snapshots.TryGetValue(tree, out var files))
        {
            files = [.. Snapshot(repo, commit).Select(f => (f.Path, f.Content))];
            var bytes = files.Sum(f => (long)f.Content.Length);
            if (Interlocked.Add(ref _snapshotBytes, bytes) > MaxSnapshotBytes)
            {
                _snapshots.Clear();
                Interlocked.Exchange(ref _snapshotBytes, bytes);
            }
            _snapshots[tree] = files;
        }
        return ([.. files.Select(f => new ArtifactFile { Path = f.Path, Content = f.Content })], commit.Sha);
    }

    internal static List<ArtifactFile> Snapshot(ArtifactRepository repo, Commit? commit) =>
        repo.Files(commit).Select(f => FileOf(f.Path, f.Blob)).ToList();

    /// <summary>A Git blob as a plugin sees a file.</summary>
    internal static ArtifactFile FileOf(string path, Blob blob)
    {
        using var stream = blob.GetContentStream();
        return new ArtifactFile { Path = path, Content = ByteString.FromStream(stream) };
    }

    private static Tag RequireVersion(ArtifactRepository repo, string name, string version) =>
        repo.FindTag(version) is { IsAnnotated: true } tag
            ? tag
            : throw new ProductException(ErrorCode.VersionUnknown, $"{name} has no version '{version}'.");
}
