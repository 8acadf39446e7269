using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Registry;

namespace GitOpsHQ.Server.HelmRepository;

/// <summary>
/// The catalog's charts as a classic Helm chart repository: <c>/helm/index.yaml</c> and
/// <c>/helm/charts/&lt;name&gt;-&lt;version&gt;.tgz</c> (the same bytes as the OCI pull), for <c>helm repo add</c>.
/// Basic credentials: a pull-scoped registry token or a personal access token.
/// </summary>
public static partial class HelmRepositoryEndpoints
{
    public const string Kind = "charts";

    public static void AddHelmRepository(this WebApplicationBuilder builder) => builder.Services.AddSingleton<HelmIndex>();

    public static void MapHelmRepository(this WebApplication app)
    {
        app.MapMethods("/helm/index.yaml", ["GET", "HEAD"], IndexAsync).AllowAnonymous();
        app.MapMethods("/helm/charts/{file}", ["GET", "HEAD"], ArchiveAsync).AllowAnonymous();
    }

    private static async Task IndexAsync(HttpContext http, HelmIndex index)
    {
        if (!await AllowedAsync(http, Resource.RegistryListing)) return;
        var (bytes, etag) = await index.GetAsync(http.RequestAborted);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(v => v == etag || v == "*"))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = "application/x-yaml";
        http.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    private static async Task ArchiveAsync(HttpContext http, string file, ArtifactOciView view, BlobStore blobs, ExternalSources.ExternalCharts external)
    {
        // <name>-<version>.tgz: names are DNS labels and versions SemVer, so the version starts after the last
        // '-' that is followed by a digit and leaves a valid name.
        var match = ArchiveName().Match(file);
        if (!match.Success)
        {
            await Text(http, 404, $"'{file}' is not a chart archive name (<name>-<version>.tgz).");
            return;
        }
        var (name, version) = (match.Groups["name"].Value, match.Groups["version"].Value);
        if (!await AllowedAsync(http, Resource.Repository($"{Kind}/{name}"))) return;
        if (view.Resolve($"{Kind}/{name}") is not { } artifact || !view.Exists(artifact))
        {
            await Text(http, 404, $"There is no chart {name} {version} in this repository.");
            return;
        }
        await external.EnsureImportedAsync(artifact.Kind, name, version, http.RequestAborted);
        if (!view.HasVersion(artifact, version))
        {
            await Text(http, 404, $"There is no chart {name} {version} in this repository.");
            return;
        }
        var (_, layer) = await view.PackageOfAsync(artifact, version, http.RequestAborted);
        http.Response.Headers.ETag = $"\"{layer.Hex}\"";
        if (http.Request.Headers.IfNoneMatch.Any(v => v == $"\"{layer.Hex}\""))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = "application/gzip";
        await using var content = blobs.Open(layer);
        http.Response.ContentLength = content.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    /// <summary>Anonymous callers get a Basic challenge (what helm answers with --username/--password); others the reason.</summary>
    private static async Task<bool> AllowedAsync(HttpContext http, Resource resource)
    {
        var decision = Access.Decide(http.User, Operation.Read, resource);
        if (decision.Allowed) return true;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"GitOpsHQ Helm repository\"";
            await Text(http, 401, http.Request.Headers.Authorization.Count > 0
                ? Access.InvalidToken
                : "authentication required: helm repo add NAME URL --username any --password TOKEN");
            return false;
        }
        await Text(http, 403, decision.Reason);
        return false;
    }

    private static Task Text(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message + "\n");
    }

    [GeneratedRegex(@"^(?<name>[a-z0-9]([-a-z0-9]*[a-z0-9])?)-(?<version>[0-9][^/]*)\.tgz$")]
    private static partial Regex ArchiveName();

    internal static string ETagOf(byte[] bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"";
}
