using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// Content-addressed blobs. A blob becomes visible only after its digest is verified: it is written to a temporary
/// file, flushed to disk and renamed into place atomically. Bodies stream; nothing is buffered whole.
/// </summary>
public sealed class BlobStore(DataLayout layout)
{
    private const int BufferSize = 1 << 20;

    public string PathOf(Digest digest) => Path.Combine(layout.Blobs, RelativePathOf(digest));

    /// <summary>Where a blob lives under <c>DATA/registry/blobs/</c>: <c>ALG/XX/HEX</c> (XX = the first two hex digits).</summary>
    public static string RelativePathOf(Digest digest) => $"{digest.Algorithm}/{digest.Hex[..2]}/{digest.Hex}";

    public bool Exists(Digest digest) => File.Exists(PathOf(digest));

    public long? Length(Digest digest) => File.Exists(PathOf(digest)) ? new FileInfo(PathOf(digest)).Length : null;

    public FileStream Open(Digest digest) =>
        File.Exists(PathOf(digest))
            ? new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : throw new ProductException(ErrorCode.BlobUnknown, $"Blob {digest} is unknown to this registry.");

    /// <summary>Stores bytes already in memory (configs, manifests) under their digest (sha256 unless <paramref name="algorithm"/> says).</summary>
    public async Task<Digest> PutAsync(byte[] content, CancellationToken ct, string algorithm = "sha256")
    {
        using var hash = new Digest(algorithm, "").NewHash();
        hash.AppendData(content);
        var digest = new Digest(algorithm, Convert.ToHexStringLower(hash.GetHashAndReset()));
        if (Exists(digest)) return digest;
        var temporary = TemporaryFile();
        await File.WriteAllBytesAsync(temporary, content, ct);
        Publish(temporary, digest);
        return digest;
    }

    /// <summary>Stores a stream's content under the digest it must have (refused as DIGEST_INVALID otherwise).</summary>
    public async Task PutAsync(Stream content, Digest expected, CancellationToken ct)
    {
        var temporary = TemporaryFile();
        Directory.CreateDirectory(Path.GetDirectoryName(temporary)!);
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            await content.CopyToAsync(file, ct);
        await CommitAsync(temporary, expected, ct);
    }

    /// <summary>Verifies a finished upload file against the digest the client named, then moves it into place.</summary>
    public async Task CommitAsync(string file, Digest expected, CancellationToken ct)
    {
        using var hash = expected.NewHash();
        var buffer = new byte[BufferSize];
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, read);
        }
        var actual = expected.WithHex(hash.GetHashAndReset());
        if (actual != expected)
        {
            File.Delete(file);
            throw new ProductException(ErrorCode.DigestInvalid, $"The uploaded content's digest is {actual}, not {expected}.");
        }
        Publish(file, expected);
    }

    public bool Delete(Digest digest)
    {
        var path = PathOf(digest);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    public string TemporaryFile() => Path.Combine(layout.Uploads, "tmp-" + Guid.NewGuid().ToString("N"));

    private void Publish(string file, Digest digest)
    {
        using (var handle = File.OpenHandle(file, FileMode.Open, FileAccess.ReadWrite)) RandomAccess.FlushToDisk(handle);
        var target = PathOf(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target)) File.Delete(file);
        else File.Move(file, target, overwrite: true);
    }
}
