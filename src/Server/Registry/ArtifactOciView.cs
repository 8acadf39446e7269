using System.Text;
using System.Text.Json;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Registry;

/// <summary>An artifact's published versions as the OCI repository &lt;kind&gt;/&lt;name&gt;.</summary>
public sealed record ArtifactRepositoryName(ArtifactKind Kind, string Name);

/// <summary>
/// Artifact repositories (<c>charts/&lt;name&gt;</c>, <c>kustomize-bases/&lt;name&gt;</c>, <c>manifest-bundles/&lt;name&gt;</c>) are views over
/// Git: tags are the published versions (Helm's '+' → '_'), and each version's manifest, config and layer are built from its
/// tag by the type plugin's deterministic Package — the same bytes and digests on every server, after every restart. What is
/// built is kept in DATA/cache/oci and rebuilt when the cache is gone.
/// </summary>
public sealed class ArtifactOciView(ArtifactKinds kinds, ArtifactRepositories repositories, VersionCatalog versions, BlobStore blobs, DataLayout layout,
    ExternalSources.ExternalCharts external)
{
    public ArtifactRepositoryName? Resolve(string repository)
    {
        var slash = repository.IndexOf('/');
        if (slash < 0 || !kinds.TryGet(repository[..slash], out var kind) || kind.Kind != repository[..slash]) return null;
        var name = repository[(slash + 1)..];
        return ArtifactName.IsValid(name) ? new ArtifactRepositoryName(kind, name) : null;
    }

    public bool Exists(ArtifactRepositoryName artifact) => repositories.Exists(artifact.Kind, artifact.Name);

    public bool HasVersion(ArtifactRepositoryName artifact, string version)
    {
        using var repo = repositories.Open(artifact.Kind, artifact.Name);
        return repo.FindTag(version) is { IsAnnotated: true };
    }

    public IEnumerable<string> Names() =>
        kinds.All.SelectMany(kind => repositories.Index.List(kind.Kind, "", int.MaxValue, "").Page.Select(a => $"{kind.Kind}/{a.Name}"));

    /// <summary>The tags of the published versions, and of versions an external source lists that are imported on their first pull.</summary>
    public List<string> Tags(ArtifactRepositoryName artifact)
    {
        List<string> versions;
        using (var repo = repositories.Open(artifact.Kind, artifact.Name)) versions = repo.VersionTags.Select(t => t.FriendlyName).ToList();
        return versions.Select(VersionTag.ToOciTag).Concat(external.PendingTags(artifact.Kind, artifact.Name)).Distinct()
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A version's manifest by tag or digest, or an attachment's by digest.</summary>
    /// <remarks>A tag is looked up by name and a digest in the version index: neither reads the other versions.</remarks>
    public async Task<StoredManifest?> FindAsync(ArtifactRepositoryName artifact, string reference, CancellationToken ct)
    {
        if (OciNames.IsTag(reference))
        {
            await external.EnsureImportedAsync(artifact.Kind, artifact.Name, reference, ct);
            string? version;
            using (var repo = repositories.Open(artifact.Kind, artifact.Name))
                version = repositories.VersionIndex.VersionOfOciTag(repo, artifact.Kind.Kind, artifact.Name, reference);
            return version is null ? null : (await BuildAsync(artifact, version, ct)).Manifest;
        }
        if (await VersionOfManifestAsync(artifact, reference, ct) is { } built) return built.Manifest;
        using var attachments = repositories.Open(artifact.Kind, artifact.Name);
        return attachments.Attachments().FirstOrDefault(a => a.Digest == reference) is { } attachment && attachments.AttachedManifest(reference) is { } bytes
            ? new StoredManifest(bytes, attachment.Digest, attachment.MediaType)
            : null;
    }

    /// <summary>
    /// The version a manifest digest stands for: a version's own manifest, or (for an attachment of an attachment, such as
    /// the signature of an SBOM) the version the attachment belongs to. Null when the digest is neither.
    /// </summary>
    public async Task<string?> VersionOfAsync(ArtifactRepositoryName artifact, string digest, CancellationToken ct)
    {
        if (await VersionOfManifestAsync(artifact, digest, ct) is { } built) return built.Version;
        using var repo = repositories.Open(artifact.Kind, artifact.Name);
        return repo.Attachments().FirstOrDefault(a => a.Digest == digest)?.Version;
    }

    private async Task<BuiltVersion?> VersionOfManifestAsync(ArtifactRepositoryName artifact, string digest, CancellationToken ct) =>
        await VersionOfDigestAsync(artifact, digest, ct) is { } version && await BuildAsync(artifact, version, ct) is { } built && built.Manifest.Digest == digest
            ? built
            : null;

    /// <summary>
    /// The version whose manifest, config or layer has <paramref name="digest"/>, from the version index. Versions whose
    /// digests are not recorded yet (published since they were last built) are built first, once each.
    /// </summary>
    private async Task<string?> VersionOfDigestAsync(ArtifactRepositoryName artifact, string digest, CancellationToken ct)
    {
        var index = repositories.VersionIndex;
        List<string> unbuilt;
        using (var repo = repositories.Open(artifact.Kind, artifact.Name))
        {
            if (index.VersionOfDigest(repo, artifact.Kind.Kind, artifact.Name, digest) is { } found) return found.Version;
            index.Current(repo, artifact.Kind.Kind, artifact.Name);
            unbuilt = index.Unbuilt(artifact.Kind.Kind, artifact.Name);
        }
        if (unbuilt.Count == 0) return null;
        var done = new List<string>();
        foreach (var version in unbuilt)
        {
            try
            {
                await BuildAsync(artifact, version, ct);
            }
            catch (Errors.ProductException)
            {
                // A version that cannot be built has no digests to find; building it by tag reports why.
            }
            done.Add(version);
        }
        index.MarkBuilt(artifact.Kind.Kind, artifact.Name, done);
        using (var repo = repositories.Open(artifact.Kind, artifact.Name))
            return index.VersionOfDigest(repo, artifact.Kind.Kind, artifact.Name, digest)?.Version;
    }

    /// <summary>What is attached to a manifest of this artifact, as the referrers API lists it.</summary>
    public List<ReferrerDescriptor> Referrers(ArtifactRepositoryName artifact, Digest subject)
    {
        using var repo = repositories.Open(artifact.Kind, artifact.Name);
        return repo.Attachments().Where(a => a.Subject == subject.ToString())
            .Select(a => new ReferrerDescriptor(a.MediaType, a.Digest, a.Size, a.ArtifactType == "" ? null : a.ArtifactType,
                a.Annotations.Count == 0 ? null : a.Annotations.ToDictionary()))
            .ToList();
    }

    /// <summary>The config bytes and the layer (the package archive) a published version is served with.</summary>
    public async Task<(byte[] Config, Digest Layer)> PackageOfAsync(ArtifactRepositoryName artifact, string version, CancellationToken ct)
    {
        // A built version's config and layer are in the blob store (BuildAsync restores or rebuilds them).
        var built = await BuildAsync(artifact, version, ct);
        return (await File.ReadAllBytesAsync(blobs.PathOf(Digest.Parse(built.Config)), ct), Digest.Parse(built.Layer));
    }

    /// <summary>The config and layer digests a published version is served with.</summary>
    public async Task<(string Config, string Layer)> ContentAsync(ArtifactRepositoryName artifact, string version, CancellationToken ct)
    {
        var built = await BuildAsync(artifact, version, ct);
        return (built.Config, built.Layer);
    }

    /// <summary>A blob of this artifact: the config or layer of one of its versions.</summary>
    public async Task<bool> HasBlobAsync(ArtifactRepositoryName artifact, Digest digest, CancellationToken ct)
    {
        if (await VersionOfDigestAsync(artifact, digest.ToString(), ct) is { } version)
        {
            var built = await BuildAsync(artifact, version, ct);
            if (built.Config == digest.ToString() || built.Layer == digest.ToString()) return blobs.Exists(digest);
        }
        // An attachment's config or layer, restored from Git into the blob store when the store lost it.
        using var repo = repositories.Open(artifact.Kind, artifact.Name);
        if (repo.AttachedBlob(digest.ToString()) is not { } attached) return false;
        if (!blobs.Exists(digest))
        {
            await using var content = attached.GetContentStream();
            await blobs.PutAsync(content, digest, ct);
        }
        return true;
    }

    /// <summary>Names the layout of built manifests; a new value leaves older cached builds unread.</summary>
    private const string CacheFormat = "2";

    private sealed record BuiltVersion(string Version, StoredManifest Manifest, string Config, string Layer);

    private sealed record CacheEntry(string Manifest, string Digest, string Config, string Layer);

    /// <summary>A version as the registry serves it; its digests are recorded in the version index the first time.</summary>
    private async Task<BuiltVersion> BuildAsync(ArtifactRepositoryName artifact, string version, CancellationToken ct)
    {
        string? tagObject;
        using (var repo = repositories.Open(artifact.Kind, artifact.Name)) tagObject = repo.RefTarget("refs/tags/" + version);
        var built = await BuildCachedAsync(artifact, version, ct);
        if (tagObject is not null && repositories.VersionIndex.BuiltOf(artifact.Kind.Kind, artifact.Name, version, tagObject) is null)
            repositories.VersionIndex.RecordBuilt(artifact.Kind.Kind, artifact.Name, version,
                new VersionIndex.Built(tagObject, built.Manifest.Digest, built.Config, built.Layer));
        return built;
    }

    private async Task<BuiltVersion> BuildCachedAsync(ArtifactRepositoryName artifact, string version, CancellationToken ct)
    {
        var cacheFile = Path.Combine(layout.OciCache, CacheFormat, artifact.Kind.Kind, artifact.Name, VersionTag.ToOciTag(version) + ".json");
        if (File.Exists(cacheFile))
        {
            var cached = JsonSerializer.Deserialize<CacheEntry>(await File.ReadAllTextAsync(cacheFile, ct))!;
            if (blobs.Exists(Digest.Parse(cached.Config)) && blobs.Exists(Digest.Parse(cached.Layer)) && blobs.Exists(Digest.Parse(cached.Digest)))
                return new BuiltVersion(version, new StoredManifest(Convert.FromBase64String(cached.Manifest), cached.Digest, OciMediaTypes.ImageManifest), cached.Config, cached.Layer);
        }

        if (await PushedAsync(artifact, version, ct) is { } pushed) return pushed;
        var package = await versions.PackageAsync(artifact.Kind, artifact.Name, version, ct);
        var configBytes = Encoding.UTF8.GetBytes(package.ConfigJson == "" ? "{}" : package.ConfigJson);
        var layer = await blobs.PutAsync(package.Content, ct);
        var config = await blobs.PutAsync(configBytes, ct);
        var annotations = new SortedDictionary<string, string>(package.Annotations.ToDictionary(), StringComparer.Ordinal)
        {
            ["org.opencontainers.image.created"] = package.CommittedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["org.opencontainers.image.title"] = artifact.Name,
            ["org.opencontainers.image.version"] = version,
            ["org.opencontainers.image.revision"] = $"{version}@sha1:{package.Commit}",
        };
        var manifest = ManifestJson(package.ConfigMediaType, config, configBytes.Length, package.MediaType, layer, package.Content.Length, annotations);
        var digest = await blobs.PutAsync(manifest, ct);

        Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
        var temporary = cacheFile + "." + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new CacheEntry(Convert.ToBase64String(manifest), digest.ToString(), config.ToString(), layer.ToString())), ct);
        File.Move(temporary, cacheFile, overwrite: true);
        return new BuiltVersion(version, new StoredManifest(manifest, digest.ToString(), OciMediaTypes.ImageManifest), config.ToString(), layer.ToString());
    }

    /// <summary>A version that arrived by OCI push is served with exactly the pushed bytes, restored from Git into the blob store.</summary>
    private async Task<BuiltVersion?> PushedAsync(ArtifactRepositoryName artifact, string version, CancellationToken ct)
    {
        using var repo = repositories.Open(artifact.Kind, artifact.Name);
        if (repo.FindTag(version) is not { } tag || repo.PushedArtifact(tag) is not { } pushed) return null;
        foreach (var item in new[] { pushed.Manifest, pushed.Config, pushed.Layer })
        {
            var digest = Digest.Parse(item.Digest);
            if (!blobs.Exists(digest)) await blobs.PutAsync(repo.ReadBlob(item.GitBlob), ct, digest.Algorithm);
        }
        var manifest = await File.ReadAllBytesAsync(blobs.PathOf(Digest.Parse(pushed.Manifest.Digest)), ct);
        return new BuiltVersion(version, new StoredManifest(manifest, pushed.Manifest.Digest, pushed.Manifest.MediaType), pushed.Config.Digest, pushed.Layer.Digest);
    }

    /// <summary>An OCI image manifest with a fixed field order, so its digest is a function of its content alone.</summary>
    internal static byte[] ManifestJson(string configType, Digest config, long configSize, string layerType, Digest layer, long layerSize,
        IReadOnlyDictionary<string, string> annotations)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", OciMediaTypes.ImageManifest);
            json.WriteStartObject("config");
            WriteDescriptor(json, configType, config, configSize);
            json.WriteEndObject();
            json.WriteStartArray("layers");
            json.WriteStartObject();
            WriteDescriptor(json, layerType, layer, layerSize);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("annotations");
            foreach (var (key, value) in annotations) json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteDescriptor(Utf8JsonWriter json, string mediaType, Digest digest, long size)
    {
        json.WriteString("mediaType", mediaType);
        json.WriteString("digest", digest.ToString());
        json.WriteNumber("size", size);
    }
}
