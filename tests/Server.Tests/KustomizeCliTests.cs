using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>`gitopshq kustomize DIR` prints what `kubectl kustomize DIR` prints.</summary>
public sealed class KustomizeCliTests
{
    [KubectlFact]
    public void An_overlay_on_a_sibling_base_builds_as_kubectl_does()
    {
        var work = TempFolder.Create("kustomize-cli");
        try
        {
            Directory.CreateDirectory(Path.Combine(work, "base"));
            Directory.CreateDirectory(Path.Combine(work, "overlay"));
            File.WriteAllText(Path.Combine(work, "base", "kustomization.yaml"), "resources:\n- deployment.yaml\n- configmap.yaml\n");
            File.WriteAllText(Path.Combine(work, "base", "configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: \"on\"\n  count: \"3\"\n");
            File.WriteAllText(Path.Combine(work, "base", "deployment.yaml"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n" +
                "    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n        envFrom:\n        - configMapRef:\n            name: settings\n");
            File.WriteAllText(Path.Combine(work, "overlay", "kustomization.yaml"),
                "resources:\n- ../base\nnamespace: prod\nnamePrefix: prod-\ncommonLabels:\n  team: web\nimages:\n- name: nginx\n  newTag: \"1.27\"\nreplicas:\n- name: web\n  count: 3\n");

            var (expectedCode, expected, _) = Command.Run("kubectl", ["kustomize", Path.Combine(work, "overlay")]);
            var (code, actual, error) = Command.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "kustomize", Path.Combine(work, "overlay")]);

            Assert.Equal(0, expectedCode);
            Assert.True(code == 0, error);
            Assert.Equal(expected, actual);
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [KubectlFact]
    public async Task An_overlay_on_a_catalog_base_is_fetched_with_git_and_builds_as_kubectl_does()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http();
        await http.Post("/api/v2/org-kustomize-bases", new { name = "base", scaffold = true });
        await http.Post("/api/v2/org-kustomize-bases/base/versions", new { version = "1.0.0" });
        var work = TempFolder.Create("kustomize-cli-remote");
        try
        {
            // The CLI reads the overlay's parent folder too (for ../ references): give it one of its own, not the folder every
            // test's temporary data lives in.
            var overlay = Path.Combine(work, "overlay");
            Directory.CreateDirectory(overlay);
            File.WriteAllText(Path.Combine(overlay, "kustomization.yaml"),
                $"resources:\n- {server.Url}/git/kustomize-bases/base.git?ref=1.0.0\nnamePrefix: prod-\n");
            var environment = GitBearer.Environment(work, server.AdminToken);

            var (expectedCode, expected, expectedError) = Command.Run("kubectl", ["kustomize", overlay], environment);
            var (code, actual, error) = Command.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "kustomize", overlay], environment);

            Assert.True(expectedCode == 0, expectedError);
            Assert.True(code == 0, error);
            Assert.Contains("name: prod-base", actual);
            Assert.Equal(expected, actual);
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }
}
