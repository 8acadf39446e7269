using GitOpsHQ.Files;
using System.Formats.Tar;
using System.IO.Compression;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// What the oracle cannot show: Helm's refusal of a library chart as the release's chart (its install action checks
/// the chart type; the oracle does not), and the product's own safety rules for .tgz subcharts (Helm refuses
/// absolute and escaping paths; the product also refuses links and archives over its size limits).
/// </summary>
public class SubchartTests
{
    private static readonly RenderOptions Options = RenderOptions.Default;

    private static (string Path, byte[] Content) Binary(string path, byte[] content) => (path, content);

    private static byte[] Tgz(Action<TarWriter> write)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            write(tar);
        }
        return output.ToArray();
    }

    private static void File(TarWriter tar, string name, string text) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) });

    private static List<(string Path, byte[] Content)> ParentWith(string archiveName, byte[] archive) =>
    [
        ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: parent\nversion: 1.0.0\n"),
        ChartFiles.Text("templates/cm.yaml", "kind: ConfigMap\nname: {{ .Values.sub.who }}\n"),
        Binary("charts/" + archiveName, archive),
    ];

    private static string Failure(IEnumerable<(string Path, byte[] Content)> files) =>
        Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(files), Options)).Message;

    [Fact]
    public void A_library_chart_cannot_be_rendered_on_its_own()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: common\nversion: 1.0.0\ntype: library\n"),
            ChartFiles.Text("templates/_x.tpl", "{{ define \"x\" }}x{{ end }}"),
        };

        Assert.Equal("library charts are not installable", Failure(files));
    }

    [Fact]
    public void A_tgz_subchart_is_unpacked_and_rendered()
    {
        var archive = Tgz(tar =>
        {
            File(tar, "sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
            File(tar, "sub/values.yaml", "who: packaged\n");
            File(tar, "sub/templates/cm.yaml", "kind: ConfigMap\nfrom: {{ .Template.Name }}\n");
        });

        var output = ChartRenderer.Render(FileSet.From(ParentWith("sub-0.1.0.tgz", archive)), Options);

        Assert.Equal(
            "---\n# Source: parent/charts/sub/templates/cm.yaml\nkind: ConfigMap\nfrom: parent/charts/sub/templates/cm.yaml\n"
            + "---\n# Source: parent/templates/cm.yaml\nkind: ConfigMap\nname: packaged\n",
            output);
    }

    [Theory]
    [InlineData("sub/../../evil.yaml", "outside the base directory")]
    [InlineData("sub/templates/../../../evil.yaml", "outside the base directory")]
    [InlineData("/sub/Chart.yaml", "absolute paths")]
    [InlineData("Chart.yaml", "chart yaml not in base directory")]
    public void A_tgz_entry_outside_the_chart_is_refused(string entry, string expected)
    {
        var archive = Tgz(tar =>
        {
            File(tar, "sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
            File(tar, entry, "kind: ConfigMap\n");
        });

        var message = Failure(ParentWith("sub.tgz", archive));

        Assert.StartsWith("error unpacking subchart sub.tgz in parent: ", message);
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink)]
    [InlineData(TarEntryType.HardLink)]
    public void A_tgz_with_a_link_is_refused(TarEntryType type)
    {
        var archive = Tgz(tar =>
        {
            File(tar, "sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
            tar.WriteEntry(new PaxTarEntry(type, "sub/templates/link.yaml") { LinkName = "/etc/passwd" });
        });

        Assert.Contains("sub/templates/link.yaml is not a regular file", Failure(ParentWith("sub.tgz", archive)));
    }

    [Fact]
    public void A_tgz_that_unpacks_too_large_is_refused()
    {
        var archive = Tgz(tar =>
        {
            File(tar, "sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "sub/big.bin") { DataStream = new MemoryStream(new byte[65 * 1024 * 1024]) });
        });

        Assert.Contains("larger than 64 MiB", Failure(ParentWith("sub.tgz", archive)));
    }

    [Fact]
    public void A_pax_header_over_the_metadata_limit_is_refused_before_it_is_read()
    {
        // PAX attributes of 100 KiB: a path record far longer than any file system takes.
        var archive = Tgz(tar =>
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "sub/" + new string('a', 100 * 1024)) { DataStream = new MemoryStream([1]) }));

        Assert.Contains("a PAX header claims", Failure(ParentWith("sub.tgz", archive)));
    }

    [Fact]
    public void A_path_longer_than_file_systems_take_is_refused()
    {
        var archive = Tgz(tar =>
        {
            File(tar, "sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
            File(tar, "sub/templates/" + new string('a', 300) + ".yaml", "x: 1\n");
        });

        Assert.Contains("chart contains a path longer than file systems take", Failure(ParentWith("sub.tgz", archive)));
    }

    [Fact]
    public void A_broken_tgz_is_refused_clearly()
    {
        var message = Failure(ParentWith("sub.tgz", [1, 2, 3, 4]));

        Assert.StartsWith("error unpacking subchart sub.tgz in parent: cannot read sub.tgz: ", message);
    }

    [Fact]
    public void Subcharts_nested_too_deep_are_refused()
    {
        var files = new List<(string Path, byte[] Content)>();
        var prefix = "";
        for (var i = 0; i < 13; i++)
        {
            files.Add(ChartFiles.Text(prefix + "Chart.yaml", $"apiVersion: v2\nname: c{i}\nversion: 1.0.0\n"));
            prefix += $"charts/c{i + 1}/";
        }

        Assert.Contains("nested more than 10 deep", Failure(files));
    }

    [Fact]
    public void Folders_in_charts_starting_with_an_underscore_or_a_dot_are_not_subcharts()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: parent\nversion: 1.0.0\n"),
            ChartFiles.Text("templates/cm.yaml", "kind: ConfigMap\nsubcharts: {{ len .Subcharts }}\n"),
            ChartFiles.Text("charts/_draft/Chart.yaml", "apiVersion: v2\nname: draft\nversion: 1.0.0\n"),
            ChartFiles.Text("charts/.cache/Chart.yaml", "apiVersion: v2\nname: cache\nversion: 1.0.0\n"),
        };

        Assert.Equal("---\n# Source: parent/templates/cm.yaml\nkind: ConfigMap\nsubcharts: 0\n", ChartRenderer.Render(FileSet.From(files), Options));
    }

    [Fact]
    public void A_subchart_without_Chart_yaml_is_named_in_the_error()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: parent\nversion: 1.0.0\n"),
            ChartFiles.Text("charts/empty/values.yaml", "a: 1\n"),
        };

        Assert.Equal("error unpacking subchart empty in parent: Chart.yaml file is missing", Failure(files));
    }

    [Fact]
    public void Parent_values_coalesce_over_a_subcharts_and_globals_flow_down()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: parent\nversion: 1.0.0\n"),
            ChartFiles.Text("values.yaml", "global:\n  env: prod\nsub:\n  list: [x]\n  map:\n    b: 2\n  drop: null\n"),
            ChartFiles.Text("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.0\n"),
            ChartFiles.Text("charts/sub/values.yaml", "list: [a, b]\nmap:\n  a: 1\ndrop: me\nglobal:\n  env: dev\n  own: kept\n"),
            ChartFiles.Text("charts/sub/templates/cm.yaml", "kind: ConfigMap\nvalues:\n{{ toYaml .Values | indent 2 }}"),
        };

        Assert.Equal(
            "---\n# Source: parent/charts/sub/templates/cm.yaml\nkind: ConfigMap\nvalues:\n"
            + "  global:\n    env: prod\n    own: kept\n  list:\n  - x\n  map:\n    a: 1\n    b: 2\n",
            ChartRenderer.Render(FileSet.From(files), Options));
    }
}
