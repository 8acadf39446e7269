using System.IO.Compression;
using System.Text;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.GitHttp;

namespace GitOpsHQ.Server.Workloads;

/// <summary>
/// Git smart HTTP for GitOps repositories (<c>/git/gitops/&lt;name&gt;.git</c>): clone and fetch with read rights, push with
/// editor rights or a push-scoped registry token, like artifact repositories; but every branch is ordinary and there are
/// no version rules, so pushes are not checked beyond Git's own (fast-forward unless forced, object checks).
/// </summary>
public sealed class GitOpsHttp(GitOpsRepositories repositories)
{
    private const string UploadPack = "git-upload-pack";
    private const string ReceivePack = "git-receive-pack";

    public static void Map(WebApplication app)
    {
        var git = app.MapGroup("/git/" + GitOpsRepositories.Kind + "/{name}.git");
        git.MapGet("/info/refs", (HttpContext http, string name, GitOpsHttp server) => server.AdvertiseAsync(http, name));
        git.MapPost("/git-upload-pack", (HttpContext http, string name, GitOpsHttp server) => server.ServeAsync(http, name, UploadPack));
        git.MapPost("/git-receive-pack", (HttpContext http, string name, GitOpsHttp server) => server.ServeAsync(http, name, ReceivePack));
    }

    private async Task AdvertiseAsync(HttpContext http, string name)
    {
        var service = http.Request.Query["service"].ToString();
        if (service is not (UploadPack or ReceivePack))
        {
            await Text(http, 400, "GitOpsHQ serves Git over smart HTTP only; use git 1.6.6 or later.");
            return;
        }
        var path = await FindAsync(http, name, service == ReceivePack);
        if (path is null) return;
        http.Response.ContentType = $"application/x-{service}-advertisement";
        http.Response.Headers.CacheControl = "no-cache";
        var protocol = Protocol(http);
        if (protocol is null)
        {
            var line = $"# service={service}\n";
            await http.Response.Body.WriteAsync(Encoding.ASCII.GetBytes($"{line.Length + 4:x4}{line}0000"));
        }
        await GitProcess.RunAsync([service[4..], "--stateless-rpc", "--advertise-refs", path], Environment(protocol), null, http.Response.Body,
            http.RequestAborted);
    }

    private async Task ServeAsync(HttpContext http, string name, string service)
    {
        var path = await FindAsync(http, name, service == ReceivePack);
        if (path is null) return;
        http.Response.ContentType = $"application/x-{service}-result";
        http.Response.Headers.CacheControl = "no-cache";
        string[] args = service == ReceivePack
            ? ["-c", "receive.fsckObjects=true", "receive-pack", "--stateless-rpc", path]
            : ["upload-pack", "--stateless-rpc", path];
        var body = http.Request.Headers.ContentEncoding.ToString() is "gzip" or "x-gzip"
            ? new GZipStream(http.Request.Body, CompressionMode.Decompress)
            : http.Request.Body;
        await GitProcess.RunAsync(args, Environment(Protocol(http)), body, http.Response.Body, http.RequestAborted);
    }

    private async Task<string?> FindAsync(HttpContext http, string name, bool write)
    {
        if (Access.Decide(http.User, write ? Operation.Write : Operation.Read, Resource.Repository($"{GitOpsRepositories.Kind}/{name}")) is
            { Allowed: false } refused)
        {
            await Text(http, 403, $"GitOpsHQ: {refused.Reason}.");
            return null;
        }
        if (!repositories.Exists(name))
        {
            await Text(http, 404, $"GitOpsHQ: there is no GitOps repository named '{name}'.");
            return null;
        }
        return repositories.PathOf(name);
    }

    private static string? Protocol(HttpContext http) => http.Request.Headers["Git-Protocol"].ToString() is { Length: > 0 } value ? value : null;

    private static Dictionary<string, string> Environment(string? protocol) =>
        protocol is null ? [] : new Dictionary<string, string> { ["GIT_PROTOCOL"] = protocol };

    private static async Task Text(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text.EndsWith('\n') ? text : text + "\n");
    }
}
