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

    public static void MapUi(this WebApplication app)
    {
        var kinds = app.Services.GetRequiredService<Plugins.ArtifactKinds>().All.SelectMany(k => new[] { $"/{k.Kind}", $"/{k.Kind}/{{**route}}" });
        foreach (var route in kinds.Concat(UiRoutes)) app.MapFallbackToFile(route, "index.html").AllowAnonymous();
    }
}
