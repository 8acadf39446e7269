using CatalogClient = GitOpsHQ.Contracts.Catalog.V1.Catalog.CatalogClient;
using System.Net;
using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;

namespace GitOpsHQ.Server.Tests;

/// <summary>Several writes, deletes and renames as one commit on main: all checked first, applied in order, or none.</summary>
public sealed class CommitChangesTests : IAsyncLifetime
{
    private const string Commits = "/api/v2/org-manifest-bundles/app/commits";

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

    private async Task<string> SeedAsync()
    {
        await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        await _http.WriteFile("org-manifest-bundles", "app", "old/b.yaml", "b: 1\n");
        return await _http.WriteFile("org-manifest-bundles", "app", "gone.yaml", "x: 1\n");
    }

    private string Head() => Git.Run(_repo, "rev-parse", "main").Trim();

    private string Files() => Git.Run(_repo, "ls-tree", "-r", "-t", "--name-only", "main");

    [Fact]
    public async Task Writes_deletes_and_renames_land_as_one_commit_by_the_caller()
    {
        var head = await SeedAsync();
        using var erin = _server.Http(await _server.TokenForAsync("erin", "EDITOR"));

        var (status, result) = await erin.Post(Commits, new
        {
            baseCommit = head,
            changes = new object[]
            {
                new { write = new { path = "a.yaml", text = "a: 2\n" } },
                new { write = new { path = "new/c.yaml", text = "c: 1\n" } },
                new { rename = new { from = "old/b.yaml", to = "b.yaml" } },
                new { delete = new { path = "gone.yaml" } },
            },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("erin", result["author"]!.Str("username"));
        Assert.Equal(result.Str("commit"), Head());
        Assert.Equal(head, Git.Run(_repo, "rev-parse", "main~1").Trim());
        Assert.Equal("a.yaml\nb.yaml\nnew\nnew/c.yaml\n", Files()); // no empty 'old' folder left behind
        Assert.Equal("a: 2\n", Git.Run(_repo, "show", "main:a.yaml"));
        Assert.Equal("b: 1\n", Git.Run(_repo, "show", "main:b.yaml"));
        Assert.Equal("Change 4 files\n\nUpdate a.yaml\nCreate new/c.yaml\nRename old/b.yaml to b.yaml\nDelete gone.yaml",
            Git.Run(_repo, "log", "-1", "--format=%B", "main").Trim());
        Assert.Equal(result.Str("message"), Git.Run(_repo, "log", "-1", "--format=%B", "main").Trim());
        Assert.Equal("", Git.Run(_repo, "fsck", "--strict").Trim());
    }

    [Fact]
    public async Task Changes_apply_in_order_and_name_themselves_in_the_default_message()
    {
        var head = await SeedAsync();
        var (status, result) = await _http.Post(Commits, new
        {
            baseCommit = head,
            changes = new object[]
            {
                new { write = new { path = "draft.yaml", text = "d: 1\n" } },
                new { rename = new { from = "draft.yaml", to = "final/draft.yaml" } },
            },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Create draft.yaml and rename draft.yaml to final/draft.yaml", result.Str("message"));
        Assert.Equal("d: 1\n", Git.Run(_repo, "show", "main:final/draft.yaml"));

        // A file may become a folder within one commit, and the other way round.
        (status, result) = await _http.Post(Commits, new
        {
            baseCommit = result.Str("commit"),
            message = "Reshape",
            changes = new object[]
            {
                new { delete = new { path = "a.yaml" } },
                new { write = new { path = "a.yaml/inside.yaml", text = "i: 1\n" } },
                new { rename = new { from = "final/draft.yaml", to = "final" } },
            },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Reshape", Git.Run(_repo, "log", "-1", "--format=%B", "main").Trim());
        Assert.Equal("a.yaml\na.yaml/inside.yaml\nfinal\nold\nold/b.yaml\ngone.yaml\n".Split('\n').Order().ToArray(), Files().Split('\n').Order().ToArray());
    }

    [Fact]
    public async Task A_stale_base_is_the_same_conflict_as_a_single_write()
    {
        var first = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 1\n");
        var second = await _http.WriteFile("org-manifest-bundles", "app", "a.yaml", "a: 2\n");

        var (status, body) = await _http.Post(Commits, new { baseCommit = first, changes = new object[] { new { write = new { path = "b.yaml", text = "b" } } } });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.StartsWith("STALE_WRITE", body.Str("message"));
        Assert.Contains(second, body.Str("message"));
        Assert.Equal(second, Head());
    }

    public static TheoryData<string, object, HttpStatusCode, string> Refusals => new()
    {
        { "a bad path", new { write = new { path = "../escape.yaml", text = "x" } }, HttpStatusCode.BadRequest, "PATH_INVALID" },
        { "a .git path", new { rename = new { from = "a.yaml", to = ".git/config" } }, HttpStatusCode.BadRequest, "PATH_INVALID" },
        { "a missing file", new { delete = new { path = "missing.yaml" } }, HttpStatusCode.NotFound, "FILE_UNKNOWN" },
        { "an existing target", new { rename = new { from = "a.yaml", to = "old/b.yaml" } }, HttpStatusCode.Conflict, "FILE_EXISTS" },
        { "a file inside a file", new { write = new { path = "a.yaml/x.yaml", text = "x" } }, HttpStatusCode.BadRequest, "PATH_INVALID" },
        { "a file over a folder", new { write = new { path = "old", text = "x" } }, HttpStatusCode.BadRequest, "PATH_INVALID" },
        { "a file too large", new { write = new { path = "big.yaml", text = new string('x', 3000) } }, HttpStatusCode.RequestEntityTooLarge, "SIZE_INVALID" },
        { "an empty change", new { }, HttpStatusCode.BadRequest, "REQUEST_INVALID" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task One_refused_change_refuses_them_all_and_changes_nothing(string what, object refused, HttpStatusCode expected, string code)
    {
        var head = await SeedAsync();
        var objects = Git.Run(_repo, "count-objects", "-v");

        var (status, body) = await _http.Post(Commits, new
        {
            baseCommit = head,
            changes = new[] { new { write = new { path = "a.yaml", text = "a: changed\n" } }, new { delete = new { path = "gone.yaml" } }, refused },
        });

        Assert.True(status == expected, $"{what}: {status} {body}");
        Assert.StartsWith(code, body.Str("message"));
        Assert.Equal(head, Head());
        Assert.Equal("a: 1\n", Git.Run(_repo, "show", "main:a.yaml"));
        Assert.Equal(objects, Git.Run(_repo, "count-objects", "-v")); // nothing was written, not even a blob
    }

    [Fact]
    public async Task An_artifact_over_its_size_limit_is_refused_whole()
    {
        var head = await SeedAsync();
        var (status, body) = await _http.Post(Commits, new
        {
            baseCommit = head,
            changes = Enumerable.Range(0, 3).Select(i => new { write = new { path = $"part{i}.yaml", text = new string('x', 1500) } }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Catalog:MaxArtifactBytes", body.Str("message"));
        Assert.Equal(head, Head());
    }

    [Fact]
    public async Task No_changes_or_a_viewer_commit_nothing()
    {
        var head = await SeedAsync();
        var (status, body) = await _http.Post(Commits, new { baseCommit = head, changes = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("no changes", body.Str("message"));

        using var viewer = _server.Http(await _server.TokenForAsync("vic", "VIEWER"));
        (status, _) = await viewer.Post(Commits, new { baseCommit = head, changes = new[] { new { delete = new { path = "a.yaml" } } } });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(head, Head());
    }

    [Fact]
    public async Task Commits_changes_over_grpc()
    {
        var head = await SeedAsync();
        var catalog = new CatalogClient(_server.Grpc());
        var result = await catalog.CommitChangesAsync(new CommitChangesRequest
        {
            Collection = "manifest-bundles", Name = "app", BaseCommit = head,
            Changes =
            {
                new FileChange { Write = new WriteFileRequest { Path = "bin.dat", Content = Google.Protobuf.ByteString.CopyFrom(0, 1, 2) } },
                new FileChange { Delete = new DeleteFileRequest { Path = "gone.yaml" } },
            },
        });
        Assert.Equal("Create bin.dat and delete gone.yaml", result.Message);
        Assert.Equal(result.Commit, Head());

        var stale = await Assert.ThrowsAsync<RpcException>(async () => await catalog.CommitChangesAsync(new CommitChangesRequest
        {
            Collection = "manifest-bundles", Name = "app", BaseCommit = head, Changes = { new FileChange { Delete = new DeleteFileRequest { Path = "a.yaml" } } },
        }));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
    }
}
