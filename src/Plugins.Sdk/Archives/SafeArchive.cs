using System.Formats.Tar;
using System.IO.Compression;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Files;
using GitOpsHQ.Plugins.Sdk.Files;
using Google.Protobuf;

namespace GitOpsHQ.Plugins.Sdk.Archives;

/// <summary>
/// Unpacks a pushed tar.gz under the catalog's rules: only regular files and folders (no links, devices or other
/// entries), every path normalised and inside the artifact, and the limits on file size, file count and total size
/// counted while decompressing, so a gzip bomb stops at the limit. Anything else is InvalidArgument.
/// </summary>
public static class SafeArchive
{
    /// <inheritdoc cref="TarHeaders.MaxMetadataBytes"/>
    public const int MaxMetadataBytes = TarHeaders.MaxMetadataBytes;

    public static List<ArtifactFile> Extract(UnpackRequest request)
    {
        var files = new List<ArtifactFile>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            CheckHeaders(request);
            using var gzip = new GZipStream(new MemoryStream(request.Content.ToByteArray(), writable: false), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.Directory) continue;
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    throw InvalidRequest.Because($"'{entry.Name}' is a {entry.EntryType} entry; archives may hold only files and folders.");
                var (path, problem) = ArtifactPath.Normalise(entry.Name);
                if (path is null) throw InvalidRequest.Because($"'{entry.Name}' is not a valid file path: {problem}.");
                if (entry.Length > request.MaxFileBytes)
                    throw InvalidRequest.Because($"'{path}' is {entry.Length} bytes; files are limited to {request.MaxFileBytes}.");
                total += entry.Length;
                if (total > request.MaxArtifactBytes) throw InvalidRequest.Because($"The archive unpacks to more than {request.MaxArtifactBytes} bytes.");
                if (files.Count >= request.MaxFiles) throw InvalidRequest.Because($"The archive holds more than {request.MaxFiles} files.");
                if (!paths.Add(path)) throw InvalidRequest.Because($"The archive holds '{path}' twice.");
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                files.Add(new ArtifactFile { Path = path, Content = ByteString.CopyFrom(content.GetBuffer(), 0, (int)content.Length) });
            }
        }
        catch (Exception e) when (GitOpsHQ.Files.MalformedArchive.Is(e))
        {
            throw InvalidRequest.Because($"The package is not a readable tar.gz archive: {e.Message}");
        }
        return files;
    }

    /// <summary>
    /// The headers are checked before any entry is read (<see cref="TarHeaders"/>); decompression stops at the artifact
    /// limit plus the headers' share.
    /// </summary>
    private static void CheckHeaders(UnpackRequest request)
    {
        var limit = request.MaxArtifactBytes + (long)(request.MaxFiles + 16) * 3 * 512 + 2L * MaxMetadataBytes;
        using var gzip = new GZipStream(new MemoryStream(request.Content.ToByteArray(), writable: false), CompressionMode.Decompress);
        if (TarHeaders.Problem(gzip, limit) is not { } problem) return;
        throw InvalidRequest.Because(problem.StartsWith("the archive unpacks", StringComparison.Ordinal)
            ? $"The archive unpacks to more than {request.MaxArtifactBytes} bytes."
            : $"The package is not a readable tar.gz archive: {problem}.");
    }

    /// <summary>Drops a folder every file sits in (Helm packages a chart under &lt;name&gt;/).</summary>
    public static List<ArtifactFile> WithoutPrefix(List<ArtifactFile> files, string folder) =>
        files.Count > 0 && files.All(f => f.Path.StartsWith(folder + "/", StringComparison.Ordinal))
            ? files.Select(f => new ArtifactFile { Path = f.Path[(folder.Length + 1)..], Content = f.Content }).ToList()
            : files;

    /// <summary>Refuses a package whose media type is not <paramref name="expected"/>.</summary>
    public static void RequireMediaType(UnpackRequest request, string expected, string kindName)
    {
        if (request.MediaType != expected)
            throw InvalidRequest.Because($"A {kindName} package has media type {expected}, not '{request.MediaType}'.");
    }
}
