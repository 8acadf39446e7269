using System.Security.Claims;
using GitOpsHQ.Server.Catalog;
using Microsoft.AspNetCore.Authorization;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// The API's authorization policies: each endpoint names the operation it needs, and <see cref="Access"/> decides.
/// </summary>
public static class Policies
{
    public const string Viewer = nameof(Viewer);
    public const string Editor = nameof(Editor);
    public const string Admin = nameof(Admin);
    public const string WorkloadViewer = nameof(WorkloadViewer);
    public const string WorkloadEditor = nameof(WorkloadEditor);
    public const string AuditReader = nameof(AuditReader);
    public const string MetricsReader = nameof(MetricsReader);

    public static void Register(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
        options.AddPolicy(Viewer, p => p.RequireAuthenticatedUser().RequireAssertion(c => Access.Decide(c.User, Operation.Read, Resource.Catalog).Allowed));
        options.AddPolicy(Editor, p => p.RequireAuthenticatedUser().RequireAssertion(c => Access.Decide(c.User, Operation.Write, Resource.Catalog).Allowed));
        options.AddPolicy(WorkloadViewer, p => p.RequireAuthenticatedUser().RequireAssertion(c => Access.Decide(c.User, Operation.Read, Resource.Workloads).Allowed));
        options.AddPolicy(WorkloadEditor, p => p.RequireAuthenticatedUser().RequireAssertion(c => Access.Decide(c.User, Operation.Write, Resource.Workloads).Allowed));
        options.AddPolicy(AuditReader, p => p.RequireAuthenticatedUser().RequireAssertion(c => Access.Decide(c.User, Operation.Read, Resource.AuditTrail).Allowed));
        options.AddPolicy(MetricsReader, p => p.RequireAuthenticatedUser().RequireAssertion(c => Access.Decide(c.User, Operation.Read, Resource.Metrics).Allowed));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireAssertion(c => Access.Decide(c.User, Operation.Administer, Resource.OrgSettings).Allowed));
    }

    public static UserRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static string Username(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    /// <summary>Whether the browser session's cookie vouched for the caller (the browser app), rather than a token.</summary>
    public static bool SignedInBySession(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == SessionCookie.SessionClaim);

    public static Actor Actor(this ClaimsPrincipal user) =>
        new(user.Username(), user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Email) ?? "");
}
