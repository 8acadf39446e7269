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

/// <summary>`gitopshq template` reads a chart's files as Helm's loader takes them: what .helmignore leaves out is never read.</summary>
public sealed class TemplateCliReadsTests
{
    [Fact]
    public async Task Files_helmignore_leaves_out_are_not_read()
    {
        var chart = TempFolder.Create("template-ignored");
        try
        {
            File.WriteAllText(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
            File.WriteAllText(Path.Combine(chart, ".helmignore"), "scratch/\n");
            Directory.CreateDirectory(Path.Combine(chart, "templates"));
            File.WriteAllText(Path.Combine(chart, "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n");
            // A named pipe no writer opens: reading it would block the command for ever.
            Directory.CreateDirectory(Path.Combine(chart, "scratch"));
            Assert.Equal(0, Command.Run("mkfifo", [Path.Combine(chart, "scratch", "pipe")]).Code);

            var run = Task.Run(() => Command.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "template", chart]));
            // A command that reads the pipe never finishes: that is the failure, not a slow run.
            Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(5))) == run, "gitopshq template read a file .helmignore leaves out");
            var (code, output, error) = await run;

            Assert.True(code == 0, error);
            Assert.Contains("name: release-name", output);
        }
        finally
        {
            TempFolder.Delete(chart);
        }
    }

    [Fact]
    public void Links_are_followed_and_a_link_to_nothing_is_refused_in_helms_words()
    {
        var root = TempFolder.Create("template-links");
        try
        {
            var chart = Path.Combine(root, "chart");
            Directory.CreateDirectory(Path.Combine(chart, "templates"));
            Directory.CreateDirectory(Path.Combine(root, "shared", "crd"));
            File.WriteAllText(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
            File.WriteAllText(Path.Combine(root, "shared", "crd", "x.yaml"), "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: xs.example.com\n");
            File.WriteAllText(Path.Combine(root, "shared", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: linked\n");
            File.CreateSymbolicLink(Path.Combine(chart, "crds"), "../shared/crd");
            File.CreateSymbolicLink(Path.Combine(chart, "templates", "cm.yaml"), "../../shared/cm.yaml");
            var cli = Path.Combine(AppContext.BaseDirectory, "gitopshq.dll");

            var (code, output, error) = Command.Run("dotnet", [cli, "template", chart, "--include-crds", "-s", "crds/x.yaml", "-s", "templates/cm.yaml"]);
            Assert.True(code == 0, error);
            Assert.Equal(
                "---\n# Source: c/crds/x.yaml\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: xs.example.com\n" +
                "---\n# Source: c/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: linked\n",
                output);

            File.CreateSymbolicLink(Path.Combine(chart, "templates", "gone.yaml"), "../nowhere/gone.yaml");
            (code, output, error) = Command.Run("dotnet", [cli, "template", chart]);
            Assert.Equal(1, code);
            Assert.Equal("", output);
            Assert.Equal($"Error: error evaluating symlink {Path.Combine(chart, "templates", "gone.yaml")}: lstat {Path.Combine(chart, "nowhere")}: no such file or directory\n", error);
        }
        finally
        {
            TempFolder.Delete(root);
        }
    }

    [Fact]
    public void Set_file_values_and_an_output_folder_work_as_in_helm()
    {
        var root = TempFolder.Create("template-output-dir");
        try
        {
            var chart = Path.Combine(root, "chart");
            Directory.CreateDirectory(Path.Combine(chart, "templates", "tests"));
            Directory.CreateDirectory(Path.Combine(chart, "crds"));
            File.WriteAllText(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
            File.WriteAllText(Path.Combine(chart, "templates", "a.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a1\ndata:\n  conf: {{ .Values.conf | quote }}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: a2\n");
            File.WriteAllText(Path.Combine(chart, "templates", "tests", "test.yaml"),
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n");
            File.WriteAllText(Path.Combine(chart, "crds", "crd.yaml"),
                "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: xs.example.com\n");
            File.WriteAllText(Path.Combine(root, "conf.txt"), "line 1, with a comma\nline 2\n");
            var output = Path.Combine(root, "out");
            Directory.CreateDirectory(Path.Combine(output, "c", "templates"));
            File.WriteAllText(Path.Combine(output, "c", "templates", "a.yaml"), "left from an earlier run\n");

            var (code, printed, error) = Command.Run("dotnet",
                [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "template", chart, "--include-crds", "--output-dir", output,
                 "--set-file", $"conf={Path.Combine(root, "conf.txt")}"]);

            Assert.True(code == 0, error);
            Assert.Equal($"wrote {output}/c/crds/crd.yaml\nwrote {output}/c/templates/a.yaml\nwrote {output}/c/templates/a.yaml\nwrote {output}/c/templates/tests/test.yaml\n\n", printed);
            Assert.Equal(
                "---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: a2\n" +
                "---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a1\ndata:\n  conf: \"line 1, with a comma\\nline 2\\n\"\n",
                File.ReadAllText(Path.Combine(output, "c", "templates", "a.yaml")));
            Assert.StartsWith("---\n# Source: c/crds/crd.yaml\napiVersion: apiextensions.k8s.io/v1\n", File.ReadAllText(Path.Combine(output, "c", "crds", "crd.yaml")));

            (code, _, error) = Command.Run("dotnet",
                [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "template", chart, "--set-file", $"conf={Path.Combine(root, "missing.txt")}"]);
            Assert.Equal(1, code);
            Assert.Equal($"Error: failed parsing --set-file data: open {Path.Combine(root, "missing.txt")}: no such file or directory\n", error);
        }
        finally
        {
            TempFolder.Delete(root);
        }
    }
}
