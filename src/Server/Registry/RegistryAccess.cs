using System.Security.Claims;
using System.Text.Json;
using GitOpsHQ.Server.Auth;
using Microsoft.AspNetCore.DataProtection;

namespace GitOpsHQ.Server.Registry;

/// <summary>One repository's granted actions inside a registry bearer token.</summary>
public sealed record RepositoryGrant(string Repository, bool Pull, bool Push);

/// <summary>
/// Who may pull and push which repository, and the registry's bearer tokens: short-lived, signed with the data
/// protection key ring, holding only the scopes granted when they were issued.
/// </summary>
public sealed class RegistryAccess(IDataProtectionProvider protection, UserDirectory users, TimeProvider clock)
{
    public const string GrantClaim = "gitopshq:oci-grant";
    private const string BearerClaim = "gitopshq:oci-token";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector _tokens = protection.CreateProtector("gitopshq.oci-token").ToTimeLimitedDataProtector();

    public static bool CanPull(ClaimsPrincipal user, string repository) => Grant(user, repository)?.Pull ?? user.CanPull();

    public static bool CanPush(ClaimsPrincipal user, string repository) => Grant(user, repository)?.Push ?? user.CanPush();

    /// <summary>A bearer token for the requested scopes, narrowed to what the caller may do.</summary>
    public string Issue(ClaimsPrincipal user, IEnumerable<string> scopes, bool anonymousPull)
    {
        var grants = new List<RepositoryGrant>();
        foreach (var scope in scopes)
        {
            // repository:<name>:<action>[,<action>]
            var parts = scope.Split(':');
            if (parts.Length != 3 || parts[0] != "repository") continue;
            var actions = parts[2].Split(',');
            var authenticated = user.Identity?.IsAuthenticated == true;
            var pull = actions.Contains("pull") && (authenticated ? CanPull(user, parts[1]) : anonymousPull);
            var push = (actions.Contains("push") || actions.Contains("delete")) && authenticated && CanPush(user, parts[1]);
            grants.Add(new RepositoryGrant(parts[1], pull, push));
        }
        var payload = JsonSerializer.Serialize(new TokenPayload(user.Username(), grants));
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
        if (payload.Subject != "" && users.Find(payload.Subject) is { } user)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, user.Username));
            claims.Add(new Claim(ClaimTypes.Name, user.Name));
            claims.Add(new Claim(ClaimTypes.Email, user.Email));
        }
        return new ClaimsIdentity(claims, scheme);
    }

    /// <summary>For a registry bearer token, what it grants on the repository (nothing if not named); null for other credentials.</summary>
    private static RepositoryGrant? Grant(ClaimsPrincipal user, string repository) =>
        !user.HasClaim(c => c.Type == BearerClaim)
            ? null
            : user.FindAll(GrantClaim).Select(c => JsonSerializer.Deserialize<RepositoryGrant>(c.Value)!).FirstOrDefault(g => g.Repository == repository)
              ?? new RepositoryGrant(repository, false, false);

    private sealed record TokenPayload(string Subject, List<RepositoryGrant> Grants);
}
