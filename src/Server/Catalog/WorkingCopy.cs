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
public sealed class WorkingCopy(ArtifactRepositories repositories, FileLimits limits, TimeProvider clock, Audit.AuditTrail audit,
    Audit.AuditJournal auditJournal)
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
        string? message, bool createOnly, Actor actor, CancellationToken ct) =>
        CommitAsync(kind, name, [new FileEdit.Write(path, content, createOnly)], baseCommit, message, actor, ct);

    public Task<CommitInfo> DeleteAsync(ArtifactKind kind, string name, string path, string? baseCommit, string? message, Actor actor, CancellationToken ct) =>
        CommitAsync(kind, name, [new FileEdit.Delete(path)], baseCommit, message, actor, ct);

    public Task<CommitInfo> RenameAsync(ArtifactKind kind, string name, string from, string to, string? baseCommit, string? message, Actor actor, CancellationToken ct) =>
        CommitAsync(kind, name, [new FileEdit.Rename(from, to)], baseCommit, message, actor, ct);

    /// <summary>
    /// The one write path of the working copy: <paramref name="edits"/> applied in order as one commit on main, based on
    /// <paramref name="baseCommit"/>. Every edit is checked — paths, sizes, content, and against the files as the earlier
    /// edits leave them — before anything is written; one refusal refuses them all and main does not move.
    /// </summary>
    public async Task<CommitInfo> CommitAsync(ArtifactKind kind, string name, IReadOnlyList<FileEdit> edits, string? baseCommit, string? message,
        Actor actor, CancellationToken ct)
    {
        var checkedEdits = Check(edits);
        Storage.GitText.Require(message, "commit message");
        using var _ = await repositories.Locks.AcquireAsync(kind.Kind, name, ct);
        using var repo = repositories.Open(kind, name);
        ReadOnlyArtifacts.RequireEditable(repo, name, "edited");
        var head = repo.Head;
        RequireBase(head, baseCommit);
        var plan = FilePlan.Of(repo, head);
        var summaries = checkedEdits.Select(plan.Apply).ToList();

        var now = clock.GetUtcNow();
        using var pending = auditJournal.Begin(audit.Capture("files.committed", Audit.AuditTarget.Artifact(kind.Kind, name)),
            Audit.AuditJournal.Landing.Moves(repo, "refs/heads/main"));
        var commit = repo.CommitOnMain(head, tree =>
        {
            plan.WriteTo(repo, tree);
            return string.IsNullOrWhiteSpace(message) ? DefaultMessage(summaries) : message;
        }, actor.Signature(now), tree =>
        {
            var (size, count) = ArtifactRepository.Files(tree).Aggregate((0L, 0), (acc, f) => (acc.Item1 + f.Blob.Size, acc.Item2 + 1));
            limits.CheckArtifact(size, count);
        });
        repositories.Reindex(kind, name, repo);
        pending.Complete(new { commit = commit.Sha, message = commit.MessageShort, changes = summaries.Take(100).ToList(), change_count = summaries.Count });
        return new CommitInfo(commit.Sha, commit.Message.TrimEnd('\n'), now);
    }

    /// <summary>What needs no repository: the edits' paths normalised, file sizes and content rules.</summary>
    private List<FileEdit> Check(IReadOnlyList<FileEdit> edits)
    {
        if (edits.Count == 0) throw new ProductException(ErrorCode.RequestInvalid, "There are no changes to commit.");
        if (edits.Count > limits.MaxFiles)
            throw new ProductException(ErrorCode.SizeInvalid, $"{edits.Count} changes in one commit; at most {limits.MaxFiles} (Catalog:MaxFiles).");
        return edits.Select(FileEdit (edit) =>
        {
            switch (edit)
            {
                case FileEdit.Write write:
                    var path = ArtifactPath.Normalise(write.Path);
                    limits.CheckFile(path, write.Content.Length);
                    GitContentRules.Check(path, write.Content);
                    return write with { Path = path };
                case FileEdit.Delete delete:
                    return delete with { Path = ArtifactPath.Normalise(delete.Path) };
                case FileEdit.Rename rename:
                    return new FileEdit.Rename(ArtifactPath.Normalise(rename.From), ArtifactPath.Normalise(rename.To));
                default:
                    throw new ProductException(ErrorCode.RequestInvalid, "A change must be a write, a delete or a rename.");
            }
        }).ToList();
    }

    /// <summary>One change: its own commit message; several: a subject naming them (or their count) and a line each.</summary>
    private static string DefaultMessage(List<string> summaries)
    {
        if (summaries.Count == 1) return summaries[0];
        var lowered = summaries.Skip(1).Select(m => char.ToLowerInvariant(m[0]) + m[1..]).ToList();
        if (summaries.Count <= 3) return $"{summaries[0]}{string.Concat(lowered.SkipLast(1).Select(m => ", " + m))} and {lowered[^1]}";
        return $"Change {summaries.Count} files\n\n{string.Join('\n', summaries)}";
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
}
