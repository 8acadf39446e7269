using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Catalog;

/// <summary>Finds, opens and summarises artifact repositories, and keeps the derived index in step with them.</summary>
public sealed class ArtifactRepositories(DataLayout layout, ArtifactKinds kinds, CatalogIndex index, ArtifactLocks locks, VersionIndex versionIndex)
{
    public ArtifactLocks Locks => locks;
    public CatalogIndex Index => index;

    /// <summary>Each artifact's versions by OCI tag and digest, with their count and the most recent (derived from Git).</summary>
    public VersionIndex VersionIndex => versionIndex;

    public ArtifactKind Kind(string collection) => kinds.Get(collection);

    public string PathOf(ArtifactKind kind, string name) => layout.Repository(kind.Kind, ArtifactName.Require(name));

    public bool Exists(ArtifactKind kind, string name) => Directory.Exists(PathOf(kind, name));

    public ArtifactRepository Open(ArtifactKind kind, string name)
    {
        var path = PathOf(kind, name);
        if (!Directory.Exists(path))
            throw new ProductException(ErrorCode.ArtifactUnknown, $"There is no {kind.DisplayName} named '{name}'.");
        return ArtifactRepository.Open(path);
    }

    public static List<VersionInfo> Versions(ArtifactRepository repo)
    {
        var versions = repo.VersionTags.Select(t => VersionInfo.From(t, repo.Publication(t))).ToList();
        versions.Sort(VersionInfo.MostRecentFirst);
        return versions;
    }

    /// <summary>
    /// Reads the artifact's summary from Git and stores it in the index; the count and most recent version come from the
    /// version index (<paramref name="versions"/> when the caller has just carried it forward), so this costs the same
    /// however many versions there are.
    /// </summary>
    public ArtifactSummary Reindex(ArtifactKind kind, string name, ArtifactRepository repo, VersionIndex.State? versions = null)
    {
        versions ??= versionIndex.Current(repo, kind.Kind, name);
        var head = repo.Head;
        var created = repo.CreatedAt ?? Directory.GetCreationTimeUtc(repo.Path);
        var latestAt = versions.Count > 0 ? versions.LatestPublishedAt : created;
        var updated = new[] { created, head?.Committer.When ?? created, latestAt }.Max();
        var summary = new ArtifactSummary(kind.Kind, name, repo.Description, versions.Count > 0 ? versions.Latest : "",
            versions.Count, head?.Sha ?? "", created.ToUniversalTime(), updated.ToUniversalTime());
        index.Upsert(summary);
        return summary;
    }

    /// <summary>
    /// Brings the index in line with the repositories on disk: artifacts it lacks are read from Git,
    /// artifacts that are gone are dropped. Run at start; cheap when nothing changed.
    /// </summary>
    public int Reconcile(bool full)
    {
        var changed = 0;
        foreach (var kind in kinds.All)
        {
            var onDisk = Directory.Exists(layout.KindRepos(kind.Kind))
                ? Directory.GetDirectories(layout.KindRepos(kind.Kind), "*.git")
                    .Select(d => System.IO.Path.GetFileNameWithoutExtension(d)).Where(ArtifactName.IsValid).ToHashSet(StringComparer.Ordinal)
                : [];
            var indexed = index.Names(kind.Kind);
            foreach (var name in indexed.Where(n => !onDisk.Contains(n)))
            {
                index.Remove(kind.Kind, name);
                changed++;
            }
            foreach (var name in full ? onDisk : onDisk.Where(n => !indexed.Contains(n)))
            {
                using var repo = ArtifactRepository.Open(layout.Repository(kind.Kind, name));
                Reindex(kind, name, repo);
                changed++;
            }
        }
        return changed;
    }
}
