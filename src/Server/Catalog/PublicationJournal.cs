using System.Text.Json;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// Who is publishing which version, written down before the version's tag is created and removed once the publisher
/// note sits beside the tag (<c>DATA/journal/&lt;kind&gt;/&lt;name&gt;/&lt;version-key&gt;.json</c>). If the server dies
/// between the tag and the note, the next start finishes the record from the journal; a journal entry whose tag never
/// landed is dropped. A tag and its publisher therefore always end up together — and so do the notes that belong to
/// the tag (the pushed bytes of an OCI push, an imported version's upstream) and the version's audit record, which the
/// entry carries as captured when the publication began.
/// </summary>
public sealed class PublicationJournal(DataLayout layout, Audit.AuditTrail audit)
{
    private sealed record Entry(string Kind, string Name, string Version, string Username, string FullName, string Email, PublishSource Source,
        long At, string? TagObject, Audit.PendingRecord? Audit = null, string? Pushed = null, string? UpstreamLocation = null,
        string? UpstreamDigest = null);

    /// <summary>What belongs to a version's tag besides its publisher, settled with it.</summary>
    public sealed record Extras(PushedArtifact? Pushed = null, string? UpstreamLocation = null, string? UpstreamDigest = null);

    /// <summary>Writes the entry for a publication about to create its tag; <paramref name="record"/> is its audit record.</summary>
    public void Begin(string kind, string name, string version, Actor actor, PublishSource source, DateTimeOffset at, string? tagObject,
        Audit.PendingRecord record, Extras? extras = null)
    {
        var file = FileOf(kind, name, version);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Entry(kind, name, version, actor.Username, actor.Name, actor.Email, source,
            at.ToUnixTimeSeconds(), tagObject, record, extras?.Pushed?.ToNote(), extras?.UpstreamLocation, extras?.UpstreamDigest)));
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>The version landed and the catalog's index follows it: its audit record is written and the entry removed.</summary>
    /// <remarks>Only a start after a stop between the two can find the record written already (<see cref="RepairAsync"/>).</remarks>
    public void Complete(string kind, string name, string version)
    {
        var file = FileOf(kind, name, version);
        if (Read(file)?.Audit is { } record) audit.Write(record);
        File.Delete(file);
    }

    /// <summary>The version did not land (its tag was taken): the entry is removed, nothing recorded.</summary>
    public void Abandon(string kind, string name, string version) => File.Delete(FileOf(kind, name, version));

    private static Entry? Read(string file)
    {
        try
        {
            return File.Exists(file) ? JsonSerializer.Deserialize<Entry>(File.ReadAllText(file)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// An artifact about to be created for a push that publishes its first version: if the server stops before that
    /// version exists, the next start removes the artifact rather than leave it empty.
    /// </summary>
    public void BeginCreation(string kind, string name)
    {
        var file = CreationFileOf(kind, name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "");
    }

    public void CompleteCreation(string kind, string name) => File.Delete(CreationFileOf(kind, name));

    /// <summary>
    /// Creates the annotated version tag and its publisher record as one publication, journaled before the tag exists and
    /// settled once the record is beside it; false (nothing written) when the tag is taken. Callers hold the write scope
    /// and <see cref="Complete"/> the entry once the catalog's index follows the new tag, so a server stopped in between
    /// brings the index up to date at its next start.
    /// </summary>
    public bool TryPublish(ArtifactRepository repo, string kind, string name, string version, LibGit2Sharp.Commit commit, Actor actor,
        PublishSource source, DateTimeOffset at, string notes, Audit.PendingRecord record, Extras? extras = null)
    {
        Begin(kind, name, version, actor, source, at, null, record, extras);
        if (!repo.TryCreateVersionTag(version, commit, actor.Signature(at), notes))
        {
            Abandon(kind, name, version);
            return false;
        }
        repo.RecordPublisher(version, actor, source, at);
        Settle(repo, version, extras, actor.Signature(at));
        return true;
    }

    private static void Settle(ArtifactRepository repo, string version, Extras? extras, LibGit2Sharp.Signature signature)
    {
        if (extras?.Pushed is { } pushed) repo.NotePushedArtifact(version, pushed, signature);
        if (extras is { UpstreamLocation: { } location, UpstreamDigest: { } digest } && repo.Upstream(repo.FindTag(version)!) is null)
            repo.RecordUpstream(version, location, digest, signature);
    }

    /// <summary>Finishes or drops every entry left by a server that stopped mid-publication; returns how many notes it wrote.</summary>
    /// <remarks>Each entry is settled inside its artifact's write scope.</remarks>
    public async Task<int> RepairAsync(ArtifactRepositories repositories, CancellationToken ct)
    {
        if (!Directory.Exists(layout.Journal)) return 0;
        var repaired = 0;
        foreach (var file in Directory.EnumerateFiles(layout.Journal, "*.json", SearchOption.AllDirectories).ToList())
        {
            var entry = Read(file);
            if (entry is not null && KindOf(repositories, entry.Kind) is { } kind && repositories.Exists(kind, entry.Name))
            {
                // Another server on this folder may be publishing it right now: wait for its write scope.
                using var scope = await repositories.Locks.AcquireAsync(entry.Kind, entry.Name, ct);
                if (!File.Exists(file)) continue;
                using var repo = repositories.Open(kind, entry.Name);
                if (repo.FindTag(entry.Version) is { IsAnnotated: true } tag && (entry.TagObject is null || tag.Annotation.Sha == entry.TagObject))
                {
                    var actor = new Actor(entry.Username, entry.FullName, entry.Email);
                    var at = DateTimeOffset.FromUnixTimeSeconds(entry.At);
                    if (repo.Publication(tag) is null)
                    {
                        repo.RecordPublisher(entry.Version, actor, entry.Source, at);
                        repaired++;
                    }
                    Settle(repo, entry.Version, new Extras(Storage.PushedArtifact.Parse(entry.Pushed), entry.UpstreamLocation, entry.UpstreamDigest),
                        actor.Signature(at));
                    if (entry.Audit is { } record && !audit.Holds(record)) audit.Write(record);
                }
                // The index may not have followed the tag before the server stopped.
                repositories.Reindex(kind, entry.Name, repo);
            }
            File.Delete(file);
        }
        // Entries cut off while being written.
        foreach (var partial in Directory.EnumerateFiles(layout.Journal, "*.json.*", SearchOption.AllDirectories).ToList()) File.Delete(partial);
        // Artifacts created for a push whose version never landed.
        foreach (var file in Directory.EnumerateFiles(layout.Journal, CreationFile, SearchOption.AllDirectories).ToList())
        {
            var folder = Path.GetDirectoryName(file)!;
            var (kindName, name) = (Path.GetFileName(Path.GetDirectoryName(folder)!), Path.GetFileName(folder));
            if (KindOf(repositories, kindName) is { } kind && repositories.Exists(kind, name))
            {
                using var scope = await repositories.Locks.AcquireAsync(kindName, name, ct);
                bool empty;
                using (var repo = repositories.Open(kind, name)) empty = !repo.VersionTags.Any();
                if (empty)
                {
                    var trash = Path.Combine(layout.Trash, $"{kindName}-{name}-{Guid.NewGuid():N}");
                    Directory.CreateDirectory(layout.Trash);
                    Directory.Move(repositories.PathOf(kind, name), trash);
                    repositories.Index.Remove(kindName, name);
                    Directory.Delete(trash, recursive: true);
                    audit.Record("artifact.deleted", Audit.AuditTarget.Artifact(kindName, name), new { reason = "created for a push the server stopped before it published" });
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

    private const string CreationFile = "artifact.creation";

    private string CreationFileOf(string kind, string name) => Path.Combine(layout.Journal, kind, name, CreationFile);

    private string FileOf(string kind, string name, string version) =>
        Path.Combine(layout.Journal, kind, name, Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(version)) + ".json");
}
