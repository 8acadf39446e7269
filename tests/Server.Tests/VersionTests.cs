using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>Publishing immutable versions as annotated tags, listing, reading and diffing them.</summary>
public sealed class VersionTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _http = _server.Http();
        await _http.Post("/api/v2/org-manifest-bundles", new { name = "net", scaffold = true });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Publishing_creates_an_annotated_tag_by_the_caller_with_the_notes()
    {
        var editor = await _server.TokenForAsync("pat", "EDITOR");
        using var asPat = _server.Http(editor);
        var (status, version) = await asPat.Post("/api/v2/org-manifest-bundles/net/versions", new { version = "1.0.0", notes = "First release\n\nWith notes." });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("1.0.0", version.Str("version"));
        Assert.Equal("pat", version["publisher"]!.Str("username"));
        Assert.Equal("First release\n\nWith notes.", version.Str("notes"));
        var repo = _server.RepositoryPath("manifest-bundles", "net");
        Assert.Equal("tag", Git.Run(repo, "cat-file", "-t", "1.0.0").Trim());
        Assert.Equal(Git.Run(repo, "rev-parse", "main").Trim(), Git.Run(repo, "rev-parse", "1.0.0^{commit}").Trim());
        Assert.Equal(version.Str("commit"), Git.Run(repo, "rev-parse", "1.0.0^{commit}").Trim());
        Assert.Equal("pat <pat@users.noreply.gitopshq>", Git.Run(repo, "for-each-ref", "--format=%(taggername) %(taggeremail)", "refs/tags/1.0.0").Trim());
        Assert.Equal("First release\n\nWith notes.", Git.Run(repo, "for-each-ref", "--format=%(contents)", "refs/tags/1.0.0").Trim());

        var (_, artifact) = await _http.Get("/api/v2/org-manifest-bundles/net");
        Assert.Equal("1.0.0", artifact.Str("latestVersion"));
        Assert.Equal(1, artifact["versionCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Publishing_a_taken_version_is_409_version_already_exists_and_the_tag_does_not_move()
    {
        await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version = "1.0.0" });
        var repo = _server.RepositoryPath("manifest-bundles", "net");
        var tag = Git.Run(repo, "rev-parse", "refs/tags/1.0.0").Trim();
        await _http.WriteFile("org-manifest-bundles", "net", "extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");

        var (status, body) = await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version = "1.0.0" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("version already exists", body.Str("message"));
        Assert.Equal(tag, Git.Run(repo, "rev-parse", "refs/tags/1.0.0").Trim());
    }

    [Fact]
    public async Task Twenty_concurrent_publishes_of_one_version_one_wins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version = "2.0.0", notes = $"attempt {i}" })));

        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(19, results.Count(r => r.Status == HttpStatusCode.Conflict && r.Body.Str("message").Contains("version already exists")));
        var repo = _server.RepositoryPath("manifest-bundles", "net");
        Assert.Equal("2.0.0\n", Git.Run(repo, "tag", "--list"));
        var (code, output, error) = Git.TryRun(repo, "fsck", "--strict", "--no-dangling");
        Assert.True(code == 0, output + error);
    }

    [Fact]
    public async Task Concurrent_publishes_through_separate_servers_on_one_repository_one_wins()
    {
        // A second server process on the same data folder has its own locks: Git's ref locking decides.
        await using var second = await TestServer.StartAsync(_server.DataPath);
        using var http2 = second.Http(_server.AdminToken);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? _http : http2).Post("/api/v2/org-manifest-bundles/net/versions", new { version = "3.0.0" })));
        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
    }

    [Theory]
    [InlineData("1.0.0 beta")]
    [InlineData("v1..0")]
    [InlineData(".hidden")]
    [InlineData("-rc")]
    [InlineData("1.0/2")]
    [InlineData("1.0.lock")]
    [InlineData("1.0.")]
    [InlineData("1.0~1")]
    [InlineData("1.0^2")]
    [InlineData("1.0:2")]
    [InlineData("rel@{1}")]
    [InlineData("main")]
    [InlineData("")]
    public async Task Invalid_versions_are_refused_with_the_rule(string version)
    {
        var (status, body) = await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("VERSION_INVALID", body.Str("message"));
        Assert.Equal("", Git.Run(_server.RepositoryPath("manifest-bundles", "net"), "tag", "--list"));
    }

    [Theory]
    [InlineData("1.2.0")]
    [InlineData("2024.01.15")]
    [InlineData("release-7")]
    [InlineData("1.0.0-rc.1+build.5")]
    [InlineData("_build")]
    public async Task Any_servable_unique_string_is_a_version(string version)
    {
        var (status, body) = await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(version, body.Str("version"));
    }

    [Fact]
    public async Task Versions_that_share_a_registry_tag_conflict()
    {
        await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version = "1.0.0+a" });
        var (status, body) = await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version = "1.0.0_a" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("1.0.0_a", body.Str("message"));
    }

    [Fact]
    public async Task Versions_list_most_recent_first_and_read_back()
    {
        foreach (var v in new[] { "1.0.0", "1.1.0", "0.9.0" })
        {
            await _http.WriteFile("org-manifest-bundles", "net", "version.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v{v.Replace('.', '-')}\n");
            Assert.Equal(HttpStatusCode.Created, (await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version = v, notes = "n " + v })).Status);
            await Task.Delay(1100); // tag times have one-second resolution
        }

        var (_, list) = await _http.Get("/api/v2/org-manifest-bundles/net/versions");
        Assert.Equal(["0.9.0", "1.1.0", "1.0.0"], list["versions"]!.AsArray().Select(v => v!.Str("version")).ToArray());
        Assert.Equal(3, list["totalSize"]!.GetValue<int>());

        var (_, one) = await _http.Get("/api/v2/org-manifest-bundles/net/versions/1.1.0");
        Assert.Equal("n 1.1.0", one.Str("notes"));

        var (_, file) = await _http.Get("/api/v2/org-manifest-bundles/net/files/version.yaml?ref=1.0.0");
        Assert.Contains("name: v1-0-0", file.Str("text"));
        var (_, tree) = await _http.Get("/api/v2/org-manifest-bundles/net/tree?ref=1.1.0");
        Assert.Contains(tree["entries"]!.AsArray(), e => e!.Str("path") == "version.yaml");

        var (_, diff) = await _http.Get("/api/v2/org-manifest-bundles/net/diff?from=1.0.0&to=1.1.0");
        var change = Assert.Single(diff["files"]!.AsArray())!;
        Assert.Equal("version.yaml", change!.Str("path"));
        Assert.Equal("MODIFIED", change.Str("status"));
        Assert.Contains("-  name: v1-0-0\n+  name: v1-1-0", change.Str("patch"));
    }

    [Fact]
    public async Task Unknown_versions_are_version_unknown()
    {
        var (status, body) = await _http.Get("/api/v2/org-manifest-bundles/net/versions/9.9.9");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("VERSION_UNKNOWN", body.Str("message"));
        (status, body) = await _http.Get("/api/v2/org-manifest-bundles/net/tree?ref=9.9.9");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("VERSION_UNKNOWN", body.Str("message"));
    }

    [Fact]
    public async Task Pending_changes_are_main_against_the_latest_version()
    {
        await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version = "1.0.0" });
        var (_, none) = await _http.Get("/api/v2/org-manifest-bundles/net/changes");
        Assert.Empty(none["files"]!.AsArray());

        await _http.WriteFile("org-manifest-bundles", "net", "added.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: added\n");
        var (_, changes) = await _http.Get("/api/v2/org-manifest-bundles/net/changes");
        Assert.Equal("1.0.0", changes.Str("from"));
        Assert.Equal("main", changes.Str("to"));
        var added = Assert.Single(changes["files"]!.AsArray())!;
        Assert.Equal("ADDED", added!.Str("status"));
        Assert.Equal(4, added["additions"]!.GetValue<int>());
        Assert.Contains("+kind: ConfigMap", added.Str("patch"));
    }

    [Fact]
    public async Task An_artifact_with_versions_cannot_be_deleted()
    {
        await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version = "1.0.0" });
        var (status, body) = await _http.Delete("/api/v2/org-manifest-bundles/net");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("permanent", body.Str("message"));
        Assert.True(Directory.Exists(_server.RepositoryPath("manifest-bundles", "net")));
    }

    [Fact]
    public async Task A_version_that_fails_validation_is_refused_with_the_findings()
    {
        await _http.WriteFile("org-manifest-bundles", "net", "broken.yaml", "kind: ConfigMap\nmetadata: {}\n");
        var (status, body) = await _http.Post("/api/v2/org-manifest-bundles/net/versions", new { version = "1.0.0" });
        Assert.Equal((HttpStatusCode)422, status);
        Assert.StartsWith("VALIDATION_FAILED", body.Str("message"));
        Assert.Contains("broken.yaml", body.Str("message"));
        Assert.Equal("", Git.Run(_server.RepositoryPath("manifest-bundles", "net"), "tag", "--list"));
    }

    [Fact]
    public async Task Chart_versions_must_be_semver_and_equal_chart_yaml()
    {
        await _http.Post("/api/v2/org-charts", new { name = "web", scaffold = true });

        var (status, body) = await _http.Post("/api/v2/org-charts/web/versions", new { version = "1.0.0" });
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("0.1.0", body.Str("message"));

        (status, body) = await _http.Post("/api/v2/org-charts/web/versions", new { version = "release-1" });
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("SemVer", body.Str("message"));

        (status, _) = await _http.Post("/api/v2/org-charts/web/versions", new { version = "0.1.0", notes = "Initial chart" });
        Assert.Equal(HttpStatusCode.Created, status);
    }
}
