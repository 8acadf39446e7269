using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>Org registry tokens: admin-managed, shown once, scoped to pull and/or push, usable with Git.</summary>
public sealed class RegistryTokenTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _admin = null!;
    private GitClient _git = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _admin = _server.Http();
        _git = new GitClient(TempFolder.Create("registry-git"));
        await _admin.Post("/api/v2/org-manifest-bundles", new { name = "shared", scaffold = true });
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
        TempFolder.Delete(_git.Root);
    }

    private async Task<string> Create(string scope, string name = "ci")
    {
        var (status, body) = await _admin.Post("/api/v2/org/registry-tokens", new { name, scope, expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(scope, body["token"]!.Str("scope"));
        Assert.Equal("admin", body["token"]!.Str("createdBy"));
        return body.Str("value");
    }

    [Fact]
    public async Task The_value_is_shown_once_and_never_listed()
    {
        var value = await Create("pull");
        Assert.StartsWith("gqr_", value);
        var (_, list) = await _admin.Get("/api/v2/org/registry-tokens");
        var token = Assert.Single(list["tokens"]!.AsArray())!;
        Assert.Equal("ci", token.Str("name"));
        Assert.NotNull(token["expiresAt"]);
        Assert.DoesNotContain(value.Split('_', 3)[2], list.ToJsonString());
    }

    [Fact]
    public async Task A_pull_token_clones_but_cannot_push_nor_use_the_api()
    {
        var pull = await Create("pull");
        _git.Run(null, "clone", "-q", GitClient.Url(_server, pull, "manifest-bundles", "shared"), "shared");
        var clone = Path.Combine(_git.Root, "shared");
        File.WriteAllText(Path.Combine(clone, "x.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        _git.Run(clone, "add", ".");
        _git.Run(clone, "commit", "-qm", "x");
        var (code, _, error) = _git.Try(clone, "push", "origin", "main");
        Assert.NotEqual(0, code);
        Assert.Contains("403", error);

        using var api = _server.Http(pull);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Get("/api/v2/org-manifest-bundles")).Status);
    }

    [Fact]
    public async Task A_push_token_pushes_as_its_creator()
    {
        var both = await Create("pull+push");
        _git.Run(null, "clone", "-q", GitClient.Url(_server, both, "manifest-bundles", "shared"), "pushing");
        var clone = Path.Combine(_git.Root, "pushing");
        _git.Run(clone, "tag", "-a", "1.0.0", "-m", "from CI");
        _git.Run(clone, "push", "-q", "origin", "1.0.0");
        var (_, version) = await _admin.Get("/api/v2/org-manifest-bundles/shared/versions/1.0.0");
        Assert.Equal("admin", version["publisher"]!.Str("username"));
    }

    [Fact]
    public async Task Revoked_tokens_stop_working_and_only_admins_manage_tokens()
    {
        var pull = await Create("pull");
        var (_, list) = await _admin.Get("/api/v2/org/registry-tokens");
        var id = list["tokens"]!.AsArray()[0]!.Str("id");
        var (status, revoked) = await _admin.Delete($"/api/v2/org/registry-tokens/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(revoked["revoked"]!.GetValue<bool>());
        var (code, _, _) = _git.Try(null, "clone", "-q", GitClient.Url(_server, pull, "manifest-bundles", "shared"), "revoked");
        Assert.NotEqual(0, code);

        using var editor = _server.Http(await _server.TokenForAsync("edna", "EDITOR"));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Post("/api/v2/org/registry-tokens", new { name = "x", scope = "pull" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.Post("/api/v2/org/registry-tokens", new { name = "x", scope = "admin" })).Status);
    }
}
