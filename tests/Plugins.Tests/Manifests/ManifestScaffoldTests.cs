using GitOpsHQ.Plugins.Manifests;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Tests.Manifests;

public class ManifestScaffoldTests
{
    [Fact]
    public async Task The_scaffold_sets_up_a_namespace_with_rbac_and_network_policies()
    {
        var scaffold = await new ManifestBundleHandler().Scaffold(new() { Name = "team-a", Description = "Team A" }, Artifact.Call());

        Assert.Equal(["README.md", "namespace.yaml", "network-policy.yaml", "rbac.yaml"], scaffold.Files.Select(f => f.Path));
        Assert.Equal(["Namespace team-a"], Objects(Artifact.Text(scaffold.Files, "namespace.yaml")));
        Assert.Equal(
            ["ServiceAccount team-a/team-a", "Role team-a/team-a-read", "RoleBinding team-a/team-a-read"],
            Objects(Artifact.Text(scaffold.Files, "rbac.yaml")));
        Assert.Equal(
            ["NetworkPolicy team-a/default-deny-ingress", "NetworkPolicy team-a/allow-same-namespace"],
            Objects(Artifact.Text(scaffold.Files, "network-policy.yaml")));
        Assert.Contains("Team A", Artifact.Text(scaffold.Files, "README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scaffold_validates_and_renders_clean()
    {
        var handler = new ManifestBundleHandler();
        var scaffold = await handler.Scaffold(new() { Name = "team-a" }, Artifact.Call());

        Expect.Clean(await handler.Validate(Artifact.ValidateRequest("team-a", scaffold.Files), Artifact.Call()));
        var rendered = await handler.Render(Artifact.RenderRequest("team-a", scaffold.Files), Artifact.Call());
        Assert.Empty(rendered.Diagnostics);
        Assert.Equal(6, Objects(rendered.Manifests).Count);
    }

    private static List<string> Objects(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).Select(o =>
        {
            var metadata = (YamlMappingNode)o["metadata"];
            var ns = metadata.Children.TryGetValue("namespace", out var n) ? $"{n}/" : "";
            return $"{o["kind"]} {ns}{metadata["name"]}";
        }).ToList();
    }
}
