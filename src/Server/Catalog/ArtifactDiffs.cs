using GitOpsHQ.Server.Plugins;
using LibGit2Sharp;

namespace GitOpsHQ.Server.Catalog;

public sealed record FileChange(string Path, string OldPath, ChangeKind Status, bool Binary, int Additions, int Deletions, string Patch);

public sealed record RefDiff(string From, string To, string FromCommit, string ToCommit, List<FileChange> Files);

/// <summary>File-by-file unified diffs between any two refs: versions, main or commits.</summary>
public sealed class ArtifactDiffs(ArtifactRepositories repositories)
{
    /// <summary>Pending changes: main against the latest version (everything, before the first version).</summary>
    /// <remarks>The latest version is the version index's most recent one, read without reading every version.</remarks>
    public RefDiff Changes(ArtifactKind kind, string name)
    {
        string from;
        using (var repo = repositories.Open(kind, name))
        {
            var versions = repositories.VersionIndex.Current(repo, kind.Kind, name);
            from = versions.Count > 0 ? versions.Latest : "";
        }
        return Compare(kind, name, from, "main");
    }

    public RefDiff Compare(ArtifactKind kind, string name, string? from, string? to)
    {
        to = string.IsNullOrEmpty(to) ? "main" : to;
        using var repo = repositories.Open(kind, name);
        var fromCommit = string.IsNullOrEmpty(from) ? null : repo.Resolve(from);
        var toCommit = repo.Resolve(to);
        var files = repo.Compare(fromCommit, toCommit)
            .Select(c => new FileChange(c.Path, c.Status == ChangeKind.Renamed ? c.OldPath : "", c.Status, c.IsBinaryComparison,
                c.LinesAdded, c.LinesDeleted, c.IsBinaryComparison ? "" : c.Patch))
            .OrderBy(c => c.Path, StringComparer.Ordinal)
            .ToList();
        return new RefDiff(from ?? "", to, fromCommit?.Sha ?? "", toCommit?.Sha ?? "", files);
    }
}
