using System.Text.Json;
using LibGit2Sharp;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// Something attached to a published version over the OCI referrers API (a signature, an SBOM, provenance): the
/// referrer manifest's digest, media type and artifact type, the version it belongs to and who attached it when.
/// </summary>
public sealed record Attachment(string Digest, string MediaType, string ArtifactType, long Size, string Subject, string Version,
    IReadOnlyDictionary<string, string> Annotations, string AttachedBy, DateTimeOffset AttachedAt);

public sealed partial class ArtifactRepository
{
    /// <summary>
    /// Attachments live on their own ref, beside the version tags and as durable as them: one commit per attachment, whose
    /// tree holds <c>&lt;alg&gt;-&lt;hex&gt;/manifest</c> (the referrer's exact bytes), <c>&lt;alg&gt;-&lt;hex&gt;/attachment.json</c>
    /// (what the catalog shows) and <c>blobs/&lt;alg&gt;-&lt;hex&gt;</c> (its config and layers). The ref only grows: nothing
    /// removes an attachment, and pushes cannot touch refs outside branches and tags.
    /// </summary>
    public const string AttachmentsRef = "refs/oci/referrers";

    private const string BlobsFolder = "blobs";

    public IReadOnlyList<Attachment> Attachments()
    {
        if (AttachmentsHead() is not { } head) return [];
        var found = new List<Attachment>();
        foreach (var entry in head.Tree)
        {
            if (entry.Name == BlobsFolder || entry.Target is not Tree folder || folder["attachment.json"]?.Target is not Blob info) continue;
            if (JsonSerializer.Deserialize<Attachment>(info.GetContentText()) is { } attachment) found.Add(attachment);
        }
        return found.OrderBy(a => a.AttachedAt).ThenBy(a => a.Digest, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Attachment> Attachments(string version) => Attachments().Where(a => a.Version == version).ToList();

    /// <summary>An attached manifest's bytes, or an attached blob's (config or layer) Git blob, by registry digest.</summary>
    public byte[]? AttachedManifest(string digest) =>
        AttachmentsHead()?[$"{Key(digest)}/manifest"]?.Target is Blob blob ? ReadBlob(blob.Sha) : null;

    public Blob? AttachedBlob(string digest) => AttachmentsHead()?[$"{BlobsFolder}/{Key(digest)}"]?.Target as Blob;

    /// <summary>Records an attachment with its blobs (read from <paramref name="openBlob"/>). Callers hold the artifact's lock.</summary>
    public void Attach(Attachment attachment, byte[] manifest, IEnumerable<string> blobDigests, Func<string, Stream> openBlob, Signature signature)
    {
        var parent = AttachmentsHead();
        CommitOnRef(AttachmentsRef, parent, tree =>
        {
            var key = Key(attachment.Digest);
            tree.Add($"{key}/manifest", CreateBlob(manifest), Mode.NonExecutableFile);
            tree.Add($"{key}/attachment.json", CreateBlob(JsonSerializer.SerializeToUtf8Bytes(attachment)), Mode.NonExecutableFile);
            foreach (var digest in blobDigests.Distinct())
            {
                var path = $"{BlobsFolder}/{Key(digest)}";
                if (parent?[path] is not null) continue;
                using var content = openBlob(digest);
                tree.Add(path, _repo.ObjectDatabase.CreateBlob(content), Mode.NonExecutableFile);
            }
            return $"Attach {attachment.ArtifactType} {attachment.Digest} to {attachment.Version}";
        }, signature, null, "another attachment landed at the same moment; push it again.");
    }

    private Commit? AttachmentsHead() => RefCommit(AttachmentsRef);

    /// <summary>A registry digest as a Git tree entry name ("sha256:ab…" is "sha256-ab…").</summary>
    private static string Key(string digest) => digest.Replace(':', '-');
}
