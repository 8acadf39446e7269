using System.Formats.Tar;
using System.IO.Compression;
using GitOpsHQ.Files;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Reads a packaged chart (<c>.tgz</c>) as Helm does: every file sits under one top folder, which is dropped.
/// Only regular files are taken; links, device entries, absolute or escaping paths and archives over the size
/// limits (shared by every archive of one chart tree) are refused with an error.
/// </summary>
public static class ChartArchive
{
    public static List<ChartFile> Read(byte[] archive, string where, ArchiveBudget budget)
    {
        var files = new List<ChartFile>();
        try
        {
            using (var scan = new GZipStream(new MemoryStream(archive, writable: false), CompressionMode.Decompress))
            {
                if (TarHeaders.Problem(scan, ArchiveBudget.MaxBytes * 2) is { } problem)
                {
                    throw new RenderException($"cannot read {where}: {problem}");
                }
            }
            using var gzip = new GZipStream(new MemoryStream(archive, writable: false), CompressionMode.Decompress);
            using var limited = new LimitedStream(gzip, budget, where);
            using var tar = new TarReader(limited);
            while (tar.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes
                    or TarEntryType.ExtendedAttributes)
                {
                    continue;
                }
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new RenderException($"{entry.Name} is not a regular file");
                }
                var name = Relative(entry.Name);
                budget.Count(entry.Length, where);
                var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                files.Add(new ChartFile(name, content.ToArray()));
            }
        }
        catch (Exception e) when (MalformedArchive.Is(e))
        {
            throw new RenderException($"cannot read {where}: {e.Message}", e);
        }
        return files;
    }

    // "chart/templates/a.yaml" → "templates/a.yaml", checked as an artifact path.
    private static string Relative(string entryName)
    {
        var parts = entryName.Replace('\\', '/').Split('/');
        if (parts[0] == "Chart.yaml")
        {
            throw new RenderException("chart yaml not in base directory");
        }
        var name = string.Join('/', parts.Skip(1).Where(p => p is not ("" or ".")));
        if (entryName.StartsWith('/') || name.StartsWith('/'))
        {
            throw new RenderException("chart illegally contains absolute paths");
        }
        if (name.Length > FilePath.MaxLength || name.Split('/').Any(s => s.Length > FilePath.MaxSegmentLength))
        {
            throw new RenderException($"chart contains a path longer than file systems take (at most {FilePath.MaxLength} characters, " +
                                      $"{FilePath.MaxSegmentLength} per name): \"{entryName[..Math.Min(entryName.Length, 300)]}…\"");
        }
        if (name.Length == 0 || FilePath.Problem(name) is not null)
        {
            throw new RenderException($"chart illegally contains content outside the base directory: \"{entryName}\"");
        }
        return name;
    }

    /// <summary>Counts what archives unpack to, across a whole chart tree, and stops at the limits.</summary>
    public sealed class ArchiveBudget
    {
        public const long MaxBytes = 64L * 1024 * 1024;
        public const int MaxFiles = 10_000;
        public const int MaxDepth = 10;

        private long _bytes;
        private int _files;

        public void Count(long length, string where)
        {
            _bytes += Math.Max(0, length);
            if (++_files > MaxFiles || _bytes > MaxBytes)
            {
                throw new RenderException($"{where}: the chart is larger than {MaxBytes / (1024 * 1024)} MiB or {MaxFiles} files");
            }
        }

        public void Read(long length, string where)
        {
            if (length > MaxBytes * 2)
            {
                throw new RenderException($"{where}: the archive unpacks to more than {MaxBytes * 2 / (1024 * 1024)} MiB");
            }
        }
    }

    // Stops decompression once more than the budget allows has come out of the archive.
    private sealed class LimitedStream(Stream inner, ArchiveBudget budget, string where) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _read += n;
            budget.Read(_read, where);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>One file of a chart, by its path inside the chart.</summary>
public sealed record ChartFile(string Path, byte[] Content);
