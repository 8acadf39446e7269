using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>Git smart HTTP with the real git CLI: clone, fetch, push to author, push an annotated tag to publish.</summary>
public sealed class GitHttpTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _http = null!;
    private GitClient _git = null!;
    private string _editor = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _http = _server.Http();
        _git = new GitClient(TempFolder.Create("git-client"));
        _editor = await _server.TokenForAsync("ed", "EDITOR");
        await _http.Post("/api/v2/org-charts", new { name = "web", scaffold = true });
        await _http.Post("/api/v2/org-charts/web/versions", new { version = "0.1.0", notes = "Initial" });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        TempFolder.Delete(_git.Root);
    }

    private string Clone(string directory, params string[] options)
    {
        _git.Run(null, ["clone", .. options, GitClient.Url(_server, _editor, "charts", "web"), directory]);
        return Path.Combine(_git.Root, directory);
    }

    private string SetChartVersion(string clone, string version)
    {
        var chart = Path.Combine(clone, "Chart.yaml");
        File.WriteAllLines(chart, File.ReadAllLines(chart).Select(l => l.StartsWith("version:") ? $"version: {version}" : l));
        _git.Run(clone, "commit", "-qam", $"Release {version}");
        return _git.Run(clone, "rev-parse", "HEAD").Trim();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2")]
    public async Task Clones_fetches_and_shallow_clones_over_both_protocol_versions(string protocol)
    {
        var clone = Clone("full-v" + protocol, "-c", "protocol.version=" + protocol);
        Assert.True(File.Exists(Path.Combine(clone, "Chart.yaml")));
        Assert.Contains("0.1.0", _git.Run(clone, "tag", "--list"));

        var head = await _http.WriteFile("org-charts", "web", "NOTES.md", "notes\n");
        _git.Run(clone, "-c", "protocol.version=" + protocol, "fetch", "-q", "origin");
        Assert.Equal(head, _git.Run(clone, "rev-parse", "origin/main").Trim());

        var shallow = Clone("shallow-v" + protocol, "-c", "protocol.version=" + protocol, "--depth", "1");
        Assert.Equal("1", _git.Run(shallow, "rev-list", "--count", "HEAD").Trim());

        var atVersion = Clone("at-version-v" + protocol, "--branch", "0.1.0");
        Assert.False(File.Exists(Path.Combine(atVersion, "NOTES.md")));
    }

    [Fact]
    public async Task Pushing_commits_to_main_edits_the_artifact()
    {
        var clone = Clone("edit");
        File.WriteAllText(Path.Combine(clone, "values.yaml"), File.ReadAllText(Path.Combine(clone, "values.yaml")).Replace("replicaCount: 1", "replicaCount: 3"));
        _git.Run(clone, "commit", "-qam", "raise replicas");
        _git.Run(clone, "push", "-q", "origin", "main");

        var head = _git.Run(clone, "rev-parse", "HEAD").Trim();
        var (_, artifact) = await _http.Get("/api/v2/org-charts/web");
        Assert.Equal(head, artifact.Str("headCommit"));
        var (_, file) = await _http.Get("/api/v2/org-charts/web/files/values.yaml");
        Assert.Contains("replicaCount: 3", file.Str("text"));
        var (_, changes) = await _http.Get("/api/v2/org-charts/web/changes");
        Assert.Contains(changes["files"]!.AsArray(), f => f!.Str("path") == "values.yaml");

        // Other branches hold work in progress and may be rewritten.
        _git.Run(clone, "checkout", "-qb", "wip");
        File.WriteAllText(Path.Combine(clone, "wip.txt"), "1\n");
        _git.Run(clone, "add", ".");
        _git.Run(clone, "commit", "-qm", "wip 1");
        _git.Run(clone, "push", "-q", "origin", "wip");
        _git.Run(clone, "commit", "-q", "--amend", "-m", "wip 1, reworded");
        _git.Run(clone, "push", "-q", "--force", "origin", "wip");
        Assert.Equal(_git.Run(clone, "rev-parse", "HEAD").Trim(), Git.Run(_server.RepositoryPath("charts", "web"), "rev-parse", "wip").Trim());
        Assert.Equal(head, (await _http.Get("/api/v2/org-charts/web")).Body.Str("headCommit"));
    }

    [Fact]
    public async Task Pushing_an_annotated_tag_publishes_with_the_pusher_as_publisher()
    {
        var clone = Clone("publish");
        var commit = SetChartVersion(clone, "1.4.0");
        _git.Run(clone, "push", "-q", "origin", "main");
        _git.Run(clone, "tag", "-a", "1.4.0", "-m", "Raise default replicas");
        var (code, _, error) = _git.Try(clone, "push", "origin", "1.4.0");
        Assert.True(code == 0, error);
        Assert.Contains("publishing web 1.4.0", error);

        var (status, version) = await _http.Get("/api/v2/org-charts/web/versions/1.4.0");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(commit, version.Str("commit"));
        Assert.Equal("Raise default replicas", version.Str("notes"));
        Assert.Equal("ed", version["publisher"]!.Str("username"));
        Assert.Equal("git-push", version.Str("source"));
        var (_, artifact) = await _http.Get("/api/v2/org-charts/web");
        Assert.Equal("1.4.0", artifact.Str("latestVersion"));
        Assert.Equal(HttpStatusCode.OK, (await _http.Get("/api/v2/org-charts/web/versions/1.4.0/package")).Status);
    }

    [Fact]
    public void Moving_or_deleting_a_version_tag_is_refused_force_included()
    {
        var clone = Clone("immutable");
        var server = _server.RepositoryPath("charts", "web");
        var original = Git.Run(server, "rev-parse", "refs/tags/0.1.0").Trim();
        File.WriteAllText(Path.Combine(clone, "extra.txt"), "x\n");
        _git.Run(clone, "add", ".");
        _git.Run(clone, "commit", "-qm", "extra");
        _git.Run(clone, "push", "-q", "origin", "main");
        _git.Run(clone, "tag", "-f", "-a", "0.1.0", "-m", "moved");

        var (code, _, error) = _git.Try(clone, "push", "--force", "origin", "0.1.0");
        Assert.NotEqual(0, code);
        Assert.Contains("immutable", error);

        (code, _, error) = _git.Try(clone, "push", "origin", ":refs/tags/0.1.0");
        Assert.NotEqual(0, code);
        Assert.Contains("cannot be deleted", error);
        Assert.Equal(original, Git.Run(server, "rev-parse", "refs/tags/0.1.0").Trim());
    }

    [Fact]
    public async Task Lightweight_tags_and_mismatched_chart_versions_are_refused_with_the_reason()
    {
        var clone = Clone("refusals");
        SetChartVersion(clone, "2.0.0");
        _git.Run(clone, "push", "-q", "origin", "main");

        _git.Run(clone, "tag", "2.0.0");
        var (code, _, error) = _git.Try(clone, "push", "origin", "2.0.0");
        Assert.NotEqual(0, code);
        Assert.Contains("lightweight tags are not versions", error);

        _git.Run(clone, "tag", "-a", "2.1.0", "-m", "wrong version");
        (code, _, error) = _git.Try(clone, "push", "origin", "2.1.0");
        Assert.NotEqual(0, code);
        Assert.Contains("2.1.0", error);
        Assert.Contains("2.0.0", error);

        _git.Run(clone, "tag", "-a", "release@1", "-m", "x");
        (code, _, error) = _git.Try(clone, "push", "origin", "refs/tags/release@1");
        Assert.NotEqual(0, code);
        Assert.Contains("is not a valid version", error);

        var (_, versions) = await _http.Get("/api/v2/org-charts/web/versions");
        Assert.Equal(["0.1.0"], versions["versions"]!.AsArray().Select(v => v!.Str("version")).ToArray());
    }

    [Fact]
    public void A_non_fast_forward_push_to_main_is_refused()
    {
        var first = Clone("first");
        var second = Clone("second");
        File.WriteAllText(Path.Combine(first, "a.txt"), "a\n");
        _git.Run(first, "add", ".");
        _git.Run(first, "commit", "-qm", "a");
        _git.Run(first, "push", "-q", "origin", "main");
        File.WriteAllText(Path.Combine(second, "b.txt"), "b\n");
        _git.Run(second, "add", ".");
        _git.Run(second, "commit", "-qm", "b");

        var (code, _, error) = _git.Try(second, "push", "--force", "origin", "main");
        Assert.NotEqual(0, code);
        Assert.Contains("main only moves forward", error);
        Assert.Equal(_git.Run(first, "rev-parse", "HEAD").Trim(), Git.Run(_server.RepositoryPath("charts", "web"), "rev-parse", "main").Trim());
    }

    [Fact]
    public void Concurrent_pushes_of_one_new_tag_one_wins()
    {
        var clones = Enumerable.Range(0, 4).Select(i => Clone("race" + i)).ToList();
        var commit = SetChartVersion(clones[0], "3.0.0");
        _git.Run(clones[0], "push", "-q", "origin", "main");
        foreach (var clone in clones)
        {
            _git.Run(clone, "fetch", "-q", "origin");
            _git.Run(clone, "tag", "-a", "3.0.0", "-m", "from " + Path.GetFileName(clone), commit);
        }

        var results = clones.AsParallel().Select(clone => _git.Try(clone, "push", "origin", "3.0.0")).ToList();

        Assert.Single(results, r => r.Code == 0);
        var (code, output, error) = Git.TryRun(_server.RepositoryPath("charts", "web"), "fsck", "--strict", "--no-dangling");
        Assert.True(code == 0, output + error);
    }

    [Fact]
    public async Task Wrong_missing_and_read_only_credentials_are_refused()
    {
        var (code, _, error) = _git.Try(null, "clone", GitClient.Url(_server, "gqp_000000000000_wrong", "charts", "web"), "wrong");
        Assert.NotEqual(0, code);
        Assert.Contains("Authentication failed", error);

        (code, _, error) = _git.Try(null, "clone", _server.Url + "/git/charts/web.git", "missing");
        Assert.NotEqual(0, code);

        var viewer = await _server.TokenForAsync("val", "VIEWER");
        _git.Run(null, "clone", "-q", GitClient.Url(_server, viewer, "charts", "web"), "viewer");
        var clone = Path.Combine(_git.Root, "viewer");
        File.WriteAllText(Path.Combine(clone, "v.txt"), "v\n");
        _git.Run(clone, "add", ".");
        _git.Run(clone, "commit", "-qm", "v");
        (code, _, error) = _git.Try(clone, "push", "origin", "main");
        Assert.NotEqual(0, code);
        Assert.Contains("403", error);
    }

    [Fact]
    public async Task Pushing_to_a_new_repository_path_creates_the_artifact()
    {
        var work = Path.Combine(_git.Root, "new-bundle");
        Directory.CreateDirectory(work);
        _git.Run(work, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(work, "ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pushed\n");
        _git.Run(work, "add", ".");
        _git.Run(work, "commit", "-qm", "first");
        _git.Run(work, "tag", "-a", "1.0.0", "-m", "first version");
        _git.Run(work, "push", "-q", GitClient.Url(_server, _editor, "manifest-bundles", "pushed"), "main", "1.0.0");

        var (status, artifact) = await _http.Get("/api/v2/org-manifest-bundles/pushed");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1.0.0", artifact.Str("latestVersion"));
    }
}
