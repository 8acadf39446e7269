using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// The OCI distribution API under /v2/: every request is taken apart, authorised for its repository and action, and
/// answered by the blob, manifest or listing handlers; every failure leaves through the spec's error envelope.
/// </summary>
public sealed partial class RegistryApi(
    OciRepositoryStore plain, ArtifactOciView artifacts, BlobStore blobs, UploadSessions uploads, OciPushImport pushImport,
    IOptions<OciRegistryOptions> options, IFeatureManager features, Audit.AuditTrail audit,
    Observability.ServerMetrics metrics)
{
    private OciRegistryOptions Options => options.Value;

    public async Task HandleAsync(HttpContext http, string? path)
    {
        http.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        var request = RegistryRequest.Parse(path ?? "");
        try
        {
            if (request.Route == RegistryRoute.Unknown)
                throw new ProductException(ErrorCode.NameUnknown, $"/v2/{path} is not a registry route.");
            if (request.Repository != "") OciNames.RequireRepository(request.Repository);
            if (request.Route is RegistryRoute.Uploads or RegistryRoute.Upload &&
                http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = Options.MaxBlobBytes;
            var write = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
            if (!await AuthorizeAsync(http, request, write)) return;
            await DispatchAsync(http, request);
        }
        catch (ProductException e)
        {
            await OciResponses.WriteError(http, e.Error, e.Details.Count == 0 ? e.Message : $"{e.Message} {string.Join(" ", e.Details)}",
                e.Details.Count == 0 ? null : e.Details);
        }
    }

    private Task DispatchAsync(HttpContext http, RegistryRequest request) => (request.Route, http.Request.Method) switch
    {
        (RegistryRoute.Base, "GET" or "HEAD") => WriteJson(http, 200, "{}"),
        (RegistryRoute.Catalog, "GET") => CatalogAsync(http),
        (RegistryRoute.Tags, "GET") => TagsAsync(http, request.Repository),
        (RegistryRoute.Manifest, "GET" or "HEAD") => GetManifestAsync(http, request.Repository, request.Reference),
        (RegistryRoute.Manifest, "PUT") => PutManifestAsync(http, request.Repository, request.Reference),
        (RegistryRoute.Manifest, "DELETE") => DeleteManifestAsync(http, request.Repository, request.Reference),
        (RegistryRoute.Blob, "GET" or "HEAD") => GetBlobAsync(http, request.Repository, request.Reference),
        (RegistryRoute.Blob, "DELETE") => DeleteBlobAsync(http, request.Repository, request.Reference),
        (RegistryRoute.Uploads, "POST") => StartUploadAsync(http, request.Repository),
        (RegistryRoute.Upload, "GET") => UploadStatusAsync(http, request.Repository, request.Reference),
        (RegistryRoute.Upload, "PATCH") => PatchUploadAsync(http, request.Repository, request.Reference),
        (RegistryRoute.Upload, "PUT") => CompleteUploadAsync(http, request.Repository, request.Reference),
        (RegistryRoute.Upload, "DELETE") => CancelUploadAsync(http, request.Repository, request.Reference),
        (RegistryRoute.Referrers, "GET") => ReferrersAsync(http, request.Repository, request.Reference),
        _ => throw new ProductException(ErrorCode.OperationUnsupported, $"{http.Request.Method} is not supported here."),
    };

    /// <summary>Plain repositories (any name that is not an artifact) are a module behind a feature flag.</summary>
    private async Task RequirePlainRepositoriesAsync()
    {
        if (!await features.IsEnabledAsync(FeatureFlags.OciPlainRepositories))
            throw new ProductException(ErrorCode.OperationUnsupported,
                "This registry serves only charts/, kustomize-bases/ and manifest-bundles/ (FeatureManagement:OciPlainRepositories is off).");
    }

    private static Task WriteJson(HttpContext http, int status, string json, string contentType = "application/json")
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        http.Response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : http.Response.Body.WriteAsync(bytes).AsTask();
    }

    private static void Accepted(HttpContext http, int status, string location)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.Location = location;
        http.Response.ContentLength = 0;
    }
}
