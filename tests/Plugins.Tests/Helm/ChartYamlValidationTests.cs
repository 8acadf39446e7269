using GitOpsHQ.Plugins.Helm;

namespace GitOpsHQ.Plugins.Tests.Helm;

public class ChartYamlValidationTests
{
    // Lines 1-3 of every case; the case's own lines start at line 4.
    private const string Head = "apiVersion: v2\nname: web\nversion: 1.2.0\n";

    public static TheoryData<string, string, int> BrokenCharts => new()
    {
        { "- apiVersion: v2\n", "must be a map of chart fields", 1 },
        { "name: web\nversion: 1.2.0\n", "apiVersion is required", 1 },
        { "apiVersion: v3\nname: web\nversion: 1.2.0\n", "apiVersion must be v1 or v2", 1 },
        { "apiVersion: v2\nversion: 1.2.0\n", "name is required", 1 },
        { "apiVersion: v2\nname: api\nversion: 1.2.0\n", "name 'api' in Chart.yaml must equal the chart's name in the catalog, 'web'", 2 },
        { "apiVersion: v2\nname: web\n", "version is required", 1 },
        { "apiVersion: v2\nname: web\nversion:\n", "version is required", 3 },
        { "apiVersion: v2\nname: web\nversion: 1.2\n", "version must be a string, not a number; quote it: version: \"1.2\"", 3 },
        { "apiVersion: v2\nname: web\nversion: \"1.2\"\n", "version '1.2' is not SemVer 2", 3 },
        { "apiVersion: v2\nname: web\nversion: v1.2.0\n", "version 'v1.2.0' is not SemVer 2", 3 },
        { "apiVersion: v2\nname: true\nversion: 1.2.0\n", "name must be a string, not a boolean", 2 },
        { Head + "description: 12\n", "description must be a string, not an integer", 4 },
        { Head + "appVersion: 1.10\n", "appVersion must be a string, not a number; quote it", 4 },
        { Head + "home: [a]\n", "home must be a string, not a list", 4 },
        { Head + "icon: {a: b}\n", "icon must be a string, not a map", 4 },
        { Head + "keywords: web\n", "keywords must be a list, not a string", 4 },
        { Head + "keywords:\n  - web\n  - 1\n", "keywords[1] must be a string, not an integer", 6 },
        { Head + "sources:\n  - {a: b}\n", "sources[0] must be a string, not a map", 5 },
        { Head + "maintainers: bob\n", "maintainers must be a list", 4 },
        { Head + "maintainers:\n  - bob\n", "maintainers[0] must be a map with name", 5 },
        { Head + "maintainers:\n  - email: bob@example.com\n", "maintainers[0].name is required", 5 },
        { Head + "maintainers:\n  - name: bob\n    url: [x]\n", "maintainers[0].url must be a string", 6 },
        { Head + "type: service\n", "type must be application or library, not 'service'", 4 },
        { Head + "deprecated: maybe\n", "deprecated must be true or false, not a string", 4 },
        { Head + "annotations:\n  category: 5\n", "annotations.category must be a string, not an integer; quote it", 5 },
        { Head + "annotations: [a]\n", "annotations must be a map of strings, not a list", 4 },
        { Head + "kubeVersion: \">= banana\"\n", "kubeVersion '>= banana' is not a version constraint", 4 },
        { Head + "dependencies: db\n", "dependencies must be a list", 4 },
        { Head + "dependencies:\n  - db\n", "dependencies[0] must be a map", 5 },
        { Head + "dependencies:\n  - name: db\n", "dependencies[0].version is required", 5 },
        { Head + "dependencies:\n  - version: 1.0.0\n", "dependencies[0].name is required", 5 },
        { Head + "dependencies:\n  - name: db\n    version: latest\n", "dependencies[0].version 'latest' is not a version or version range", 6 },
        { Head + "dependencies:\n  - name: db\n    version: 1.0.0\n    repository: 5\n", "dependencies[0].repository must be a string", 7 },
        { Head + "dependencies:\n  - name: db\n    version: 1.0.0\n    condition: [a]\n", "dependencies[0].condition must be a string", 7 },
        { Head + "dependencies:\n  - name: db\n    version: 1.0.0\n    tags: a\n", "dependencies[0].tags must be a list", 7 },
        { Head + "dependencies:\n  - name: db\n    version: 1.0.0\n    tags: [1]\n", "dependencies[0].tags[0] must be a string", 7 },
        { Head + "dependencies:\n  - name: db\n    version: 1.0.0\n    alias: my.db\n", "dependencies[0].alias 'my.db' may only contain", 7 },
        { Head + "dependencies:\n  - name: db\n    version: 1.0.0\n    import-values:\n      - 5\n", "dependencies[0].import-values[0] must be a string or a map with child and parent", 8 },
        { Head + "dependencies:\n  - name: db\n    version: 1.0.0\n    import-values:\n      - child: a\n", "import-values[0] must be a string or a map", 8 },
        { Head + "dependencies:\n  - name: db\n    version: 1.0.0\n  - name: db\n    version: 2.0.0\n", "dependencies[1] is named 'db' like dependencies[0]", 7 },
        { "apiVersion: v1\nname: web\nversion: 1.2.0\ndependencies:\n  - name: db\n    version: 1.0.0\n", "dependencies in Chart.yaml need apiVersion v2", 4 },
        { "apiVersion: v1\nname: web\nversion: 1.2.0\ntype: library\n", "type needs apiVersion v2", 4 },
        { Head + "condition: [a]\n", "condition must be a string", 4 },
        { Head + "---\nname: web\n", "Chart.yaml must hold a single YAML document", 5 },
        { "apiVersion: v2\nname: [web\nversion: 1.2.0\n", "Invalid YAML", 2 },
    };

