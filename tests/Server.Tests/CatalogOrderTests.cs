using CatalogClient = GitOpsHQ.Contracts.Catalog.V1.Catalog.CatalogClient;
using System.Net;
using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;

namespace GitOpsHQ.Server.Tests;

/// <summary>Listing a catalog by name, by last change or by latest version, either way, page by page.</summary>
public sealed class CatalogOrderTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private TestServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(null, _clock);
        _http = _server.Http();
        // Created in this order, a minute apart; then "delta" is edited last. Latest versions: none, 10.0.0, 2.0.0, 2.0.0-rc.1, v3, "beta".
        foreach (var (name, version) in new[] { ("echo", ""), ("alpha", "10.0.0"), ("delta", "2.0.0"), ("bravo", "2.0.0-rc.1"), ("charlie", "v3"), ("foxtrot", "beta") })
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            var (status, body) = await _http.Post("/api/v2/org-manifest-bundles", new { name, scaffold = true });
            Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
            if (version != "") await _http.Post($"/api/v2/org-manifest-bundles/{name}/versions", new { version });
        }
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _http.WriteFile("org-manifest-bundles", "delta", "extra.yaml", "kind: ConfigMap\n");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Every page of the listing, joined, with page size 2 so paging is exercised.</summary>
    private async Task<List<string>> ListAsync(string orderBy)
    {
        var names = new List<string>();
        var token = "";
        do
        {
            var (status, body) = await _http.Get($"/api/v2/org-manifest-bundles?orderBy={orderBy}&pageSize=2&pageToken={token}");
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal(6, body["totalSize"]!.GetValue<int>());
            names.AddRange(body["artifacts"]!.AsArray().Select(a => a!.Str("name")));
            token = body.Str("nextPageToken");
        } while (token != "");
        return names;
    }

    [Theory]
    [InlineData("", "alpha bravo charlie delta echo foxtrot")]
    [InlineData("name", "alpha bravo charlie delta echo foxtrot")]
    [InlineData("-name", "foxtrot echo delta charlie bravo alpha")]
    [InlineData("updated", "echo alpha bravo charlie foxtrot delta")]
    [InlineData("-updated", "delta foxtrot charlie bravo alpha echo")]
    [InlineData("latest_version", "echo foxtrot bravo delta charlie alpha")]
    [InlineData("-latest_version", "alpha charlie delta bravo foxtrot echo")]
    public async Task Each_order_lists_every_artifact_once_across_pages(string orderBy, string expected)
    {
        Assert.Equal(expected.Split(' '), await ListAsync(orderBy));
    }

    [Fact]
    public async Task A_page_continues_after_its_last_artifact_even_when_that_one_changed_meanwhile()
    {
        var (_, first) = await _http.Get("/api/v2/org-manifest-bundles?orderBy=-updated&pageSize=2");
        Assert.Equal(["delta", "foxtrot"], first["artifacts"]!.AsArray().Select(a => a!.Str("name")));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _http.WriteFile("org-manifest-bundles", "foxtrot", "more.yaml", "kind: ConfigMap\n");
        var (_, second) = await _http.Get($"/api/v2/org-manifest-bundles?orderBy=-updated&pageSize=2&pageToken={first.Str("nextPageToken")}");
        Assert.Equal(["charlie", "bravo"], second["artifacts"]!.AsArray().Select(a => a!.Str("name")));
    }

    [Fact]
    public async Task Search_and_order_combine()
    {
        var (_, body) = await _http.Get("/api/v2/org-manifest-bundles?search=o&orderBy=-latest_version");
        Assert.Equal(["bravo", "foxtrot", "echo"], body["artifacts"]!.AsArray().Select(a => a!.Str("name")));
    }

    [Fact]
    public async Task An_unknown_order_or_a_token_of_another_order_is_refused_naming_the_orders()
    {
        var (status, body) = await _http.Get("/api/v2/org-manifest-bundles?orderBy=created");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQUEST_INVALID: order_by 'created' is not an order; use one of name, -name, updated, -updated, latest_version, -latest_version.",
            body.Str("message"));

        var (_, page) = await _http.Get("/api/v2/org-manifest-bundles?orderBy=updated&pageSize=2");
        (status, body) = await _http.Get($"/api/v2/org-manifest-bundles?orderBy=-updated&pageSize=2&pageToken={page.Str("nextPageToken")}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("page_token", body.Str("message"));
        (status, _) = await _http.Get($"/api/v2/org-manifest-bundles?pageSize=2&pageToken={page.Str("nextPageToken")}");
        Assert.Equal(HttpStatusCode.BadRequest, status);

        var grpc = await Assert.ThrowsAsync<RpcException>(async () =>
            await new CatalogClient(_server.Grpc()).ListArtifactsAsync(new ListArtifactsRequest { Collection = "org-charts", OrderBy = "newest" }));
        Assert.Equal(StatusCode.InvalidArgument, grpc.StatusCode);
        Assert.Contains("latest_version", grpc.Status.Detail);
    }
}
