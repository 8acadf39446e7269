using System.Net;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace GitOpsHQ.Server.Tests;

public sealed class RenderAndIndexTests
{
    [Fact]
    public async Task A_manifest_bundle_renders_through_its_plugin_at_any_ref()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await http.Post("/api/v2/org-manifest-bundles", new { name = "stack" });
        await http.WriteFile("org-manifest-bundles", "stack", "b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
        await http.WriteFile("org-manifest-bundles", "stack", "a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        await http.Post("/api/v2/org-manifest-bundles/stack/versions", new { version = "1.0.0" });
        await http.WriteFile("org-manifest-bundles", "stack", "a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a2\n");

        var (status, main) = await http.Post("/api/v2/org-manifest-bundles/stack/render", new { });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n", main.Str("manifests"));

        var (_, published) = await http.Post("/api/v2/org-manifest-bundles/stack/render", new { @ref = "1.0.0" });
        Assert.Contains("name: a\n", published.Str("manifests"));
    }

    [Fact]
    public async Task Renders_of_main_follow_each_edit_and_a_version_keeps_its_files()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await http.Post("/api/v2/org-manifest-bundles", new { name = "stack" });
        await http.WriteFile("org-manifest-bundles", "stack", "a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: one\n");
        await http.Post("/api/v2/org-manifest-bundles/stack/versions", new { version = "1.0.0" });

        foreach (var name in new[] { "two", "three", "one" })
        {
            var (_, before) = await http.Post("/api/v2/org-manifest-bundles/stack/render", new { });
            await http.WriteFile("org-manifest-bundles", "stack", "a.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");
            var (_, after) = await http.Post("/api/v2/org-manifest-bundles/stack/render", new { });
            var (_, version) = await http.Post("/api/v2/org-manifest-bundles/stack/render", new { @ref = "1.0.0" });

            Assert.NotEqual(before.Str("commit"), after.Str("commit"));
            Assert.EndsWith($"name: {name}\n", after.Str("manifests"));
            Assert.EndsWith("name: one\n", version.Str("manifests"));
        }
    }

    [KubectlFact]
    public async Task A_kustomize_base_renders_over_rest_exactly_as_kubectl_kustomize()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await http.Post("/api/v2/org-kustomize-bases", new { name = "base", scaffold = true });

        var (status, rendered) = await http.Post("/api/v2/org-kustomize-bases/base/render", new { });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(rendered["diagnostics"]!.AsArray());
        var folder = TempFolder.Create("render-base");
        try
        {
            var (_, tree) = await http.Get("/api/v2/org-kustomize-bases/base/tree");
            foreach (var entry in tree["entries"]!.AsArray())
            {
                var path = entry!.Str("path");
                var (_, file) = await http.Get($"/api/v2/org-kustomize-bases/base/files/{path}");
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
                await File.WriteAllTextAsync(Path.Combine(folder, path), file.Str("text"));
            }
            var (code, expected, error) = Command.Run("kubectl", ["kustomize", folder]);
            Assert.True(code == 0, error);
            Assert.Equal(expected, rendered.Str("manifests"));
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task A_helm_chart_renders_over_rest_with_values_files_and_helm_template_options()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await http.Post("/api/v2/org-charts", new { name = "web", scaffold = true });

        var (status, rendered) = await http.Post("/api/v2/org-charts/web/render", new
        {
            values = new[] { "replicaCount: 3\n" },
            options = new Dictionary<string, string> { ["release-name"] = "shop", ["namespace"] = "payments", ["set"] = "image.tag=9.9.9" },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(rendered["diagnostics"]!.AsArray());
        var manifests = rendered.Str("manifests");
        Assert.StartsWith("---\n# Source: web/templates/", manifests);
        Assert.Contains("replicas: 3", manifests);
        Assert.Contains(":9.9.9", manifests);
        Assert.Contains("shop", manifests);

        var (bad, error) = await http.Post("/api/v2/org-charts/web/render", new { options = new Dictionary<string, string> { ["colour"] = "blue" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("unknown render option 'colour'", error.Str("message"));
    }

    [Fact]
    public async Task A_hostile_chart_is_an_error_of_its_render_and_the_server_keeps_serving()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await http.Post("/api/v2/org-charts", new { name = "loop", scaffold = true });
        await http.WriteFile("org-charts", "loop", "templates/_loop.tpl", "{{ define \"loop\" }}{{ include \"loop\" . }}{{ template \"loop\" . }}{{ end }}");
        await http.WriteFile("org-charts", "loop", "templates/loop.yaml", "{{ include \"loop\" . }}");

        var (status, rendered) = await http.Post("/api/v2/org-charts/loop/render", new { });
        var (_, validated) = await http.Post("/api/v2/org-charts/loop/validate", new { });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("unable to execute template", rendered["diagnostics"]!.AsArray()[0]!.Str("message"));
        Assert.Contains(validated["diagnostics"]!.AsArray(), d => d!.Str("file") == "templates/loop.yaml" && d!.Str("message").Contains("unable to execute template"));
        Assert.Equal(HttpStatusCode.OK, (await http.Get("/api/v2/org-charts")).Status);
    }

    [Fact]
    public async Task Rendering_previews_can_be_switched_off()
    {
        await using var server = await TestServer.StartAsync(null, "--FeatureManagement:RenderPreview=false");
        using var http = server.Http();
        await http.Post("/api/v2/org-manifest-bundles", new { name = "stack", scaffold = true });
        var (status, body) = await http.Post("/api/v2/org-manifest-bundles/stack/render", new { });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("RenderPreview", body.Str("message"));
    }

    [Fact]
    public async Task The_catalog_index_is_rebuilt_from_git_when_it_is_lost()
    {
        var data = TempFolder.Create("index");
        try
        {
            await using (var server = await TestServer.StartAsync(data))
            {
                using var http = server.Http();
                await http.Post("/api/v2/org-charts", new { name = "web", scaffold = true, description = "Web tier" });
                await http.Post("/api/v2/org-charts/web/versions", new { version = "0.1.0" });
                await http.Post("/api/v2/org-kustomize-bases", new { name = "base" });
            }

            using (var connection = TestServer.OpenDatabase(data))
            {
                using var wipe = connection.CreateCommand();
                wipe.CommandText = "DELETE FROM artifacts";
                Assert.Equal(2, wipe.ExecuteNonQuery());
            }

            await using (var restarted = await TestServer.StartAsync(data))
            {
                using var http = restarted.Http();
                var (_, charts) = await http.Get("/api/v2/org-charts");
                var web = Assert.Single(charts["artifacts"]!.AsArray())!;
                Assert.Equal("0.1.0", web.Str("latestVersion"));
                Assert.Equal("Web tier", web.Str("description"));
                Assert.Single((await http.Get("/api/v2/org-kustomize-bases")).Body["artifacts"]!.AsArray());
            }
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }
}
