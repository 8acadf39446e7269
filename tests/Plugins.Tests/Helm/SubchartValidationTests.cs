using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using GitOpsHQ.Plugins.Helm;

namespace GitOpsHQ.Plugins.Tests.Helm;

/// <summary>Subcharts kept in charts/ are checked as helm lint checks them: declared in Chart.yaml, and loadable.</summary>
public class SubchartValidationTests
{
    private const string Subchart = "apiVersion: v2\nname: db\nversion: 1.0.0\n";

    [Fact]
    public async Task A_subchart_that_Chart_yaml_does_not_declare_is_an_error_in_helms_words()
    {
        var files = Artifact.With(ChartFiles.Minimal(), "charts/db/Chart.yaml", Subchart);

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Assert.False(response.Valid);
        Assert.Equal("chart metadata is missing these dependencies: db", Expect.Error(response, "Chart.yaml", "missing these dependencies").Message);
    }

    [Fact]
    public async Task A_declared_subchart_is_fine()
    {
        var files = Artifact.With(
            ChartFiles.Minimal(ChartFiles.ChartYaml + "\ndependencies:\n  - name: db\n    version: 1.0.0\n"), "charts/db/Chart.yaml", Subchart);

        Expect.Clean(await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call()));
    }

    [Fact]
    public async Task A_subchart_archive_reaching_outside_its_folder_is_an_error()
    {
        var archive = Archive(("evil/Chart.yaml", "apiVersion: v2\nname: evil\nversion: 1.0.0\n"), ("evil/../../outside.yaml", "a: 1\n"));
        var files = ChartFiles.Minimal(ChartFiles.ChartYaml + "\ndependencies:\n  - name: evil\n    version: 1.0.0\n");
        files.Add(Artifact.File("charts/evil-1.0.0.tgz", archive));

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Assert.False(response.Valid);
        Expect.Error(response, "charts/evil-1.0.0.tgz", "error unpacking subchart evil-1.0.0.tgz in web: chart illegally contains content outside the base directory");
    }

    [Fact]
    public async Task A_template_whose_default_output_is_not_yaml_is_a_warning()
    {
        var files = Artifact.With(ChartFiles.Minimal(), "templates/list.yaml", "- {{ .Chart.Name }}\n");

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Assert.True(response.Valid);
        Expect.Warning(response, "templates/list.yaml",
            "the chart does not render with its default values: YAML parse error on web/templates/list.yaml: error unmarshaling JSON");
    }

    private static byte[] Archive(params (string Path, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (path, content) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }
        return buffer.ToArray();
    }
}
