using GitOpsHQ.Server.Api;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.GitHttp;
using GitOpsHQ.Server.Registry;
using GitOpsHQ.Server.Storage;

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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Configuration.AddCommandLine(args, Switches);
        configure?.Invoke(builder);

        builder.AddListenEndpoints();
        builder.AddDataFolder();
        builder.AddArtifactPlugins();
        builder.AddCatalog();
        builder.AddOrgAuth();
        builder.AddApi();
        builder.AddGitHttp();
        builder.AddOciRegistry();

        var app = builder.Build();
        app.UseApi();
        app.MapApi();
        app.MapGitHttp();
        app.MapOciRegistry();
        app.MapUi();
        return app;
    }

    /// <summary>Prepares the data folder, starts listening and returns the first bound address and, on a first start, the admin token.</summary>
    public static async Task<(string Url, string? AdminToken)> StartAsync(WebApplication app, CancellationToken ct = default)
    {
        app.Services.GetRequiredService<Database>().Migrate();
        app.Services.GetRequiredService<ArtifactRepositories>().Reconcile(full: false);
        var adminToken = app.Services.GetRequiredService<AdminBootstrap>().CreateFirstAdmin();
        await app.StartAsync(ct);
        var url = app.PublicAddresses().First();
        return (url, adminToken);
    }
}
