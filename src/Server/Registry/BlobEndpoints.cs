using System.Net.Http.Headers;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Registry;

public sealed partial class RegistryApi
{
    private async Task GetBlobAsync(HttpContext http, string repository, string reference)
    {
        var digest = Digest.Parse(reference);
        await RequireBlobAsync(repository, digest, http.RequestAborted);
        var path = blobs.PathOf(digest);
        var length = new FileInfo(path).Length;
        http.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        http.Response.ContentType = "application/octet-stream";
        if (Options.Offload.AccelRedirect is { Length: > 0 } internalLocation && HttpMethods.IsGet(http.Request.Method))
        {
            // Authorised and present: the fronting nginx sends the file, answering Range itself, with these headers.
            http.Response.Headers["X-Accel-Redirect"] = internalLocation + BlobStore.RelativePathOf(digest);
            metrics.BlobBytes(length, offloaded: true);
            return;
        }
        http.Response.Headers.AcceptRanges = "bytes";

        var (offset, count) = (0L, length);
        if (RangeHeaderValue.TryParse(http.Request.Headers.Range.ToString(), out var range) && range.Unit == "bytes" && range.Ranges.Count == 1)
        {
            var item = range.Ranges.First();
            var start = item.From ?? Math.Max(0, length - (item.To ?? 0));
            var end = item.From is null ? length - 1 : Math.Min(item.To ?? length - 1, length - 1);
            if (start >= length || end < start)
            {
                http.Response.Headers.ContentRange = $"bytes */{length}";
                throw new ProductException(ErrorCode.RangeInvalid, $"The range is outside the blob's {length} bytes.");
            }
            (offset, count) = (start, end - start + 1);
            http.Response.StatusCode = 206;
            http.Response.Headers.ContentRange = $"bytes {start}-{end}/{length}";
        }
        http.Response.ContentLength = count;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        // Large reads straight into the response pipe's memory: one copy, no intermediate buffers.
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        file.Position = offset;
        var writer = http.Response.BodyWriter;
        var remaining = count;
        try
        {
            while (remaining > 0)
            {
                var memory = writer.GetMemory((int)Math.Min(remaining, 256 * 1024));
                var read = await file.ReadAsync(memory[..(int)Math.Min(memory.Length, remaining)], http.RequestAborted);
                if (read == 0) break;
                writer.Advance(read);
                remaining -= read;
                var flushed = await writer.FlushAsync(http.RequestAborted);
                if (flushed.IsCanceled || flushed.IsCompleted) break;
            }
        }
        finally
        {
            metrics.BlobBytes(count - remaining, offloaded: false);
        }
    }

    private async Task DeleteBlobAsync(HttpContext http, string repository, string reference)
    {
        var digest = Digest.Parse(reference);
        RejectArtifactWrite(repository, "deleted");
        await RequirePlainRepositoriesAsync();
        if (!plain.UnlinkBlob(repository, digest)) throw new ProductException(ErrorCode.BlobUnknown, $"Blob {digest} is not in {repository}.");
        Accepted(http, 202, $"/v2/{repository}/blobs/{digest}");
    }

    private async Task StartUploadAsync(HttpContext http, string repository)
    {
        await RequireWritableAsync(repository);
        var query = http.Request.Query;
        if (query.TryGetValue("mount", out var mount) && Digest.TryParse(mount, out var mounted) && await CanMountAsync(http, mounted, query["from"].ToString()))
        {
            plain.LinkBlob(repository, mounted);
            http.Response.Headers["Docker-Content-Digest"] = mounted.ToString();
            Accepted(http, 201, $"/v2/{repository}/blobs/{mounted}");
            return;
        }
        Digest? monolithic = query.TryGetValue("digest", out var digestText) ? Digest.Parse(digestText) : null;
        var id = uploads.Start(repository);
        if (monolithic is { } digest)
        {
            try
            {
                await uploads.AppendAsync(repository, id, http.Request.Body, null, Options.MaxBlobBytes, http.RequestAborted);
            }
            catch
            {
                // A monolithic upload that did not arrive whole leaves nothing behind.
                uploads.Discard(id);
                throw;
            }
            await uploads.CompleteAsync(repository, id, digest, http.RequestAborted);
            plain.LinkBlob(repository, digest);
            http.Response.Headers["Docker-Content-Digest"] = digest.ToString();
            Accepted(http, 201, $"/v2/{repository}/blobs/{digest}");
            return;
        }
        UploadProgress(http, 202, repository, id, 0);
    }

