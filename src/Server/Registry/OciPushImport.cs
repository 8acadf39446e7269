using System.Security.Claims;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// A push to an artifact repository (`helm push chart.tgz oci://HOST/charts/`): the manifest is checked (media types of
/// the artifact's kind, tag = version, name = repository), the archive is unpacked safely and validated by the type
/// plugin like any other publish, then imported into Git — a commit on main and the annotated version tag, the pusher
/// as publisher, source "oci-push" — and the pushed bytes are kept so the version pulls back byte-identical.
/// </summary>
public sealed class OciPushImport(
    ArtifactRepositories repositories, ArtifactCatalog catalog, PublicationJournal journal, BlobStore blobs, OciRepositoryStore plain, ArtifactOciView view,
    IOptions<CatalogOptions> limits, IOptions<GitHttp.GitHttpOptions> pushOptions, TimeProvider clock,
    Audit.AuditTrail audit)
{
    public async Task ImportAsync(ArtifactRepositoryName artifact, string repository, string? tag, byte[] manifest, OciManifest body, Digest digest,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var config = Descriptor(body.Config, "config");
        var layers = body.Layers;
        if (layers.Count != 1) throw Invalid($"A {artifact.Kind.DisplayName} manifest has exactly one layer, the package.");
        var layer = Descriptor(layers[0], "layer");
        foreach (var blob in new[] { config, layer })
            if (!plain.HasBlob(repository, Digest.Parse(blob.Digest)))
                throw new ProductException(ErrorCode.ManifestBlobUnknown, $"The manifest references {blob.Digest}, which was not uploaded to {repository}.");

        var configBytes = await File.ReadAllBytesAsync(blobs.PathOf(Digest.Parse(config.Digest)), ct);
        RequireConfigObject(configBytes, config);
        var layerBytes = await File.ReadAllBytesAsync(blobs.PathOf(Digest.Parse(layer.Digest)), ct);
        // The kind's plugin reads its own package format (and refuses what is not one), under the catalog's limits.
        UnpackResponse unpacked;
        try
        {
            unpacked = await artifact.Kind.UnpackAsync(new UnpackRequest
            {
                Name = artifact.Name, MediaType = layer.MediaType, Content = ByteString.CopyFrom(layerBytes),
                ConfigJson = System.Text.Encoding.UTF8.GetString(configBytes), ConfigMediaType = config.MediaType,
                MaxFileBytes = limits.Value.MaxFileBytes, MaxArtifactBytes = limits.Value.MaxArtifactBytes, MaxFiles = limits.Value.MaxFiles,
            }, ct);
        }
        catch (ProductException e) when (e.Error == ErrorCode.RequestInvalid)
        {
            throw Invalid(e.Message);
        }
        if (unpacked.Name != "" && unpacked.Name != artifact.Name)
            throw Invalid($"The package is named '{unpacked.Name}' but was pushed to {repository}; push it to {artifact.Kind.Kind}/{unpacked.Name}.");
        var version = unpacked.Version != "" ? unpacked.Version : tag ?? throw Invalid("A push by digest needs the version in the package.");
        if (tag is not null && VersionTag.ToOciTag(version) != tag)
            throw Invalid($"The tag '{tag}' does not match the package's version {version} (expected tag '{VersionTag.ToOciTag(version)}').");
        VersionTag.Require(version);
        var files = unpacked.Files.Select(f => (f.Path, f.Content.ToByteArray())).ToList();
        var actor = user.Actor();
        var validated = false;
        var created = false;
        if (!repositories.Exists(artifact.Kind, artifact.Name))
        {
            if (!pushOptions.Value.CreateOnPush)
                throw new ProductException(ErrorCode.NameUnknown,
                    $"There is no {artifact.Kind.DisplayName} named '{artifact.Name}' (creating artifacts by push is switched off: GitHttp:CreateOnPush).");
            // A refused push creates nothing: the package is validated before its artifact is created.
            await VersionRules.RequireValidAsync(artifact.Kind, artifact.Name, version, unpacked.Files, ct);
            validated = true;
            journal.BeginCreation(artifact.Kind.Kind, artifact.Name);
            created = true;
            await catalog.EnsureExistsAsync(artifact.Kind, artifact.Name, actor, ct);
        }
        try
        {
            await PublishAsync(artifact, version, tag, manifest, digest, body, config, layer, configBytes, layerBytes, files, unpacked, actor, validated, ct);
        }
        finally
        {
            if (created) journal.CompleteCreation(artifact.Kind.Kind, artifact.Name);
        }
    }

    private async Task PublishAsync(ArtifactRepositoryName artifact, string version, string? tag, byte[] manifest, Digest digest, OciManifest body, Blob config,
        Blob layer, byte[] configBytes, byte[] layerBytes, List<(string Path, byte[])> files, UnpackResponse unpacked, Actor actor, bool validated,
        CancellationToken ct)
    {

        using var _ = await repositories.Locks.AcquireAsync(artifact.Kind.Kind, artifact.Name, ct);
        using var repo = repositories.Open(artifact.Kind, artifact.Name);
        ReadOnlyArtifacts.RequireEditable(repo, artifact.Name, "pushed to");
        if (repo.FindTag(version) is not null)
        {
            // The same package again (clients stamp a new creation time into each manifest) is accepted; the version
            // keeps the manifest it was published with.
            if (await view.ContentAsync(artifact, version, ct) == (config.Digest, layer.Digest)) return;
            throw VersionRules.Exists(artifact.Name, version);
        }
        var before = VersionRules.RequireNew(repositories, repo, artifact.Kind, artifact.Name, version);
        if (!validated) await VersionRules.RequireValidAsync(artifact.Kind, artifact.Name, version, unpacked.Files, ct);

        var now = clock.GetUtcNow();
        var signature = actor.Signature(now);
        var commit = repo.CommitSnapshotOnMain(repo.Head, files, signature, $"Import {artifact.Name} {version} pushed over OCI");
        // The pushed bytes are kept before the tag exists, so the version never pulls anything but what was pushed.
        var manifestType = body.MediaType;
        var pushed = repo.KeepPushedArtifact(version, manifest, digest.ToString(), manifestType, configBytes, config.Digest, config.MediaType,
            layerBytes, layer.Digest, layer.MediaType, signature);
        var record = audit.Capture("version.published", Audit.AuditTarget.Artifact(artifact.Kind.Kind, artifact.Name, version),
            new { commit = commit.Sha, source = Catalog.Publication.SourceName(PublishSource.OciPush), manifest = digest.ToString() });
        if (!journal.TryPublish(repo, artifact.Kind.Kind, artifact.Name, version, commit, actor, PublishSource.OciPush, now,
                $"{artifact.Name} {version}, pushed over OCI ({digest})\n", record, new PublicationJournal.Extras(pushed)))
            throw VersionRules.Exists(artifact.Name, version);
        // The version is served with the pushed bytes, so its digests are known now.
        repositories.VersionIndex.RecordBuilt(artifact.Kind.Kind, artifact.Name, version,
            new VersionIndex.Built(repo.FindTag(version)!.Annotation.Sha, digest.ToString(), config.Digest, layer.Digest));
        repositories.Reindex(artifact.Kind, artifact.Name, repo, repositories.VersionIndex.Added(repo, artifact.Kind.Kind, artifact.Name, before, [version]));
        journal.Complete(artifact.Kind.Kind, artifact.Name, version);
    }

    /// <summary>
    /// A manifest with a <c>subject</c> pushed to an artifact repository (<c>oras attach</c>, cosign, notation): attached to
    /// the version its subject is — never a version itself — with its exact bytes and blobs kept in Git beside the tags.
    /// Attaching the same manifest again is accepted; nothing removes an attachment.
    /// </summary>
    public async Task AttachAsync(ArtifactRepositoryName artifact, string repository, string? tag, byte[] manifest, OciManifest body, Digest digest,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (tag is not null)
            throw Invalid($"Attachments are pushed by digest: the tags of {repository} are its published versions.");
        var mediaType = body.MediaType;
        var subject = body.Subject?.Digest;
        if (!Digest.TryParse(subject, out _)) throw Invalid("The manifest's subject has no valid digest.");
        var version = await view.VersionOfAsync(artifact, subject!, ct)
                      ?? throw new ProductException(ErrorCode.VersionUnknown,
                          $"The subject {subject} is not a published version of {repository} (nor attached to one); attach to a version's manifest digest.");
        var referenced = new List<string>();
        if (OciMediaTypes.IsIndex(mediaType))
        {
            foreach (var item in body.Manifests)
                if (item.Digest is not { } child || await view.VersionOfAsync(artifact, child, ct) is null)
                    throw new ProductException(ErrorCode.ManifestBlobUnknown, $"The index names {item.Digest}, which is not a manifest of {repository}.");
        }
        else
        {
            foreach (var item in new[] { body.Config }.Concat(body.Layers))
            {
                var blob = item?.Digest;
                if (!Digest.TryParse(blob, out var parsed)) throw Invalid($"'{blob}' is not a valid descriptor digest.");
                if (!plain.HasBlob(repository, parsed) && !await view.HasBlobAsync(artifact, parsed, ct))
                    throw new ProductException(ErrorCode.ManifestBlobUnknown, $"The manifest references {blob}, which was not uploaded to {repository}.");
                referenced.Add(blob!);
            }
        }

        using var held = await repositories.Locks.AcquireAsync(artifact.Kind.Kind, artifact.Name, ct);
        using var repo = repositories.Open(artifact.Kind, artifact.Name);
        ReadOnlyArtifacts.RequireEditable(repo, artifact.Name, "attached to");
        if (repo.Attachments().Any(a => a.Digest == digest.ToString())) return; // the same attachment again
        var actor = user.Actor();
        var now = clock.GetUtcNow();
        var annotations = body.Annotations ?? new Dictionary<string, string>();
        var artifactType = body.EffectiveArtifactType ?? "";
        var attachment = new Attachment(digest.ToString(), mediaType, artifactType, manifest.Length, subject!, version, annotations, actor.Username, now);
        repo.Attach(attachment, manifest, referenced, d => blobs.Open(Digest.Parse(d)), actor.Signature(now));
        audit.Record("version.attached", Audit.AuditTarget.Artifact(artifact.Kind.Kind, artifact.Name, version),
            new { manifest = digest.ToString(), media_type = mediaType, artifact_type = artifactType });
    }

    private sealed record Blob(string Digest, string MediaType);

    /// <summary>Largest nesting of an artifact's OCI config (Helm's is Chart.yaml as JSON: a few levels).</summary>
    public const int MaxConfigDepth = 64;

    /// <summary>An artifact's config is a JSON object of ordinary depth (it is kept and served with the version).</summary>
    private static void RequireConfigObject(byte[] bytes, Blob config)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(bytes, new System.Text.Json.JsonDocumentOptions { MaxDepth = MaxConfigDepth });
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
                throw Invalid($"The config {config.Digest} is not a JSON object; an artifact's config ({config.MediaType}) is one.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Invalid(e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"The config {config.Digest} nests deeper than {MaxConfigDepth} levels, the limit for an artifact's config."
                : $"The config {config.Digest} is not valid JSON: {e.Message}");
        }
    }

    private static Blob Descriptor(OciDescriptor? node, string what)
    {
        var digest = node?.Digest;
        var mediaType = node?.MediaType;
        if (!Digest.TryParse(digest, out _) || string.IsNullOrEmpty(mediaType)) throw Invalid($"The manifest's {what} descriptor is incomplete.");
        return new Blob(digest!, mediaType!);
    }

    private static ProductException Invalid(string message) => new(ErrorCode.ManifestInvalid, message);
}
