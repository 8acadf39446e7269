using System.Net;
using System.Text;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>
/// Overlays render over REST on top of catalog bases referenced by their Git URL (read in-process), exactly as
/// kubectl kustomize builds them by cloning; other remotes need the RemoteBases flag.
/// </summary>
public sealed class RemoteBaseTests
{
    [KubectlFact]
    public async Task An_overlay_on_catalog_bases_renders_exactly_as_kubectl_kustomize()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await PublishBaseAsync(http);
        var overlay = $"resources:\n- {server.Url}/git/kustomize-bases/base.git?ref=1.0.0\n"
                      + $"- {server.Url}/git/kustomize-bases/base.git//extra?ref=1.0.0\nnamePrefix: prod-\n"
                      + "images:\n- name: registry.example.com/base\n  newTag: \"1.27\"\n";

        var (status, body) = await RenderOverlayAsync(http, overlay);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body["diagnostics"]!.AsArray());
        var rendered = body.Str("manifests");
        Assert.DoesNotContain("changed-after-1-0-0", rendered);
        Assert.Contains("name: prod-extra", rendered);
        Assert.Equal(Kubectl(server, overlay), rendered);
    }

    [Fact]
    public async Task Bases_elsewhere_are_refused_unless_the_flag_allows_them()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await PublishBaseAsync(http);

        var (status, body) = await RenderOverlayAsync(http, "resources:\n- https://git.example.invalid/team/base.git?ref=v1\n");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("FeatureManagement:RemoteBases", body.Str("message"));
    }

    [Fact]
    public async Task With_the_flag_other_git_servers_are_fetched_and_their_credentials_never_shown()
    {
        await using var server = await TestServer.StartAsync(null, "--FeatureManagement:RemoteBases=true", "--ExternalSources:AllowedHosts:0=localhost");
        using var http = server.Http();
        await PublishBaseAsync(http);
        // The same repositories reached by another host name are another Git server to the render: fetched with git.
        var elsewhere = server.Url.Replace("127.0.0.1", $"anyone:{server.AdminToken}@localhost");
        Assert.NotEqual(server.Url, elsewhere);

        var (status, fetched) = await RenderOverlayAsync(http, $"resources:\n- {elsewhere}/git/kustomize-bases/base.git?ref=1.0.0\nnamePrefix: prod-\n");
        var (_, local) = await RenderOverlayAsync(http, $"resources:\n- {server.Url}/git/kustomize-bases/base.git?ref=1.0.0\nnamePrefix: prod-\n");
        Assert.True(status == HttpStatusCode.OK, fetched.ToJsonString());
        Assert.Contains("name: prod-base", fetched.Str("manifests"));
        Assert.Equal(local.Str("manifests"), fetched.Str("manifests"));

        var (failed, error) = await RenderOverlayAsync(http, $"resources:\n- {elsewhere}/git/kustomize-bases/base.git?ref=9.9.9\n");
        Assert.Equal(HttpStatusCode.BadGateway, failed);
        Assert.Contains("REMOTE_FAILED", error.ToJsonString());
        Assert.DoesNotContain(server.AdminToken, error.ToJsonString());
    }

    [Fact]
    public async Task Other_git_servers_are_reached_under_the_network_rule_loopback_metadata_and_plain_http_are_refused()
    {
        await using var server = await TestServer.StartAsync(null, "--FeatureManagement:RemoteBases=true");
        using var http = server.Http();
        await PublishBaseAsync(http);
        foreach (var (url, reason) in new[]
                 {
                     (server.Url.Replace("http://127.0.0.1", "https://localhost") + "/git/kustomize-bases/base.git?ref=1.0.0", "loopback"),
                     ("https://169.254.169.254/team/base.git?ref=v1", "link-local (cloud metadata)"),
                     ("http://git.example.com/team/base.git?ref=v1", "plain HTTP"),
                 })
        {
            var (status, body) = await RenderOverlayAsync(http, $"resources:\n- {url}\n");
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains(reason, body.Str("message"));
        }
    }

    [Fact]
    public async Task Unknown_catalog_bases_and_versions_are_not_found_and_a_base_including_itself_is_a_cycle()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await PublishBaseAsync(http);

        var (missingBase, _) = await RenderOverlayAsync(http, $"resources:\n- {server.Url}/git/kustomize-bases/nope.git?ref=1.0.0\n");
        var (missingVersion, _) = await RenderOverlayAsync(http, $"resources:\n- {server.Url}/git/kustomize-bases/base.git?ref=9.9.9\n");
        Assert.Equal(HttpStatusCode.NotFound, missingBase);
        Assert.Equal(HttpStatusCode.NotFound, missingVersion);

        await http.Post("/api/v2/org-kustomize-bases", new { name = "loop" });
        await http.WriteFile("org-kustomize-bases", "loop", "kustomization.yaml", $"resources:\n- {server.Url}/git/kustomize-bases/loop.git\n");
        var (status, body) = await http.Post("/api/v2/org-kustomize-bases/loop/render", new { });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("cycle detected", body["diagnostics"]!.AsArray()[0]!.Str("message"));
    }

    private static async Task PublishBaseAsync(HttpClient http)
    {
        await http.Post("/api/v2/org-kustomize-bases", new { name = "base", scaffold = true });
        await http.WriteFile("org-kustomize-bases", "base", "extra/kustomization.yaml", "resources:\n- service.yaml\n");
        await http.WriteFile("org-kustomize-bases", "base", "extra/service.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: extra\nspec:\n  ports:\n  - port: 80\n");
        await http.Post("/api/v2/org-kustomize-bases/base/versions", new { version = "1.0.0" });
        await http.WriteFile("org-kustomize-bases", "base", "configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: changed-after-1-0-0\n");
    }

    private static Task<(HttpStatusCode, System.Text.Json.Nodes.JsonNode)> RenderOverlayAsync(HttpClient http, string kustomization) =>
        http.Post("/api/v2/org-kustomize-bases/base/render", new
        {
            overlayFiles = new[] { new { path = "kustomization.yaml", content = Convert.ToBase64String(Encoding.UTF8.GetBytes(kustomization)) } },
        });

    private static string Kubectl(TestServer server, string kustomization)
    {
        var overlay = TempFolder.Create("overlay");
        try
        {
            File.WriteAllText(Path.Combine(overlay, "kustomization.yaml"), kustomization);
            var (code, manifests, error) = Command.Run("kubectl", ["kustomize", overlay], GitBearer.Environment(overlay, server.AdminToken));
            Assert.True(code == 0, error);
            return manifests;
        }
        finally
        {
            TempFolder.Delete(overlay);
        }
    }
}
