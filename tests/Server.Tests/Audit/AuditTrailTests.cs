using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Audit;

/// <summary>
/// The audit trail: each kind of state change is recorded once with its actor, door and target, through every door;
/// filters and paging; only admins read it; no token value or password ever appears in a record.
/// </summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _admin = null!;
    private readonly List<string> _secrets = [];

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _admin = _server.Http();
        _secrets.Add(_server.AdminToken);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<List<JsonNode>> Records(string query = "")
    {
        var (status, body) = await _admin.Get("/api/v2/org/audit?pageSize=500" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        return body["records"]?.AsArray().Select(r => r!).ToList() ?? [];
    }

    private static JsonNode Single(List<JsonNode> records, string action, string targetName, string version = "") =>
        Assert.Single(records, r => r.Str("action") == action && r.Str("targetName") == targetName && r.Str("targetVersion") == version);

    [Fact]
    public async Task Every_kind_of_change_is_recorded_with_who_and_the_door()
    {
        // Users, roles, passwords, tokens (REST, the admin's token).
        var editor = await _server.TokenForAsync("erin", "EDITOR");
        _secrets.Add(editor);
        Assert.Equal(HttpStatusCode.OK, (await _admin.Send(HttpMethod.Patch, "/api/v2/users/erin", new { role = "ADMIN" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _admin.Send(HttpMethod.Patch, "/api/v2/users/erin", new { role = "EDITOR" })).Status);
        const string password = "correct-horse-battery-staple";
        _secrets.Add(password);
        Assert.Equal(HttpStatusCode.OK, (await _admin.Post("/api/v2/users/erin/password", new { password })).Status);
        var (_, registryToken) = await _admin.Post("/api/v2/org/registry-tokens", new { name = "ci", scope = "pull+push" });
        _secrets.Add(registryToken.Str("value"));
        Assert.Equal(HttpStatusCode.OK, (await _admin.Delete($"/api/v2/org/registry-tokens/{registryToken["token"]!.Str("id")}")).Status);

        // Sign-ins: a failed one and a successful one.
        using (var anonymous = _server.Http(""))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Post("/api/v2/session", new { username = "erin", password = "wrong-password-entirely" })).Status);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.Post("/api/v2/session", new { username = "erin", password })).Status);
        }

        // Artifacts, files and a version by REST as the editor; an artifact by native gRPC.
        using var erin = _server.Http(editor);
        Assert.Equal(HttpStatusCode.Created, (await erin.Post("/api/v2/org-charts", new { name = "web", scaffold = true })).Status);
        await erin.WriteFile("org-charts", "web", "README.md", "# web\n");
        var (published, _) = await erin.Post("/api/v2/org-charts/web/versions", new { version = "0.1.0" });
        Assert.True(published is HttpStatusCode.OK or HttpStatusCode.Created, published.ToString());
        var grpc = new GitOpsHQ.Contracts.Catalog.V1.Catalog.CatalogClient(_server.Grpc(editor));
        await grpc.CreateArtifactAsync(new GitOpsHQ.Contracts.Catalog.V1.CreateArtifactRequest { Collection = "org-manifest-bundles", Name = "gone" });
        Assert.Equal(HttpStatusCode.OK, (await erin.Delete("/api/v2/org-manifest-bundles/gone")).Status);

        // A version by git push of a tag.
        var git = new GitClient(TempFolder.Create("audit-git"));
        try
        {
            git.Run(null, "clone", "-q", GitClient.Url(_server, editor, "charts", "web"), "web");
            var clone = Path.Combine(git.Root, "web");
            var chart = Path.Combine(clone, "Chart.yaml");
            File.WriteAllLines(chart, File.ReadAllLines(chart).Select(l => l.StartsWith("version:") ? "version: 0.2.0" : l));
            git.Run(clone, "commit", "-qam", "Release 0.2.0");
            git.Run(clone, "tag", "-a", "0.2.0", "-m", "Second");
            git.Run(clone, "push", "-q", "origin", "main", "0.2.0");
        }
        finally
        {
            TempFolder.Delete(git.Root);
        }

        // A version by OCI push (helm push), with Basic credentials.
        using (var oci = new HttpClient { BaseAddress = new Uri(_server.Url) })
        {
            oci.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("erin:" + editor)));
            var layer = ChartArchive.Create("pushed", "1.0.0");
            var config = ChartArchive.Config("pushed", "1.0.0");
            await oci.PushBlob("charts/pushed", config);
            await oci.PushBlob("charts/pushed", layer);
            var manifest = ChartArchive.Manifest(OciLayout.Digest(config), config.Length, OciLayout.Digest(layer), layer.Length, "pushed", "1.0.0");
            var put = await oci.Oci(HttpMethod.Put, "/v2/charts/pushed/manifests/1.0.0", manifest,
                r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        // An OCI credential (its password is a secret), a GitOps repository and a workload on the published chart.
        const string registryPassword = "registry-password-never-shown";
        _secrets.Add(registryPassword);
        var (credentialStatus, credential) = await _admin.Post("/api/v2/org/oci-credentials", new { host = "registry.example.com", username = "bot", password = registryPassword });
        Assert.True(credentialStatus is HttpStatusCode.OK or HttpStatusCode.Created, credential.ToJsonString());
        Assert.True((await erin.Post("/api/v2/gitops-repositories", new { name = "deploy" })).Status is HttpStatusCode.OK or HttpStatusCode.Created);
        var (workloadStatus, workload) = await erin.Post("/api/v2/workloads", new
        {
            name = "web", project = "shop", environment = "prod", artifact = new { kind = "charts", name = "web" }, version = "0.1.0", releaseName = "web",
            @namespace = "shop", target = new { repository = _server.Url + "/git/gitops/deploy.git", branch = "main", path = "shop/web" },
        });
        Assert.True(workloadStatus == HttpStatusCode.Created, workload.ToJsonString());

        var records = await Records();
        Assert.Equal("admin", Single(records, "user.created", "erin").Str("actor"));
        Assert.Equal("rest", Single(records, "user.created", "erin").Str("door"));
        Assert.Equal(2, records.Count(r => r.Str("action") == "user.role_changed" && r.Str("targetName") == "erin"));
        Assert.Equal("admin", Single(records, "user.password_set", "erin").Str("actor"));
        Assert.Single(records, r => r.Str("action") == "token.created" && r.Str("details").Contains("\"owner\":\"erin\""));
        Assert.Single(records, r => r.Str("action") == "registry_token.created");
        Assert.Single(records, r => r.Str("action") == "registry_token.revoked");
        var failed = Single(records, "user.sign_in_failed", "erin");
        Assert.Equal("erin", failed.Str("actor"));
        Assert.Equal("127.0.0.1", failed.Str("address"));
        Assert.StartsWith("session:", Single(records, "user.signed_in", "erin").Str("credential"));

        var created = Single(records, "artifact.created", "web");
        Assert.Equal(("erin", "rest", "charts"), (created.Str("actor"), created.Str("door"), created.Str("targetKind")));
        Assert.StartsWith("token:", created.Str("credential"));
        Assert.Contains(records, r => r.Str("action") == "files.committed" && r.Str("targetName") == "web" && r.Str("actor") == "erin");
        Assert.Equal("rest", Single(records, "version.published", "web", "0.1.0").Str("door"));
        Assert.Equal("grpc", Single(records, "artifact.created", "gone").Str("door"));
        Assert.Equal("erin", Single(records, "artifact.deleted", "gone").Str("actor"));
        var pushedTag = Single(records, "version.published", "web", "0.2.0");
        Assert.Equal(("erin", "git"), (pushedTag.Str("actor"), pushedTag.Str("door")));
        Assert.Contains("git-push", pushedTag.Str("details"));
        Assert.Equal("git", Single(records, "git.pushed", "web").Str("door"));
        var pushedOci = Single(records, "version.published", "pushed", "1.0.0");
        Assert.Equal(("erin", "oci"), (pushedOci.Str("actor"), pushedOci.Str("door")));

        Assert.Equal("admin", Assert.Single(records, r => r.Str("action") == "credential.created").Str("actor"));
        Assert.Equal("erin", Single(records, "gitops_repository.created", "deploy").Str("actor"));
        var workloadCreated = Assert.Single(records, r => r.Str("action") == "workload.created");
        Assert.Equal(("erin", "rest", "workload"), (workloadCreated.Str("actor"), workloadCreated.Str("door"), workloadCreated.Str("targetKind")));

        // Nothing secret, anywhere: not in the API's answer nor in the export.
        var everything = records.Select(r => r.ToJsonString()).Append(await _admin.GetStringAsync("/api/v2/org/audit.jsonl")).ToList();
        foreach (var secret in _secrets)
            Assert.DoesNotContain(everything, text => text.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filters_and_pages_newest_first_and_the_export_is_json_lines()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Created, (await _admin.Post("/api/v2/org-manifest-bundles", new { name = $"b{i}" })).Status);
        await _server.TokenForAsync("vera", "VIEWER");

        var bundles = await Records("&action=artifact.created");
        Assert.Equal(["b4", "b3", "b2", "b1", "b0"], bundles.Select(r => r.Str("targetName")));
        Assert.Single(await Records("&artifact=manifest-bundles/b2"));
        var users = await Records("&action=user.");
        Assert.All(users, r => Assert.StartsWith("user.", r.Str("action")));
        Assert.Contains(users, r => r.Str("action") == "user.created" && r.Str("targetName") == "vera");
        Assert.All(await Records("&actor=admin"), r => Assert.Equal("admin", r.Str("actor")));
        Assert.Empty(await Records("&since=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))));
        Assert.Empty(await Records("&until=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))));

        var seen = new List<string>();
        var token = "";
        do
        {
            var (status, page) = await _admin.Get($"/api/v2/org/audit?action=artifact.created&pageSize=2&pageToken={Uri.EscapeDataString(token)}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(page["records"]!.AsArray().Count <= 2);
            seen.AddRange(page["records"]!.AsArray().Select(r => r!.Str("targetName")));
            token = page.Str("nextPageToken");
        } while (token != "");
        Assert.Equal(["b4", "b3", "b2", "b1", "b0"], seen);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.Get("/api/v2/org/audit?pageToken=forged")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.Get("/api/v2/org/audit?artifact=nokind")).Status);

        var lines = (await _admin.GetStringAsync("/api/v2/org/audit.jsonl?action=artifact.created")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["b4", "b3", "b2", "b1", "b0"], lines.Select(l => JsonNode.Parse(l)!.Str("targetName")));
    }

    [Fact]
    public async Task Only_admins_read_the_trail_and_nothing_changes_it()
    {
        foreach (var role in new[] { "VIEWER", "EDITOR" })
        {
            using var caller = _server.Http(await _server.TokenForAsync(role.ToLowerInvariant(), role));
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.Get("/api/v2/org/audit")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync("/api/v2/org/audit.jsonl")).StatusCode);
        }
        using (var anonymous = _server.Http(""))
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v2/org/audit.jsonl")).StatusCode);
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
            Assert.True((int)(await _admin.Send(method, "/api/v2/org/audit", new { })).Status is 404 or 405);

        // Not even through the database: a record cannot be updated.
        using var connection = TestServer.OpenDatabase(_server.DataPath);
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE audit_log SET actor = 'someone-else'";
        Assert.Contains("audit records cannot be changed", Assert.ThrowsAny<System.Data.Common.DbException>(() => update.ExecuteNonQuery()).Message);
    }

    [Fact]
    public async Task Records_older_than_the_retention_are_pruned()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(null, clock, "--Audit:RetentionDays=30");
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "old" })).Status);
        clock.Advance(TimeSpan.FromDays(20));
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "recent" })).Status);
        clock.Advance(TimeSpan.FromDays(15));

        var trail = (GitOpsHQ.Server.Audit.AuditTrail)server.Services.GetService(typeof(GitOpsHQ.Server.Audit.AuditTrail))!;
        Assert.True(trail.Prune() >= 1);
        var (_, body) = await api.Get("/api/v2/org/audit?action=artifact.created");
        Assert.Equal(["recent"], body["records"]!.AsArray().Select(r => r!.Str("targetName")));
    }
}
