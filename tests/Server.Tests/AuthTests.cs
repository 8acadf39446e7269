using CatalogClient = GitOpsHQ.Contracts.Catalog.V1.Catalog.CatalogClient;
using System.Net;
using System.Net.Http.Json;
using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;

namespace GitOpsHQ.Server.Tests;

/// <summary>Every request is authenticated; roles decide what a caller may do; tokens are hashed, revocable and expire.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _admin = _server.Http();
        await _admin.Post("/api/v2/org-manifest-bundles", new { name = "guarded", scaffold = true });
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "/api/v2/org-charts")]
    [InlineData("POST", "/api/v2/org-charts")]
    [InlineData("GET", "/api/v2/org-manifest-bundles/guarded/tree")]
    [InlineData("POST", "/api/v2/org-manifest-bundles/guarded/versions")]
    [InlineData("GET", "/api/v2/users")]
    [InlineData("GET", "/api/v2/user")]
    public async Task Unauthenticated_requests_are_401_with_a_challenge(string method, string path)
    {
        using var anonymous = _server.Http("");
        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "x" }) });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("gqp_000000000000_wrong")]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task Wrong_tokens_are_401(string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_server.Url) };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v2/org-charts")).StatusCode);
    }

    [Fact]
    public async Task A_tampered_secret_with_a_real_id_is_401()
    {
        var tampered = _server.AdminToken[..^4] + "AAAA";
        using var http = _server.Http(tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v2/org-charts")).StatusCode);
    }

    [Fact]
    public async Task Viewers_read_but_cannot_edit_or_publish()
    {
        using var viewer = _server.Http(await _server.TokenForAsync("vic", "VIEWER"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.Get("/api/v2/org-manifest-bundles/guarded/tree")).Status);
        var head = (await viewer.Get("/api/v2/org-manifest-bundles/guarded")).Body.Str("headCommit");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Put("/api/v2/org-manifest-bundles/guarded/files/x.yaml", new { text = "x", baseCommit = head })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Post("/api/v2/org-manifest-bundles/guarded/versions", new { version = "1.0.0" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Post("/api/v2/org-charts", new { name = "mine" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Delete("/api/v2/org-manifest-bundles/guarded")).Status);
        Assert.Equal(head, Git.Run(_server.RepositoryPath("manifest-bundles", "guarded"), "rev-parse", "main").Trim());
    }

    [Fact]
    public async Task Editors_edit_and_publish_but_cannot_manage_users()
    {
        using var editor = _server.Http(await _server.TokenForAsync("eddie", "EDITOR"));
        Assert.Equal(HttpStatusCode.Created, (await editor.Post("/api/v2/org-manifest-bundles/guarded/versions", new { version = "1.0.0" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Get("/api/v2/users")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Post("/api/v2/users", new { username = "x", role = "ADMIN" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Post("/api/v2/user/tokens", new { name = "for admin", username = "admin" })).Status);
    }

    [Fact]
    public async Task Native_grpc_maps_missing_and_insufficient_credentials()
    {
        var anonymous = new CatalogClient(_server.Grpc(""));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await anonymous.ListArtifactsAsync(new ListArtifactsRequest { Collection = "org-charts" }));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);

        var viewer = new CatalogClient(_server.Grpc(await _server.TokenForAsync("gina", "VIEWER")));
        e = await Assert.ThrowsAsync<RpcException>(async () => await viewer.CreateArtifactAsync(new CreateArtifactRequest { Collection = "org-charts", Name = "x" }));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task Revoked_tokens_stop_working_at_once()
    {
        var secret = await _server.TokenForAsync("rita", "EDITOR");
        using var rita = _server.Http(secret);
        var (_, tokens) = await rita.Get("/api/v2/user/tokens");
        var token = Assert.Single(tokens["tokens"]!.AsArray())!;
        Assert.Null(token["secret"]);
        Assert.DoesNotContain(secret.Split('_', 3)[2], tokens.ToJsonString());

        var (status, revoked) = await rita.Delete($"/api/v2/user/tokens/{token.Str("id")}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(revoked["revoked"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await rita.Get("/api/v2/org-charts")).Status);
    }

    [Fact]
    public async Task Token_secrets_are_stored_only_as_hashes()
    {
        var secret = await _server.TokenForAsync("hank", "VIEWER");
        var secretPart = secret.Split('_', 3)[2];
        var database = TestServer.StoredBytes(_server.DataPath);
        Assert.NotEmpty(database);
        var needle = System.Text.Encoding.ASCII.GetBytes(secretPart);
        Assert.Equal(-1, IndexOf(database, needle));
    }

    [Fact]
    public async Task Users_can_be_listed_and_promoted_by_an_admin()
    {
        await _server.TokenForAsync("paula", "VIEWER");
        var (status, user) = await _admin.Send(HttpMethod.Patch, "/api/v2/users/paula", new { role = "EDITOR" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("EDITOR", user.Str("role"));
        var (_, list) = await _admin.Get("/api/v2/users");
        Assert.Contains(list["users"]!.AsArray(), u => u!.Str("username") == "paula");
        var (_, me) = await _admin.Get("/api/v2/user");
        Assert.Equal("admin", me.Str("username"));
        Assert.Equal("ADMIN", me.Str("role"));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }
}
