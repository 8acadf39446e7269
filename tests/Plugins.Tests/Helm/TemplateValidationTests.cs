using GitOpsHQ.Plugins.Helm;

namespace GitOpsHQ.Plugins.Tests.Helm;

/// <summary>Templates are checked as helm lint checks them: they must parse, and should render with the defaults.</summary>
public class TemplateValidationTests
{
    [Fact]
    public async Task A_template_that_does_not_parse_is_an_error_with_gos_wording_and_its_line()
    {
        var files = Artifact.With(ChartFiles.Minimal(), "templates/cm.yaml", "kind: ConfigMap\ndata:\n  a: {{ .Values.a }\n");

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Assert.False(response.Valid);
        var error = Expect.Error(response, "templates/cm.yaml", "parse error at (", line: 3);
        Assert.Contains("templates/cm.yaml:3): unexpected \"}\" in operand", error.Message);
    }

    [Fact]
    public async Task An_unknown_function_is_an_error()
    {
        var files = Artifact.With(ChartFiles.Minimal(), "templates/cm.yaml", "a: {{ frobnicate .Values }}\n");

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Expect.Error(response, "templates/cm.yaml", "function \"frobnicate\" not defined", line: 1);
    }

    [Fact]
    public async Task A_template_that_fails_with_the_defaults_is_a_warning_with_line_and_column()
    {
        var files = Artifact.With(ChartFiles.Minimal(), "templates/cm.yaml", "kind: ConfigMap\ndata:\n  tag: {{ required \"image.tag is required\" .Values.image.tag }}\n");

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());

        Assert.True(response.Valid);
        var warning = Expect.Warning(response, "templates/cm.yaml", "image.tag is required", line: 3);
        Assert.Equal(10, warning.Column);
    }

    [Fact]
    public async Task A_chart_that_renders_gets_no_template_findings()
    {
        var files = Artifact.With(ChartFiles.Minimal(), "templates/cm.yaml", "kind: ConfigMap\ndata:\n  name: {{ .Chart.Name | quote }}\n");

        Expect.Clean(await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call()));
    }
}
