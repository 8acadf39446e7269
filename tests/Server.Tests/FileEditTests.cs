using CatalogClient = GitOpsHQ.Contracts.Catalog.V1.Catalog.CatalogClient;
using System.Net;
using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;

namespace GitOpsHQ.Server.Tests;

/// <summary>Reading and editing the working copy: every edit is a commit by the caller; stale edits conflict.</summary>
public sealed class FileEditTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _http = null!;
    private string _repo = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(null, "--Catalog:MaxFileBytes=2048", "--Catalog:MaxArtifactBytes=4096");
        _http = _server.Http();
        await _http.Post("/api/v2/org-manifest-bundles", new { name = "app" });
        _repo = _server.RepositoryPath("manifest-bundles", "app");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_write_rename_and_delete_are_commits_authored_by_the_caller()
    {
        var editor = await _server.TokenForAsync("erin", "EDITOR");
        using var asErin = _server.Http(editor);

        var (status, created) = await asErin.Put("/api/v2/org-manifest-bundles/app/files/deploy/ns.yaml",
            new { text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n", message = "Add the namespace" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("erin", created["author"]!.Str("username"));
        var first = created.Str("commit");
        Assert.Equal(first, Git.Run(_repo, "rev-parse", "main").Trim());
        Assert.Equal("erin <erin@users.noreply.gitopshq>|Add the namespace", Git.Run(_repo, "log", "-1", "--format=%an <%ae>|%s", "main").Trim());

        var (_, file) = await asErin.Get("/api/v2/org-manifest-bundles/app/files/deploy/ns.yaml");
        Assert.Equal("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n", file.Str("text"));
        Assert.Equal(first, file.Str("commit"));

        (status, var updated) = await asErin.Put("/api/v2/org-manifest-bundles/app/files/deploy/ns.yaml",
            new { text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app2\n", baseCommit = first });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Update deploy/ns.yaml", Git.Run(_repo, "log", "-1", "--format=%s", "main").Trim());

        (status, var renamed) = await asErin.Post("/api/v2/org-manifest-bundles/app/rename",
            new { from = "deploy/ns.yaml", to = "namespace.yaml", baseCommit = updated.Str("commit") });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("namespace.yaml\n", Git.Run(_repo, "ls-tree", "-r", "--name-only", "main"));

        (status, _) = await asErin.Delete($"/api/v2/org-manifest-bundles/app/files/namespace.yaml?baseCommit={renamed.Str("commit")}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("", Git.Run(_repo, "ls-tree", "-r", "--name-only", "main"));
        Assert.Equal(4, int.Parse(Git.Run(_repo, "rev-list", "--count", "main").Trim()));
        Assert.Equal("", Git.Run(_repo, "fsck", "--strict").Trim());
    }

    [Fact]
    public async Task A_stale_write_is_a_conflict_and_changes_nothing()
    {
        var first = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        var second = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 2\n");

        var (status, body) = await _http.Put("/api/v2/org-manifest-bundles/app/files/a.yaml", new { text = "a: 3\n", baseCommit = first });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.StartsWith("STALE_WRITE", body.Str("message"));
        Assert.Contains(second, body.Str("message"));
        Assert.Equal(second, Git.Run(_repo, "rev-parse", "main").Trim());
        Assert.Equal("a: 2\n", Git.Run(_repo, "show", "main:a.yaml"));
    }

    [Fact]
    public async Task A_write_without_its_base_commit_is_refused()
    {
        await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        var (status, body) = await _http.Put("/api/v2/org-manifest-bundles/app/files/b.yaml", new { text = "b: 1\n" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("base_commit", body.Str("message"));
    }

    [Fact]
    public async Task Create_only_refuses_an_existing_file()
    {
        var head = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        var (status, body) = await _http.Put("/api/v2/org-manifest-bundles/app/files/a.yaml", new { text = "x", baseCommit = head, createOnly = true });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.StartsWith("FILE_EXISTS", body.Str("message"));
    }

    [Theory]
    [InlineData("../escape.yaml")]
    [InlineData("a/../../escape.yaml")]
    [InlineData("a/../b.yaml")]
    [InlineData("/etc/passwd")]
    [InlineData(".git/config")]
    [InlineData("sub/.GIT/hooks/pre-receive")]
    [InlineData("a\\b.yaml")]
    [InlineData("bad\u0001name.yaml")]
    [InlineData("nul\u0000.yaml")]
    [InlineData("line\nbreak.yaml")]
    [InlineData("dir/")]
    [InlineData("")]
    public async Task Bad_paths_are_refused_and_change_nothing(string path)
    {
        var head = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        var catalog = new CatalogClient(_server.Grpc());

        var write = await Assert.ThrowsAsync<RpcException>(async () => await catalog.WriteFileAsync(new WriteFileRequest
        {
            Collection = "org-manifest-bundles", Name = "app", Path = path, Text = "x", BaseCommit = head,
        }));
        Assert.Equal(StatusCode.InvalidArgument, write.StatusCode);
        Assert.StartsWith("PATH_INVALID", write.Status.Detail);

        var (status, body) = await _http.Post("/api/v2/org-manifest-bundles/app/rename", new { from = "a.yaml", to = path, baseCommit = head });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("PATH_INVALID", body.Str("message"));
        Assert.Equal(head, Git.Run(_repo, "rev-parse", "main").Trim());
    }

    [Fact]
    public async Task A_control_character_in_a_rest_path_is_refused()
    {
        var head = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        var (status, body) = await _http.Put("/api/v2/org-manifest-bundles/app/files/bad%01name.yaml", new { text = "x", baseCommit = head });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("PATH_INVALID", body.Str("message"));
    }

    [Fact]
    public async Task Paths_are_normalised()
    {
        var head = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        var (status, _) = await _http.Post("/api/v2/org-manifest-bundles/app/rename", new { from = "./a.yaml", to = "./dir//b.yaml", baseCommit = head });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("dir/b.yaml\n", Git.Run(_repo, "ls-tree", "-r", "--name-only", "main"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_size_invalid_and_changes_nothing()
    {
        var head = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        var (status, body) = await _http.Put("/api/v2/org-manifest-bundles/app/files/big.yaml", new { text = new string('x', 2049), baseCommit = head });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.StartsWith("SIZE_INVALID", body.Str("message"));
        Assert.Equal(head, Git.Run(_repo, "rev-parse", "main").Trim());
    }

    [Fact]
    public async Task An_artifact_over_the_size_limit_is_size_invalid_and_changes_nothing()
    {
        await _http.WriteFile("org-manifest-bundles", "app", "one.yaml", new string('x', 2000));
        var head = await _http.WriteFile("org-manifest-bundles", "app", "two.yaml", new string('y', 2000));
        var (status, body) = await _http.Put("/api/v2/org-manifest-bundles/app/files/three.yaml", new { text = new string('z', 2000), baseCommit = head });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Catalog:MaxArtifactBytes", body.Str("message"));
        Assert.Equal(head, Git.Run(_repo, "rev-parse", "main").Trim());
    }

    [Fact]
    public async Task Binary_files_round_trip_as_content()
    {
        var bytes = new byte[] { 0, 1, 2, 255, 254 };
        var (status, written) = await _http.Put("/api/v2/org-manifest-bundles/app/files/logo.bin", new { content = Convert.ToBase64String(bytes) });
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, file) = await _http.Get("/api/v2/org-manifest-bundles/app/files/logo.bin");
        Assert.Equal(Convert.ToBase64String(bytes), file.Str("content"));
        Assert.Equal(written.Str("commit"), file.Str("commit"));
    }

    [Fact]
    public async Task A_file_cannot_sit_inside_a_file_or_replace_a_folder()
    {
        var head = await _http.WriteFile("org-manifest-bundles", "app", "dir/a.yaml", "a: 1\n");
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.Put("/api/v2/org-manifest-bundles/app/files/dir", new { text = "x", baseCommit = head })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.Put("/api/v2/org-manifest-bundles/app/files/dir/a.yaml/b", new { text = "x", baseCommit = head })).Status);
        Assert.Equal(head, Git.Run(_repo, "rev-parse", "main").Trim());
    }

    [Fact]
    public async Task Missing_files_are_not_found()
    {
        var head = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        Assert.Equal(HttpStatusCode.NotFound, (await _http.Get("/api/v2/org-manifest-bundles/app/files/none.yaml")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.Delete($"/api/v2/org-manifest-bundles/app/files/none.yaml?baseCommit={head}")).Status);
    }
}
