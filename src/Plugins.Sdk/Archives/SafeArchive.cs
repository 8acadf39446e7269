using System.Formats.Tar;
using System.IO.Compression;
using GitOpsHQ.Contracts.Plugins.V1;
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
    /// <summary>Largest GNU long-name or PAX header an archive may carry: names and attributes, never content.</summary>
    public const int MaxMetadataBytes = 64 * 1024;

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
    /// A first pass over the headers, before any entry is read: metadata headers (GNU long names, PAX attributes) are
    /// bounded before anything is allocated for them, and decompression stops at the artifact limit plus the headers'
    /// share, so neither a header claiming a gigabyte nor a gzip bomb costs memory.
    /// </summary>
    private static void CheckHeaders(UnpackRequest request)
    {
        var limit = request.MaxArtifactBytes + (long)(request.MaxFiles + 16) * 3 * 512 + 2L * MaxMetadataBytes;
        using var gzip = new GZipStream(new MemoryStream(request.Content.ToByteArray(), writable: false), CompressionMode.Decompress);
        var header = new byte[512];
        var skip = new byte[64 * 1024];
        long consumed = 0;
        while (true)
        {
            var read = gzip.ReadAtLeast(header, 512, throwOnEndOfStream: false);
            if (read < 512) return;
            consumed += 512;
            if (consumed > limit) throw InvalidRequest.Because($"The archive unpacks to more than {request.MaxArtifactBytes} bytes.");
            if (header.All(b => b == 0)) continue;
            var size = HeaderSize(header);
            var type = (char)header[156];
            if (type is 'L' or 'K' or 'x' or 'g' && size > MaxMetadataBytes)
            {
                var what = type is 'L' or 'K' ? "GNU long name" : "PAX";
                throw InvalidRequest.Because($"A {what} header claims {size} bytes; archives may carry at most {MaxMetadataBytes} bytes of such metadata.");
            }
            for (var left = (size + 511) / 512 * 512; left > 0;)
            {
                var chunk = gzip.Read(skip, 0, (int)Math.Min(skip.Length, left));
                if (chunk == 0) return;
                left -= chunk;
                consumed += chunk;
                if (consumed > limit) throw InvalidRequest.Because($"The archive unpacks to more than {request.MaxArtifactBytes} bytes.");
            }
        }
    }

    /// <summary>The size field of a tar header: octal text, or base-256 when its first byte has the high bit set.</summary>
    private static long HeaderSize(byte[] header)
    {
        if ((header[124] & 0x80) != 0) return long.MaxValue; // base-256 sizes are beyond any limit here
        long size = 0;
        for (var i = 124; i < 136; i++)
        {
            var c = header[i];
            if (c is 0 or (byte)' ') continue;
            if (c is < (byte)'0' or > (byte)'7') throw InvalidRequest.Because("The package is not a readable tar.gz archive: a header's size is not a number.");
            size = size * 8 + (c - '0');
            if (size > long.MaxValue / 16) return long.MaxValue;
        }
        return size;
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
