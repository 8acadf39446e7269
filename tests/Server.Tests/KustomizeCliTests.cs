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

            BuildsAsKubectl(Path.Combine(work, "overlay"));
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

    // Both build the overlay, and print the same bytes.
    private static void BuildsAsKubectl(string overlay)
    {
        var (expectedCode, expected, _) = Command.Run("kubectl", ["kustomize", overlay]);
        var (code, actual, error) = Cli(overlay);

        Assert.Equal(0, expectedCode);
        Assert.True(code == 0, error);
        Assert.Equal(expected, actual);
    }

    private static (int Code, string Output, string Error) Cli(params string[] args) =>
        Command.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "kustomize", .. args]);

    private static void Write(string work, string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(work, path))!);
        File.WriteAllText(Path.Combine(work, path), text);
    }

    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  mode: \"on\"\n";

    [KubectlFact]
    public void A_kustomization_deep_inside_a_large_work_tree_reads_only_what_it_uses()
    {
        var work = TempFolder.Create("kustomize-cli-monorepo");
        try
        {
            Command.Run("git", ["init", "-q", work]);
            Write(work, "deploy/apps/team-a/web/base/kustomization.yaml", "resources:\n- configmap.yaml\n");
            Write(work, "deploy/apps/team-a/web/base/configmap.yaml", ConfigMap);
            Write(work, "deploy/apps/team-a/web/overlays/prod/kustomization.yaml", "resources:\n- ../../base\nnamePrefix: prod-\n");
            // Beside it: more bytes than a build may hold (sparse, so they take no disk), a file over the one-file
            // limit, a named pipe that would block whoever read it and a link to nothing.
            Directory.CreateDirectory(Path.Combine(work, "assets"));
            using (var big = File.Create(Path.Combine(work, "assets", "disk-image.bin"))) big.SetLength(1L << 30);
            using (var large = File.Create(Path.Combine(work, "assets", "dump.yaml"))) large.SetLength(20L << 20);
            Assert.Equal(0, Command.Run("mkfifo", [Path.Combine(work, "assets", "pipe")]).Code);
            File.CreateSymbolicLink(Path.Combine(work, "assets", "moved.yaml"), Path.Combine(work, "nowhere.yaml"));
            var overlay = Path.Combine(work, "deploy/apps/team-a/web/overlays/prod");

            BuildsAsKubectl(overlay);
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [KubectlFact]
    public void The_load_restrictor_flag_behaves_as_kubectls()
    {
        var work = TempFolder.Create("kustomize-cli-restrictor");
        try
        {
            Command.Run("git", ["init", "-q", work]);
            Write(work, "base/kustomization.yaml", "resources:\n- configmap.yaml\n");
            Write(work, "base/configmap.yaml", ConfigMap);
            Write(work, "shared/mode-off.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  mode: \"off\"\n");
            Write(work, "overlay/kustomization.yaml", "resources:\n- ../base\npatches:\n- path: ../shared/mode-off.yaml\nconfigMapGenerator:\n- name: extra\n  files:\n  - ../shared/mode-off.yaml\n");
            var overlay = Path.Combine(work, "overlay");

            // Root only (the default): both refuse the patch outside the overlay's directory.
            Assert.NotEqual(0, Command.Run("kubectl", ["kustomize", overlay]).Code);
            var (code, _, error) = Cli(overlay);
            Assert.Equal(1, code);
            Assert.Contains("security; file 'shared/mode-off.yaml' is not in or below 'overlay'", error);

            // None: both build it, byte for byte the same.
            var (expectedCode, expected, _) = Command.Run("kubectl", ["kustomize", "--load-restrictor", "LoadRestrictionsNone", overlay]);
            var (noneCode, actual, noneError) = Cli("--load-restrictor", "LoadRestrictionsNone", overlay);
            Assert.Equal(0, expectedCode);
            Assert.True(noneCode == 0, noneError);
            Assert.Equal(expected, actual);

            var (badCode, _, badError) = Cli("--load-restrictor=LoadRestrictionsSome", overlay);
            Assert.Equal(1, badCode);
            Assert.Contains("illegal flag value --load-restrictor LoadRestrictionsSome; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]", badError);
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [KubectlFact]
    public void A_link_to_a_file_outside_the_work_tree_is_refused()
    {
        var work = TempFolder.Create("kustomize-cli-link");
        var outside = TempFolder.Create("kustomize-cli-outside");
        try
        {
            Command.Run("git", ["init", "-q", work]);
            File.WriteAllText(Path.Combine(outside, "secret.yaml"), ConfigMap);
            Write(work, "app/kustomization.yaml", "resources:\n- secret.yaml\n");
            File.CreateSymbolicLink(Path.Combine(work, "app", "secret.yaml"), Path.Combine(outside, "secret.yaml"));

            Assert.NotEqual(0, Command.Run("kubectl", ["kustomize", Path.Combine(work, "app")]).Code);
            var (code, output, error) = Cli(Path.Combine(work, "app"));
            Assert.Equal(1, code);
            Assert.Equal("", output);
            Assert.Contains("'app/secret.yaml' is a link to", error);
            Assert.Contains("files are read only inside it", error);
        }
        finally
        {
            TempFolder.Delete(work);
            TempFolder.Delete(outside);
        }
    }
}
