using System.Text.Json;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Registry;

public sealed partial class RegistryApi
{
    private async Task GetManifestAsync(HttpContext http, string repository, string reference)
    {
        var manifest = await FindManifestAsync(repository, reference, http.RequestAborted)
                       ?? throw new ProductException(ErrorCode.ManifestUnknown, $"{repository} has no manifest '{reference}'.");
        if (!Acceptable(http.Request.Headers.Accept, manifest.MediaType))
            throw new ProductException(ErrorCode.ManifestUnknown,
                $"{repository}:{reference} is a {manifest.MediaType}, which the request's Accept header does not allow.");
        OciResponses.Descriptor(http.Response, manifest.Digest, manifest.Content.Length, manifest.MediaType);
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(manifest.Content, http.RequestAborted);
    }

    /// <summary>No Accept header, a wildcard, or the manifest's own type: the manifest is served as stored, never converted.</summary>
    private static bool Acceptable(Microsoft.Extensions.Primitives.StringValues accept, string mediaType)
    {
        var types = accept.SelectMany(a => (a ?? "").Split(',')).Select(t => t.Split(';')[0].Trim()).Where(t => t != "").ToList();
        return types.Count == 0 || types.Any(t => t is "*/*" or "application/*" || t == mediaType);
    }

    private async Task<StoredManifest?> FindManifestAsync(string repository, string reference, CancellationToken ct)
    {
        // A reference that can be neither a tag nor a digest names no manifest (as registries answer), not a bad request.
        if (!OciNames.IsTag(reference) && !Digest.TryParse(reference, out _))
            throw new ProductException(ErrorCode.ManifestUnknown, $"{repository} has no manifest '{reference}' ('{reference}' is neither a tag nor a digest).");
        if (artifacts.Resolve(repository) is { } artifact)
        {
            if (!artifacts.Exists(artifact)) throw new ProductException(ErrorCode.NameUnknown, $"There is no repository {repository}.");
            return await artifacts.FindAsync(artifact, reference, ct);
        }
        if (!plain.Exists(repository)) throw new ProductException(ErrorCode.NameUnknown, $"There is no repository {repository}.");
        return plain.Find(repository, reference);
    }

    private async Task PutManifestAsync(HttpContext http, string repository, string reference)
    {
        var artifact = artifacts.Resolve(repository);
        if (artifact is null) await RequirePlainRepositoriesAsync();
        var content = await ReadLimitedAsync(http.Request.Body, Options.MaxManifestBytes, http.RequestAborted);
        var byDigest = !OciNames.IsTag(reference);
        var digest = byDigest ? Digest.Parse(reference) : Digest.Sha256(content);
        using (var hash = digest.NewHash())
        {
            hash.AppendData(content);
            if (digest.WithHex(hash.GetHashAndReset()) != digest)
                throw new ProductException(ErrorCode.DigestInvalid, $"The manifest's content does not match {digest}.");
        }

        var manifest = OciManifestJson.Parse(http.Request.ContentType, content);
        var mediaType = manifest.MediaType;
        var subject = manifest.Subject?.Digest;
        if (artifact is not null && subject is not null)
        {
            await pushImport.AttachAsync(artifact, repository, byDigest ? null : reference, content, manifest, digest, http.User, http.RequestAborted);
            http.Response.Headers["OCI-Subject"] = subject;
            http.Response.Headers["Docker-Content-Digest"] = digest.ToString();
            Accepted(http, 201, $"/v2/{repository}/manifests/{digest}");
            return;
        }
        if (artifact is not null)
        {
            await pushImport.ImportAsync(artifact, repository, byDigest ? null : reference, content, manifest, digest, http.User, http.RequestAborted);
            http.Response.Headers["Docker-Content-Digest"] = digest.ToString();
            Accepted(http, 201, $"/v2/{repository}/manifests/{digest}");
            return;
        }
        foreach (var referenced in OciManifestJson.References(manifest))
        {
            var found = OciMediaTypes.IsIndex(mediaType) ? plain.Find(repository, referenced.ToString()) is not null : plain.HasBlob(repository, referenced);
            if (!found) throw new ProductException(ErrorCode.ManifestBlobUnknown, $"The manifest references {referenced}, which is not in {repository}.");
        }

        var descriptor = subject is null ? null : new ReferrerDescriptor(mediaType, digest.ToString(), content.Length,
            manifest.EffectiveArtifactType, manifest.Annotations);
        await plain.PutAsync(repository, byDigest ? null : reference, content, digest, mediaType, descriptor, subject, http.RequestAborted);
        audit.Record("oci.manifest_pushed", new Audit.AuditTarget("oci-repository", repository, byDigest ? "" : reference),
            new { manifest = digest.ToString(), media_type = mediaType });

        if (subject is not null) http.Response.Headers["OCI-Subject"] = subject;
        http.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        Accepted(http, 201, $"/v2/{repository}/manifests/{digest}");
    }

    private async Task DeleteManifestAsync(HttpContext http, string repository, string reference)
    {
        RejectArtifactWrite(repository, "deleted");
        await RequirePlainRepositoriesAsync();
        if (!OciNames.IsTag(reference)) Digest.Parse(reference);
        if (!plain.Exists(repository)) throw new ProductException(ErrorCode.NameUnknown, $"There is no repository {repository}.");
        if (!plain.Delete(repository, reference)) throw new ProductException(ErrorCode.ManifestUnknown, $"{repository} has no manifest '{reference}'.");
        audit.Record("oci.manifest_deleted", new Audit.AuditTarget("oci-repository", repository, reference));
        http.Response.StatusCode = 202;
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new ProductException(ErrorCode.SizeInvalid, $"The manifest exceeds {limit} bytes (OciRegistry:MaxManifestBytes).");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
