using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>Creating, listing, searching, paging, describing and deleting artifacts over REST.</summary>
public sealed class ArtifactTests : IAsyncLifetime
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

    [Theory]
    [InlineData("org-charts", "charts", "helm", "Chart.yaml")]
    [InlineData("org-kustomize-bases", "kustomize-bases", "kustomize", "kustomization.yaml")]
    [InlineData("org-manifest-bundles", "manifest-bundles", "manifests", "namespace.yaml")]
    public async Task Creates_an_artifact_from_the_scaffold_as_a_commit_in_its_bare_repository(string collection, string kind, string sourceType, string expectedFile)
    {
        var (status, artifact) = await _http.Post($"/api/v2/{collection}", new { name = "web", scaffold = true, description = "The web tier" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("web", artifact.Str("name"));
        Assert.Equal(kind, artifact.Str("kind"));
        Assert.Equal(sourceType, artifact.Str("sourceType"));
        Assert.Equal("The web tier", artifact.Str("description"));
        Assert.Equal("", artifact.Str("latestVersion"));
        var repo = _server.RepositoryPath(kind, "web");
        Assert.Equal("true", Git.Run(repo, "rev-parse", "--is-bare-repository").Trim());
        Assert.Equal(artifact.Str("headCommit"), Git.Run(repo, "rev-parse", "main").Trim());
        Assert.Contains(expectedFile, Git.Run(repo, "ls-tree", "-r", "--name-only", "main").Split('\n'));
        Assert.Equal("Administrator <admin@users.noreply.gitopshq>", Git.Run(repo, "log", "-1", "--format=%an <%ae>", "main").Trim());

        var (_, validation) = await _http.Post($"/api/v2/{collection}/web/validate", new { });
        Assert.True(validation["valid"]!.GetValue<bool>(), validation.ToJsonString());
    }

    [Fact]
    public async Task Creates_an_empty_artifact_without_commits()
    {
        var (status, artifact) = await _http.Post("/api/v2/org-manifest-bundles", new { name = "empty" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("", artifact.Str("headCommit"));
        var (_, tree) = await _http.Get("/api/v2/org-manifest-bundles/empty/tree");
        Assert.Equal("", tree.Str("commit"));
        Assert.Empty(tree["entries"]!.AsArray());
    }

    [Fact]
    public async Task A_taken_name_is_a_conflict()
    {
        await _http.Post("/api/v2/org-charts", new { name = "taken" });
        var (status, body) = await _http.Post("/api/v2/org-charts", new { name = "taken" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("NAME_EXISTS", body.Str("message"));
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("-web")]
    [InlineData("web-")]
    [InlineData("web_app")]
    [InlineData("web.app")]
    [InlineData("")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Bad_names_are_refused_with_the_rule_and_create_nothing(string name)
    {
        var (status, body) = await _http.Post("/api/v2/org-charts", new { name });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("DNS-1123", body.Str("message"));
        Assert.False(Directory.Exists(Path.Combine(_server.DataPath, "repos", "charts")) &&
                     Directory.EnumerateFileSystemEntries(Path.Combine(_server.DataPath, "repos", "charts")).Any());
    }

    [Fact]
    public async Task A_63_character_name_is_accepted()
    {
        var (status, _) = await _http.Post("/api/v2/org-charts", new { name = new string('a', 63) });
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Lists_searches_and_pages_in_name_order()
    {
        foreach (var name in new[] { "alpha-api", "beta-api", "gamma-web", "delta-api", "epsilon-worker" })
            Assert.Equal(HttpStatusCode.Created, (await _http.Post("/api/v2/org-kustomize-bases", new { name })).Status);

        var (_, all) = await _http.Get("/api/v2/org-kustomize-bases");
        Assert.Equal(["alpha-api", "beta-api", "delta-api", "epsilon-worker", "gamma-web"], Names(all));
        Assert.Equal(5, all["totalSize"]!.GetValue<int>());

        var (_, search) = await _http.Get("/api/v2/org-kustomize-bases?search=API");
        Assert.Equal(["alpha-api", "beta-api", "delta-api"], Names(search));
        Assert.Equal(3, search["totalSize"]!.GetValue<int>());

        var (_, page1) = await _http.Get("/api/v2/org-kustomize-bases?pageSize=2");
        Assert.Equal(["alpha-api", "beta-api"], Names(page1));
        var (_, page2) = await _http.Get($"/api/v2/org-kustomize-bases?pageSize=2&pageToken={page1.Str("nextPageToken")}");
        Assert.Equal(["delta-api", "epsilon-worker"], Names(page2));
        var (_, page3) = await _http.Get($"/api/v2/org-kustomize-bases?pageSize=2&pageToken={page2.Str("nextPageToken")}");
        Assert.Equal(["gamma-web"], Names(page3));
        Assert.Equal("", page3.Str("nextPageToken"));

        // Catalogs are separate.
        var (_, charts) = await _http.Get("/api/v2/org-charts");
        Assert.Empty(charts["artifacts"]!.AsArray());
    }

    [Fact]
    public async Task Bad_paging_input_is_refused()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.Get("/api/v2/org-charts?pageSize=1000")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.Get("/api/v2/org-charts?pageToken=garbage!")).Status);
    }

    [Fact]
    public async Task Unknown_artifact_and_unknown_catalog_are_refused_in_the_catalogs_words()
    {
        var (status, body) = await _http.Get("/api/v2/org-charts/nope");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("ARTIFACT_UNKNOWN", body.Str("message"));

        (status, body) = await _http.Get("/api/v2/org-charts/nope/versions");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("ARTIFACT_UNKNOWN", body.Str("message"));

        (status, body) = await _http.Get("/api/v2/org-widgets");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("CATALOG_UNKNOWN", body.Str("message"));
        Assert.Contains("org-charts", body.Str("message"));
    }

    [Fact]
    public async Task Updates_the_description_in_the_repository()
    {
        await _http.Post("/api/v2/org-charts", new { name = "described" });
        var (status, artifact) = await _http.Send(HttpMethod.Patch, "/api/v2/org-charts/described", new { description = "Now described" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Now described", artifact.Str("description"));
        Assert.Equal("Now described\n", File.ReadAllText(Path.Combine(_server.RepositoryPath("charts", "described"), "description")));
    }

    [Fact]
    public async Task Deletes_an_artifact_without_versions()
    {
        await _http.Post("/api/v2/org-manifest-bundles", new { name = "doomed", scaffold = true });
        var (status, _) = await _http.Delete("/api/v2/org-manifest-bundles/doomed");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(Directory.Exists(_server.RepositoryPath("manifest-bundles", "doomed")));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.Get("/api/v2/org-manifest-bundles/doomed")).Status);
        Assert.Empty((await _http.Get("/api/v2/org-manifest-bundles")).Body["artifacts"]!.AsArray());
    }

    private static string[] Names(System.Text.Json.Nodes.JsonNode list) =>
        list["artifacts"]!.AsArray().Select(a => a!.Str("name")).ToArray();
}
