using System.Text.Json;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Audit;

/// <summary>
/// Audit records of changes kept in Git (artifacts created and deleted, commits, pushes), written down before the change
/// (<c>DATA/audit-pending/&lt;id&gt;.json</c>) with how to tell afterwards whether it landed: a repository that exists
/// or is gone, or refs that moved from where they were. The record is written once the change is done; a server that
/// stopped in between writes it at its next start if the change landed, and forgets it if not.
/// </summary>
public sealed class AuditJournal(DataLayout layout, AuditTrail trail)
{
    /// <summary>How to tell that a change landed: the repository's existence afterwards, or its refs moving from these targets.</summary>
    public sealed record Landing(string Repository, bool? Exists = null, Dictionary<string, string?>? RefsBefore = null)
    {
        public static Landing Created(string repository) => new(repository, Exists: true);
        public static Landing Deleted(string repository) => new(repository, Exists: false);

        /// <summary>The refs' targets now, read from the repository the change is about to be made in.</summary>
        public static Landing Moves(ArtifactRepository repo, params string[] refs) =>
            new(repo.Path, RefsBefore: refs.ToDictionary(r => r, r => repo.RefTarget(r)));

        /// <summary>Refs and the targets they had (null: none), as a push names them.</summary>
        public static Landing Moves(string repository, Dictionary<string, string?> before) => new(repository, RefsBefore: before);

        public bool Landed()
        {
            if (Exists is { } exists) return Directory.Exists(Repository) == exists;
            if (RefsBefore is null || !Directory.Exists(Repository)) return false;
            using var repo = new LibGit2Sharp.Repository(Repository);
            return RefsBefore.Any(r => repo.Refs[r.Key]?.TargetIdentifier != r.Value);
        }
    }

    private sealed record Entry(PendingRecord Record, Landing Landing);

    private string Folder => Path.Combine(layout.Root, "audit-pending");

    private AuditTrail Trail => trail;

    /// <summary>Writes the record down before the change; dispose the result once the change is done (or failed).</summary>
    public Pending Begin(PendingRecord record, Landing landing)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file + ".partial", JsonSerializer.Serialize(new Entry(record, landing)));
        File.Move(file + ".partial", file);
        return new Pending(this, file, record, landing);
    }

    /// <summary>One change in flight: <see cref="Complete"/> records it; disposing without completing records it only if it landed.</summary>
    public sealed class Pending(AuditJournal journal, string file, PendingRecord record, Landing landing) : IDisposable
    {
        /// <summary>Records the change with the details known once it is done.</summary>
        public void Complete(object? details = null)
        {
            journal.Trail.Write(details is null ? record : record with { Details = AuditTrail.Scrub(details) });
            File.Delete(file);
        }

        public void Dispose()
        {
            if (!File.Exists(file)) return;
            if (landing.Landed() && !journal.Trail.Holds(record)) journal.Trail.Write(record);
            File.Delete(file);
        }
    }

    /// <summary>
    /// At start: writes the records of changes that landed before the server stopped, forgets the others. Every change is
    /// journaled inside its artifact's write scope, so each entry is judged inside that scope too: an entry of a change
    /// another server on this folder has under way is judged only once that change is done (and then is gone).
    /// </summary>
    public async Task<int> RepairAsync(Storage.ArtifactLocks locks, CancellationToken ct)
    {
        if (!Directory.Exists(Folder)) return 0;
        var written = 0;
        foreach (var file in Directory.EnumerateFiles(Folder).ToList())
        {
            if (!file.EndsWith(".json", StringComparison.Ordinal))
            {
                TryDelete(file);
                continue;
            }
            Entry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(file));
            }
            catch (Exception e) when (e is JsonException or FileNotFoundException)
            {
                entry = null; // an entry that cannot be read says nothing more
            }
            using (entry is { Record.TargetName: not "" } ? await locks.AcquireAsync(entry.Record.TargetKind, entry.Record.TargetName, ct) : null)
            {
                if (!File.Exists(file)) continue;
                try
                {
                    if (entry is not null && entry.Landing.Landed() && !trail.Holds(entry.Record))
                    {
                        trail.Write(entry.Record);
                        written++;
                    }
                }
                catch (LibGit2Sharp.LibGit2SharpException)
                {
                    // An entry that cannot be checked says nothing more.
                }
                TryDelete(file);
            }
        }
        return written;
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
