using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Manifests;

namespace GitOpsHQ.Plugins.Tests.Manifests;

public class ManifestRenderTests
{
    private static Task<RenderResponse> Render(params (string Path, string Content)[] files) =>
        new ManifestBundleHandler().Render(Artifact.RenderRequest("shop", Artifact.Files(files)), Artifact.Call("Render"));

    [Fact]
    public async Task Renders_every_document_in_path_then_file_order()
    {
        var response = await Render(
            ("rbac.yaml", "---\n# The service account\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shop # owner: team-a\n---\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: shop\n\n\n"),
            ("README.md", "# Not rendered\n"),
            ("apps/web.yml", "apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: web"),
            ("Namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n...\n"),
            ("empty.yaml", "# nothing here yet\n"));

        Assert.Empty(response.Diagnostics);
        Assert.Equal(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n" +
            "---\n" +
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n" +
            "---\n" +
            "# The service account\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: shop # owner: team-a\n" +
            "---\n" +
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: shop\n",
            response.Manifests);
    }

    [Fact]
    public async Task Invalid_yaml_renders_nothing_and_says_where()
    {
        var response = await Render(
            ("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"),
            ("b.yaml", "apiVersion: v1\nkind: [ConfigMap\n"));

        Assert.Equal("", response.Manifests);
        var error = Expect.Diagnostic(response.Diagnostics, Severity.Error, "b.yaml", "Invalid YAML");
        Assert.True(error.Line >= 2);
    }

    [Fact]
    public async Task An_empty_bundle_renders_nothing()
    {
        var response = await Render(("README.md", "# empty"));

        Assert.Equal("", response.Manifests);
        Assert.Empty(response.Diagnostics);
    }
}
