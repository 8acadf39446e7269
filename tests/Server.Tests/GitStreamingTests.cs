using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>Git traffic streams through the server process, and real kustomize consumes published bases.</summary>
public sealed class GitStreamingTests
{
    [Fact]
    public async Task A_50_MiB_push_streams_without_the_server_holding_it_in_memory()
    {
        var data = TempFolder.Create("stream-data");
        var work = TempFolder.Create("stream-work");
        await using var server = await ServerProcess.StartAsync(data, "--Catalog:MaxFileBytes=104857600", "--Catalog:MaxArtifactBytes=209715200");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", server.AdminToken);
            (await http.PostAsJsonAsync("/api/v2/org-manifest-bundles", new { name = "big", scaffold = true })).EnsureSuccessStatusCode();

            var git = new GitClient(work);
            var url = server.Url.Replace("http://", $"http://admin:{server.AdminToken}@") + "/git/manifest-bundles/big.git";
            git.Run(null, "clone", "-q", url, "big");
            var clone = Path.Combine(work, "big");
            var random = new byte[50 * 1024 * 1024];
            new Random(42).NextBytes(random); // incompressible: the pack is as large as the file
            await File.WriteAllBytesAsync(Path.Combine(clone, "blob.bin"), random);
            git.Run(clone, "add", ".");
            git.Run(clone, "commit", "-qm", "a large file");

            var before = server.PeakMemoryBytes();
            git.Run(clone, "push", "-q", "origin", "main");
            var after = server.PeakMemoryBytes();

            var tree = JsonNode.Parse(await http.GetStringAsync("/api/v2/org-manifest-bundles/big/tree"))!;
            Assert.Contains(tree["entries"]!.AsArray(), e => e!["path"]!.GetValue<string>() == "blob.bin" && e["size"]!.GetValue<long>() == random.Length);
            Assert.True(after - before < 40L * 1024 * 1024, $"server peak memory grew by {(after - before) / 1024 / 1024} MiB while pushing 50 MiB");
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [KubectlFact]
    public async Task Kubectl_kustomize_builds_an_overlay_on_a_base_published_here()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await http.Post("/api/v2/org-kustomize-bases", new { name = "base", scaffold = true });
        await http.Post("/api/v2/org-kustomize-bases/base/versions", new { version = "1.0.0" });
        await http.WriteFile("org-kustomize-bases", "base", "configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: changed-after-1-0-0\n");

        var overlay = TempFolder.Create("overlay");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(overlay, "kustomization.yaml"),
                $"resources:\n- {server.Url}/git/kustomize-bases/base.git?ref=1.0.0\nnamePrefix: prod-\n");
            var (code, manifests, error) = Command.Run("kubectl", ["kustomize", overlay], GitBearer.Environment(overlay, server.AdminToken));

            Assert.True(code == 0, error);
            Assert.Contains("kind: Deployment", manifests);
            Assert.Contains("name: prod-base", manifests);
            Assert.DoesNotContain("changed-after-1-0-0", manifests);
        }
        finally
        {
            TempFolder.Delete(overlay);
        }
    }
}
