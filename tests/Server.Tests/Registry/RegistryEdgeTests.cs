using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GitOpsHQ.Server.Registry;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GitOpsHQ.Server.Tests.Registry;

/// <summary>Edges of the registry: unknown and cancelled uploads, names, optional mediaType, the plain-repository flag, expiry.</summary>
public sealed class RegistryEdgeTests
{
    [Fact]
    public async Task Unknown_cancelled_and_foreign_uploads_are_blob_upload_unknown()
    {
        await using var server = await TestServer.StartAsync();
        using var oci = OciHttp.Client(server, server.AdminToken);
        var unknown = await oci.GetAsync($"/v2/some/repo/blobs/uploads/{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", await unknown.ErrorCode());

        var start = await oci.Oci(HttpMethod.Post, "/v2/some/repo/blobs/uploads/");
        var location = start.Headers.Location!.ToString();
        await oci.Oci(HttpMethod.Patch, location, Encoding.UTF8.GetBytes("partial"));
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", await (await oci.GetAsync(location.Replace("some/repo", "other/repo"))).ErrorCode());
        Assert.Equal(HttpStatusCode.NoContent, (await oci.Oci(HttpMethod.Delete, location)).StatusCode);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", await (await oci.GetAsync(location)).ErrorCode());
    }

    [Fact]
    public async Task Bad_names_and_digests_are_refused()
    {
        await using var server = await TestServer.StartAsync();
        using var oci = OciHttp.Client(server, server.AdminToken);
        Assert.Equal("NAME_INVALID", await (await oci.GetAsync("/v2/Upper/Case/tags/list")).ErrorCode());
        Assert.Equal("DIGEST_INVALID", await (await oci.GetAsync("/v2/some/repo/blobs/sha256:nothex")).ErrorCode());
        Assert.Equal("NAME_UNKNOWN", await (await oci.GetAsync($"/v2/some/repo/blobs/{OciLayout.Digest([9])}")).ErrorCode());
        await oci.PushBlob("some/repo", [1]);
        Assert.Equal("BLOB_UNKNOWN", await (await oci.GetAsync($"/v2/some/repo/blobs/{OciLayout.Digest([9])}")).ErrorCode());
    }

    [Fact]
    public async Task The_manifest_media_type_field_is_optional()
    {
        await using var server = await TestServer.StartAsync();
        using var oci = OciHttp.Client(server, server.AdminToken);
        var config = await oci.PushBlob("plain/app", Encoding.UTF8.GetBytes("{}"));
        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{config}\",\"size\":2}},\"layers\":[]}}");
        var put = await oci.Oci(HttpMethod.Put, "/v2/plain/app/manifests/v1", manifest,
            r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var get = await oci.GetAsync("/v2/plain/app/manifests/v1");
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", get.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Plain_repositories_can_be_switched_off_while_artifacts_stay()
    {
        await using var server = await TestServer.StartAsync(null, "--FeatureManagement:OciPlainRepositories=false");
        using var api = server.Http();
        await api.Post("/api/v2/org-manifest-bundles", new { name = "kept", scaffold = true });
        await api.Post("/api/v2/org-manifest-bundles/kept/versions", new { version = "1.0.0" });
        using var oci = OciHttp.Client(server, server.AdminToken);
        var refused = await oci.Oci(HttpMethod.Post, "/v2/plain/app/blobs/uploads/");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        Assert.Contains("OciPlainRepositories", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await oci.GetAsync("/v2/manifest-bundles/kept/manifests/1.0.0")).StatusCode);
    }

    [Fact]
    public async Task Abandoned_uploads_expire()
    {
        await using var server = await TestServer.StartAsync();
        using var oci = OciHttp.Client(server, server.AdminToken);
        var location = (await oci.Oci(HttpMethod.Post, "/v2/old/upload/blobs/uploads/")).Headers.Location!.ToString();
        var uploads = server.Services.GetRequiredService<UploadSessions>();
        Assert.Equal(0, uploads.Expire(TimeSpan.FromHours(1)));
        Assert.Equal(1, uploads.Expire(TimeSpan.Zero));
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", await (await oci.GetAsync(location)).ErrorCode());
    }

    [Fact]
    public async Task Expired_registry_tokens_are_401_invalid_registry_token()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(null, clock);
        using var api = server.Http();
        var value = (await api.Post("/api/v2/org/registry-tokens", new { name = "short", scope = "pull", expiresInDays = 1 })).Body.Str("value");
        using var oci = OciHttp.Client(server, value);
        Assert.Equal(HttpStatusCode.OK, (await oci.GetAsync("/v2/")).StatusCode);
        clock.Advance(TimeSpan.FromDays(2));
        var refused = await oci.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("invalid registry token", await refused.Content.ReadAsStringAsync());
    }
}

public sealed class ManifestNegotiationTests
{
    [Fact]
    public async Task Manifests_are_served_as_stored_when_the_accept_header_allows_their_type()
    {
        await using var server = await TestServer.StartAsync();
        using var oci = OciHttp.Client(server, server.AdminToken);
        var config = await oci.PushBlob("nego/app", Encoding.UTF8.GetBytes("{}"));
        var docker = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"{config}\",\"size\":2}},\"layers\":[]}}");
        var put = await oci.Oci(HttpMethod.Put, "/v2/nego/app/manifests/docker", docker,
            r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        async Task<HttpResponseMessage> Get(params string[] accept) =>
            await oci.Oci(HttpMethod.Get, "/v2/nego/app/manifests/docker", configure: r => { foreach (var a in accept) r.Headers.Accept.ParseAdd(a); });

        var asDocker = await Get("application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json");
        Assert.Equal(HttpStatusCode.OK, asDocker.StatusCode);
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", asDocker.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await Get()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get("*/*")).StatusCode);
        var ociOnly = await Get("application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json");
        Assert.Equal(HttpStatusCode.NotFound, ociOnly.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", await ociOnly.ErrorCode());
    }

    [Fact]
    public async Task Registry_token_last_use_is_listed()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.Http();
        var value = (await api.Post("/api/v2/org/registry-tokens", new { name = "used", scope = "pull" })).Body.Str("value");
        Assert.Null((await api.Get("/api/v2/org/registry-tokens")).Body["tokens"]![0]!["lastUsedAt"]);
        using var oci = OciHttp.Client(server, value);
        await oci.GetAsync("/v2/");
        var token = (await api.Get("/api/v2/org/registry-tokens")).Body["tokens"]![0]!;
        Assert.NotNull(token["lastUsedAt"]);
        Assert.Null(token["value"]);
        Assert.Null(token["hash"]);
    }
}
