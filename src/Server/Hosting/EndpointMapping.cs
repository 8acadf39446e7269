using GitOpsHQ.Server.Api;
using GitOpsHQ.Server.OpenApi;

namespace GitOpsHQ.Server.Hosting;

/// <summary>The server's HTTP surface: middleware order, the three API doors, health, OpenAPI and the UI.</summary>
public static class EndpointMapping
{
    /// <summary>Browser UI routes besides one per loaded artifact kind (served by the single-page app's index.html).</summary>
    private static readonly string[] UiRoutes = ["/settings", "/settings/{**route}", "/login", "/workloads"];

    public static void UseApi(this WebApplication app)
    {
        app.Use(Observability.RequestIds.AnswerAsync);
        app.Use(app.Services.GetRequiredService<Observability.ServerMetrics>().CountAsync);
        var renderTimeout = (app.Configuration.GetSection(Catalog.CatalogOptions.Section).Get<Catalog.CatalogOptions>() ?? new Catalog.CatalogOptions()).RenderTimeout;
        app.Use((http, next) => Plugins.RenderDeadline.StartAsync(http, next, renderTimeout));
        app.UseForwardedHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.Use(RestJsonBodies);
        app.UseRouting();
        app.UseRateLimiter();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.UseAuthentication();
        app.Use(Auth.CsrfProtection.CheckAsync);
        app.UseAuthorization();
    }

    /// <summary>
    /// The REST API speaks JSON only. A body sent without a JSON content type (<c>curl -d</c> sends a form's by default) is
    /// read as the JSON it is, so commands typed without <c>-H 'Content-Type: application/json'</c> work; a body that is not
    /// JSON is refused as such.
    /// </summary>
    private static Task RestJsonBodies(HttpContext http, Func<Task> next)
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api/v2") && (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0) &&
            request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
            request.ContentType = "application/json";
        return next();
    }

    public static void MapApi(this WebApplication app)
    {
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<OrgGrpcService>();
        app.MapGrpcService<SessionGrpcService>();
        app.MapGet("/healthz", () => Results.Text("ok\n")).AllowAnonymous();
        app.MapGet("/api/v2/openapi.json", () => Results.Text(RestDescription.Json, "application/json")).AllowAnonymous();
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus' text format: open to whoever reaches the listening address, or, with
    /// <c>Metrics:RequireToken</c>, to users with a personal access token (<see cref="Auth.Policies.MetricsReader"/>).
    /// </summary>
    public static void MapMetrics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(Observability.MetricsOptions.Section).Get<Observability.MetricsOptions>() ?? new Observability.MetricsOptions();
        if (!options.Enabled) return;
        var registry = app.Services.GetRequiredService<Observability.ServerMetrics>().Registry;
        var endpoint = app.MapGet("/metrics", async (HttpContext http) =>
        {
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        });
        if (options.RequireToken) endpoint.RequireAuthorization(Auth.Policies.MetricsReader);
        else endpoint.AllowAnonymous();
    }

    public static void MapUi(this WebApplication app)
    {
        var kinds = app.Services.GetRequiredService<Plugins.ArtifactKinds>().All.SelectMany(k => new[] { $"/{k.Kind}", $"/{k.Kind}/{{**route}}" });
        foreach (var route in kinds.Concat(UiRoutes)) app.MapFallbackToFile(route, "index.html").AllowAnonymous();
    }
}
