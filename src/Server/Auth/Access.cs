using System.Security.Claims;
using System.Text.Json;

namespace GitOpsHQ.Server.Auth;

/// <summary>What a caller asks to do.</summary>
public enum Operation
{
    /// <summary>Read: browse the catalog, clone, pull.</summary>
    Read,

    /// <summary>Change: edit and publish artifacts, push.</summary>
    Write,

    /// <summary>Manage: users, tokens, org settings.</summary>
    Administer,
}

/// <summary>What it is asked on.</summary>
public enum ResourceType
{
    /// <summary>The catalog's artifacts through the API (REST, gRPC, gRPC-Web).</summary>
    Catalog,

    /// <summary>One repository through the registry (/v2/) or Git (/git/): an artifact ("charts/web") or a plain OCI repository.</summary>
    Repository,

    /// <summary>The list of every registry repository (/v2/_catalog).</summary>
    RegistryListing,

    /// <summary>Users, registry tokens and other org settings.</summary>
    OrgSettings,

    /// <summary>One user's personal access tokens (named by the username).</summary>
    PersonalTokens,

    /// <summary>Workloads, their upgrades and GitOps repositories through the API (REST, gRPC, gRPC-Web).</summary>
    Workloads,

    /// <summary>The org's audit trail: read by admins; no one changes it.</summary>
    AuditTrail,

    /// <summary>The server's Prometheus metrics (/metrics), when Metrics:RequireToken asks for credentials: any user reads them.</summary>
    Metrics,
}

public sealed record Resource(ResourceType Type, string Name = "")
{
    public static readonly Resource Catalog = new(ResourceType.Catalog);
    public static readonly Resource RegistryListing = new(ResourceType.RegistryListing);
    public static readonly Resource OrgSettings = new(ResourceType.OrgSettings);
    public static readonly Resource Workloads = new(ResourceType.Workloads);
    public static readonly Resource AuditTrail = new(ResourceType.AuditTrail);
    public static readonly Resource Metrics = new(ResourceType.Metrics);

    public static Resource Repository(string name) => new(ResourceType.Repository, name);

    public static Resource TokensOf(string username) => new(ResourceType.PersonalTokens, username);
}

public enum AccessOutcome
{
    Allowed,

    /// <summary>These credentials can never do it.</summary>
    Denied,

    /// <summary>A registry bearer token that was not asked for this scope: the client may fetch a wider one.</summary>
    InsufficientScope,
}

public sealed record AccessDecision(AccessOutcome Outcome, string Reason = "")
{
    public static readonly AccessDecision Allow = new(AccessOutcome.Allowed);

    public bool Allowed => Outcome == AccessOutcome.Allowed;
}

/// <summary>
/// The one decision of who may do what on which resource, for every door: REST, gRPC and gRPC-Web (through the
/// authorization policies), the registry and its token service, and Git over HTTP. Callers are a user with a role
/// (a personal access token), a registry token with a scope (registry and Git only, acting for the admin who made it),
/// a registry bearer token holding the scopes granted when it was issued, or nobody.
/// </summary>
public static class Access
{
    public const string RegistryScopeClaim = "gitopshq:registry-scope";
    public const string BearerClaim = "gitopshq:oci-token";
    public const string GrantClaim = "gitopshq:oci-grant";
    public const string ListingClaim = "gitopshq:oci-catalog";

    /// <summary>What the registry, its token service and the Helm repository answer for a token that is not (or no longer) valid.</summary>
    public const string InvalidToken = "invalid registry token: it is wrong, expired or revoked";

    public static AccessDecision Decide(ClaimsPrincipal who, Operation what, Resource which, bool anonymousPull = false)
    {
        if (who.Identity?.IsAuthenticated != true)
            return anonymousPull && what == Operation.Read && which.Type == ResourceType.Repository
                ? AccessDecision.Allow
                : Deny($"{Describe(what, which)} needs credentials: a personal access token{(which.Type is ResourceType.Repository or ResourceType.RegistryListing ? " or a registry token" : "")}");
        if (who.HasClaim(c => c.Type == BearerClaim)) return ByBearerToken(who, what, which);
        if (who.FindFirstValue(RegistryScopeClaim) is { } scopeName) return ByRegistryToken(RegistryToken.ParseScope(scopeName), what, which);
        return ByRole(who, what, which);
    }

