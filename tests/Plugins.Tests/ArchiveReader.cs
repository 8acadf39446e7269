using System.Formats.Tar;
using System.IO.Compression;

namespace GitOpsHQ.Plugins.Tests;

/// <summary>Reads a .tar.gz back into its entries, as any consumer of a package would.</summary>
internal static class ArchiveReader
{
    public sealed record Entry(string Name, TarEntryType Type, byte[] Content, DateTimeOffset Modified, UnixFileMode Mode, int Uid, int Gid, string UserName, string GroupName, TarEntryFormat Format);

    public static List<Entry> Read(byte[] archive)
    {
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<Entry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            var posix = (PosixTarEntry)entry;
            entries.Add(new Entry(entry.Name, entry.EntryType, content.ToArray(), entry.ModificationTime, entry.Mode,
                entry.Uid, entry.Gid, posix.UserName, posix.GroupName, entry.Format));
        }

        return entries;
    }
}
