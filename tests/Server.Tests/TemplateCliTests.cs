using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>
/// `gitopshq template` prints what `helm template` prints: compared with the Helm oracle's output (Go's text/template
/// and Sprig) on the engine's differential charts, committed under TemplateCliExpected/. Where the oracle is installed
/// (.cache/helm-oracle, built by scripts/prerequisites.sh) the committed output is checked against it, and
/// GITOPSHQ_REGENERATE=1 rewrites it.
/// </summary>
public sealed class TemplateCliTests
{
    private static readonly string Root = SourceTree.Root;
    private static readonly string Charts = Path.Combine(Root, "tests", "HelmEngine.Tests", "HelmCharts");

    [Theory]
    [InlineData("library-web-app", new[] { "--release-name", "shop", "-n", "payments" }, new[] { "--name", "shop", "-n", "payments" })]
    [InlineData("platform-three-apps", new[] { "--kube-version", "v1.31.2", "--is-upgrade" }, new[] { "--kube-version", "v1.31.2", "--is-upgrade" })]
    [InlineData("crds-included", new[] { "--include-crds" }, new[] { "--include-crds" })]
    [InlineData("hooks-skip-tests", new[] { "--skip-tests" }, new[] { "--skip-tests" })]
    [InlineData("hooks-no-hooks", new[] { "--no-hooks", "rel" }, new[] { "--no-hooks", "--name", "rel" })]
    public void Template_prints_what_helm_template_prints(string chart, string[] flags, string[] oracleFlags)
    {
        var directory = Path.Combine(Charts, chart, "chart");
        var committed = Path.Combine(Root, "tests", "Server.Tests", "TemplateCliExpected", chart + ".yaml");
        var oracle = Path.Combine(Root, ".cache", "helm-oracle");
        if (File.Exists(oracle))
        {
            var (expectedCode, live, expectedError) = Command.Run(oracle, ["template", directory, .. oracleFlags]);
            Assert.True(expectedCode == 0, expectedError);
            if (Environment.GetEnvironmentVariable("GITOPSHQ_REGENERATE") == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(committed)!);
                File.WriteAllText(committed, live);
            }
            Assert.True(File.ReadAllText(committed) == live, $"{committed} is not what the oracle prints now: regenerate with GITOPSHQ_REGENERATE=1");
        }
        var expected = File.ReadAllText(committed);
        var (code, actual, error) = Command.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "template", .. flags, directory]);

        Assert.True(code == 0, error);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_chart_that_fails_prints_helms_error_and_exits_1()
    {
        var (code, output, error) = Command.Run("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "template", Path.Combine(Charts, "required-missing", "chart")]);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("Error: ", error);
    }
}
