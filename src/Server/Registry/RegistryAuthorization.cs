using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Registry;

public sealed partial class RegistryApi
{
    /// <summary>401 with the bearer challenge for anonymous callers, 403 DENIED for callers without the scope.</summary>
    private async Task<bool> AuthorizeAsync(HttpContext http, RegistryRequest request, bool write)
    {
        var user = http.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        if (!authenticated)
        {
            if (!write && Options.AnonymousPull && request.Route != RegistryRoute.Catalog) return true;
            var host = http.Request.Host.Value;
            var scope = request.Repository == "" ? "" : $",scope=\"repository:{request.Repository}:{(write ? "pull,push" : "pull")}\"";
            http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{http.Request.Scheme}://{host}/v2/token\",service=\"{host}\"{scope}";
            var presented = http.Request.Headers.Authorization.Count > 0;
            await OciResponses.WriteError(http, ErrorCode.Unauthorized, presented ? "invalid registry token" : "authentication required");
            return false;
        }
        var allowed = request.Route == RegistryRoute.Base || (request.Repository == ""
            ? user.CanPullAnything()
            : write ? RegistryAccess.CanPush(user, request.Repository) : RegistryAccess.CanPull(user, request.Repository));
        if (allowed) return true;
        await OciResponses.WriteError(http, ErrorCode.Denied,
            write ? $"The credentials lack the push scope for {request.Repository}." : $"The credentials lack the pull scope for {(request.Repository == "" ? "this registry" : request.Repository)}.");
        return false;
    }
}

internal static class RegistryPrincipal
{
    public static bool CanPullAnything(this System.Security.Claims.ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == RegistryAccess.GrantClaim) || Auth.Policies.CanPull(user);
}
