using System.Text;
using GitOpsHQ.Plugins.Helm;

namespace GitOpsHQ.Plugins.Tests.Helm;

public class ChartPackageTests
{
    private static async Task<GitOpsHQ.Contracts.Plugins.V1.PackageResponse> Package(
        IEnumerable<GitOpsHQ.Contracts.Plugins.V1.ArtifactFile> files, long timestamp = 1_700_000_000, string version = "1.2.0") =>
        await new HelmChartHandler().Package(Artifact.PackageRequest(ChartFiles.Name, version, files, timestamp), Artifact.Call("Package"));

    [Fact]
    public async Task Packages_as_helm_does()
    {
        var package = await Package(ChartFiles.Minimal());

        Assert.Equal("web-1.2.0.tgz", package.Filename);
        Assert.Equal("application/vnd.cncf.helm.chart.content.v1.tar+gzip", package.MediaType);
        Assert.Equal("application/vnd.cncf.helm.config.v1+json", package.ConfigMediaType);
        var entries = ArchiveReader.Read(package.Content.ToByteArray());
        Assert.Equal(["web/Chart.yaml", "web/templates/deployment.yaml", "web/values.yaml"], entries.Select(e => e.Name));
        Assert.Equal(ChartFiles.ChartYaml, Encoding.UTF8.GetString(entries[0].Content));
        Assert.All(entries, e => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), e.Modified));
    }

    [Fact]
    public async Task Packaging_twice_gives_identical_bytes_and_another_timestamp_does_not()
    {
        var files = ChartFiles.Minimal();
        var first = await Package(files);
        var again = await Package(Enumerable.Reverse(files));
        var later = await Package(files, timestamp: 1_700_000_060);

        Assert.Equal(first.Content.ToByteArray(), again.Content.ToByteArray());
        Assert.Equal(first.ConfigJson, again.ConfigJson);
        Assert.NotEqual(first.Content.ToByteArray(), later.Content.ToByteArray());
    }

    [Fact]
    public async Task Helmignore_is_honoured_and_itself_packaged()
    {
        var files = ChartFiles.Minimal();
        files.Add(Artifact.File(".helmignore", "# local files\n*.bak\nci/\n.git/\n!keep.bak\n"));
        files.Add(Artifact.File("values.yaml.bak", "old"));
        files.Add(Artifact.File("keep.bak", "kept"));
        files.Add(Artifact.File("ci/test-values.yaml", "a: 1"));
        files.Add(Artifact.File(".git/HEAD", "ref"));
        files.Add(Artifact.File("templates/.notes", "hidden"));

        var entries = ArchiveReader.Read((await Package(files)).Content.ToByteArray());

        Assert.Equal(
            ["web/.helmignore", "web/Chart.yaml", "web/keep.bak", "web/templates/deployment.yaml", "web/values.yaml"],
            entries.Select(e => e.Name));
    }

    [Fact]
    public async Task The_config_is_chart_yaml_as_helm_writes_it()
    {
        const string chart = """
            apiVersion: v2
            name: web
            version: 1.2.0
            kubeVersion: ">=1.25.0-0"
            description: Frontend <web> & "api"
            type: application
            keywords: [web, frontend]
            home: https://example.com
            sources: [https://example.com/src]
            maintainers:
              - name: Platform
                email: platform@example.com
            icon: https://example.com/icon.png
            appVersion: "3.1"
            deprecated: false
            annotations:
              z: last
              a: first
            dependencies:
              - name: db
                version: ~12.1.0
                repository: oci://registry.example.com/charts
                condition: db.enabled
                tags: [backend]
                import-values:
                  - child: z
                    parent: a
                  - data
              - name: cache
                version: 1.0.0
            """;

        var package = await Package(ChartFiles.Minimal(chart));

        Assert.Equal(
            "{\"name\":\"web\",\"home\":\"https://example.com\",\"sources\":[\"https://example.com/src\"]," +
            "\"version\":\"1.2.0\",\"description\":\"Frontend \\u003cweb\\u003e \\u0026 \\\"api\\\"\"," +
            "\"keywords\":[\"web\",\"frontend\"],\"maintainers\":[{\"name\":\"Platform\",\"email\":\"platform@example.com\"}]," +
            "\"icon\":\"https://example.com/icon.png\",\"apiVersion\":\"v2\",\"appVersion\":\"3.1\"," +
            "\"annotations\":{\"a\":\"first\",\"z\":\"last\"},\"kubeVersion\":\"\\u003e=1.25.0-0\"," +
            "\"dependencies\":[{\"name\":\"db\",\"version\":\"~12.1.0\",\"repository\":\"oci://registry.example.com/charts\"," +
            "\"condition\":\"db.enabled\",\"tags\":[\"backend\"],\"import-values\":[{\"child\":\"z\",\"parent\":\"a\"},\"data\"]}," +
            "{\"name\":\"cache\",\"version\":\"1.0.0\",\"repository\":\"\"}],\"type\":\"application\"}",
            package.ConfigJson);
    }

    [Fact]
    public async Task A_minimal_config_leaves_out_empty_fields()
    {
        var package = await Package(ChartFiles.Minimal("apiVersion: v2\nname: web\nversion: 1.2.0\n"));

        Assert.Equal("{\"name\":\"web\",\"version\":\"1.2.0\",\"apiVersion\":\"v2\"}", package.ConfigJson);
    }

    [Fact]
    public async Task A_chart_without_chart_yaml_is_refused()
    {
        await Expect.InvalidArgument(() => Package(Artifact.Without(ChartFiles.Minimal(), "Chart.yaml")), "no Chart.yaml");
    }

    [Theory]
    [InlineData("name: [web\n", "Chart.yaml cannot be read")]
    [InlineData("- web\n", "Chart.yaml cannot be read")]
    [InlineData("", "Chart.yaml cannot be read")]
    public async Task An_unreadable_chart_yaml_is_refused(string chart, string fragment)
    {
        await Expect.InvalidArgument(() => Package(ChartFiles.Minimal(chart)), fragment);
    }

    [Fact]
    public async Task A_helmignore_dropping_chart_yaml_is_refused()
    {
        await Expect.InvalidArgument(() => Package(Artifact.With(ChartFiles.Minimal(), ".helmignore", "Chart.yaml\n")), "leaves out Chart.yaml");
    }

    [Theory]
    [InlineData("", 0, "version to package is required")]
    [InlineData("1.2.0/../x", 0, "cannot be part of a file name")]
    [InlineData("1.2.0", -1, "out of range")]
    public async Task Bad_package_requests_are_refused(string version, long timestamp, string fragment)
    {
        await Expect.InvalidArgument(() => Package(ChartFiles.Minimal(), timestamp, version), fragment);
    }
}
