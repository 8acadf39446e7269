using Prometheus;

namespace GitOpsHQ.Server.Observability;

/// <summary>
/// The server's Prometheus metrics, in a registry of its own (two servers in one process never share counters), served
/// at <c>/metrics</c> in Prometheus' text format. Labels take only a few fixed values: doors, methods, status codes,
/// artifact kinds; never names, users or paths.
/// </summary>
public sealed class ServerMetrics
{
    private static readonly HashSet<string> Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    public ServerMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Requests = factory.CreateCounter("gitopshq_http_requests_total", "HTTP requests answered, by door, method and status code.",
            new CounterConfiguration { LabelNames = ["door", "method", "status"] });
        RequestDuration = factory.CreateHistogram("gitopshq_http_request_duration_seconds", "Time from a request's arrival to its last byte, by door.",
            new HistogramConfiguration { LabelNames = ["door"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        RenderDuration = factory.CreateHistogram("gitopshq_render_duration_seconds",
            "Time a plugin spent rendering an artifact (previews, workload renders and upgrades), by kind and outcome.",
            new HistogramConfiguration { LabelNames = ["kind", "outcome"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        RateLimited = factory.CreateCounter("gitopshq_rate_limited_requests_total", "Requests refused by a rate limit (429), by limit.",
            new CounterConfiguration { LabelNames = ["limit"] });
        BytesServed = factory.CreateCounter("gitopshq_served_bytes_total",
            "Bytes served: Git packs (content git) and registry blobs (content blob), by who sent them (server, or nginx for offloaded blob downloads).",
            new CounterConfiguration { LabelNames = ["content", "via"] });
        // Series with known labels are there from the start, at 0.
        BytesServed.WithLabels("git", "server");
        BytesServed.WithLabels("blob", "server");
        BytesServed.WithLabels("blob", "nginx");
        RateLimited.WithLabels(GitOpsHQ.Server.Registry.RegistryRateLimit.Policy);
        DotNetStats.Register(Registry);
    }

    public CollectorRegistry Registry { get; }
    public Counter Requests { get; }
    public Histogram RequestDuration { get; }
    public Histogram RenderDuration { get; }
    public Counter RateLimited { get; }
    public Counter BytesServed { get; }

    public void GitBytes(long bytes) => BytesServed.WithLabels("git", "server").Inc(bytes);

    public void BlobBytes(long bytes, bool offloaded) => BytesServed.WithLabels("blob", offloaded ? "nginx" : "server").Inc(bytes);

    /// <summary>The door a request came through: the API's three (rest, grpc, grpc-web), the registry, Git, the Helm repository, the UI, or ops (health and metrics).</summary>
    public static string Door(HttpRequest request)
    {
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase)) return "grpc-web";
        if (contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)) return "grpc";
        var path = request.Path;
        if (path.StartsWithSegments("/api")) return "rest";
        if (path.StartsWithSegments("/v2")) return "oci";
        if (path.StartsWithSegments("/git")) return "git";
        if (path.StartsWithSegments("/helm")) return "helm";
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/metrics")) return "ops";
        return "ui";
    }

    /// <summary>Counts every request with its door, method and final status, and its duration.</summary>
    public async Task CountAsync(HttpContext http, Func<Task> next)
    {
        var door = Door(http.Request);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next();
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var method = Methods.Contains(http.Request.Method) ? http.Request.Method : "other";
            // A request that threw before answering is counted as the 500 the client gets.
            var status = failed && !http.Response.HasStarted ? 500 : http.Response.StatusCode;
            Requests.WithLabels(door, method, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            RequestDuration.WithLabels(door).Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
