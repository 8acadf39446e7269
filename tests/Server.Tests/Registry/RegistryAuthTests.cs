using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Registry;

/// <summary>Registry credentials: scopes, revocation, the bearer token flow as Helm runs it, immutable versions.</summary>
public sealed class RegistryAuthTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _api = _server.Http();
        await _api.Post("/api/v2/org-charts", new { name = "web", scaffold = true });
        await _api.Post("/api/v2/org-charts/web/versions", new { version = "0.1.0" });
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<string> RegistryToken(string scope) =>
        (await _api.Post("/api/v2/org/registry-tokens", new { name = scope, scope })).Body.Str("value");

    [Fact]
    public async Task A_pull_token_pushing_is_403_denied()
    {
        using var pull = OciHttp.Client(_server, await RegistryToken("pull"));
        Assert.Equal(HttpStatusCode.OK, (await pull.GetAsync("/v2/charts/web/tags/list")).StatusCode);
        var push = await pull.Oci(HttpMethod.Post, "/v2/team/app/blobs/uploads/");
        Assert.Equal(HttpStatusCode.Forbidden, push.StatusCode);
        Assert.Equal("DENIED", await push.ErrorCode());
    }

    [Fact]
    public async Task Wrong_and_revoked_tokens_are_401_invalid_registry_token()
    {
        using var wrong = OciHttp.Client(_server, "gqr_000000000000_nope");
        var response = await wrong.GetAsync("/v2/charts/web/tags/list");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid registry token", await response.Content.ReadAsStringAsync());

        var value = await RegistryToken("pull");
        var id = (await _api.Get("/api/v2/org/registry-tokens")).Body["tokens"]!.AsArray().Last()!.Str("id");
        await _api.Delete($"/api/v2/org/registry-tokens/{id}");
        using var revoked = OciHttp.Client(_server, value);
        var refused = await revoked.GetAsync("/v2/charts/web/tags/list");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("UNAUTHORIZED", await refused.ErrorCode());
    }

    [Fact]
    public async Task Helm_pull_follows_the_challenge_to_a_scoped_token()
    {
        using var helm = new HttpClient { BaseAddress = new Uri(_server.Url) };
        var challenge = await helm.GetAsync("/v2/charts/web/manifests/0.1.0");
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        var header = challenge.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", header.Scheme);
        var realm = Field(header.Parameter!, "realm");
        var scope = Field(header.Parameter!, "scope");
        Assert.Equal("repository:charts/web:pull", scope);

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, $"{realm}?service={Field(header.Parameter!, "service")}&scope={scope}");
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("org-token:" + await RegistryToken("pull"))));
        var token = JsonNode.Parse(await (await helm.SendAsync(tokenRequest)).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();

        using var manifestRequest = new HttpRequestMessage(HttpMethod.Get, "/v2/charts/web/manifests/0.1.0");
        manifestRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        manifestRequest.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        var manifestResponse = await helm.SendAsync(manifestRequest);
        Assert.Equal(HttpStatusCode.OK, manifestResponse.StatusCode);
        var manifest = JsonNode.Parse(await manifestResponse.Content.ReadAsStringAsync())!;
        var layer = manifest["layers"]![0]!["digest"]!.GetValue<string>();

        using var layerRequest = new HttpRequestMessage(HttpMethod.Get, $"/v2/charts/web/blobs/{layer}");
        layerRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var chart = await (await helm.SendAsync(layerRequest)).Content.ReadAsByteArrayAsync();
        Assert.Equal(layer, OciLayout.Digest(chart));
        var (_, package) = await _api.Get("/api/v2/org-charts/web/versions/0.1.0/package");
        Assert.Equal(Convert.FromBase64String(package.Str("content")), chart);

        // The token holds only what was asked for: pull on charts/web. Pushing with it is a challenge for the wider scope
        // (the token protocol's insufficient_scope), not a refusal...
        using var elsewhere = new HttpRequestMessage(HttpMethod.Post, "/v2/charts/web/blobs/uploads/");
        elsewhere.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var wider = await helm.SendAsync(elsewhere);
        Assert.Equal(HttpStatusCode.Unauthorized, wider.StatusCode);
        var widerChallenge = wider.Headers.WwwAuthenticate.Single().Parameter!;
        Assert.Equal("repository:charts/web:pull,push", Field(widerChallenge, "scope"));
        Assert.Equal("insufficient_scope", Field(widerChallenge, "error"));

        // ... and a token asked for push by a pull-only credential is refused for good, saying why.
        using var pushTokenRequest = new HttpRequestMessage(HttpMethod.Get, $"{realm}?service={Field(header.Parameter!, "service")}&scope=repository:charts/web:pull,push");
        pushTokenRequest.Headers.Authorization = tokenRequest.Headers.Authorization;
        var pushToken = JsonNode.Parse(await (await helm.SendAsync(pushTokenRequest)).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        using var push = new HttpRequestMessage(HttpMethod.Post, "/v2/charts/web/blobs/uploads/");
        push.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pushToken);
        var refused = await helm.SendAsync(push);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("DENIED", await refused.ErrorCode());
        Assert.Contains("lacks the push scope", await refused.Content.ReadAsStringAsync());
        Assert.Contains("lacks the push scope", refused.ReasonPhrase);
    }

    [Fact]
    public async Task A_token_server_grant_for_one_repository_combines_the_scopes_a_client_asks_for()
    {
        // Clients add the challenge's scope to their own: "pull" and "pull,push" for one repository in one request.
        using var http = new HttpClient { BaseAddress = new Uri(_server.Url) };
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, "/v2/token?service=x&scope=repository:charts/web:pull&scope=repository:charts/web:pull,push");
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("org-token:" + await RegistryToken("pull+push"))));
        var token = JsonNode.Parse(await (await http.SendAsync(tokenRequest)).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v2/charts/web/blobs/uploads/");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(start)).StatusCode);
    }

    [Fact]
    public async Task Published_versions_cannot_be_deleted_over_oci()
    {
        using var oci = OciHttp.Client(_server, _server.AdminToken);
        var response = await oci.Oci(HttpMethod.Delete, "/v2/charts/web/manifests/0.1.0");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("UNSUPPORTED", await response.ErrorCode());
        Assert.Contains("immutable", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_pull_is_off_unless_enabled()
    {
        await using var open = await TestServer.StartAsync(null, "--OciRegistry:AnonymousPull=true");
        using var api = open.Http();
        await api.Post("/api/v2/org-manifest-bundles", new { name = "public", scaffold = true });
        await api.Post("/api/v2/org-manifest-bundles/public/versions", new { version = "1.0.0" });
        using var anonymous = OciHttp.Client(open, null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v2/manifest-bundles/public/manifests/1.0.0")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Oci(HttpMethod.Post, "/v2/manifest-bundles/public/blobs/uploads/")).StatusCode);

        using var closed = OciHttp.Client(_server, null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await closed.GetAsync("/v2/charts/web/manifests/0.1.0")).StatusCode);
    }

    private static string Field(string parameter, string name)
    {
        var start = parameter.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
        return parameter[start..parameter.IndexOf('"', start)];
    }
}
