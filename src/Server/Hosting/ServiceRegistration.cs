using GitOpsHQ.Server.Api;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Features;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.FeatureManagement;

namespace GitOpsHQ.Server.Hosting;

/// <summary>What each part of the server adds to the container; Program reads like their table of contents.</summary>
public static class ServiceRegistration
{
    public static void AddDataFolder(this WebApplicationBuilder builder)
    {
        var path = builder.Configuration[$"{DataOptions.Section}:Path"] ?? builder.Configuration["data"] ?? "data";
        var layout = new DataLayout(Path.GetFullPath(path, Directory.GetCurrentDirectory()));
        layout.EnsureCreated();
        builder.Services.AddSingleton(layout);
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        database.Parse();
        builder.Services.AddSingleton(sp => new Database(layout, database));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(layout.Keys)).SetApplicationName("gitopshq");
    }

    /// <summary>Request ids on every request and log line, and the Prometheus metrics.</summary>
    public static void AddObservability(this WebApplicationBuilder builder)
    {
        Observability.RequestIds.AddRequestIds(builder);
        builder.Services.AddSingleton<Observability.ServerMetrics>();
    }

    public static void AddArtifactPlugins(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PluginOptions.Section).Get<PluginOptions>() ?? new PluginOptions();
        var path = string.IsNullOrEmpty(options.Path) ? Path.Combine(AppContext.BaseDirectory, "plugins") : Path.GetFullPath(options.Path);
        builder.Services.AddSingleton(ArtifactPluginLoader.Load(path, options.Required));
    }

    public static void AddCatalog(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(CatalogOptions.Section);
        var options = section.Get<CatalogOptions>() ?? new CatalogOptions();
        options.Validate();
        builder.Services.Configure<CatalogOptions>(section);
        builder.Services.AddSingleton<FileLimits>();
        builder.Services.AddSingleton<ArtifactLocks>();
        builder.Services.AddSingleton<CatalogIndex>();
        builder.Services.AddSingleton<VersionIndex>();
        builder.Services.AddSingleton<ArtifactRepositories>();
        builder.Services.AddSingleton<ArtifactCatalog>();
        builder.Services.AddSingleton<WorkingCopy>();
        builder.Services.AddSingleton<VersionCatalog>();
        builder.Services.AddSingleton<PublicationJournal>();
        builder.Services.AddSingleton<RemoteSourceFetcher>();
        builder.Services.AddSingleton<ArtifactDiffs>();
        builder.Services.AddFeatureManagement();
        builder.Services.AddSingleton<RenderPreview>();
    }

    public static void AddOrgAuth(this WebApplicationBuilder builder)
    {
        var sessions = builder.Configuration.GetSection(BrowserSessionOptions.Section);
        (sessions.Get<BrowserSessionOptions>() ?? new BrowserSessionOptions()).Validate();
        builder.Services.Configure<BrowserSessionOptions>(sessions);
        builder.Services.AddSingleton<UserDirectory>();
        builder.Services.AddSingleton<Passwords>();
        builder.Services.AddSingleton<BrowserSessions>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<TokenUsage>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TokenUsage>());
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<RevokedCredentials>();
        builder.Services.AddSingleton<RegistryTokens>();
        builder.Services.AddSingleton<AdminBootstrap>();
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(Policies.Register);
    }

    public static void AddApi(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(CatalogOptions.Section).Get<CatalogOptions>() ?? new CatalogOptions();
        var maxMessage = (int)Math.Min(int.MaxValue, limits.MaxArtifactBytes * 2 + 1024 * 1024);
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorInterceptor>();
            o.MaxReceiveMessageSize = maxMessage;
            o.MaxSendMessageSize = maxMessage;
        }).AddJsonTranscoding(o =>
            o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.BadRequest.Descriptor,
                Google.Rpc.RequestInfo.Descriptor));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxMessage);
    }
}
