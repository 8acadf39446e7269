using GitOpsHQ.Files;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// The <c>helm template</c> flags in <see cref="RenderOptions"/>, checked on fixed outputs so they hold without
/// the oracle too (the HelmCharts cases compare the same flags with it).
/// </summary>
public class RenderFlagTests
{
    private static readonly IReadOnlyList<(string Path, byte[] Content)> Chart =
    [
        ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: flags\nversion: 1.0.0\n"),
        ChartFiles.Text("crds/thing.yaml", "kind: CustomResourceDefinition\nname: things\n"),
        ChartFiles.Text("templates/cm.yaml",
            "kind: ConfigMap\nupgrade: {{ .Release.IsUpgrade }}\ninstall: {{ .Release.IsInstall }}\n"
            + "kube: {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Minor }}\n"
            + "extra: {{ .Capabilities.APIVersions.Has \"example.com/v1\" }}\n"),
        ChartFiles.Text("templates/hook.yaml", "kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n"),
        ChartFiles.Text("templates/test.yaml", "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n"),
    ];

    private const string Hook = "---\n# Source: flags/templates/hook.yaml\nkind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n";
    private const string Test = "---\n# Source: flags/templates/test.yaml\nkind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n";

    private static string Manifest(string upgrade, string install, string kube, string extra) =>
        $"---\n# Source: flags/templates/cm.yaml\nkind: ConfigMap\nupgrade: {upgrade}\ninstall: {install}\nkube: {kube}\nextra: {extra}\n";

    [Fact]
    public void Defaults_print_manifests_then_hooks_in_kind_order_without_CRDs()
    {
        Assert.Equal(
            Manifest("false", "true", "v1.36.0 36", "false") + Test + Hook,
            ChartRenderer.Render(FileSet.From(Chart), RenderOptions.Default));
    }

    [Fact]
    public void Flags_change_what_templates_see_and_what_is_printed()
    {
        var options = new RenderOptions
        {
            IsUpgrade = true,
            KubeVersion = "1.28",
            ApiVersions = ["example.com/v1"],
            IncludeCrds = true,
            SkipTests = true,
        };

        Assert.Equal(
            "---\n# Source: flags/crds/thing.yaml\nkind: CustomResourceDefinition\nname: things\n\n"
            + Manifest("true", "false", "v1.28 28", "true") + Hook,
            ChartRenderer.Render(FileSet.From(Chart), options));
    }

    [Fact]
    public void No_hooks_leaves_every_hook_out()
    {
        Assert.Equal(
            Manifest("false", "true", "v1.36.0 36", "false"),
            ChartRenderer.Render(FileSet.From(Chart), new RenderOptions { NoHooks = true }));
    }

    [Theory]
    [InlineData("latest", "invalid kube version 'latest': could not parse \"latest\" as version")]
    [InlineData("1", "invalid kube version '1': illegal version string \"1\"")]
    public void A_bad_kube_version_is_refused(string version, string expected)
    {
        var error = Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(Chart), new RenderOptions { KubeVersion = version }));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_kubeVersion_constraint_is_checked_against_the_kube_version()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: old\nversion: 1.0.0\nkubeVersion: <1.20.0\n"),
        };

        var error = Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(files), RenderOptions.Default));

        Assert.Equal("chart requires kubeVersion: <1.20.0 which is incompatible with Kubernetes v1.36.0", error.Message);
        Assert.Equal("\n", ChartRenderer.Render(FileSet.From(files), new RenderOptions { KubeVersion = "v1.19.4" }));
    }
}
