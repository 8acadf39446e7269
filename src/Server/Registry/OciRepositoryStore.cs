using System.Text.Json;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// Plain OCI repositories on disk — <c>DATA/registry/repositories/&lt;name&gt;/</c> with <c>_tags/&lt;tag&gt;</c> (a digest),
/// <c>_manifests/&lt;alg&gt;/&lt;hex&gt;</c> (the media type), <c>_blobs/&lt;alg&gt;/&lt;hex&gt;</c> (the blob belongs here) and
/// <c>_referrers/&lt;alg&gt;/&lt;subject&gt;/&lt;alg&gt;-&lt;hex&gt;</c> (a descriptor). Content lives once in the blob store.
/// </summary>
public sealed class OciRepositoryStore(DataLayout layout, BlobStore blobs)
{
    public string Folder(string repository) => Path.Combine(layout.OciRepositories, repository);

    public bool Exists(string repository) => Directory.Exists(Folder(repository));

    public IEnumerable<string> Names() =>
        Directory.EnumerateDirectories(layout.OciRepositories, "_tags", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateDirectories(layout.OciRepositories, "_blobs", SearchOption.AllDirectories))
            .Select(d => Path.GetRelativePath(layout.OciRepositories, Path.GetDirectoryName(d)!).Replace('\\', '/'))
            .Distinct();

    public void LinkBlob(string repository, Digest digest) => Touch(Path.Combine(Folder(repository), "_blobs", digest.Algorithm, digest.Hex), "");

    public bool HasBlob(string repository, Digest digest) =>
        File.Exists(Path.Combine(Folder(repository), "_blobs", digest.Algorithm, digest.Hex)) && blobs.Exists(digest);

    public bool UnlinkBlob(string repository, Digest digest)
    {
        var link = Path.Combine(Folder(repository), "_blobs", digest.Algorithm, digest.Hex);
        if (!File.Exists(link)) return false;
        File.Delete(link);
        return true;
    }

    public List<string> Tags(string repository)
    {
        var folder = Path.Combine(Folder(repository), "_tags");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList() : [];
    }

    public StoredManifest? Find(string repository, string reference)
    {
        var digestText = reference;
        if (OciNames.IsTag(reference))
        {
            var tag = Path.Combine(Folder(repository), "_tags", reference);
            if (!File.Exists(tag)) return null;
            digestText = File.ReadAllText(tag).Trim();
        }
        if (!Digest.TryParse(digestText, out var digest)) return null;
        var revision = RevisionFile(repository, digest);
        if (!File.Exists(revision) || !blobs.Exists(digest)) return null;
        return new StoredManifest(File.ReadAllBytes(blobs.PathOf(digest)), digest.ToString(), File.ReadAllText(revision).Trim());
    }

    public async Task PutAsync(string repository, string? tag, byte[] content, Digest digest, string mediaType, ReferrerDescriptor? subjectOf,
        string? subject, CancellationToken ct)
    {
        await blobs.PutAsync(content, ct, digest.Algorithm);
        Touch(RevisionFile(repository, digest), mediaType);
        if (subject is not null && subjectOf is not null && Digest.TryParse(subject, out var subjectDigest))
            Touch(Path.Combine(Folder(repository), "_referrers", subjectDigest.Algorithm, subjectDigest.Hex, $"{digest.Algorithm}-{digest.Hex}"),
                JsonSerializer.Serialize(subjectOf));
        if (tag is not null) Touch(Path.Combine(Folder(repository), "_tags", tag), digest.ToString());
    }

    public List<ReferrerDescriptor> Referrers(string repository, Digest subject)
    {
        var folder = Path.Combine(Folder(repository), "_referrers", subject.Algorithm, subject.Hex);
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<ReferrerDescriptor>(File.ReadAllText(f))!)
            .Where(d => File.Exists(RevisionFile(repository, Digest.Parse(d.Digest))))
            .ToList();
    }

    /// <summary>Deletes a tag, or a manifest with every tag that names it.</summary>
    public bool Delete(string repository, string reference)
    {
        if (OciNames.IsTag(reference))
        {
            var tag = Path.Combine(Folder(repository), "_tags", reference);
            if (!File.Exists(tag)) return false;
            File.Delete(tag);
            return true;
        }
        var digest = Digest.Parse(reference);
        var revision = RevisionFile(repository, digest);
        if (!File.Exists(revision)) return false;
        File.Delete(revision);
        foreach (var tag in Tags(repository))
        {
            var file = Path.Combine(Folder(repository), "_tags", tag);
            if (File.ReadAllText(file).Trim() == digest.ToString()) File.Delete(file);
        }
        return true;
    }

    private string RevisionFile(string repository, Digest digest) => Path.Combine(Folder(repository), "_manifests", digest.Algorithm, digest.Hex);

    /// <summary>Small metadata files are replaced atomically: readers see the old or the new content, never half.</summary>
    private static void Touch(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
