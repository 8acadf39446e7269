using GitOpsHQ.Plugins.Helm;

namespace GitOpsHQ.Plugins.Tests.Helm;

public class PublishVersionTests
{
    [Fact]
    public async Task The_published_version_must_equal_chart_yaml()
    {
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, ChartFiles.Minimal(), version: "1.3.0"), Artifact.Call());

        var error = Expect.Error(response, "Chart.yaml", "Chart.yaml has version 1.2.0 but 1.3.0 is being published", line: 5);
        Assert.Contains("set version: 1.3.0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("v1.2.0")]
    [InlineData("latest")]
    [InlineData("01.2.0")]
    public async Task The_published_version_must_be_semver_2(string version)
    {
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, ChartFiles.Minimal(), version), Artifact.Call());

        Expect.Error(response, "", "chart versions must be SemVer 2 (e.g. 1.2.0)", line: 0);
    }

    [Fact]
    public async Task A_matching_version_publishes_cleanly()
    {
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, ChartFiles.Minimal(), version: "1.2.0"), Artifact.Call());

        Expect.Clean(response);
    }

    [Fact]
    public async Task Prerelease_and_build_versions_are_semver()
    {
        var chart = ChartFiles.ChartYaml.Replace("version: 1.2.0", "version: 1.2.0-rc.1+build.5", StringComparison.Ordinal);
        var response = await new HelmChartHandler().Validate(
            Artifact.ValidateRequest(ChartFiles.Name, ChartFiles.Minimal(chart), version: "1.2.0-rc.1+build.5"), Artifact.Call());

        Expect.Clean(response);
    }
}
