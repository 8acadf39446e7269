using System.Formats.Tar;
using System.Text;
using GitOpsHQ.Plugins.Sdk.Archives;

namespace GitOpsHQ.Plugins.Tests.Sdk;

public class DeterministicArchiveTests
{
    private static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static ArchiveEntry[] Entries() =>
    [
        new("templates/service.yaml", Encoding.UTF8.GetBytes("kind: Service\n")),
        new("Chart.yaml", Encoding.UTF8.GetBytes("name: web\n")),
        new("values.yaml", []),
        new("charts/sub/Chart.yaml", Encoding.UTF8.GetBytes("name: sub\n")),
    ];

    [Fact]
    public void Same_input_gives_byte_identical_archives()
    {
        var first = DeterministicArchive.Create(Entries(), Timestamp, "web/");
        var second = DeterministicArchive.Create(Entries().Reverse(), Timestamp, "web/");

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_timestamp_gives_different_bytes()
    {
        var first = DeterministicArchive.Create(Entries(), Timestamp);
        var later = DeterministicArchive.Create(Entries(), Timestamp.AddSeconds(1));

        Assert.NotEqual(first, later);
    }

    [Fact]
    public void Gzip_header_has_no_time_and_an_unknown_operating_system()
    {
        var archive = DeterministicArchive.Create(Entries(), Timestamp);

        // Magic, deflate, no flags, mtime 0, extra flags 0, OS 255 (unknown).
        Assert.Equal(new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff }, archive[..10]);
    }

    [Fact]
    public void Entries_are_sorted_regular_files_with_fixed_owner_mode_and_time()
    {
        var entries = ArchiveReader.Read(DeterministicArchive.Create(Entries(), Timestamp, "web/"));

        Assert.Equal(
            ["web/Chart.yaml", "web/charts/sub/Chart.yaml", "web/templates/service.yaml", "web/values.yaml"],
            entries.Select(e => e.Name));
        Assert.All(entries, entry =>
        {
            Assert.Equal(TarEntryType.RegularFile, entry.Type);
            Assert.Equal(TarEntryFormat.Ustar, entry.Format);
            Assert.Equal(Timestamp, entry.Modified);
            Assert.Equal((UnixFileMode)0b110_100_100, entry.Mode);
            Assert.Equal(0, entry.Uid);
            Assert.Equal(0, entry.Gid);
            Assert.Equal("", entry.UserName);
            Assert.Equal("", entry.GroupName);
        });
        Assert.Equal("kind: Service\n", Encoding.UTF8.GetString(entries[2].Content));
        Assert.Empty(entries[3].Content);
    }

    [Fact]
    public void Long_paths_use_the_ustar_prefix_field()
    {
        var path = string.Join('/', Enumerable.Repeat("directory", 12)) + "/file.yaml";
        var entries = ArchiveReader.Read(DeterministicArchive.Create([new ArchiveEntry(path, [1])], Timestamp));

        Assert.Equal(path, Assert.Single(entries).Name);
    }

    [Fact]
    public void Paths_too_long_for_ustar_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DeterministicArchive.Create([new ArchiveEntry(new string('a', 120), [1])], Timestamp));
        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_paths_are_refused()
    {
        ArchiveEntry[] twice = [new("a.yaml", [1]), new("a.yaml", [2])];

        Assert.Throws<ArgumentException>(() => DeterministicArchive.Create(twice, Timestamp));
    }

    [Fact]
    public void An_empty_archive_is_still_a_valid_tar_gz()
    {
        Assert.Empty(ArchiveReader.Read(DeterministicArchive.Create([], Timestamp)));
    }
}
