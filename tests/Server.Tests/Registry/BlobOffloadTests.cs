using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using GitOpsHQ.Server.Tests.Observability;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Registry;

/// <summary>
/// Blob downloads handed to a fronting nginx (OciRegistry:Offload:AccelRedirect) with the locations this repository
/// ships: the server authorises, nginx sends the file; nothing reaches the internal location without the server.
/// </summary>
public sealed class BlobOffloadTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private Nginx _nginx = null!;

    public async Task InitializeAsync()
    {
        if (Nginx.MissingReason() is not null) return;
        _server = await TestServer.StartAsync(null, "--OciRegistry:Offload:AccelRedirect=/_blobs/", "--OciRegistry:RateLimit:TrustedProxies:0=127.0.0.1");
        _nginx = await Nginx.StartAsync(new Uri(_server.Url).Authority, _server.DataPath);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null) await _nginx.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }

    private HttpClient Front(string? token) => Basic(new HttpClient { BaseAddress = new Uri(_nginx.Url) }, token);

    private static HttpClient Basic(HttpClient client, string? token)
    {
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + token)));
        return client;
    }

    [NginxFact]
    public async Task A_blob_pulled_through_nginx_is_byte_identical_with_the_registry_headers()
    {
        using var http = Front(_server.AdminToken);
        var blob = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var digest = await http.PushBlob("team/app", blob); // pushed through nginx too

        using var response = await http.GetAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(blob, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, Assert.Single(response.Headers.GetValues("Docker-Content-Digest")));
        Assert.Equal("registry/2.0", Assert.Single(response.Headers.GetValues("Docker-Distribution-API-Version")));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(blob.Length, response.Content.Headers.ContentLength);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.False(response.Headers.Contains("X-Accel-Redirect"));

        // HEAD stays with the server: the same headers, no body, nothing handed to nginx.
        var before = await Scrape.ReadAsync(_server.Http(""));
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(blob.Length, head.Content.Headers.ContentLength);
        Assert.Equal(digest, Assert.Single(head.Headers.GetValues("Docker-Content-Digest")));
        var after = await Scrape.ReadAsync(_server.Http(""));
        Assert.Equal(before.Value("gitopshq_served_bytes_total", ("content", "blob"), ("via", "nginx")),
            after.Value("gitopshq_served_bytes_total", ("content", "blob"), ("via", "nginx")));
        Assert.True(before.Value("gitopshq_served_bytes_total", ("content", "blob"), ("via", "nginx")) >= blob.Length);
        Assert.Equal(0, after.Value("gitopshq_served_bytes_total", ("content", "blob"), ("via", "server")));
    }

    [NginxFact]
    public async Task Ranges_are_answered_206_with_the_right_bytes()
    {
        using var http = Front(_server.AdminToken);
        var blob = RandomNumberGenerator.GetBytes(1024 * 1024);
        var digest = await http.PushBlob("team/app", blob);

        foreach (var (header, from, to) in new[] { ("bytes=100-199", 100, 199), ("bytes=-10", blob.Length - 10, blob.Length - 1), ("bytes=1048000-", 1048000, blob.Length - 1) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/team/app/blobs/{digest}");
            request.Headers.TryAddWithoutValidation("Range", header);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(blob[from..(to + 1)], await response.Content.ReadAsByteArrayAsync());
            Assert.Equal($"bytes {from}-{to}/{blob.Length}", response.Content.Headers.ContentRange!.ToString());
            Assert.Equal(digest, Assert.Single(response.Headers.GetValues("Docker-Content-Digest")));
        }

        using var outside = new HttpRequestMessage(HttpMethod.Get, $"/v2/team/app/blobs/{digest}");
        outside.Headers.TryAddWithoutValidation("Range", $"bytes={blob.Length}-");
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await http.SendAsync(outside)).StatusCode);
    }

    [NginxFact]
    public async Task Nothing_reaches_the_internal_location_without_the_server()
    {
        var blob = Encoding.UTF8.GetBytes("a secret layer " + Guid.NewGuid());
        string digest;
        using (var admin = Front(_server.AdminToken)) digest = await admin.PushBlob("team/app", blob);
        var hex = digest["sha256:".Length..];
        var secret = Encoding.UTF8.GetString(blob);

        using var anonymous = Front(null);
        foreach (var path in new[] { $"/_blobs/sha256/{hex[..2]}/{hex}", $"/_blobs/sha256/{hex[..2]}/", "/_blobs/", $"/_blobs/../_blobs/sha256/{hex[..2]}/{hex}" })
        {
            using var direct = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
            Assert.DoesNotContain(secret, await direct.Content.ReadAsStringAsync());
        }

        // A client cannot hand nginx the redirect itself: only an upstream answer's header counts.
        using (var forged = new HttpRequestMessage(HttpMethod.Get, "/healthz"))
        {
            forged.Headers.TryAddWithoutValidation("X-Accel-Redirect", $"/_blobs/sha256/{hex[..2]}/{hex}");
            using var response = await anonymous.SendAsync(forged);
            Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
        }

        using var unauthorized = await anonymous.GetAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("UNAUTHORIZED", await unauthorized.ErrorCode());

        using var wrong = Front("not-a-token");
        using var refused = await wrong.GetAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain(secret, await refused.Content.ReadAsStringAsync());

        // A push-only registry token may see that the blob exists, never download it.
        var (_, created) = await _server.Http().Post("/api/v2/org/registry-tokens", new { name = "ci", scope = "push" });
        using var pushOnly = Front(created.Str("value"));
        using var denied = await pushOnly.GetAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.DoesNotContain(secret, await denied.Content.ReadAsStringAsync());
    }

    [NginxFact]
    public async Task A_published_chart_pulls_through_nginx()
    {
        using var api = _server.Http();
        await api.Post("/api/v2/org-charts", new { name = "web", scaffold = true });
        await api.Post("/api/v2/org-charts/web/versions", new { version = "0.1.0" });
        var (_, package) = await api.Get("/api/v2/org-charts/web/versions/0.1.0/package");

        using var http = Front(_server.AdminToken);
        using var layer = await http.GetAsync($"/v2/charts/web/blobs/{package.Str("digest")}");
        Assert.Equal(HttpStatusCode.OK, layer.StatusCode);
        Assert.Equal(Convert.FromBase64String(package.Str("content")), await layer.Content.ReadAsByteArrayAsync());
    }

    [NginxFact("helm")]
    public async Task Helm_pulls_a_published_chart_through_nginx()
    {
        using var api = _server.Http();
        await api.Post("/api/v2/org-charts", new { name = "shop", scaffold = true });
        await api.Post("/api/v2/org-charts/shop/versions", new { version = "0.1.0" });
        var (_, package) = await api.Get("/api/v2/org-charts/shop/versions/0.1.0/package");

        using var helm = new RealClient("helm");
        helm.Ok("registry", "login", _nginx.Host, "--username", "any", "--password", _server.AdminToken, "--insecure");
        var pulled = Directory.CreateDirectory(Path.Combine(helm.Home, "pulled")).FullName;
        helm.Ok("pull", $"oci://{_nginx.Host}/charts/shop", "--version", "0.1.0", "--plain-http", "--destination", pulled);
        Assert.Equal(Convert.FromBase64String(package.Str("content")), File.ReadAllBytes(Path.Combine(pulled, "shop-0.1.0.tgz")));
    }

    [NginxFact]
    public void Skopeo_copies_an_image_in_and_back_out_through_nginx()
    {
        var work = TempFolder.Create("skopeo-nginx");
        try
        {
            var source = Path.Combine(work, "source");
            var (manifestDigest, layerDigest) = OciLayout.Write(source, "v1", "served by nginx\n");
            var target = $"docker://{_nginx.Host}/team/offloaded:v1";
            var creds = $"anyone:{_server.AdminToken}";

            var (code, _, error) = Skopeo.Run("copy", "--dest-tls-verify=false", "--dest-creds", creds, "--preserve-digests", $"oci:{source}:v1", target);
            Assert.True(code == 0, error);
            var back = Path.Combine(work, "back");
            (code, _, error) = Skopeo.Run("copy", "--src-tls-verify=false", "--src-creds", creds, target, $"oci:{back}:v1");
            Assert.True(code == 0, error + _nginx.ErrorLog());
            Assert.Equal(File.ReadAllBytes(Path.Combine(source, "blobs", "sha256", layerDigest[7..])),
                File.ReadAllBytes(Path.Combine(back, "blobs", "sha256", layerDigest[7..])));
            Assert.True(File.Exists(Path.Combine(back, "blobs", "sha256", manifestDigest[7..])));
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [Fact]
    public async Task Without_nginx_the_server_answers_the_redirect_and_no_bytes()
    {
        await using var server = await TestServer.StartAsync(null, "--OciRegistry:Offload:AccelRedirect=/_blobs/");
        using var http = OciHttp.Client(server, server.AdminToken);
        var digest = await http.PushBlob("team/app", Encoding.UTF8.GetBytes("offloaded"));
        using var response = await http.GetAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/_blobs/sha256/{digest[7..9]}/{digest[7..]}", Assert.Single(response.Headers.GetValues("X-Accel-Redirect")));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, Assert.Single(response.Headers.GetValues("Docker-Content-Digest")));
    }

    [Theory]
    [InlineData("_blobs/")]
    [InlineData("/_blobs")]
    [InlineData("/_blobs/?x=")]
    public async Task A_malformed_location_stops_the_start(string location)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync(null, $"--OciRegistry:Offload:AccelRedirect={location}"));
        Assert.Contains("OciRegistry:Offload:AccelRedirect", error.Message);
    }
}
