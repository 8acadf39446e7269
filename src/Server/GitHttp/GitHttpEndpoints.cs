
namespace GitOpsHQ.Server.GitHttp;

/// <summary>Wires Git smart HTTP: /git/&lt;kind&gt;/&lt;name&gt;.git and the pre-receive hook's loopback callback.</summary>
public static class GitHttpEndpoints
{
    public static void AddGitHttp(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<GitHttpOptions>(builder.Configuration.GetSection(GitHttpOptions.Section));
        builder.Services.AddSingleton<ReceiveSessions>();
        builder.Services.AddSingleton<PushPolicy>();
        builder.Services.AddSingleton<GitSmartHttp>();
        builder.Services.AddSingleton<Catalog.IRepositorySetup, PreReceiveHookSetup>();
    }

    /// <summary>Every new artifact repository gets the hook that hands pushes to the server's rules.</summary>
    private sealed class PreReceiveHookSetup : Catalog.IRepositorySetup
    {
        public void Prepare(string repositoryPath) => PreReceiveHook.Install(repositoryPath);
    }

    public static void MapGitHttp(this WebApplication app)
    {
        var git = app.MapGroup("/git/{kind}/{name}.git");
        git.MapGet("/info/refs", (HttpContext http, string kind, string name, GitSmartHttp server) => server.AdvertiseAsync(http, kind, name));
        git.MapPost("/git-upload-pack", (HttpContext http, string kind, string name, GitSmartHttp server) => server.UploadPackAsync(http, kind, name));
        git.MapPost("/git-receive-pack", (HttpContext http, string kind, string name, GitSmartHttp server) => server.ReceivePackAsync(http, kind, name));
        app.MapPost("/internal/git/pre-receive/{session}", (HttpContext http, string session, GitSmartHttp server) => server.PreReceiveAsync(http, session))
            .AllowAnonymous();
    }
}
