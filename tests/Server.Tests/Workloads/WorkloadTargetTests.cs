using System.Net;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Workloads;

/// <summary>
/// Workloads on other targets and kinds: external Git (a second server reached over plain HTTP on 127.0.0.1, allowed by
/// ExternalSources:AllowedHosts, with the host's stored credential), and a Kustomize base with an overlay, whose files
/// equal what `gitopshq kustomize` prints.
/// </summary>
public sealed class WorkloadTargetTests
{
    [Fact]
    public async Task An_external_git_target_gets_the_commits_through_the_hosts_stored_credential()
    {
        await using var remote = await TestServer.StartAsync();
        using var remoteApi = remote.Http();
        Assert.Equal(HttpStatusCode.Created, (await remoteApi.Post("/api/v2/gitops-repositories", new { name = "ext" })).Status);
        var remoteToken = await remote.TokenForAsync("deployer", "EDITOR");

        await using var server = await TestServer.StartAsync(null, "--ExternalSources:AllowedHosts:0=127.0.0.1");
        using var api = server.Http();
        var git = new GitClient(TempFolder.Create("workload-external"));
        try
        {
            WorkloadCharts.Publish(server, git, server.AdminToken, "web", upTo: "1.3.0");
            var remoteHost = new Uri(remote.Url).Authority;
            var repository = $"{remote.Url}/git/gitops/ext.git";
            object Workload(string name) => new
            {
                name, project = "shop", environment = "prod", artifact = new { kind = "charts", name = "web" }, version = "1.2.0",
                values = "replicaCount: 2\n", releaseName = "web", @namespace = "shop", target = new { repository, branch = "main", path = "apps/web" },
            };

            // Without the host's credential the remote refuses the push (its Git needs a token).
            var (refused, refusedBody) = await api.Post("/api/v2/workloads", Workload("web-ext"));
            Assert.Equal(HttpStatusCode.BadGateway, refused);
            Assert.DoesNotContain(remoteToken, refusedBody.ToJsonString());

            Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org/oci-credentials",
                new { host = remoteHost, username = "deployer", password = remoteToken })).Status);
            var (status, created) = await api.Post("/api/v2/workloads", Workload("web-ext"));
            Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
            var (upgraded, upgrade) = await api.Post($"/api/v2/workloads/{created.Str("id")}/upgrade", new { targetVersion = "1.3.0" });
            Assert.True(upgraded == HttpStatusCode.OK, upgrade.ToJsonString());
            Assert.NotEqual(created.Str("commit"), upgrade.Str("commit"));

            var clone = Path.Combine(git.Root, "ext");
            git.Run(null, "clone", "-q", GitClient.Url(remote, remoteToken, "gitops", "ext"), clone);
            Assert.Equal(upgrade.Str("commit"), git.Run(clone, "rev-parse", "HEAD").Trim());
            Assert.Equal("2", git.Run(clone, "rev-list", "--count", "HEAD").Trim());
            Assert.Equal(WorkloadCharts.Template(server, git, server.AdminToken, "web", "1.3.0", "web", "shop", "replicaCount: 2\n"),
                File.ReadAllText(Path.Combine(clone, "apps/web/manifests.yaml")));

            // Someone else's change on the remote is seen before anything is pushed.
            File.WriteAllText(Path.Combine(clone, "apps/web/extra.yaml"), "kind: ConfigMap\n");
            git.Run(clone, "add", "-A");
            git.Run(clone, "commit", "-qm", "Extra");
            git.Run(clone, "push", "-q", "origin", "main");
            var (conflict, conflictBody) = await api.Post($"/api/v2/workloads/{created.Str("id")}/upgrade",
                new { targetVersion = "1.2.0", allowDowngrade = true });
            Assert.Equal(HttpStatusCode.Conflict, conflict);
            Assert.Contains("added apps/web/extra.yaml", conflictBody.Str("message"));

            // Plain HTTP to a host that is not allowed is refused before anything is sent.
            var (plain, plainBody) = await api.Post("/api/v2/workloads", new
            {
                name = "web-plain", project = "shop", artifact = new { kind = "charts", name = "web" }, version = "1.2.0",
                target = new { repository = "http://git.example.com/org/deploy.git", path = "apps/web" },
            });
            Assert.Equal(HttpStatusCode.Forbidden, plain);
            Assert.Contains("plain HTTP", plainBody.Str("message"));
        }
        finally
        {
            TempFolder.Delete(git.Root);
        }
    }

    [Fact]
    public async Task A_base_with_an_overlay_is_written_as_gitopshq_kustomize_prints_it()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.Http();
        var git = new GitClient(TempFolder.Create("workload-base"));
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-kustomize-bases", new { name = "base", scaffold = true })).Status);
            Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-kustomize-bases/base/versions", new { version = "1.0.0" })).Status);
            var (_, configmap) = await api.Get("/api/v2/org-kustomize-bases/base/files/configmap.yaml");
            await api.WriteFile("org-kustomize-bases", "base", "configmap.yaml", configmap.Str("text") + "  added: \"yes\"\n");
            Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-kustomize-bases/base/versions", new { version = "1.1.0", notes = "Adds a key" })).Status);
            Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/gitops-repositories", new { name = "prod" })).Status);

            const string overlay = "resources:\n- base\nnamePrefix: prod-\ncommonLabels:\n  env: prod\n";
            var (status, created) = await api.Post("/api/v2/workloads", new
            {
                name = "base-prod", project = "shop", artifact = new { kind = "kustomize-bases", name = "base" }, version = "1.0.0",
                overlayFiles = new[] { new { path = "kustomization.yaml", text = overlay } },
                target = new { repository = $"{server.Url}/git/gitops/prod.git", path = "apps/base" },
            });
            Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
            var (_, upgrade) = await api.Post($"/api/v2/workloads/{created.Str("id")}/upgrade", new { });
            Assert.Equal("1.1.0", upgrade.Str("toVersion"));
            Assert.Contains(upgrade["diff"]!.AsArray(), d => d!.Str("kind") == "ConfigMap" && d!.Str("patch").Contains("+  added: \"yes\""));
            Assert.False(upgrade["valuesCheck"]!["applicable"]!.GetValue<bool>());

            var clone = Path.Combine(git.Root, "prod");
            git.Run(null, "clone", "-q", GitClient.Url(server, server.AdminToken, "gitops", "prod"), clone);
            var local = Path.Combine(git.Root, "overlay");
            git.Run(null, "clone", "-q", "--branch", "1.1.0", GitClient.Url(server, server.AdminToken, "kustomize-bases", "base"), Path.Combine(local, "base"));
            Directory.Delete(Path.Combine(local, "base", ".git"), recursive: true);
            File.WriteAllText(Path.Combine(local, "kustomization.yaml"), overlay);
            var (code, expected, error) = Command.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "kustomize", local]);
            Assert.True(code == 0, error);
            Assert.Equal(expected, File.ReadAllText(Path.Combine(clone, "apps/base/manifests.yaml")));
            Assert.Contains("name: prod-", expected);
        }
        finally
        {
            TempFolder.Delete(git.Root);
        }
    }
}
