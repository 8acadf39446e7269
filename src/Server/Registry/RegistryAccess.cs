using System.Security.Claims;
using System.Text.Json;
using GitOpsHQ.Server.Auth;
using Microsoft.AspNetCore.DataProtection;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// The registry's bearer tokens: short-lived, signed with the data protection key ring, holding the scopes granted when
/// they were issued — and, for scopes asked for and refused, why — so <see cref="Access"/> can tell "fetch a wider
/// token" (401) from "never" (403).
/// </summary>
public sealed class RegistryAccess(IDataProtectionProvider protection, UserDirectory users, RevokedCredentials revoked, TimeProvider clock)
{
    public const string CatalogScope = "registry:catalog:*";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector _tokens = protection.CreateProtector("gitopshq.oci-token").ToTimeLimitedDataProtector();

    /// <summary>
    /// A bearer token for the requested scopes, narrowed to what the caller may do. Scopes naming one repository more than
    /// once (clients merge the challenge's scope with their own) are combined.
    /// </summary>
    public string Issue(ClaimsPrincipal user, IEnumerable<string> scopes, bool anonymousPull)
    {
        var grants = new Dictionary<string, RepositoryGrant>(StringComparer.Ordinal);
        var listing = false;
        foreach (var scope in scopes)
        {
            if (scope == CatalogScope)
            {
                listing = Access.Decide(user, Operation.Read, Resource.RegistryListing).Allowed;
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
                var pull = Access.Decide(user, Operation.Read, Resource.Repository(repository), anonymousPull);
                grant = pull.Allowed ? grant with { Pull = true, PullRefusal = null } : grant with { PullRefusal = pull.Reason };
            }
            if (actions.Contains("push") || actions.Contains("delete"))
            {
                var push = Access.Decide(user, Operation.Write, Resource.Repository(repository));
                grant = push.Allowed ? grant with { Push = true, PushRefusal = null } : grant with { PushRefusal = push.Reason };
            }
            grants[repository] = grant;
        }
        var credential = user.FindFirst(TokenAuthenticationHandler.TokenIdClaim)?.Value ?? "";
        var payload = JsonSerializer.Serialize(new TokenPayload(user.Username(), grants.Values.ToList(), listing, credential));
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
        // Traded for a token revoked since (on any replica): refused now, not when it expires.
        if (payload is null || revoked.IsRevoked(payload.Credential)) return null;
        var claims = payload.Grants.Select(g => new Claim(Access.GrantClaim, JsonSerializer.Serialize(g))).ToList();
        claims.Add(new Claim(Access.BearerClaim, "1"));
        if (payload.Catalog) claims.Add(new Claim(Access.ListingClaim, "1"));
        if (payload.Subject != "" && users.Find(payload.Subject) is { } user)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, user.Username));
            claims.Add(new Claim(ClaimTypes.Name, user.Name));
            claims.Add(new Claim(ClaimTypes.Email, user.Email));
        }
        return new ClaimsIdentity(claims, scheme);
    }

    private sealed record TokenPayload(string Subject, List<RepositoryGrant> Grants, bool Catalog = false, string Credential = "");
}
