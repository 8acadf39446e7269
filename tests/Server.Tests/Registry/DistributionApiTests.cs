using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Registry;

/// <summary>The distribution-spec API over raw HTTP: uploads, ranges, manifests, listings and every error code.</summary>
public sealed class DistributionApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _oci = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(null, "--OciRegistry:MaxManifestBytes=8192");
        _oci = OciHttp.Client(_server, _server.AdminToken);
    }

    public async Task DisposeAsync()
    {
        _oci.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_base_endpoint_challenges_anonymous_callers()
    {
        using var anonymous = OciHttp.Client(_server, null);
        var response = await anonymous.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer realm=\"http://", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("/v2/token\",service=", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("UNAUTHORIZED", await response.ErrorCode());
        Assert.Equal(HttpStatusCode.OK, (await _oci.GetAsync("/v2/")).StatusCode);
    }

    [Fact]
    public async Task Chunked_uploads_in_order_complete_and_out_of_order_chunks_are_416()
    {
        var content = Encoding.UTF8.GetBytes(new string('a', 1000) + new string('b', 500));
        var start = await _oci.Oci(HttpMethod.Post, "/v2/chunks/blob/blobs/uploads/");
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!.ToString();
        Assert.StartsWith("/v2/chunks/blob/blobs/uploads/", location);

        var first = await _oci.Oci(HttpMethod.Patch, location, content[..1000], r => r.Content!.Headers.TryAddWithoutValidation("Content-Range", "0-999"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("0-999", first.Headers.GetValues("Range").Single());

        var outOfOrder = await _oci.Oci(HttpMethod.Patch, location, content[1000..], r => r.Content!.Headers.TryAddWithoutValidation("Content-Range", "1200-1699"));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, outOfOrder.StatusCode);

        var status = await _oci.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-999", status.Headers.GetValues("Range").Single());

        Assert.Equal(HttpStatusCode.Accepted, (await _oci.Oci(HttpMethod.Patch, location, content[1000..], r => r.Content!.Headers.TryAddWithoutValidation("Content-Range", "1000-1499"))).StatusCode);
        var digest = OciLayout.Digest(content);
        var done = await _oci.Oci(HttpMethod.Put, $"{location}?digest={digest}");
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        Assert.Equal(digest, done.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(content, await _oci.GetByteArrayAsync($"/v2/chunks/blob/blobs/{digest}"));
    }

    [Fact]
    public async Task A_wrong_digest_is_digest_invalid_and_stores_nothing()
    {
        var content = Encoding.UTF8.GetBytes("real content");
        var claimed = OciLayout.Digest(Encoding.UTF8.GetBytes("something else"));
        var response = await _oci.Oci(HttpMethod.Post, $"/v2/bad/digest/blobs/uploads/?digest={claimed}", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DIGEST_INVALID", await response.ErrorCode());
        Assert.Equal(HttpStatusCode.NotFound, (await _oci.Oci(HttpMethod.Head, $"/v2/bad/digest/blobs/{claimed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _oci.Oci(HttpMethod.Head, $"/v2/bad/digest/blobs/{OciLayout.Digest(content)}")).StatusCode);
    }

    [Fact]
    public async Task Sha512_blobs_upload_and_serve()
    {
        var content = Encoding.UTF8.GetBytes("sha512 content");
        var digest = "sha512:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(content));
        Assert.Equal(HttpStatusCode.Created, (await _oci.Oci(HttpMethod.Post, $"/v2/alg/five/blobs/uploads/?digest={digest}", content)).StatusCode);
        Assert.Equal(content, await _oci.GetByteArrayAsync($"/v2/alg/five/blobs/{digest}"));
    }

    [Fact]
    public async Task Ranges_answer_206_with_the_slice()
    {
        var content = Encoding.UTF8.GetBytes("0123456789abcdef");
        var digest = await _oci.PushBlob("range/repo", content);
        var response = await _oci.Oci(HttpMethod.Get, $"/v2/range/repo/blobs/{digest}", configure: r => r.Headers.Range = new RangeHeaderValue(4, 9));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("456789", await response.Content.ReadAsStringAsync());
        Assert.Equal("bytes 4-9/16", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
        var beyond = await _oci.Oci(HttpMethod.Get, $"/v2/range/repo/blobs/{digest}", configure: r => r.Headers.Range = new RangeHeaderValue(100, 200));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
    }

    [Fact]
    public async Task Manifests_need_their_blobs_and_carry_the_headers_clients_need()
    {
        var config = Encoding.UTF8.GetBytes("{}");
        var layer = Encoding.UTF8.GetBytes("layer");
        var configDigest = await _oci.PushBlob("apps/web", config);
        var missing = OciHttp.ImageManifest(configDigest, config.Length, (OciLayout.Digest(layer), layer.Length));
        var refused = await _oci.Oci(HttpMethod.Put, "/v2/apps/web/manifests/v1", missing,
            r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", await refused.ErrorCode());

        var layerDigest = await _oci.PushBlob("apps/web", layer);
        var manifest = OciHttp.ImageManifest(configDigest, config.Length, (layerDigest, layer.Length));
        var put = await _oci.Oci(HttpMethod.Put, "/v2/apps/web/manifests/v1", manifest,
            r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var digest = OciLayout.Digest(manifest);
        Assert.Equal(digest, put.Headers.GetValues("Docker-Content-Digest").Single());

        foreach (var reference in new[] { "v1", digest })
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            var response = await _oci.Oci(method, $"/v2/apps/web/manifests/{reference}",
                configure: r => r.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.oci.image.manifest.v1+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(manifest.Length, response.Content.Headers.ContentLength);
            Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
        }

        var invalid = await _oci.Oci(HttpMethod.Put, "/v2/apps/web/manifests/v2", Encoding.UTF8.GetBytes("{not json"),
            r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        Assert.Equal("MANIFEST_INVALID", await invalid.ErrorCode());

        var huge = await _oci.Oci(HttpMethod.Put, "/v2/apps/web/manifests/v3", new byte[9000],
            r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("SIZE_INVALID", await huge.ErrorCode());

        Assert.Equal("MANIFEST_UNKNOWN", await (await _oci.GetAsync("/v2/apps/web/manifests/nope")).ErrorCode());
        Assert.Equal("NAME_UNKNOWN", await (await _oci.GetAsync("/v2/apps/none/manifests/v1")).ErrorCode());

        Assert.Equal(HttpStatusCode.Accepted, (await _oci.Oci(HttpMethod.Delete, "/v2/apps/web/manifests/v1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _oci.GetAsync($"/v2/apps/web/manifests/{digest}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _oci.Oci(HttpMethod.Delete, $"/v2/apps/web/manifests/{digest}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _oci.GetAsync($"/v2/apps/web/manifests/{digest}")).StatusCode);
    }

    [Fact]
    public async Task Tags_and_catalog_page_with_n_last_and_link()
    {
        var config = await _oci.PushBlob("paged/repo", Encoding.UTF8.GetBytes("{}"));
        var manifest = OciHttp.ImageManifest(config, 2);
        foreach (var tag in new[] { "a", "b", "c", "d", "e" })
            await _oci.Oci(HttpMethod.Put, $"/v2/paged/repo/manifests/{tag}", manifest,
                r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));

        var first = await _oci.GetAsync("/v2/paged/repo/tags/list?n=2");
        Assert.Equal(["a", "b"], Tags(await first.Content.ReadAsStringAsync()));
        Assert.Equal("</v2/paged/repo/tags/list?n=2&last=b>; rel=\"next\"", first.Headers.GetValues("Link").Single());
        var second = await _oci.GetAsync("/v2/paged/repo/tags/list?n=2&last=b");
        Assert.Equal(["c", "d"], Tags(await second.Content.ReadAsStringAsync()));
        var last = await _oci.GetAsync("/v2/paged/repo/tags/list?n=2&last=d");
        Assert.Equal(["e"], Tags(await last.Content.ReadAsStringAsync()));
        Assert.False(last.Headers.Contains("Link"));

        var catalog = JsonNode.Parse(await _oci.GetStringAsync("/v2/_catalog"))!["repositories"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("paged/repo", catalog);
    }

    [Fact]
    public async Task Referrers_list_manifests_by_subject_filtered_by_artifact_type()
    {
        var config = await _oci.PushBlob("ref/repo", Encoding.UTF8.GetBytes("{}"));
        var subject = OciHttp.ImageManifest(config, 2);
        await _oci.Oci(HttpMethod.Put, "/v2/ref/repo/manifests/v1", subject,
            r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        var subjectDigest = OciLayout.Digest(subject);
        var signature = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"application/vnd.example.sig\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"{config}\",\"size\":2}},\"layers\":[]," +
            $"\"subject\":{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{subjectDigest}\",\"size\":{subject.Length}}}}}");
        var put = await _oci.Oci(HttpMethod.Put, $"/v2/ref/repo/manifests/{OciLayout.Digest(signature)}", signature,
            r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(subjectDigest, put.Headers.GetValues("OCI-Subject").Single());

        var all = JsonNode.Parse(await _oci.GetStringAsync($"/v2/ref/repo/referrers/{subjectDigest}"))!;
        Assert.Equal("application/vnd.example.sig", all["manifests"]![0]!["artifactType"]!.GetValue<string>());
        var filtered = await _oci.GetAsync($"/v2/ref/repo/referrers/{subjectDigest}?artifactType=application/vnd.other");
        Assert.Equal("artifactType", filtered.Headers.GetValues("OCI-Filters-Applied").Single());
        Assert.Empty(JsonNode.Parse(await filtered.Content.ReadAsStringAsync())!["manifests"]!.AsArray());
    }

    [Fact]
    public async Task Cross_repository_mount_links_an_existing_blob()
    {
        var digest = await _oci.PushBlob("mount/source", Encoding.UTF8.GetBytes("shared layer"));
        var mounted = await _oci.Oci(HttpMethod.Post, $"/v2/mount/target/blobs/uploads/?mount={digest}&from=mount/source");
        Assert.Equal(HttpStatusCode.Created, mounted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _oci.Oci(HttpMethod.Head, $"/v2/mount/target/blobs/{digest}")).StatusCode);
        var fallback = await _oci.Oci(HttpMethod.Post, $"/v2/mount/target/blobs/uploads/?mount={OciLayout.Digest([1, 2, 3])}&from=mount/source");
        Assert.Equal(HttpStatusCode.Accepted, fallback.StatusCode);
    }

    [Fact]
    public async Task Concurrent_uploads_of_one_blob_all_succeed_once_stored()
    {
        var content = new byte[256 * 1024];
        new Random(7).NextBytes(content);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _oci.Oci(HttpMethod.Post,
            $"/v2/concurrent/repo/blobs/uploads/?digest={OciLayout.Digest(content)}", content)));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(content, await _oci.GetByteArrayAsync($"/v2/concurrent/repo/blobs/{OciLayout.Digest(content)}"));
    }

    private static string[] Tags(string json) => JsonNode.Parse(json)!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
}
