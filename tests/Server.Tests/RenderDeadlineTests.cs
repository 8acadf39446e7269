using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>
/// Every render and validation of a request ends within Catalog:RenderTimeout counted from when the request arrived:
/// previews, validation, publishing and workload upgrades with pathological input (loops without end in practice,
/// template recursion that fans out, huge generator counts, deeply nested values) are refused, naming the limit.
/// </summary>
public sealed class RenderDeadlineTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _http = null!;

    /// <summary>Four hundred million loop turns: minutes of work, no output.</summary>
    private const string EndlessLoops = "{{- range until 20000 }}{{- range until 20000 }}{{- end }}{{- end }}\n";

    /// <summary>Recursion within the depth limit that doubles at every level: 2^500 calls.</summary>
    private const string FanOutRecursion =
        "{{- define \"grow\" }}{{- if lt (int .) 500 }}{{- include \"grow\" (add . 1) }}{{- include \"grow\" (add . 1) }}{{- end }}{{- end }}\n" +
        "{{- include \"grow\" 0 }}\n";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(null, "--Catalog:RenderTimeout=00:00:02");
        _http = _server.Http();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static void AssertTimedOut(HttpStatusCode status, JsonNode body)
    {
        Assert.True(status == HttpStatusCode.GatewayTimeout, $"{status}: {body.ToJsonString()}");
        Assert.Contains("within the limit of 2 s", body.Str("message"));
        Assert.Contains("Catalog:RenderTimeout", body.Str("message"));
    }

    private async Task ChartWith(string name, string template)
    {
        Assert.Equal(HttpStatusCode.Created, (await _http.Post("/api/v2/org-charts", new { name, scaffold = true })).Status);
        await _http.WriteFile("org-charts", name, "templates/slow.yaml", template);
    }

    [Fact]
    public async Task Preview_validation_and_publishing_of_a_chart_that_never_finishes_end_at_the_limit()
    {
        await ChartWith("loops", EndlessLoops);
        var (status, body) = await _http.Post("/api/v2/org-charts/loops/render", new { });
        AssertTimedOut(status, body);
        (status, body) = await _http.Post("/api/v2/org-charts/loops/validate", new { });
        AssertTimedOut(status, body);
        (status, body) = await _http.Post("/api/v2/org-charts/loops/versions", new { version = "0.1.0" });
        AssertTimedOut(status, body);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.Get("/api/v2/org-charts/loops/versions/0.1.0")).Status);

        // The server is still answering, and renders of other charts work.
        Assert.Equal(HttpStatusCode.Created, (await _http.Post("/api/v2/org-charts", new { name = "fine", scaffold = true })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _http.Post("/api/v2/org-charts/fine/render", new { })).Status);
    }

    [Fact]
    public async Task Template_recursion_that_fans_out_ends_at_the_limit()
    {
        await ChartWith("recursion", FanOutRecursion);
        var (status, body) = await _http.Post("/api/v2/org-charts/recursion/render", new { });
        AssertTimedOut(status, body);
    }

    [Fact]
    public async Task A_workload_upgrade_to_a_version_that_never_renders_ends_at_the_limit()
    {
        Assert.Equal(HttpStatusCode.Created, (await _http.Post("/api/v2/org-charts", new { name = "app", scaffold = true })).Status);
        var (published, _) = await _http.Post("/api/v2/org-charts/app/versions", new { version = "0.1.0" });
        Assert.True(published is HttpStatusCode.OK or HttpStatusCode.Created);
        Assert.True((await _http.Post("/api/v2/gitops-repositories", new { name = "deploy" })).Status is HttpStatusCode.OK or HttpStatusCode.Created);
        var (created, workload) = await _http.Post("/api/v2/workloads", new
        {
            name = "app", project = "shop", environment = "prod", artifact = new { kind = "charts", name = "app" }, version = "0.1.0", releaseName = "app",
            @namespace = "shop", target = new { repository = _server.Url + "/git/gitops/deploy.git", branch = "main", path = "shop/app" },
        });
        Assert.True(created == HttpStatusCode.Created, workload.ToJsonString());

        // 0.2.0 is published through Git (a version whose templates never finish cannot be published through the API).
        var repo = _server.RepositoryPath("charts", "app");
        var work = TempFolder.Create("deadline-clone");
        try
        {
            Command.Run("git", ["clone", "-q", repo, work]);
            File.WriteAllText(Path.Combine(work, "templates", "slow.yaml"), EndlessLoops);
            var chart = Path.Combine(work, "Chart.yaml");
            File.WriteAllLines(chart, File.ReadAllLines(chart).Select(l => l.StartsWith("version:") ? "version: 0.2.0" : l));
            var env = new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "a", ["GIT_AUTHOR_EMAIL"] = "a@example.com", ["GIT_COMMITTER_NAME"] = "a", ["GIT_COMMITTER_EMAIL"] = "a@example.com" };
            Command.Run("git", ["add", "-A"], env, work);
            Command.Run("git", ["commit", "-qm", "slow"], env, work);
            Command.Run("git", ["tag", "-a", "0.2.0", "-m", "slow"], env, work);
            // Straight into the bare repository: the catalog is rebuilt from Git at the next read.
            Command.Run("git", ["--git-dir=" + repo, "fetch", "-q", work, "refs/tags/0.2.0:refs/tags/0.2.0"], env, work);
        }
        finally
        {
            TempFolder.Delete(work);
        }

        var (status, body) = await _http.Post($"/api/v2/workloads/{workload.Str("id")}/upgrade", new { targetVersion = "0.2.0", dryRun = true });
        AssertTimedOut(status, body);
    }
}

/// <summary>
/// Inputs that a limit refuses before any deadline: huge generator counts and deeply nested values, on a server with
/// the default render deadline (a loaded machine must not turn the refusal into a time-out).
/// </summary>
public sealed class RenderLimitTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _http = _server.Http();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Huge_generator_counts_and_deep_values_are_refused_by_their_limits()
    {
        Assert.Equal(HttpStatusCode.Created, (await _http.Post("/api/v2/org-kustomize-bases", new { name = "many" })).Status);
        var kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n");
        for (var i = 0; i < 20_000; i++) kustomization.Append($"- name: c{i}\n  literals: [a=b]\n");
        await _http.WriteFile("org-kustomize-bases", "many", "kustomization.yaml", kustomization.ToString());
        var (status, body) = await _http.Post("/api/v2/org-kustomize-bases/many/render", new { });
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{status} {body}");
        Assert.Contains("limit of 10000 resources", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, (await _http.Post("/api/v2/org-charts", new { name = "deep", scaffold = true })).Status);
        await _http.WriteFile("org-charts", "deep", "templates/values.yaml", "{{ toYaml .Values }}\n");
        var deep = "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        (status, body) = await _http.Post("/api/v2/org-charts/deep/render", new { values = new[] { deep } });
        Assert.True((int)status is >= 400 and < 500 || body["diagnostics"]?.AsArray().Count > 0, $"{status} {body}");
        Assert.True(body.ToJsonString().Contains("max depth", StringComparison.OrdinalIgnoreCase), body.ToJsonString());
    }
}