    /// <summary>A role: viewers read, editors write, admins manage; anyone manages their own personal tokens.</summary>
    private static AccessDecision ByRole(ClaimsPrincipal who, Operation what, Resource which)
    {
        var role = who.Role();
        if (role is null) return Deny($"user '{who.Username()}' has no role");
        if (which.Type == ResourceType.PersonalTokens && which.Name == who.Username()) return AccessDecision.Allow;
        if (which.Type == ResourceType.AuditTrail && what != Operation.Read)
            return Deny("the audit trail is append-only: the server adds its records and no one changes them");
        if (which.Type == ResourceType.Metrics)
            return what == Operation.Read ? AccessDecision.Allow : Deny("the server's metrics are read-only");
        var needed = which.Type is ResourceType.OrgSettings or ResourceType.PersonalTokens or ResourceType.AuditTrail ? UserRole.Admin
            : what switch
            {
                Operation.Read => UserRole.Viewer,
                Operation.Write => UserRole.Editor,
                _ => UserRole.Admin,
            };
        if (role >= needed) return AccessDecision.Allow;
        var action = which.Type switch
        {
            ResourceType.PersonalTokens => "managing another user's tokens",
            ResourceType.OrgSettings => "managing users, tokens and org settings",
            ResourceType.AuditTrail => "reading the audit trail",
            ResourceType.Repository when what == Operation.Write => $"pushing {which.Name}",
            _ => Describe(what, which),
        };
        return Deny($"user '{who.Username()}' may not do this: {action} needs the {needed.ToString().ToLowerInvariant()} role" +
                    (which.Type == ResourceType.Repository && what == Operation.Write ? " or a push-scoped registry token" : ""));
    }

    /// <summary>A registry token: pull and push on the registry and Git, within its scope; nothing else.</summary>
    private static AccessDecision ByRegistryToken(RegistryScope scope, Operation what, Resource which)
    {
        if (which.Type is not (ResourceType.Repository or ResourceType.RegistryListing) || what == Operation.Administer)
            return Deny("registry tokens work only with the registry (/v2/) and Git (/git/); use a personal access token");
        var needed = what == Operation.Write ? RegistryScope.Push : RegistryScope.Pull;
        if (scope.HasFlag(needed)) return AccessDecision.Allow;
        var action = needed == RegistryScope.Push ? "push" : "pull";
        return Deny($"the registry token lacks the {action} scope (its scope is {RegistryToken.ScopeName(scope)}), so it cannot {action} " +
                    (which.Type == ResourceType.Repository ? which.Name : "the registry's repository list"));
    }

    /// <summary>A registry bearer token: exactly the repository actions it was granted; actions never asked for may be asked for.</summary>
    private static AccessDecision ByBearerToken(ClaimsPrincipal who, Operation what, Resource which)
    {
        if (which.Type == ResourceType.RegistryListing)
            return who.HasClaim(c => c.Type == ListingClaim) ? AccessDecision.Allow : new AccessDecision(AccessOutcome.InsufficientScope);
        if (which.Type != ResourceType.Repository || what == Operation.Administer)
            return Deny("registry bearer tokens work only with the registry (/v2/)");
        var grant = who.FindAll(GrantClaim).Select(c => JsonSerializer.Deserialize<RepositoryGrant>(c.Value)!).FirstOrDefault(g => g.Repository == which.Name)
                    ?? new RepositoryGrant(which.Name, false, false);
        var push = what == Operation.Write;
        if (push ? grant.Push : grant.Pull) return AccessDecision.Allow;
        var refusal = push ? grant.PushRefusal : grant.PullRefusal;
        return refusal is null ? new AccessDecision(AccessOutcome.InsufficientScope) : Deny(refusal);
    }

    private static string Describe(Operation what, Resource which) => (what, which.Type) switch
    {
        (Operation.Read, ResourceType.Repository) => $"pulling {which.Name}",
        (Operation.Write, ResourceType.Repository) => $"pushing {which.Name}",
        (_, ResourceType.RegistryListing) => "listing the registry's repositories",
        (Operation.Read, ResourceType.Catalog) => "reading the catalog",
        (Operation.Write, ResourceType.Catalog) => "editing and publishing artifacts",
        (Operation.Read, ResourceType.Workloads) => "reading workloads",
        (Operation.Write, ResourceType.Workloads) => "changing and upgrading workloads",
        (_, ResourceType.AuditTrail) => "reading the audit trail",
        (Operation.Read, ResourceType.Metrics) => "reading the server's metrics",
        _ => "managing users, tokens and org settings",
    };

    private static AccessDecision Deny(string reason) => new(AccessOutcome.Denied, reason);
}

/// <summary>One repository's actions inside a registry bearer token: granted, or asked for and refused (with the reason).</summary>
public sealed record RepositoryGrant(string Repository, bool Pull, bool Push, string? PullRefusal = null, string? PushRefusal = null);
