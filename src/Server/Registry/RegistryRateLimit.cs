using System.Net;
using System.Threading.RateLimiting;
using GitOpsHQ.Server.Errors;
using Microsoft.AspNetCore.HttpOverrides;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// OciRegistry:RateLimit — every /v2/ endpoint (the token endpoint included) is limited per client IP with ASP.NET Core's
/// rate limiter; X-Forwarded-For counts only from the configured trusted proxies. /api/ is not limited by this rule. With
/// Redis:Configuration, an address is counted across all replicas together (<see cref="Cluster.SharedTokenBucket"/>).
/// </summary>
public static class RegistryRateLimit
{
    public const string Policy = "oci-registry";

    public static void AddRegistryRateLimit(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OciRegistryOptions.Section).Get<OciRegistryOptions>() ?? new OciRegistryOptions();
        var perMinute = options.RateLimit.RequestsPerMinute;
        if (perMinute <= 0) throw new InvalidOperationException("OciRegistry:RateLimit:RequestsPerMinute must be a positive number.");

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // With no proxy listed, the forwarded-headers middleware would believe anyone: then it reads nothing.
            forwarded.ForwardedHeaders = options.RateLimit.TrustedProxies.Count > 0 ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in options.RateLimit.TrustedProxies)
                forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"OciRegistry:RateLimit:TrustedProxies: '{proxy}' is not an IP address."));
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http =>
            {
                var clock = http.RequestServices.GetRequiredService<TimeProvider>();
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                // With Redis, one bucket per address shared by every replica (this replica's own bucket if Redis is away).
                if (http.RequestServices.GetService<Cluster.RedisConnection>() is { } redis)
                    return RateLimitPartition.Get(client, _ => new Cluster.SharedTokenBucket(client, perMinute, perMinute / 60.0, redis,
                        new ClockedTokenBucket(perMinute, perMinute / 60.0, clock), http.RequestServices.GetRequiredService<Cluster.SharedTokenBucket.Warnings>()));
                return RateLimitPartition.Get(client, _ => new ClockedTokenBucket(perMinute, perMinute / 60.0, clock));
            });
            limiter.OnRejected = async (context, _) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<Observability.ServerMetrics>().RateLimited.WithLabels(Policy).Inc();
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Max(1, Math.Ceiling(wait.TotalSeconds))).ToString();
                await OciResponses.WriteError(context.HttpContext, ErrorCode.TooManyRequests,
                    $"More than {perMinute} requests per minute from this address; retry after the time in Retry-After.");
            };
        });
    }
}
