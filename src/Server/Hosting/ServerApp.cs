using GitOpsHQ.Server.Audit;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Cluster;
using GitOpsHQ.Server.ExternalSources;
using GitOpsHQ.Server.GitHttp;
using GitOpsHQ.Server.HelmRepository;
using GitOpsHQ.Server.Registry;
using GitOpsHQ.Server.Storage;
using GitOpsHQ.Server.Workloads;

namespace GitOpsHQ.Server.Hosting;

/// <summary>Builds and starts the server: the same path for `dotnet run`, the built binary and the tests.</summary>
public static class ServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--data"] = "Data:Path",
        ["--plugins"] = "Plugins:Path",
    };

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        Errors.ErrorCode.RequireUnique(Errors.ErrorCode.All);
        // `--urls` is bound by ListenEndpoints itself; the host must not see it and bind it a second way.
        var (urls, others) = TakeUrls(args);
        args = others;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Configuration.AddCommandLine(args, Switches);
        configure?.Invoke(builder);

        builder.AddListenEndpoints(urls);
        builder.AddObservability();
        builder.AddDataFolder();
        builder.AddCluster();
        builder.AddAudit();
        builder.AddArtifactPlugins();
        builder.AddCatalog();
        builder.AddOrgAuth();
        builder.AddApi();
        builder.AddGitHttp();
        builder.AddOciRegistry();
        builder.AddHelmRepository();
        builder.AddExternalSources();
        builder.AddWorkloads();

        var app = builder.Build();
        app.UseApi();
        app.MapApi();
        app.MapMetrics();
        app.MapAudit();
        app.MapGitHttp();
        app.MapOciRegistry();
        app.MapHelmRepository();
        app.MapExternalSources();
        app.MapWorkloads();
        app.MapUi();
        return app;
    }

    private static (string? Urls, string[] Others) TakeUrls(string[] args)
    {
        string? urls = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--urls" && i + 1 < args.Length) urls = args[++i];
            else if (args[i].StartsWith("--urls=", StringComparison.Ordinal)) urls = args[i]["--urls=".Length..];
            else rest.Add(args[i]);
        }
        return (urls, rest.ToArray());
    }

    /// <summary>Prepares the data folder, starts listening and returns the first bound address and, on a first start, the admin's credentials.</summary>
    public static async Task<(string Url, FirstAdmin? FirstAdmin)> StartAsync(WebApplication app, CancellationToken ct = default)
    {
        await KeyRing.EnsureAsync(app.Services.GetRequiredService<DataLayout>(),
            app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>(),
            app.Services.GetRequiredService<TimeProvider>(), ct);
        app.Services.GetRequiredService<Database>().Migrate();
        var shared = app.Services.GetRequiredService<ClusterOptions>().Replicas > 1;
        await app.Services.GetRequiredService<DataLayout>().SweepLeftoversAsync(app.Services.GetRequiredService<ArtifactLocks>(), shared, ct);
        await app.Services.GetRequiredService<Audit.AuditJournal>().RepairAsync(app.Services.GetRequiredService<ArtifactLocks>(), ct);
        await app.Services.GetRequiredService<PublicationJournal>().RepairAsync(app.Services.GetRequiredService<ArtifactRepositories>(), ct);
        app.Services.GetRequiredService<ArtifactRepositories>().Reconcile(full: false);
        var firstAdmin = app.Services.GetRequiredService<AdminBootstrap>().CreateFirstAdmin();
        // Listens for revocations on other replicas from the start, before any request needs it.
        app.Services.GetRequiredService<RevokedCredentials>();
        await app.StartAsync(ct);
        var url = app.PublicAddresses().First();
        return (url, firstAdmin);
    }
}
