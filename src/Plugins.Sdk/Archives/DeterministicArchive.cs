using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace GitOpsHQ.Plugins.Sdk.Archives;

/// <summary>
/// Builds a .tar.gz whose bytes depend only on its entries, their paths and one timestamp, so
/// a version packaged twice, anywhere, has the same digest.
/// </summary>
/// <remarks>
/// The format is fixed: USTAR headers (no PAX records, which carry process-specific names),
/// regular files only (no directory entries), entries in ordinal path order, mode 0644,
/// uid/gid 0, no user or group names, every mtime the given timestamp. The gzip header has mtime
/// 0 and the "unknown" operating system, whatever machine packs it.
/// </remarks>
public static class DeterministicArchive
{
    private const UnixFileMode FileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const int GzipOperatingSystemOffset = 9;
    private const byte GzipUnknownOperatingSystem = 255;

    /// <summary>The largest mtime a USTAR header holds (eleven octal digits).</summary>
    public static readonly DateTimeOffset LatestTimestamp = DateTimeOffset.FromUnixTimeSeconds((1L << 33) - 1);

    /// <summary>
    /// The archive of <paramref name="entries"/>, each stored as <paramref name="prefix"/> + path
    /// (a prefix is "" or ends with '/').
    /// </summary>
    /// <exception cref="ArgumentException">A path repeats, does not fit a USTAR header, or the timestamp is out of range.</exception>
    public static byte[] Create(IEnumerable<ArchiveEntry> entries, DateTimeOffset modified, string prefix = "")
    {
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
        {
            throw new ArgumentException($"The archive prefix '{prefix}' must end with '/'.", nameof(prefix));
        }

        if (modified < DateTimeOffset.UnixEpoch || modified > LatestTimestamp)
        {
            throw new ArgumentException(
                $"The timestamp {modified:O} cannot be stored in the archive (1970-01-01 to {LatestTimestamp:yyyy-MM-dd}).",
                nameof(modified));
        }

        var sorted = entries.OrderBy(entry => entry.Path, StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (string.Equals(sorted[i - 1].Path, sorted[i].Path, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The path '{sorted[i].Path}' appears twice in the archive.", nameof(entries));
            }
        }

        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var entry in sorted)
            {
                writer.WriteEntry(Header(prefix + entry.Path, entry.Content, modified));
            }
        }

        if (tar.Length == 0)
        {
            // An archive without entries is just the end-of-archive marker: two zero blocks.
            tar.Write(new byte[2 * 512]);
        }

        return Gzip(tar.GetBuffer().AsSpan(0, (int)tar.Length));
    }

    private static UstarTarEntry Header(string path, byte[] content, DateTimeOffset modified)
    {
        if (!UstarPath.Fits(path))
        {
            throw new ArgumentException(
                $"The path '{path}' is too long for the archive (at most 100 bytes of file name and 155 of directory).");
        }

        return new UstarTarEntry(TarEntryType.RegularFile, path)
        {
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(modified.ToUnixTimeSeconds()),
            Mode = FileMode,
            Uid = 0,
            Gid = 0,
            UserName = "",
            GroupName = "",
            DataStream = new MemoryStream(content, writable: false),
        };
    }

    private static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        var bytes = compressed.ToArray();
        bytes[GzipOperatingSystemOffset] = GzipUnknownOperatingSystem;
        return bytes;
    }

    /// <summary>Whether a path fits the name (100 bytes) and prefix (155 bytes) fields of a USTAR header.</summary>
    private static class UstarPath
    {
        public static bool Fits(string path)
        {
            if (Encoding.UTF8.GetByteCount(path) <= 100)
            {
                return true;
            }

            for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
            {
                if (Encoding.UTF8.GetByteCount(path[..slash]) <= 155 && Encoding.UTF8.GetByteCount(path[(slash + 1)..]) <= 100)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
