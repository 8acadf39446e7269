using System.Net;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Server.Tests.Workloads;

/// <summary>
/// Workloads end to end over REST with real Git: the first commit, upgrades (dry run, diff, release notes, values check,
/// refusals, conflicts, concurrency), Flux and Argo CD outputs, bulk upgrades, where-used and the audit.
/// </summary>
public sealed class WorkloadTests : IAsyncLifetime
{
    private const string Values = "replicaCount: 3\ngreeting: hi\nlegacy:\n  banner: shop\n";
    private TestServer _server = null!;
    private HttpClient _http = null!;
    private GitClient _git = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _http = _server.Http();
        _git = new GitClient(TempFolder.Create("workloads"), "Release Bot", "bot@example.com");
        WorkloadCharts.Publish(_server, _git, _server.AdminToken, "web");
        Assert.Equal(HttpStatusCode.Created, (await _http.Post("/api/v2/gitops-repositories", new { name = "prod" })).Status);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        TempFolder.Delete(_git.Root);
    }

    private string Repo => $"{_server.Url}/git/gitops/prod.git";

    private async Task<JsonNode> CreateAsync(string name, string path, string version = "1.2.0", string format = "manifests", string values = Values,
        string layout = "")
    {
        var (status, body) = await _http.Post("/api/v2/workloads", new
        {
            name, project = "shop", environment = "prod", artifact = new { kind = "charts", name = "web" }, version, values, releaseName = "web",
            @namespace = "shop", target = new { repository = Repo, branch = "main", path }, format, layout,
        });
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    private Task<(HttpStatusCode Status, JsonNode Body)> UpgradeAsync(string id, object request) => _http.Post($"/api/v2/workloads/{id}/upgrade", request);

    private string Clone()
    {
        var directory = Path.Combine(_git.Root, "clone-" + Guid.NewGuid().ToString("N")[..8]);
        _git.Run(null, "clone", "-q", GitClient.Url(_server, _server.AdminToken, "gitops", "prod"), directory);
        return directory;
    }

    private static string[] FilesUnder(string clone, string folder) =>
        Directory.Exists(Path.Combine(clone, folder))
            ? Directory.GetFiles(Path.Combine(clone, folder), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(clone, f)).Order().ToArray()
            : [];

    [Fact]
    public async Task Creating_writes_the_first_commit_and_an_upgrade_commits_what_gitopshq_template_prints()
    {
        var created = await CreateAsync("web-prod", "apps/web");
        var id = created.Str("id");
        Assert.StartsWith("wl_", id);
        Assert.Equal("1.2.0", created.Str("version"));
        Assert.True(created["upgradeAvailable"]!.GetValue<bool>());
        Assert.Equal("2.0.0", created.Str("latestVersion"));

        var clone = Clone();
        Assert.Equal(["apps/web/manifests.yaml"], FilesUnder(clone, "apps"));
        Assert.Equal(WorkloadCharts.Template(_server, _git, _server.AdminToken, "web", "1.2.0", "web", "shop", Values),
            File.ReadAllText(Path.Combine(clone, "apps/web/manifests.yaml")));

        // Dry run: everything an upgrade shows, nothing written.
        var (dryStatus, dry) = await UpgradeAsync(id, new { targetVersion = "1.3.0", dryRun = true });
        Assert.True(dryStatus == HttpStatusCode.OK, dry.ToJsonString());
        Assert.Equal("1.2.0", dry.Str("fromVersion"));
        Assert.Equal("1.3.0", dry.Str("toVersion"));
        Assert.Equal("", dry.Str("commit"));
        var diff = dry["diff"]!.AsArray();
        Assert.Contains(diff, d => d!.Str("kind") == "Service" && d!.Str("change") == "added");
        var config = diff.Single(d => d!.Str("kind") == "ConfigMap")!;
        Assert.Equal("changed", config.Str("change"));
        Assert.Contains("-  banner: \"shop\"", config.Str("patch"));
        Assert.Contains("@@", config.Str("patch"));
        Assert.Equal(["1.3.0", "1.2.5"], dry["releaseNotes"]!.AsArray().Select(n => n!.Str("version")));
        Assert.Equal("Adds a Service; legacy.banner is gone", dry["releaseNotes"]![0]!.Str("notes"));
        var check = dry["valuesCheck"]!;
        Assert.True(check["valid"]!.GetValue<bool>());
        Assert.Equal(["legacy.banner"], check["unreadKeys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(_git.Run(Clone(), "rev-parse", "HEAD"), _git.Run(clone, "rev-parse", "HEAD"));

        // Apply.
        var (status, upgraded) = await UpgradeAsync(id, new { targetVersion = "1.3.0", message = "Ticket SHOP-1" });
        Assert.True(status == HttpStatusCode.OK, upgraded.ToJsonString());
        var commit = upgraded.Str("commit");
        Assert.Equal(40, commit.Length);
        _git.Run(clone, "pull", "-q");
        Assert.Equal(commit, _git.Run(clone, "rev-parse", "HEAD").Trim());
        Assert.Equal(["apps/web/manifests.yaml"], FilesUnder(clone, "apps"));
        Assert.Equal(WorkloadCharts.Template(_server, _git, _server.AdminToken, "web", "1.3.0", "web", "shop", Values),
            File.ReadAllText(Path.Combine(clone, "apps/web/manifests.yaml")));
        var message = _git.Run(clone, "log", "-1", "--format=%an|%B");
        Assert.StartsWith("Administrator|Upgrade web-prod: charts/web 1.2.0 → 1.3.0", message);
        Assert.Contains("Ticket SHOP-1", message);

        var (_, got) = await _http.Get($"/api/v2/workloads/{id}");
        Assert.Equal("1.3.0", got.Str("version"));
        Assert.Equal(commit, got.Str("commit"));

        // Upgrading to the version it runs changes nothing.
        var (_, same) = await UpgradeAsync(id, new { targetVersion = "1.3.0" });
        Assert.True(same["unchanged"]!.GetValue<bool>());
        Assert.Equal("", same.Str("commit"));

        var (_, history) = await _http.Get($"/api/v2/workloads/{id}/history");
        var events = history["events"]!.AsArray();
        Assert.Equal(["upgraded", "created"], events.Select(e => e!.Str("action")));
        Assert.Equal(("1.2.0", "1.3.0", commit, "admin"), (events[0]!.Str("fromVersion"), events[0]!.Str("toVersion"), events[0]!.Str("commit"), events[0]!.Str("username")));
        Assert.NotEqual("", events[1]!.Str("commit"));
    }

    [Fact]
    public async Task Refusals_say_why()
    {
        var id = (await CreateAsync("refusals", "apps/refusals", version: "1.3.0"))!.Str("id");

        var (unknown, unknownBody) = await UpgradeAsync(id, new { targetVersion = "9.9.9", dryRun = true });
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("has no version '9.9.9'", unknownBody.Str("message"));

        var (major, majorBody) = await UpgradeAsync(id, new { targetVersion = "2.0.0" });
        Assert.Equal(HttpStatusCode.Conflict, major);
        Assert.Contains("major-version jump", majorBody.Str("message"));
        Assert.Contains("allowMajor", majorBody.Str("message"));

        var (down, downBody) = await UpgradeAsync(id, new { targetVersion = "1.2.0" });
        Assert.Equal(HttpStatusCode.Conflict, down);
        Assert.Contains("allowDowngrade", downBody.Str("message"));

        var (schema, schemaBody) = await UpgradeAsync(id, new { targetVersion = "1.4.0", dryRun = true });
        Assert.Equal((HttpStatusCode)422, schema);
        Assert.Contains("values schema", schemaBody.Str("message"));
        Assert.Contains("replicaCount", schemaBody.Str("message"));

        // Nothing above was written.
        var (_, history) = await _http.Get($"/api/v2/workloads/{id}/history");
        Assert.Single(history["events"]!.AsArray());

        var (allowed, allowedBody) = await UpgradeAsync(id, new { targetVersion = "2.0.0", allowMajor = true });
        Assert.True(allowed == HttpStatusCode.OK, allowedBody.ToJsonString());
        Assert.Contains(allowedBody["diff"]!.AsArray(), d => d!.Str("name") == "web-settings" && d!.Str("change") == "added");
        Assert.Contains(allowedBody["diff"]!.AsArray(), d => d!.Str("name") == "web-config" && d!.Str("change") == "removed");

        var (back, backBody) = await UpgradeAsync(id, new { targetVersion = "1.3.0", allowDowngrade = true });
        Assert.True(back == HttpStatusCode.OK, backBody.ToJsonString());
    }

    [Fact]
    public async Task A_change_to_the_folder_by_someone_else_is_a_conflict_and_nothing_is_overwritten()
    {
        var id = (await CreateAsync("conflict", "apps/conflict"))!.Str("id");
        var clone = Clone();
        // A change elsewhere in the repository is not the workload's business.
        File.WriteAllText(Path.Combine(clone, "README.md"), "prod\n");
        _git.Run(clone, "add", "README.md");
        _git.Run(clone, "commit", "-qm", "Readme");
        _git.Run(clone, "push", "-q", "origin", "main");
        var (dry, _) = await UpgradeAsync(id, new { targetVersion = "1.2.5" });
        Assert.Equal(HttpStatusCode.OK, dry);

        _git.Run(clone, "pull", "-q");
        File.AppendAllText(Path.Combine(clone, "apps/conflict/manifests.yaml"), "# hand edit\n");
        _git.Run(clone, "commit", "-qam", "Hot fix by hand");
        _git.Run(clone, "push", "-q", "origin", "main");
        var head = _git.Run(clone, "rev-parse", "HEAD").Trim();

        var (status, body) = await UpgradeAsync(id, new { targetVersion = "1.3.0" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("TARGET_CHANGED", body.Str("message"));
        Assert.Contains("modified apps/conflict/manifests.yaml", body.Str("message"));
        Assert.Contains("Hot fix by hand", body.Str("message"));
        _git.Run(clone, "pull", "-q");
        Assert.Equal(head, _git.Run(clone, "rev-parse", "HEAD").Trim());
        Assert.Equal("1.2.5", (await _http.Get($"/api/v2/workloads/{id}")).Body.Str("version"));
    }

    [Fact]
    public async Task Of_two_concurrent_upgrades_exactly_one_commits()
    {
        var id = (await CreateAsync("race", "apps/race"))!.Str("id");
        using var other = _server.Http();
        var first = UpgradeAsync(id, new { targetVersion = "1.3.0" });
        var second = other.Post($"/api/v2/workloads/{id}/upgrade", new { targetVersion = "1.3.0" });
        var results = await Task.WhenAll(first, second);
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(results, r => r.Body.Str("commit").Length == 40);
        Assert.Single(results, r => r.Body["unchanged"]!.GetValue<bool>());
        var (_, history) = await _http.Get($"/api/v2/workloads/{id}/history");
        Assert.Single(history["events"]!.AsArray(), e => e!.Str("action") == "upgraded");
    }

    [Fact]
    public async Task Flux_and_argocd_outputs_are_those_kinds_pinned_to_the_version()
    {
        var flux = (await CreateAsync("web-flux", "flux/web", format: "flux"))!.Str("id");
        var argo = (await CreateAsync("web-argo", "argo/web", format: "argocd"))!.Str("id");
        Assert.Equal(HttpStatusCode.OK, (await UpgradeAsync(flux, new { targetVersion = "1.3.0" })).Status);
        var clone = Clone();
        Assert.Equal(["flux/web/helmrelease.yaml", "flux/web/ocirepository.yaml"], FilesUnder(clone, "flux"));
        var source = Yaml(Path.Combine(clone, "flux/web/ocirepository.yaml"));
        Assert.Equal("OCIRepository", Get(source, "kind"));
        Assert.StartsWith("source.toolkit.fluxcd.io/", Get(source, "apiVersion"));
        Assert.Equal("1.3.0", Get(source, "spec", "ref", "tag"));
        Assert.Equal($"oci://{new Uri(_server.Url).Authority}/charts/web", Get(source, "spec", "url"));
        var release = Yaml(Path.Combine(clone, "flux/web/helmrelease.yaml"));
        Assert.Equal("HelmRelease", Get(release, "kind"));
        Assert.Equal("web-flux", Get(release, "spec", "chartRef", "name"));
        Assert.Equal("3", Get(release, "spec", "values", "replicaCount"));
        Assert.Equal("shop", Get(release, "spec", "values", "legacy", "banner"));

        Assert.Equal(["argo/web/application.yaml"], FilesUnder(clone, "argo"));
        var app = Yaml(Path.Combine(clone, "argo/web/application.yaml"));
        Assert.Equal("Application", Get(app, "kind"));
        Assert.Equal("argoproj.io/v1alpha1", Get(app, "apiVersion"));
        Assert.Equal("1.2.0", Get(app, "spec", "source", "targetRevision"));
        Assert.Equal("web", Get(app, "spec", "source", "chart"));
        Assert.Equal("hi", Get(app, "spec", "source", "helm", "valuesObject", "greeting"));
        Assert.Equal("shop", Get(app, "spec", "destination", "namespace"));
        Assert.Equal(HttpStatusCode.OK, (await UpgradeAsync(argo, new { targetVersion = "1.2.5" })).Status);
        _git.Run(clone, "pull", "-q");
        Assert.Equal("1.2.5", Get(Yaml(Path.Combine(clone, "argo/web/application.yaml")), "spec", "source", "targetRevision"));
    }

    [Fact]
    public async Task Bulk_upgrade_dry_runs_then_commits_each_workload_on_its_own()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await CreateAsync($"bulk-{i}", $"bulk/{i}", layout: i == 0 ? "files" : ""))!.Str("id"));
        var clone = Clone();
        Assert.Contains("bulk/0/deployment-shop-web.yaml", FilesUnder(clone, "bulk"));
        var before = _git.Run(clone, "rev-parse", "HEAD").Trim();

        var (dryStatus, dry) = await _http.Post("/api/v2/workloads:upgrade",
            new { artifact = new { kind = "charts", name = "web" }, targetVersion = "1.3.0", dryRun = true });
        Assert.True(dryStatus == HttpStatusCode.OK, dry.ToJsonString());
        var planned = dry["results"]!.AsArray().Where(r => ids.Contains(r!.Str("workloadId"))).ToList();
        Assert.Equal(3, planned.Count);
        Assert.All(planned, r => Assert.Equal("would-upgrade", r!.Str("status")));
        _git.Run(clone, "pull", "-q");
        Assert.Equal(before, _git.Run(clone, "rev-parse", "HEAD").Trim());

        var (status, applied) = await _http.Post("/api/v2/workloads:upgrade",
            new { artifact = new { kind = "charts", name = "web" }, targetVersion = "1.3.0", skipFailing = true });
        Assert.True(status == HttpStatusCode.OK, applied.ToJsonString());
        var done = applied["results"]!.AsArray().Where(r => ids.Contains(r!.Str("workloadId"))).ToList();
        Assert.All(done, r => Assert.Equal("upgraded", r!.Str("status")));
        Assert.Equal(3, done.Select(r => r!.Str("commit")).Distinct().Count());
        _git.Run(clone, "pull", "-q");
        Assert.Contains("bulk/0/service-shop-web.yaml", FilesUnder(clone, "bulk"));
        Assert.Equal(3, int.Parse(_git.Run(clone, "rev-list", "--count", $"{before}..HEAD").Trim()));
    }

    [Fact]
    public async Task Where_used_lists_the_workloads_of_an_artifact_and_of_each_version()
    {
        var id = (await CreateAsync("used", "apps/used", version: "1.2.5"))!.Str("id");
        var (_, byArtifact) = await _http.Get("/api/v2/workloads?artifact=charts/web");
        var entry = byArtifact["workloads"]!.AsArray().Single(w => w!.Str("id") == id)!;
        Assert.True(entry["upgradeAvailable"]!.GetValue<bool>());
        var (_, byVersion) = await _http.Get("/api/v2/org-charts/web/versions/1.2.5/workloads");
        Assert.Contains(byVersion["workloads"]!.AsArray(), w => w!.Str("id") == id);
        var (_, other) = await _http.Get("/api/v2/workloads?artifact=charts/web&version=1.3.0");
        Assert.DoesNotContain(other["workloads"]!.AsArray(), w => w!.Str("id") == id);

        var viewer = _server.Http(await _server.TokenForAsync("vera", "VIEWER"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.Get($"/api/v2/workloads/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Post($"/api/v2/workloads/{id}/upgrade", new { targetVersion = "1.3.0", dryRun = true })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Post($"/api/v2/workloads/{id}/upgrade", new { targetVersion = "1.3.0" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Post("/api/v2/gitops-repositories", new { name = "nope" })).Status);

        var (patched, patchedBody) = await _http.Send(HttpMethod.Patch, $"/api/v2/workloads/{id}", new { values = "replicaCount: 2\n" });
        Assert.True(patched == HttpStatusCode.OK, patchedBody.ToJsonString());
        var (_, history) = await _http.Get($"/api/v2/workloads/{id}/history");
        Assert.Equal("updated", history["events"]![0]!.Str("action"));
        Assert.Equal(40, history["events"]![0]!.Str("commit").Length);

        var (deleted, deletedBody) = await _http.Delete($"/api/v2/workloads/{id}?removeFiles=true");
        Assert.True(deleted == HttpStatusCode.OK, deletedBody.ToJsonString());
        Assert.Empty(FilesUnder(Clone(), "apps/used"));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.Get($"/api/v2/workloads/{id}")).Status);
        Assert.Equal("deleted", (await _http.Get($"/api/v2/workloads/{id}/history")).Body["events"]![0]!.Str("action"));
    }

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string Get(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path) current = ((YamlMappingNode)current)[key];
        return ((YamlScalarNode)current).Value!;
    }
}
