using System.Text.Json;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// Who is publishing which version, written down before the version's tag is created and removed once the publisher
/// note sits beside the tag (<c>DATA/journal/&lt;kind&gt;/&lt;name&gt;/&lt;version-key&gt;.json</c>). If the server dies
/// between the tag and the note, the next start finishes the record from the journal; a journal entry whose tag never
/// landed is dropped. A tag and its publisher therefore always end up together.
/// </summary>
public sealed class PublicationJournal(DataLayout layout, Audit.AuditTrail audit)
{
    private sealed record Entry(string Kind, string Name, string Version, string Username, string FullName, string Email, PublishSource Source,
        long At, string? TagObject);

    public void Begin(string kind, string name, string version, Actor actor, PublishSource source, DateTimeOffset at, string? tagObject = null)
    {
        var file = FileOf(kind, name, version);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Entry(kind, name, version, actor.Username, actor.Name, actor.Email, source,
            at.ToUnixTimeSeconds(), tagObject)));
        File.Move(temporary, file, overwrite: true);
    }

    public void Complete(string kind, string name, string version) => File.Delete(FileOf(kind, name, version));

    /// <summary>
    /// Creates the annotated version tag and its publisher record as one publication, journaled before the tag exists and
    /// settled once the record is beside it; false (nothing written) when the tag is taken. Callers hold the write scope.
    /// </summary>
    public bool TryPublish(ArtifactRepository repo, string kind, string name, string version, LibGit2Sharp.Commit commit, Actor actor,
        PublishSource source, DateTimeOffset at, string notes)
    {
        Begin(kind, name, version, actor, source, at);
        if (!repo.TryCreateVersionTag(version, commit, actor.Signature(at), notes))
        {
            Complete(kind, name, version);
            return false;
        }
        repo.RecordPublisher(version, actor, source, at);
        Complete(kind, name, version);
        return true;
    }

    /// <summary>Finishes or drops every entry left by a server that stopped mid-publication; returns how many notes it wrote.</summary>
    /// <remarks>Each entry is settled inside its artifact's write scope.</remarks>
    public async Task<int> RepairAsync(ArtifactRepositories repositories, CancellationToken ct)
    {
        if (!Directory.Exists(layout.Journal)) return 0;
        var repaired = 0;
        foreach (var file in Directory.EnumerateFiles(layout.Journal, "*.json", SearchOption.AllDirectories).ToList())
        {
            Entry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(file));
            }
            catch (JsonException)
            {
                entry = null;
            }
            if (entry is not null && KindOf(repositories, entry.Kind) is { } kind && repositories.Exists(kind, entry.Name))
            {
                // Another server on this folder may be publishing it right now: wait for its write scope.
                using var scope = await repositories.Locks.AcquireAsync(entry.Kind, entry.Name, ct);
                if (!File.Exists(file)) continue;
                using var repo = repositories.Open(kind, entry.Name);
                if (repo.FindTag(entry.Version) is { IsAnnotated: true } tag && repo.Publication(tag) is null &&
                    (entry.TagObject is null || tag.Annotation.Sha == entry.TagObject))
                {
                    repo.RecordPublisher(entry.Version, new Actor(entry.Username, entry.FullName, entry.Email), entry.Source,
                        DateTimeOffset.FromUnixTimeSeconds(entry.At));
                    audit.Record("version.published", Audit.AuditTarget.Artifact(entry.Kind, entry.Name, entry.Version),
                        new { source = Publication.SourceName(entry.Source), completed_at_start = true }, entry.Username);
                    repaired++;
                }
            }
            File.Delete(file);
        }
        return repaired;
    }

    private static Plugins.ArtifactKind? KindOf(ArtifactRepositories repositories, string kind)
    {
        try
        {
            return repositories.Kind(kind);
        }
        catch (Errors.ProductException)
        {
            return null; // a kind no plugin provides any more: nothing to finish
        }
    }

    private string FileOf(string kind, string name, string version) =>
        Path.Combine(layout.Journal, kind, name, Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(version)) + ".json");
}