    [Theory]
    [MemberData(nameof(BrokenCharts))]
    public async Task Each_chart_rule_reports_its_error_at_the_line(string chartYaml, string fragment, int line)
    {
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, ChartFiles.Minimal(chartYaml)), Artifact.Call("Validate"));

        Expect.Error(response, "Chart.yaml", fragment, line);
    }

    [Theory]
    [InlineData("kubeVersion: \">=1.25.0-0\"")]
    [InlineData("kubeVersion: \">= 1.13.0 < 1.15.0 || >=1.20\"")]
    [InlineData("kubeVersion: \"~1.28 , <1.30.x\"")]
    [InlineData("kubeVersion: \"1.2 - 1.4.5\"")]
    [InlineData("dependencies:\n  - name: db\n    version: \"^12.x\"\n    repository: oci://registry.example.com/charts\n    condition: db.enabled\n    tags: [backend]\n    alias: main_db\n    import-values:\n      - data\n      - child: a\n        parent: b")]
    [InlineData("maintainers:\n  - name: Platform team\n    email: platform@example.com\n    url: https://example.com")]
    [InlineData("deprecated: false\nannotations:\n  category: \"5\"\nkeywords: [web]\nsources: [https://example.com/src]")]
    [InlineData("type: library")]
    public async Task Well_formed_optional_fields_are_accepted(string extra)
    {
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, ChartFiles.Minimal(Head + extra + "\n")), Artifact.Call());

        Expect.Clean(response);
    }

    [Fact]
    public async Task A_missing_chart_yaml_is_an_error_for_the_chart()
    {
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, Artifact.Without(ChartFiles.Minimal(), "Chart.yaml")), Artifact.Call());

        Expect.Error(response, "Chart.yaml", "Chart.yaml is missing", line: 0);
    }

    [Fact]
    public async Task An_empty_chart_yaml_is_an_error()
    {
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, ChartFiles.Minimal("# nothing yet\n")), Artifact.Call());

        Expect.Error(response, "Chart.yaml", "Chart.yaml is empty");
    }

    [Fact]
    public async Task Unknown_fields_are_warnings_only()
    {
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, ChartFiles.Minimal(Head + "appversion: \"1\"\n")), Artifact.Call());

        Assert.True(response.Valid, Artifact.Show(response.Diagnostics));
        Expect.Warning(response, "Chart.yaml", "Unknown field 'appversion'", line: 4);
    }

    [Fact]
    public async Task The_description_comes_from_chart_yaml()
    {
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, ChartFiles.Minimal()), Artifact.Call());

        Expect.Clean(response);
        Assert.Equal("The web frontend", response.Description);
    }
}
