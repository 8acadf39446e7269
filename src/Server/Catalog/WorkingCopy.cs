using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;
using LibGit2Sharp;

namespace GitOpsHQ.Server.Catalog;

public sealed record TreeFile(string Path, long Size, string Blob);

public sealed record FileSnapshot(string Path, byte[] Content, string Commit, string Blob);

public sealed record CommitInfo(string Commit, string Message, DateTimeOffset CommittedAt);

/// <summary>
/// Reading any ref's files, and editing main: every edit is one commit authored by the caller,
/// based on the head the caller saw; a stale base is a conflict, never a silent merge.
/// </summary>
public sealed class WorkingCopy(ArtifactRepositories repositories, FileLimits limits, TimeProvider clock)
{
    public (string Commit, List<TreeFile> Files) Tree(ArtifactKind kind, string name, string? reference)
    {
        using var repo = repositories.Open(kind, name);
        var commit = repo.Resolve(reference);
        var files = repo.Files(commit).Select(f => new TreeFile(f.Path, f.Blob.Size, f.Blob.Sha)).ToList();
        return (commit?.Sha ?? "", files);
    }

    public FileSnapshot Read(ArtifactKind kind, string name, string path, string? reference)
    {
        path = ArtifactPath.Normalise(path);
        using var repo = repositories.Open(kind, name);
        var commit = repo.Resolve(reference);
        var blob = repo.FindFile(commit, path)
                   ?? throw new ProductException(ErrorCode.FileUnknown, $"'{path}' does not exist in {reference switch { null or "" => "main", _ => reference }}.");
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new FileSnapshot(path, buffer.ToArray(), commit!.Sha, blob.Sha);
    }

    public Task<CommitInfo> WriteAsync(ArtifactKind kind, string name, string path, byte[] content, string? baseCommit,
        string? message, bool createOnly, Actor actor, CancellationToken ct)
    {
        path = ArtifactPath.Normalise(path);
        limits.CheckFile(path, content.Length);
        GitContentRules.Check(path, content);
        return EditAsync(kind, name, baseCommit, actor, ct, (repo, head, tree) =>
        {
            var existing = repo.FindFile(head, path);
            if (existing is null) RequirePlaceFor(head, path);
            else if (createOnly) throw new ProductException(ErrorCode.FileExists, $"'{path}' already exists.");
            tree.Add(path, repo.CreateBlob(content), Mode.NonExecutableFile);
            return string.IsNullOrWhiteSpace(message) ? (existing is null ? $"Create {path}" : $"Update {path}") : message;
        });
    }

    public Task<CommitInfo> DeleteAsync(ArtifactKind kind, string name, string path, string? baseCommit, string? message, Actor actor, CancellationToken ct)
    {
        path = ArtifactPath.Normalise(path);
        return EditAsync(kind, name, baseCommit, actor, ct, (repo, head, tree) =>
        {
            RequireFile(repo, head, path);
            tree.Remove(path);
            return string.IsNullOrWhiteSpace(message) ? $"Delete {path}" : message;
        });
    }

    public Task<CommitInfo> RenameAsync(ArtifactKind kind, string name, string from, string to, string? baseCommit, string? message, Actor actor, CancellationToken ct)
    {
        from = ArtifactPath.Normalise(from);
        to = ArtifactPath.Normalise(to);
        return EditAsync(kind, name, baseCommit, actor, ct, (repo, head, tree) =>
        {
            var blob = RequireFile(repo, head, from);
            if (from == to) throw new ProductException(ErrorCode.RequestInvalid, "The new path is the same as the old one.");
            if (repo.FindFile(head, to) is not null) throw new ProductException(ErrorCode.FileExists, $"'{to}' already exists.");
            tree.Remove(from);
            RequirePlaceFor(head, to);
            tree.Add(to, blob, Mode.NonExecutableFile);
            return string.IsNullOrWhiteSpace(message) ? $"Rename {from} to {to}" : message;
        });
    }

    private delegate string Edit(ArtifactRepository repo, Commit? head, TreeDefinition tree);

    private async Task<CommitInfo> EditAsync(ArtifactKind kind, string name, string? baseCommit, Actor actor, CancellationToken ct, Edit edit)
    {
        using var _ = await repositories.Locks.AcquireAsync(kind.Kind, name, ct);
        using var repo = repositories.Open(kind, name);
        ReadOnlyArtifacts.RequireEditable(repo, name, "edited");
        var head = repo.Head;
        RequireBase(head, baseCommit);

        var now = clock.GetUtcNow();
        var commit = repo.CommitOnMain(head, tree => edit(repo, head, tree), actor.Signature(now), tree =>
        {
            var (size, count) = ArtifactRepository.Files(tree).Aggregate((0L, 0), (acc, f) => (acc.Item1 + f.Blob.Size, acc.Item2 + 1));
            limits.CheckArtifact(size, count);
        });
        repositories.Reindex(kind, name, repo);
        return new CommitInfo(commit.Sha, commit.Message.TrimEnd('\n'), now);
    }

    private static void RequireBase(Commit? head, string? baseCommit)
    {
        if (head is null)
        {
            if (!string.IsNullOrEmpty(baseCommit))
                throw new ProductException(ErrorCode.StaleWrite, $"main has no commits yet, but the edit is based on {baseCommit}.");
            return;
        }
        if (string.IsNullOrEmpty(baseCommit))
            throw new ProductException(ErrorCode.RequestInvalid, "base_commit is required: the head commit of main the edit is based on (the tree and file reads return it).");
        if (baseCommit.Length < 7 || !head.Sha.StartsWith(baseCommit, StringComparison.OrdinalIgnoreCase))
            throw new ProductException(ErrorCode.StaleWrite,
                $"main has moved on: the edit is based on {baseCommit} but main is now at {head.Sha}; reload the file and apply the change again.");
    }

    private static Blob RequireFile(ArtifactRepository repo, Commit? head, string path) =>
        repo.FindFile(head, path) ?? throw new ProductException(ErrorCode.FileUnknown, $"'{path}' does not exist on main.");

    /// <summary>A new file cannot sit where a folder is, nor inside something that is a file.</summary>
    private static void RequirePlaceFor(Commit? head, string path)
    {
        if (head is null) return;
        if (head[path]?.TargetType == TreeEntryTargetType.Tree)
            throw new ProductException(ErrorCode.PathInvalid, $"'{path}' is a folder.");
        var slash = path.IndexOf('/');
        while (slash > 0)
        {
            var parent = path[..slash];
            if (head[parent]?.TargetType == TreeEntryTargetType.Blob)
                throw new ProductException(ErrorCode.PathInvalid, $"'{parent}' is a file, so '{path}' cannot be created inside it.");
            slash = path.IndexOf('/', slash + 1);
        }
    }
}
