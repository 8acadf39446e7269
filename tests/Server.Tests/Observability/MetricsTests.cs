using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Observability;

/// <summary>/metrics after real requests through every door: the counters move with the right labels.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Requests_renders_git_and_blob_bytes_are_counted_by_door_and_status()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Http("");
        using var api = server.Http();
        var before = await Scrape.ReadAsync(anonymous);

        await api.Post("/api/v2/org-charts", new { name = "web", scaffold = true });
        await api.Post("/api/v2/org-charts/web/versions", new { version = "0.1.0" });
        var (rendered, _) = await api.Post("/api/v2/org-charts/web/render", new { @ref = "0.1.0" });
        Assert.Equal(HttpStatusCode.OK, rendered);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v2/org-charts/nothing-here")).StatusCode);

        using var oci = OciHttp.Client(server, server.AdminToken);
        var blob = Encoding.UTF8.GetBytes(new string('x', 12345));
        var digest = await oci.PushBlob("team/app", blob);
        Assert.Equal(blob, await oci.GetByteArrayAsync($"/v2/team/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v2/team/app/blobs/{digest}")).StatusCode);

        using var git = new HttpClient { BaseAddress = new Uri(server.Url) };
        git.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("x:" + server.AdminToken)));
        var advertisement = await git.GetByteArrayAsync("/git/charts/web.git/info/refs?service=git-upload-pack");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);

        var after = await Scrape.ReadAsync(anonymous);
        double Moved(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);

        const string requests = "gitopshq_http_requests_total";
        Assert.Equal(2, Moved(requests, ("door", "rest"), ("method", "POST"), ("status", "201")));
        Assert.Equal(1, Moved(requests, ("door", "rest"), ("method", "POST"), ("status", "200")));
        Assert.Equal(1, Moved(requests, ("door", "rest"), ("method", "GET"), ("status", "404")));
        Assert.Equal(1, Moved(requests, ("door", "oci"), ("method", "POST"), ("status", "201")));
        Assert.Equal(1, Moved(requests, ("door", "oci"), ("method", "GET"), ("status", "200")));
        Assert.Equal(1, Moved(requests, ("door", "oci"), ("method", "GET"), ("status", "401")));
        Assert.Equal(1, Moved(requests, ("door", "git"), ("method", "GET"), ("status", "200")));
        Assert.Equal(2, Moved(requests, ("door", "ops"), ("method", "GET"), ("status", "200"))); // /healthz and the first scrape
        Assert.Equal(4, Moved("gitopshq_http_request_duration_seconds_count", ("door", "rest")));
        Assert.Equal(1, Moved("gitopshq_http_request_duration_seconds_bucket", ("door", "git"), ("le", "+Inf")));

        Assert.True(Moved("gitopshq_render_duration_seconds_count", ("kind", "charts"), ("outcome", "ok")) >= 1, after.Text);
        Assert.Equal(blob.Length, Moved("gitopshq_served_bytes_total", ("content", "blob"), ("via", "server")));
        Assert.Equal(0, Moved("gitopshq_served_bytes_total", ("content", "blob"), ("via", "nginx")));
        Assert.Equal(advertisement.Length, Moved("gitopshq_served_bytes_total", ("content", "git"), ("via", "server")));
        // The runtime's own figures come along.
        Assert.Contains("dotnet_collection_count_total", after.Text);
        Assert.Contains("process_cpu_seconds_total", after.Text);
    }

    [Fact]
    public async Task Registry_rate_limit_refusals_are_counted()
    {
        await using var server = await TestServer.StartAsync(null, "--OciRegistry:RateLimit:RequestsPerMinute=2");
        using var oci = OciHttp.Client(server, server.AdminToken);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await oci.GetAsync("/v2/")).StatusCode);

        var refused = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.True(refused >= 1, string.Join(", ", statuses));
        var scrape = await Scrape.ReadAsync(server.Http(""));
        Assert.Equal(refused, scrape.Value("gitopshq_rate_limited_requests_total", ("limit", "oci-registry")));
        Assert.Equal(refused, scrape.Value("gitopshq_http_requests_total", ("door", "oci"), ("method", "GET"), ("status", "429")));
    }

    [Fact]
    public async Task With_RequireToken_only_users_read_metrics()
    {
        await using var server = await TestServer.StartAsync(null, "--Metrics:RequireToken=true");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http("").GetAsync("/metrics")).StatusCode);

        var viewer = await server.TokenForAsync("prometheus", "VIEWER");
        var scrape = await Scrape.ReadAsync(server.Http(viewer));
        Assert.Contains("gitopshq_http_requests_total", scrape.Text);

        using var admin = server.Http();
        var (_, created) = await admin.Post("/api/v2/org/registry-tokens", new { name = "pull", scope = "pull" });
        using var registryToken = server.Http(created.Str("value"));
        Assert.NotEqual(HttpStatusCode.OK, (await registryToken.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_can_be_switched_off()
    {
        await using var server = await TestServer.StartAsync(null, "--Metrics:Enabled=false");
        var response = await server.Http().GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
