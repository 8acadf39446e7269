using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Registry;

public sealed partial class RegistryApi
{
    /// <summary>
    /// The registry's side of the token protocol: 401 with a bearer challenge for anonymous callers and for bearer tokens
    /// that were never asked for the action (<c>error="insufficient_scope"</c>, so the client fetches a wider token);
    /// 403 DENIED, with the reason, for credentials that can never get it.
    /// </summary>
    private async Task<bool> AuthorizeAsync(HttpContext http, RegistryRequest request, bool write)
    {
        var user = http.User;
        if (request.Route == RegistryRoute.Base && (user.Identity?.IsAuthenticated == true || Options.AnonymousPull)) return true;
        var decision = request.Repository == ""
            ? Access.Decide(user, Operation.Read, Resource.RegistryListing)
            : Access.Decide(user, write ? Operation.Write : Operation.Read, Resource.Repository(request.Repository), Options.AnonymousPull);
        // Every client checks whether blobs and manifests exist before it pushes them: a push-only credential may ask (HEAD),
        // though it cannot download.
        if (!decision.Allowed && HttpMethods.IsHead(http.Request.Method) && request.Route is RegistryRoute.Blob or RegistryRoute.Manifest &&
            Access.Decide(user, Operation.Write, Resource.Repository(request.Repository)).Allowed)
            return true;
        if (decision.Allowed) return true;
        if (user.Identity?.IsAuthenticated != true)
        {
            Challenge(http, request, write, insufficientScope: false);
            var presented = http.Request.Headers.Authorization.Count > 0;
            await OciResponses.WriteError(http, ErrorCode.Unauthorized, presented ? Access.InvalidToken : "authentication required");
            return false;
        }
        switch (decision.Outcome)
        {
            case AccessOutcome.InsufficientScope:
                Challenge(http, request, write, insufficientScope: true);
                await OciResponses.WriteError(http, ErrorCode.Unauthorized, request.Repository == ""
                    ? "the token does not hold the registry:catalog:* scope: fetch a token for it"
                    : $"the token does not hold the {(write ? "push" : "pull")} scope for {request.Repository}: fetch a token for it");
                return false;
            default:
                await OciResponses.WriteError(http, ErrorCode.Denied, decision.Reason);
                return false;
        }
    }

    private static void Challenge(HttpContext http, RegistryRequest request, bool write, bool insufficientScope)
    {
        var host = http.Request.Host.Value;
        var scope = request.Repository == ""
            ? request.Route == RegistryRoute.Catalog ? $",scope=\"{RegistryAccess.CatalogScope}\"" : ""
            : $",scope=\"repository:{request.Repository}:{(write ? "pull,push" : "pull")}\"";
        var error = insufficientScope ? ",error=\"insufficient_scope\"" : "";
        http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{http.Request.Scheme}://{host}/v2/token\",service=\"{host}\"{scope}{error}";
    }
}
