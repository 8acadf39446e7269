using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>Bad input is refused with a status and a message a person can act on, and changes nothing.</summary>
public sealed class CleanRefusalTests
{
    [Theory]
    [InlineData(".git./config", true)]
    [InlineData(".git ./config", true)]
    [InlineData("git~1/config", true)]
    [InlineData("GIT~1/config", true)]
    [InlineData(".Git/hooks/pre-receive", false)]
    [InlineData(".git::$INDEX_ALLOCATION/config", true)]
    [InlineData("sub/.g\u200cit/config", true)]
    [InlineData(" /x.yaml", true)] // a blank name: once in a tree, no edit of that tree could be committed again
    [InlineData("a/   /x.yaml", true)]
    public async Task Paths_git_treats_as_its_own_folder_or_blank_are_refused_by_the_api_and_by_git_push(string path, bool pushable)
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "b", scaffold = true })).Status);
        var (_, tree) = await api.Get("/api/v2/org-manifest-bundles/b/tree");
        var (status, body) = await api.Put($"/api/v2/org-manifest-bundles/b/files/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}",
            new { text = "x", baseCommit = tree.Str("commit") });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("PATH_INVALID", body.Str("message"));
        var (_, after) = await api.Get("/api/v2/org-manifest-bundles/b/tree");
        Assert.Equal(tree.Str("commit"), after.Str("commit"));
        if (!pushable) return; // the git client itself refuses to commit it

        // The same rule for git push (the client is told to let the name through): refused before main moves.
        var git = new GitClient(TempFolder.Create("alias"));
        try
        {
            git.Run(null, "clone", "-q", GitClient.Url(server, server.AdminToken, "manifest-bundles", "b"), "work");
            var work = Path.Combine(git.Root, "work");
            var blob = git.Run(work, "hash-object", "-w", "README.md").Trim();
            git.Run(work, "-c", "core.protectNTFS=false", "-c", "core.protectHFS=false", "update-index", "--add", "--cacheinfo", $"100644,{blob},{path}");
            git.Run(work, "commit", "-qm", "sneak a path in");
            var (code, _, error) = git.Try(work, "push", "origin", "main");
            Assert.NotEqual(0, code);
            // git's own object checks (receive.fsckObjects) or the server's path rule, whichever sees it first.
            Assert.Matches("not a valid file path|hasDotgit|contains .\\.git", error);
            var (_, unchanged) = await api.Get("/api/v2/org-manifest-bundles/b/tree");
            Assert.Equal(tree.Str("commit"), unchanged.Str("commit"));
        }
        finally
        {
            TempFolder.Delete(git.Root);
        }
    }

    [Fact]
    public async Task Refusals_say_what_is_wrong_and_change_nothing()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.Http();

        // A description is short text shown in every listing.
        var (status, body) = await api.Post("/api/v2/org-charts", new { name = "long", description = new string('d', 1001) });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 1000", body.Str("message"));
        Assert.False(Directory.Exists(server.RepositoryPath("charts", "long")));

        // 401 and 403 over REST carry a body that says why.
        using var anonymous = server.Http("");
        var unauthenticated = await anonymous.GetAsync("/api/v2/org-charts");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Contains("UNAUTHORIZED", await unauthenticated.Content.ReadAsStringAsync());
        using var wrong = server.Http("gqp_nope_nope");
        Assert.Contains("wrong, expired or revoked", await (await wrong.GetAsync("/api/v2/org-charts")).Content.ReadAsStringAsync());
        using var viewer = server.Http(await server.TokenForAsync("vic", "VIEWER"));
        var forbidden = await viewer.PostAsync("/api/v2/org-charts", new StringContent("{\"name\":\"x\"}"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("DENIED", await forbidden.Content.ReadAsStringAsync());

        // A manifest reference that can never exist names no manifest (404), as registries answer.
        using var oci = OciHttp.Client(server, server.AdminToken);
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "b", scaffold = true })).Status);
        var missing = await oci.GetAsync("/v2/manifest-bundles/b/manifests/.INVALID_MANIFEST_NAME");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", await missing.ErrorCode());
    }

    [Fact]
    public async Task The_data_folder_and_the_database_are_readable_by_the_server_user_only()
    {
        if (OperatingSystem.IsWindows()) return;
        await using var server = await TestServer.StartAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(server.DataPath));
        foreach (var file in new[] { "gitopshq.db", "gitopshq.db-wal", "gitopshq.db-shm" }.Select(f => Path.Combine(server.DataPath, f)).Where(File.Exists))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        if (!TestServer.OnPostgres) Assert.True(File.Exists(Path.Combine(server.DataPath, "gitopshq.db-wal")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(server.DataPath, "keys")));
    }

    [Fact]
    public async Task Symlinks_submodules_and_option_like_gitmodules_are_refused_by_every_door()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "b", scaffold = true })).Status);
        var (_, tree) = await api.Get("/api/v2/org-manifest-bundles/b/tree");
        var gitmodules = "[submodule \"x\"]\n\tpath = x\n\turl = --upload-pack=touch /tmp/pwned\n";
        var (status, body) = await api.Put("/api/v2/org-manifest-bundles/b/files/.gitmodules", new { text = gitmodules, baseCommit = tree.Str("commit") });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("command-line option", body.Str("message"));

        var git = new GitClient(TempFolder.Create("links"));
        try
        {
            git.Run(null, "clone", "-q", GitClient.Url(server, server.AdminToken, "manifest-bundles", "b"), "work");
            var work = Path.Combine(git.Root, "work");
            var head = git.Run(work, "rev-parse", "HEAD").Trim();
            foreach (var (what, setup, expected) in new (string, Action, string)[]
            {
                ("symlink", () => File.CreateSymbolicLink(Path.Combine(work, "passwd"), "/etc/passwd"), "symbolic link"),
                ("gitlink", () => git.Run(work, "update-index", "--add", "--cacheinfo", $"160000,{head},vendor"), "submodule"),
                (".gitmodules", () => File.WriteAllText(Path.Combine(work, ".gitmodules"), gitmodules), ""),
            })
            {
                git.Run(work, "reset", "-q", "--hard", "origin/main");
                setup();
                if (what != "gitlink") git.Run(work, "add", "-A"); // a gitlink lives in the index only
                git.Run(work, "commit", "-qm", what);
                var (code, _, error) = git.Try(work, "push", "origin", "main");
                Assert.True(code != 0, $"{what}: the push landed");
                Assert.Contains(expected, error);
            }
            var (_, after) = await api.Get("/api/v2/org-manifest-bundles/b/tree");
            Assert.Equal(tree.Str("commit"), after.Str("commit"));
            Assert.Equal("", Git.TryRun(server.RepositoryPath("manifest-bundles", "b"), "fsck", "--strict").Error.Trim());
        }
        finally
        {
            TempFolder.Delete(git.Root);
        }
    }

    [Fact]
    public async Task Encoded_separators_and_bad_refs_are_refused_and_a_version_named_like_a_commit_is_asked_for_explicitly()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "b", scaffold = true })).Status);
        var (_, tree) = await api.Get("/api/v2/org-manifest-bundles/b/tree");

        // "%2e%2e%2f" is "../" once decoded: refused, nothing written under a literal name.
        var (status, body) = await api.Put("/api/v2/org-manifest-bundles/b/files/%2e%2e%2fescape.yaml", new { text = "x", baseCommit = tree.Str("commit") });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("PATH_INVALID", body.Str("message"));
        // An encoded '/' inside a path is a folder separator, as if written plainly.
        (status, _) = await api.Put("/api/v2/org-manifest-bundles/b/files/extra%2Fcm.yaml",
            new { text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n", baseCommit = tree.Str("commit") });
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, after) = await api.Get("/api/v2/org-manifest-bundles/b/tree");
        Assert.Contains(after["entries"]!.AsArray(), e => e!.Str("path") == "extra/cm.yaml");

        // A ref that is no ref name is a bad request, not a server error.
        (status, body) = await api.Get("/api/v2/org-manifest-bundles/b/tree?ref=..%2f..%2fHEAD");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is not a ref", body.Str("message"));

        // A version named like a commit id: the bare name is ambiguous; version: and commit: say which.
        var head = after.Str("commit");
        var shortId = head[..7];
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles/b/versions", new { version = "1.0.0" })).Status);
        var (_, second) = await api.Get("/api/v2/org-manifest-bundles/b/tree");
        await api.WriteFile("org-manifest-bundles", "b", "later.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: later\n");
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles/b/versions", new { version = shortId })).Status);
        (status, body) = await api.Get($"/api/v2/org-manifest-bundles/b/tree?ref={shortId}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"version:{shortId}", body.Str("message"));
        var (_, byCommit) = await api.Get($"/api/v2/org-manifest-bundles/b/tree?ref=commit:{shortId}");
        Assert.Equal(head, byCommit.Str("commit"));
        var (_, byVersion) = await api.Get($"/api/v2/org-manifest-bundles/b/tree?ref=version:{shortId}");
        Assert.NotEqual(head, byVersion.Str("commit"));
        _ = second;
    }

    [Fact]
    public async Task A_blob_over_the_limit_is_413_with_the_reason_and_leaves_no_upload_behind()
    {
        await using var server = await TestServer.StartAsync(null, "--OciRegistry:MaxBlobBytes=1024");
        using var oci = OciHttp.Client(server, server.AdminToken);
        var content = new byte[4096];
        var digest = OciLayout.Digest(content);

        var monolithic = await oci.PostAsync($"/v2/apps/big/blobs/uploads/?digest={digest}", new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, monolithic.StatusCode);
        Assert.Equal("SIZE_INVALID", await monolithic.ErrorCode());
        Assert.Contains("OciRegistry:MaxBlobBytes", await monolithic.Content.ReadAsStringAsync());

        var started = await oci.PostAsync("/v2/apps/big/blobs/uploads/", new ByteArrayContent([]));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var chunk = await oci.PatchAsync(started.Headers.Location!, new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunk.StatusCode);
        Assert.Equal("SIZE_INVALID", await chunk.ErrorCode());

        Assert.Empty(Directory.GetDirectories(Path.Combine(server.DataPath, "registry", "uploads")));
    }

    [Fact]
    public async Task Render_values_that_alias_into_billions_of_nodes_are_refused_and_the_server_keeps_serving()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-charts", new { name = "web", scaffold = true })).Status);
        var laughs = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (var i = 1; i < 9; i++) laughs += $"a{i}: &a{i} [" + string.Join(",", Enumerable.Repeat($"*a{i - 1}", 9)) + "]\n";
        var viewer = server.Http(await server.TokenForAsync("vic", "VIEWER"));
        var (status, body) = await viewer.Post("/api/v2/org-charts/web/render", new { values = new[] { laughs } });
        Assert.Contains("excessive aliasing", body.ToJsonString());
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, status.ToString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/healthz")).StatusCode);
    }
}
