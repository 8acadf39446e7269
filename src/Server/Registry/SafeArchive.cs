using System.Formats.Tar;
using System.IO.Compression;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Hosting;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// Unpacks a pushed tar.gz with the catalog's rules: only regular files and folders (no links, devices or other
/// entries), every path normalised and inside the artifact, and the catalog's limits on file size, file count and
/// total size counted while decompressing, so a gzip bomb stops at the limit.
/// </summary>
public static class SafeArchive
{
    public static List<(string Path, byte[] Content)> Extract(byte[] archive, CatalogOptions limits)
    {
        var files = new List<(string, byte[])>();
        long total = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.Directory) continue;
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    throw Invalid($"'{entry.Name}' is a {entry.EntryType} entry; archives may hold only files and folders.");
                var path = ArtifactPath.Normalise(entry.Name);
                if (entry.Length > limits.MaxFileBytes) throw Invalid($"'{path}' is {entry.Length} bytes; files are limited to {limits.MaxFileBytes}.");
                total += entry.Length;
                if (total > limits.MaxArtifactBytes) throw Invalid($"The archive unpacks to more than {limits.MaxArtifactBytes} bytes.");
                if (files.Count >= limits.MaxFiles) throw Invalid($"The archive holds more than {limits.MaxFiles} files.");
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                files.Add((path, content.ToArray()));
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw Invalid($"The layer is not a readable tar.gz archive: {e.Message}");
        }
        if (files.Select(f => f.Item1).Distinct(StringComparer.Ordinal).Count() != files.Count) throw Invalid("The archive holds the same path twice.");
        return files;
    }

    /// <summary>Drops a folder every file sits in (Helm packages a chart under &lt;name&gt;/).</summary>
    public static List<(string Path, byte[] Content)> WithoutPrefix(List<(string Path, byte[] Content)> files, string folder) =>
        files.Count > 0 && files.All(f => f.Path.StartsWith(folder + "/", StringComparison.Ordinal))
            ? files.Select(f => (f.Path[(folder.Length + 1)..], f.Content)).ToList()
            : files;

    private static ProductException Invalid(string message) => new(ErrorCode.ManifestInvalid, message);
}
