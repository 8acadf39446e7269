using System.Text;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Catalog;

/// <summary>Creating, finding, describing and deleting artifacts.</summary>
public sealed class ArtifactCatalog(ArtifactRepositories repositories, DataLayout layout, FileLimits limits, IEnumerable<IRepositorySetup> setups,
    TimeProvider clock, Audit.AuditTrail audit, Audit.AuditJournal auditJournal)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Longest description, in characters: it is shown in every listing.</summary>
    public const int MaxDescription = 1000;

    private static void RequireDescription(string description)
    {
        if (description.Length > MaxDescription)
            throw new ProductException(ErrorCode.RequestInvalid,
                $"The description has {description.Length} characters; descriptions are at most {MaxDescription} (put longer text in a README).");
        if (description.Any(c => char.IsControl(c) && c is not ('\n' or '\t')))
            throw new ProductException(ErrorCode.RequestInvalid, "The description contains control characters; use plain text.");
    }

    /// <param name="prepare">Runs on the new repository before it appears under its name (e.g. to record an external source).</param>
    public async Task<ArtifactSummary> CreateAsync(ArtifactKind kind, string name, bool scaffold, string description, Actor actor, CancellationToken ct,
        Action<ArtifactRepository>? prepare = null)
    {
        ArtifactName.Require(name);
        RequireDescription(description);
        var files = scaffold
            ? (await kind.ScaffoldAsync(new ScaffoldRequest { Name = name, Description = description }, ct)).Files.ToList()
            : [];
        foreach (var file in files) limits.CheckFile(ArtifactPath.Normalise(file.Path), file.Content.Length);

        using var _ = await repositories.Locks.AcquireAsync(kind.Kind, name, ct);
        var path = repositories.PathOf(kind, name);
        if (Directory.Exists(path))
            throw new ProductException(ErrorCode.NameExists, $"A {kind.DisplayName} named '{name}' already exists.");

        // Build the repository beside its final place and move it in whole: never a half-created artifact.
        Directory.CreateDirectory(layout.KindRepos(kind.Kind));
        var staging = path + ".creating-" + Guid.NewGuid().ToString("N");
        try
        {
            var now = clock.GetUtcNow();
            ArtifactRepository.Create(staging, description, actor.Username, now);
            foreach (var setup in setups) setup.Prepare(staging);
            if (prepare is not null)
            {
                using var repo = ArtifactRepository.Open(staging);
                prepare(repo);
            }
            if (files.Count > 0)
            {
                using var repo = ArtifactRepository.Open(staging);
                repo.CommitOnMain(null, tree =>
                {
                    foreach (var file in files)
                        tree.Add(ArtifactPath.Normalise(file.Path), repo.CreateBlob(file.Content.ToByteArray()), LibGit2Sharp.Mode.NonExecutableFile);
                    return $"Create {name} from the {kind.DisplayName} scaffold";
                }, actor.Signature(now));
            }
            using var pending = auditJournal.Begin(
                audit.Capture("artifact.created", Audit.AuditTarget.Artifact(kind.Kind, name), new { scaffold, description, files = files.Count }),
                Audit.AuditJournal.Landing.Created(path));
            Directory.Move(staging, path);
            pending.Complete();
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        using var created = repositories.Open(kind, name);
        var summary = repositories.Reindex(kind, name, created);
        return summary;
    }

    /// <summary>Creates an empty artifact unless it exists (a push to a new repository path creates it); a racing creator is fine.</summary>
    public async Task EnsureExistsAsync(ArtifactKind kind, string name, Actor actor, CancellationToken ct)
    {
        if (repositories.Exists(kind, name)) return;
        try
        {
            await CreateAsync(kind, name, scaffold: false, "", actor, ct);
        }
        catch (ProductException e) when (e.Error == ErrorCode.NameExists)
        {
        }
    }

    public ArtifactSummary Get(ArtifactKind kind, string name)
    {
        ArtifactName.Require(name);
        if (repositories.Index.Find(kind.Kind, name) is { } summary && repositories.Exists(kind, name)) return summary;
        using var repo = repositories.Open(kind, name);
        return repositories.Reindex(kind, name, repo);
    }

    /// <param name="orderBy">One of <see cref="CatalogOrder.Names"/>; empty for name order.</param>
    public (List<ArtifactSummary> Page, int Total, string NextPageToken) List(ArtifactKind kind, string? search, int pageSize, string? pageToken,
        string? orderBy = null)
    {
        if (pageSize < 0 || pageSize > MaxPageSize)
            throw new ProductException(ErrorCode.RequestInvalid, $"page_size must be between 1 and {MaxPageSize} (0 for the default of {DefaultPageSize}).");
        var size = pageSize == 0 ? DefaultPageSize : pageSize;
        var order = CatalogOrder.Parse(orderBy);
        var filter = (search ?? "").Trim().ToLowerInvariant();
        if (order == CatalogOrder.ByName)
        {
            var after = DecodePageToken(pageToken);
            var (page, total) = repositories.Index.List(kind.Kind, filter, size + 1, after);
            var next = page.Count > size ? EncodePageToken("after:" + page[size - 1].Name) : "";
            return (page.Take(size).ToList(), total, next);
        }

        // Other orders sort the matching artifacts here; the token holds the last artifact's sort value and name, so a page
        // starts right after it even when artifacts were added, changed or removed meanwhile.
        var all = repositories.Index.Matching(kind.Kind, filter);
        all.Sort(order);
        var start = 0;
        if (!string.IsNullOrEmpty(pageToken))
        {
            var (key, name) = DecodeOrderedPageToken(pageToken, order);
            var probe = order.Probe(key, name);
            while (start < all.Count && order.Compare(all[start], probe) <= 0) start++;
        }
        var rest = all.Skip(start).Take(size + 1).ToList();
        var nextToken = rest.Count > size ? EncodePageToken($"order:{order.Name}\n{order.KeyOf(rest[size - 1])}\n{rest[size - 1].Name}") : "";
        return (rest.Take(size).ToList(), all.Count, nextToken);
    }

    public async Task<ArtifactSummary> UpdateAsync(ArtifactKind kind, string name, string description, CancellationToken ct)
    {
        RequireDescription(description);
        ArtifactName.Require(name);
        using var _ = await repositories.Locks.AcquireAsync(kind.Kind, name, ct);
        using var repo = repositories.Open(kind, name);
        ReadOnlyArtifacts.RequireEditable(repo, name, "changed");
        repo.Description = description;
        var summary = repositories.Reindex(kind, name, repo);
        audit.Record("artifact.updated", Audit.AuditTarget.Artifact(kind.Kind, name), new { description });
        return summary;
    }

    public async Task DeleteAsync(ArtifactKind kind, string name, CancellationToken ct)
    {
        ArtifactName.Require(name);
        using var _ = await repositories.Locks.AcquireAsync(kind.Kind, name, ct);
        string path;
        using (var repo = repositories.Open(kind, name))
        {
            ReadOnlyArtifacts.RequireEditable(repo, name, "deleted");
            var versions = repo.VersionTags.Count();
            if (versions > 0)
                throw new ProductException(ErrorCode.HasVersions,
                    $"'{name}' has {versions} published version(s); published versions are permanent, so the {kind.DisplayName} cannot be deleted.");
            path = repo.Path;
        }
        Directory.CreateDirectory(layout.Trash);
        var trash = Path.Combine(layout.Trash, $"{kind.Kind}-{name}-{Guid.NewGuid():N}");
        using (var pending = auditJournal.Begin(audit.Capture("artifact.deleted", Audit.AuditTarget.Artifact(kind.Kind, name)),
                   Audit.AuditJournal.Landing.Deleted(path)))
        {
            Directory.Move(path, trash);
            pending.Complete();
        }
        repositories.Index.Remove(kind.Kind, name);
        repositories.VersionIndex.Forget(kind.Kind, name);
        Directory.Delete(trash, recursive: true);
    }

    private static string EncodePageToken(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? DecodeToken(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ProductException ForeignToken() =>
        new(ErrorCode.RequestInvalid, "page_token is not one this server returned for this order_by; start again without it.");

    private static string DecodePageToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return "";
        if (DecodeToken(token) is { } text && text.StartsWith("after:", StringComparison.Ordinal)) return text["after:".Length..];
        throw ForeignToken();
    }

    private static (string Key, string Name) DecodeOrderedPageToken(string token, CatalogOrder order)
    {
        var parts = DecodeToken(token)?.Split('\n');
        if (parts is not [var head, var key, var name] || head != "order:" + order.Name) throw ForeignToken();
        return (key, name);
    }
}
