using GitOpsHQ.Plugins.Helm;

namespace GitOpsHQ.Plugins.Tests.Helm;

public class ChartFilesValidationTests
{
    private static readonly string BrokenYaml = "a: [1,\nb: 2\n";

    [Theory]
    [InlineData("ci/test-values.yaml")]
    [InlineData("charts/db/Chart.yaml")]
    [InlineData("crds/widget.yml")]
    [InlineData("Chart.lock")]
    public async Task Yaml_files_outside_templates_must_parse(string path)
    {
        var files = Artifact.With(ChartFiles.Minimal(), path, BrokenYaml);
        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        if (path.EndsWith(".lock", StringComparison.Ordinal))
        {
            Expect.Clean(response);
        }
        else
        {
            Expect.Error(response, path, "Invalid YAML");
        }
    }

    [Theory]
    [InlineData("templates/broken.yaml")]
    [InlineData("templates/sub/broken.yml")]
    [InlineData("charts/db/templates/broken.yaml")]
    [InlineData("charts/db/charts/cache/templates/broken.yaml")]
    public async Task Templates_are_not_parsed_as_yaml(string path)
    {
        var files = Artifact.With(ChartFiles.Minimal(), path, "{{- if .Values.x }}\nkey: [\n{{- end }}\n");

        Expect.Clean(await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call()));
    }

    [Fact]
    public async Task Files_left_out_by_helmignore_are_not_checked()
    {
        var files = Artifact.With(Artifact.With(ChartFiles.Minimal(), "scratch/broken.yaml", BrokenYaml), ".helmignore", "scratch/\n");

        Expect.Clean(await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call()));
    }

    [Fact]
    public async Task A_helmignore_that_drops_chart_yaml_is_an_error()
    {
        var files = Artifact.With(ChartFiles.Minimal(), ".helmignore", "*.yaml\n");

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Expect.Error(response, ".helmignore", "leaves out Chart.yaml");
    }

    [Fact]
    public async Task Binary_files_are_fine_unless_named_yaml()
    {
        var files = ChartFiles.Minimal();
        files.Add(Artifact.File("files/logo.png", [0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]));
        files.Add(Artifact.File("files/data.yaml", [0x00, 0xff, 0xfe]));

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Assert.Single(response.Diagnostics);
        Expect.Error(response, "files/data.yaml", "not UTF-8 text");
    }
}
