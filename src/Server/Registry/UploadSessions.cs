using System.Collections.Concurrent;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// Blob uploads in progress: <c>DATA/registry/uploads/&lt;id&gt;/{data,repository}</c>. Chunks append in order (an
/// out-of-order chunk is 416); completing verifies the digest and hands the file to the blob store.
/// </summary>
public sealed class UploadSessions(DataLayout layout, BlobStore blobs)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public string Start(string repository)
    {
        var id = Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Folder(id));
        File.WriteAllText(Path.Combine(Folder(id), "repository"), repository);
        File.WriteAllBytes(DataFile(id), []);
        return id;
    }

    /// <summary>The bytes received so far; unknown or foreign sessions are BLOB_UPLOAD_UNKNOWN.</summary>
    public long Size(string repository, string id) => new FileInfo(DataFile(Require(repository, id))).Length;

    public async Task<long> AppendAsync(string repository, string id, Stream body, long? rangeStart, long maxBytes, CancellationToken ct)
    {
        Require(repository, id);
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await using var file = new FileStream(DataFile(id), FileMode.Append, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
            if (rangeStart is { } start && start != file.Length)
                throw new ProductException(ErrorCode.RangeInvalid, $"The chunk starts at {start} but {file.Length} bytes were received; send chunks in order.");
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await ReadAsync(body, buffer, maxBytes, ct)) > 0)
            {
                if (file.Length + read > maxBytes) throw TooLarge(maxBytes);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            return file.Length;
        }
        catch (ProductException e) when (e.Error == ErrorCode.SizeInvalid)
        {
            // An upload over the limit can never complete: nothing of it is kept.
            Discard(id);
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The server's own body limit (the same setting) stops a request early; it is the same refusal.</summary>
    private static async Task<int> ReadAsync(Stream body, byte[] buffer, long maxBytes, CancellationToken ct)
    {
        try
        {
            return await body.ReadAsync(buffer, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
    }

    private static ProductException TooLarge(long maxBytes) =>
        new(ErrorCode.SizeInvalid, $"The blob exceeds the registry's limit of {maxBytes} bytes (OciRegistry:MaxBlobBytes).");

    /// <summary>Removes an upload that failed for good, if it is still there.</summary>
    public void Discard(string id)
    {
        _locks.TryRemove(id, out _);
        if (Directory.Exists(Folder(id))) Directory.Delete(Folder(id), recursive: true);
    }

    public async Task CompleteAsync(string repository, string id, Digest digest, CancellationToken ct)
    {
        Require(repository, id);
        try
        {
            await blobs.CommitAsync(DataFile(id), digest, ct);
        }
        finally
        {
            // Done or refused: a failed digest check means the client starts a new upload.
            Cancel(repository, id);
        }
    }

    public void Cancel(string repository, string id)
    {
        Require(repository, id);
        Discard(id);
    }

    /// <summary>Removes uploads untouched for longer than <paramref name="age"/>; returns how many.</summary>
    public int Expire(TimeSpan age)
    {
        var expired = 0;
        foreach (var folder in Directory.GetDirectories(layout.Uploads))
        {
            var data = Path.Combine(folder, "data");
            var touched = File.Exists(data) ? File.GetLastWriteTimeUtc(data) : Directory.GetLastWriteTimeUtc(folder);
            if (DateTime.UtcNow - touched < age) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
                expired++;
            }
            catch (IOException)
            {
            }
        }
        return expired;
    }

    private string Require(string repository, string id)
    {
        var marker = Path.Combine(Folder(id), "repository");
        if (!Guid.TryParseExact(id, "N", out _) || !File.Exists(marker) || File.ReadAllText(marker) != repository)
            throw new ProductException(ErrorCode.BlobUploadUnknown, $"There is no upload {id} for {repository}.");
        return id;
    }

    private string Folder(string id) => Path.Combine(layout.Uploads, id);

    private string DataFile(string id) => Path.Combine(Folder(id), "data");
}