    private Task UploadStatusAsync(HttpContext http, string repository, string id)
    {
        UploadProgress(http, 204, repository, id, uploads.Size(repository, id));
        return Task.CompletedTask;
    }

    private async Task PatchUploadAsync(HttpContext http, string repository, string id)
    {
        long? start = null;
        if (http.Request.Headers.ContentRange.ToString() is { Length: > 0 } contentRange)
        {
            // Chunked uploads send "start-end" (no unit).
            var dash = contentRange.IndexOf('-');
            if (dash <= 0 || !long.TryParse(contentRange.AsSpan(0, dash).Trim("bytes= "), out var parsed))
                throw new ProductException(ErrorCode.RangeInvalid, $"Content-Range '{contentRange}' is not 'start-end'.");
            start = parsed;
        }
        var size = await uploads.AppendAsync(repository, id, http.Request.Body, start, Options.MaxBlobBytes, http.RequestAborted);
        UploadProgress(http, 202, repository, id, size);
    }

    private async Task CompleteUploadAsync(HttpContext http, string repository, string id)
    {
        var digest = Digest.Parse(http.Request.Query["digest"].ToString());
        await uploads.AppendAsync(repository, id, http.Request.Body, null, Options.MaxBlobBytes, http.RequestAborted);
        await uploads.CompleteAsync(repository, id, digest, http.RequestAborted);
        plain.LinkBlob(repository, digest);
        http.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        Accepted(http, 201, $"/v2/{repository}/blobs/{digest}");
    }

    private Task CancelUploadAsync(HttpContext http, string repository, string id)
    {
        uploads.Cancel(repository, id);
        http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static void UploadProgress(HttpContext http, int status, string repository, string id, long size)
    {
        http.Response.Headers["Docker-Upload-UUID"] = id;
        http.Response.Headers.Range = $"0-{Math.Max(0, size - 1)}";
        Accepted(http, status, $"/v2/{repository}/blobs/uploads/{id}");
    }

    private async Task<bool> CanMountAsync(HttpContext http, Digest digest, string from)
    {
        if (from == "" || !blobs.Exists(digest) || !Auth.Access.Decide(http.User, Auth.Operation.Read, Auth.Resource.Repository(from), Options.AnonymousPull).Allowed) return false;
        return plain.HasBlob(from, digest) || (artifacts.Resolve(from) is { } artifact && await artifacts.HasBlobAsync(artifact, digest, http.RequestAborted));
    }

    private async Task RequireBlobAsync(string repository, Digest digest, CancellationToken ct)
    {
        if (plain.HasBlob(repository, digest)) return;
        if (artifacts.Resolve(repository) is { } artifact)
        {
            if (!artifacts.Exists(artifact)) throw new ProductException(ErrorCode.NameUnknown, $"There is no repository {repository}.");
            if (await artifacts.HasBlobAsync(artifact, digest, ct)) return;
        }
        else if (!plain.Exists(repository)) throw new ProductException(ErrorCode.NameUnknown, $"There is no repository {repository}.");
        throw new ProductException(ErrorCode.BlobUnknown, $"Blob {digest} is not in {repository}.");
    }

    /// <summary>Blobs may be uploaded to artifact repositories (a chart push starts that way) and to plain ones if enabled.</summary>
    private async Task RequireWritableAsync(string repository)
    {
        if (artifacts.Resolve(repository) is null) await RequirePlainRepositoriesAsync();
    }

    private void RejectArtifactWrite(string repository, string verb)
    {
        if (artifacts.Resolve(repository) is not null)
            throw new ProductException(ErrorCode.OperationUnsupported, $"{repository} holds published versions, which are immutable: nothing in it can be {verb}.");
    }
}
