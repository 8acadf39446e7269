using System.Security.Claims;
using System.Text.Json;
using GitOpsHQ.Server.Auth;
using Microsoft.AspNetCore.DataProtection;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// One repository's actions inside a registry bearer token: those granted, and those that were asked for and refused
/// (with the reason), so the registry can tell "ask for a wider token" (401) from "these credentials never may" (403).
/// </summary>
public sealed record RepositoryGrant(string Repository, bool Pull, bool Push, string? PullRefusal = null, string? PushRefusal = null);

/// <summary>What the registry decides for one request: allowed, refused for good (403), or a token with too narrow a scope (401).</summary>
public enum RegistryDecision
{
    Allowed,
    Denied,
    InsufficientScope,
}

/// <summary>
/// Who may pull and push which repository, and the registry's bearer tokens: short-lived, signed with the data
/// protection key ring, holding only the scopes granted when they were issued.
/// </summary>
public sealed class RegistryAccess(IDataProtectionProvider protection, UserDirectory users, TimeProvider clock)
{
    public const string GrantClaim = "gitopshq:oci-grant";
    public const string CatalogClaim = "gitopshq:oci-catalog";
    public const string CatalogScope = "registry:catalog:*";
    private const string BearerClaim = "gitopshq:oci-token";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector _tokens = protection.CreateProtector("gitopshq.oci-token").ToTimeLimitedDataProtector();

    /// <summary>
    /// The decision for one action on a repository. A registry bearer token answers for what it holds: an action it was
    /// never asked for is <see cref="RegistryDecision.InsufficientScope"/> (the client fetches a wider token), one it was
    /// refused is denied. Other credentials (Basic, personal or registry tokens) are judged directly.
    /// </summary>
    public static (RegistryDecision Decision, string Reason) Decide(ClaimsPrincipal user, string repository, bool push)
    {
        if (Grant(user, repository) is { } grant)
        {
            if (push ? grant.Push : grant.Pull) return (RegistryDecision.Allowed, "");
            var refusal = push ? grant.PushRefusal : grant.PullRefusal;
            return refusal is null ? (RegistryDecision.InsufficientScope, "") : (RegistryDecision.Denied, refusal);
        }
        return (push ? user.CanPush() : user.CanPull()) ? (RegistryDecision.Allowed, "") : (RegistryDecision.Denied, Refusal(user, repository, push));
    }

    public static bool CanPull(ClaimsPrincipal user, string repository) => Decide(user, repository, push: false).Decision == RegistryDecision.Allowed;

    public static bool CanPush(ClaimsPrincipal user, string repository) => Decide(user, repository, push: true).Decision == RegistryDecision.Allowed;

    /// <summary>
    /// A bearer token for the requested scopes, narrowed to what the caller may do. Scopes naming one repository more than
    /// once (clients merge the challenge's scope with their own) are combined.
    /// </summary>
    public string Issue(ClaimsPrincipal user, IEnumerable<string> scopes, bool anonymousPull)
    {
        var grants = new Dictionary<string, RepositoryGrant>(StringComparer.Ordinal);
        var authenticated = user.Identity?.IsAuthenticated == true;
        var catalog = false;
        foreach (var scope in scopes)
        {
            if (scope == CatalogScope)
            {
                catalog = authenticated && user.CanPull();
                continue;
            }
            // repository:<name>:<action>[,<action>]
            var parts = scope.Split(':');
            if (parts.Length != 3 || parts[0] != "repository") continue;
            var repository = parts[1];
            var actions = parts[2].Split(',');
            var grant = grants.GetValueOrDefault(repository) ?? new RepositoryGrant(repository, false, false);
            if (actions.Contains("pull"))
            {
                var pull = authenticated ? user.CanPull() : anonymousPull;
                grant = pull ? grant with { Pull = true, PullRefusal = null } : grant with { PullRefusal = Refusal(user, repository, false) };
            }
            if (actions.Contains("push") || actions.Contains("delete"))
            {
                var push = authenticated && user.CanPush();
                grant = push ? grant with { Push = true, PushRefusal = null } : grant with { PushRefusal = Refusal(user, repository, true) };
            }
            grants[repository] = grant;
        }
        var payload = JsonSerializer.Serialize(new TokenPayload(user.Username(), grants.Values.ToList(), catalog));
        return _tokens.Protect(payload, clock.GetUtcNow() + Lifetime);
    }

    /// <summary>The caller a bearer token stands for, or null when it is not one of ours or has expired.</summary>
    public ClaimsIdentity? Read(string token, string scheme)
    {
        TokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<TokenPayload>(_tokens.Unprotect(token, out var expires));
            if (expires < clock.GetUtcNow()) return null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or JsonException)
        {
            return null;
        }
        if (payload is null) return null;
        var claims = payload.Grants.Select(g => new Claim(GrantClaim, JsonSerializer.Serialize(g))).ToList();
        claims.Add(new Claim(BearerClaim, "1"));
        if (payload.Catalog) claims.Add(new Claim(CatalogClaim, "1"));
        if (payload.Subject != "" && users.Find(payload.Subject) is { } user)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, user.Username));
            claims.Add(new Claim(ClaimTypes.Name, user.Name));
            claims.Add(new Claim(ClaimTypes.Email, user.Email));
        }
        return new ClaimsIdentity(claims, scheme);
    }

    /// <summary>Why these credentials can never pull or push the repository, in words that say what to change.</summary>
    private static string Refusal(ClaimsPrincipal user, string repository, bool push)
    {
        var action = push ? "push" : "pull";
        if (user.Identity?.IsAuthenticated != true)
            return $"{action} access to {repository} needs credentials: log in with a registry token or a personal access token";
        var scope = user.RegistryScope();
        if (scope != RegistryScope.None)
            return $"the registry token lacks the {action} scope (its scope is {RegistryToken.ScopeName(scope)}), so it cannot {action} {repository}";
        return push
            ? $"user '{user.Username()}' may not push {repository}: pushing needs the editor role or a push-scoped registry token"
            : $"user '{user.Username()}' may not pull {repository}";
    }

    /// <summary>For a registry bearer token, what it holds for the repository (nothing if not named); null for other credentials.</summary>
    private static RepositoryGrant? Grant(ClaimsPrincipal user, string repository) =>
        !user.HasClaim(c => c.Type == BearerClaim)
            ? null
            : user.FindAll(GrantClaim).Select(c => JsonSerializer.Deserialize<RepositoryGrant>(c.Value)!).FirstOrDefault(g => g.Repository == repository)
              ?? new RepositoryGrant(repository, false, false);

    /// <summary>
    /// The registry's answer for listing every repository (<c>/v2/_catalog</c>): a bearer token must hold the catalog scope
    /// (a client without it is challenged for it); other credentials need pull.
    /// </summary>
    public static (RegistryDecision Decision, string Reason) DecideCatalog(ClaimsPrincipal user)
    {
        if (user.HasClaim(c => c.Type == BearerClaim))
            return user.HasClaim(c => c.Type == CatalogClaim) ? (RegistryDecision.Allowed, "") : (RegistryDecision.InsufficientScope, "");
        return user.CanPull() ? (RegistryDecision.Allowed, "") : (RegistryDecision.Denied, "the credentials lack the pull scope for this registry");
    }

    private sealed record TokenPayload(string Subject, List<RepositoryGrant> Grants, bool Catalog = false);
}
