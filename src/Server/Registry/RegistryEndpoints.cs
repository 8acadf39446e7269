using System.Text.Json;
using GitOpsHQ.Server.Errors;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.Registry;

/// <summary>Wires the embedded OCI registry: /v2/, its token endpoint, and the expiry of abandoned uploads.</summary>
public static class RegistryEndpoints
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

    public static void AddOciRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<OciRegistryOptions>(builder.Configuration.GetSection(OciRegistryOptions.Section));
        (builder.Configuration.GetSection(OciRegistryOptions.Section).Get<OciRegistryOptions>() ?? new OciRegistryOptions()).Offload.Validate();
        builder.Services.AddSingleton<BlobStore>();
        builder.Services.AddSingleton<UploadSessions>();
        builder.Services.AddSingleton<OciRepositoryStore>();
        builder.Services.AddSingleton<ArtifactOciView>();
        builder.Services.AddSingleton<OciPushImport>();
        builder.Services.AddSingleton<RegistryAccess>();
        builder.Services.AddSingleton<RegistryApi>();
        builder.Services.AddHostedService<UploadExpiry>();
        builder.AddRegistryRateLimit();
    }

    public static void MapOciRegistry(this WebApplication app)
    {
        app.MapGet("/v2/token", IssueToken).AllowAnonymous().RequireRateLimiting(RegistryRateLimit.Policy);
        app.MapMethods("/v2", Methods, (HttpContext http, RegistryApi api) => api.HandleAsync(http, "")).AllowAnonymous()
            .RequireRateLimiting(RegistryRateLimit.Policy);
        // The raw path keeps what routing would trim (the trailing '/' of ".../blobs/uploads/").
        app.MapMethods("/v2/{**path}", Methods, (HttpContext http, RegistryApi api) => api.HandleAsync(http, http.Request.Path.Value!["/v2".Length..]))
            .AllowAnonymous().RequireRateLimiting(RegistryRateLimit.Policy);
    }

    /// <summary>The bearer token flow: Basic credentials (any username, a token as password) for a short-lived scoped token.</summary>
    private static async Task IssueToken(HttpContext http, RegistryAccess access, IOptions<OciRegistryOptions> options)
    {
        var authenticated = http.User.Identity?.IsAuthenticated == true;
        if (!authenticated && (http.Request.Headers.Authorization.Count > 0 || !options.Value.AnonymousPull))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"GitOpsHQ registry\"";
            await OciResponses.WriteError(http, ErrorCode.Unauthorized,
                http.Request.Headers.Authorization.Count > 0 ? Auth.Access.InvalidToken : "authentication required");
            return;
        }
        var scopes = http.Request.Query["scope"].SelectMany(s => (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var token = access.Issue(http.User, scopes, options.Value.AnonymousPull);
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            token,
            access_token = token,
            expires_in = (int)RegistryAccess.Lifetime.TotalSeconds,
            issued_at = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        }));
    }
}

/// <summary>Removes blob uploads nobody finished (on one replica at a time).</summary>
public sealed class UploadExpiry(UploadSessions uploads, IOptions<OciRegistryOptions> options, Cluster.IReplicaLeases leases, ILogger<UploadExpiry> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        try
        {
            do
            {
                await Cluster.ReplicaLeaseExtensions.RunAloneAsync(leases, "upload-expiry", _ =>
                {
                    try
                    {
                        var expired = uploads.Expire(TimeSpan.FromMinutes(options.Value.UploadExpiryMinutes));
                        if (expired > 0) logger.LogInformation("Removed {Count} abandoned blob uploads", expired);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        logger.LogWarning(e, "Could not remove abandoned blob uploads; trying again at the next round");
                    }
                    return Task.CompletedTask;
                }, logger, stoppingToken);
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
