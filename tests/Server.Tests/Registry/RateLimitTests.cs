using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Registry;

/// <summary>300 requests per minute per client IP on /v2/, as a token bucket refilling 5 per second.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task The_301st_request_in_a_minute_is_refused_another_ip_is_not_and_the_bucket_refills()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(null, clock, "--OciRegistry:RateLimit:TrustedProxies:0=127.0.0.1");
        using var oci = OciHttp.Client(server, server.AdminToken);

        for (var i = 0; i < 300; i++)
            Assert.Equal(HttpStatusCode.OK, (await oci.GetAsync("/v2/")).StatusCode);
        var refused = await oci.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("TOOMANYREQUESTS", await refused.ErrorCode());
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await oci.GetAsync("/v2/token?scope=repository:a/b:pull")).StatusCode);

        var viaProxy = await oci.Oci(HttpMethod.Get, "/v2/", configure: r => r.Headers.Add("X-Forwarded-For", "10.0.0.2"));
        Assert.Equal(HttpStatusCode.OK, viaProxy.StatusCode);

        using var api = server.Http();
        Assert.Equal(HttpStatusCode.OK, (await api.Get("/api/v2/org-charts")).Status);

        clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await oci.GetAsync("/v2/")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await oci.GetAsync("/v2/")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_addresses_count_only_from_trusted_proxies()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(null, clock, "--OciRegistry:RateLimit:RequestsPerMinute=2");
        using var oci = OciHttp.Client(server, server.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await oci.GetAsync("/v2/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oci.GetAsync("/v2/")).StatusCode);
        // Not a trusted proxy: the header is ignored and the caller is still 127.0.0.1.
        var spoofed = await oci.Oci(HttpMethod.Get, "/v2/", configure: r => r.Headers.Add("X-Forwarded-For", "10.9.9.9"));
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }
}
