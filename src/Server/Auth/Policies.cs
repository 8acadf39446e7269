using System.Security.Claims;
using GitOpsHQ.Server.Catalog;
using Microsoft.AspNetCore.Authorization;

namespace GitOpsHQ.Server.Auth;

/// <summary>Authorization policies by role: each endpoint names the least role it needs.</summary>
public static class Policies
{
    public const string Viewer = nameof(Viewer);
    public const string Editor = nameof(Editor);
    public const string Admin = nameof(Admin);

    public static void Register(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
        options.AddPolicy(Viewer, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Role() >= UserRole.Viewer));
        options.AddPolicy(Editor, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Role() >= UserRole.Editor));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Role() >= UserRole.Admin));
    }

    public static UserRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public const string RegistryScopeClaim = "gitopshq:registry-scope";

    /// <summary>The scope of the registry token the caller presented (None for personal access tokens).</summary>
    public static RegistryScope RegistryScope(this ClaimsPrincipal user) =>
        user.FindFirstValue(RegistryScopeClaim) is { } scope ? RegistryToken.ParseScope(scope) : Auth.RegistryScope.None;

    /// <summary>Reading artifacts over Git and the registry: a viewer, or a registry token with pull.</summary>
    public static bool CanPull(this ClaimsPrincipal user) =>
        user.Role() >= UserRole.Viewer || user.RegistryScope().HasFlag(Auth.RegistryScope.Pull);

    /// <summary>Writing over Git and the registry: an editor, or a registry token with push.</summary>
    public static bool CanPush(this ClaimsPrincipal user) =>
        user.Role() >= UserRole.Editor || user.RegistryScope().HasFlag(Auth.RegistryScope.Push);

    public static string Username(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public static Actor Actor(this ClaimsPrincipal user) =>
        new(user.Username(), user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Email) ?? "");
}
