using GitOpsHQ.Plugins.Helm;
using GitOpsHQ.Contracts.Plugins.V1;

namespace GitOpsHQ.Plugins.Tests.Helm;

public class ChartFilesValidationTests
{
    private static readonly string BrokenYaml = "a: [1,\nb: 2\n";

    [Theory]
    [InlineData("charts/db/Chart.yaml")]
    [InlineData("charts/db/values.yaml")]
    [InlineData("crds/widget.yml")]
    [InlineData("charts/db/crds/widget.yaml")]
    public async Task Yaml_files_helm_reads_as_yaml_must_parse(string path)
    {
        var files = Artifact.With(ChartFiles.Minimal(), path, BrokenYaml);
        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Expect.Error(response, path, "Invalid YAML");
    }

    [Theory]
    [InlineData("ci/test-values.yaml")]
    [InlineData("conf/crds/widget.yaml")]
    [InlineData("charts/db/files/settings.yaml")]
    public async Task Other_yaml_files_that_do_not_parse_are_a_warning(string path)
    {
        var files = Artifact.With(ChartFiles.Minimal(), path, BrokenYaml);
        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Expect.Warning(response, path, "Invalid YAML");
        Assert.DoesNotContain(response.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public async Task A_chart_lock_is_not_checked()
    {
        var files = Artifact.With(ChartFiles.Minimal(), "Chart.lock", BrokenYaml);

        Expect.Clean(await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call()));
    }

    [Fact]
    public async Task Template_text_in_a_file_that_tpl_renders_publishes_and_renders_as_helm_does()
    {
        // The layout of operator charts that keep CRDs as templates outside templates/ and render them with tpl.
        var files = Artifact.With(ChartFiles.Minimal(), "conf/crds/widget.yaml",
            "{{- if .Values.crds.create }}\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n{{- end }}\n");
        files = Artifact.With(files, "templates/crds.yaml", "{{- tpl (.Files.Get \"conf/crds/widget.yaml\") . }}\n");
        files = Artifact.With(files, "values.yaml", "crds:\n  create: true\n");

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Assert.DoesNotContain(response.Diagnostics, d => d.Severity == Severity.Error);
        Expect.Warning(response, "conf/crds/widget.yaml", "only when a template asks for it");
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
    public async Task Binary_files_are_fine_and_a_warning_when_named_yaml()
    {
        var files = ChartFiles.Minimal();
        files.Add(Artifact.File("files/logo.png", [0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]));
        files.Add(Artifact.File("files/data.yaml", [0x00, 0xff, 0xfe]));

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Assert.Single(response.Diagnostics);
        Expect.Warning(response, "files/data.yaml", "not UTF-8 text");
    }
}
