using System.Security.Claims;
using GitOpsHQ.Server.Errors;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// Authenticates a personal access token sent as <c>Authorization: Bearer TOKEN</c>, or as the password
/// of HTTP Basic (any username), which is what Git and registry clients send. Without an Authorization header, a call
/// of the API's services may be authenticated by the browser session's cookie (<see cref="SessionCookie"/>): the caller
/// is then the session's user with exactly the claims that user's token would give, plus <see cref="SessionCookie.SessionClaim"/>.
/// An Authorization header always takes precedence over the cookie.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokens tokens, RegistryTokens registryTokens, Registry.RegistryAccess registryAccess, UserDirectory users, BrowserSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public const string TokenIdClaim = "gitopshq:token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedToken(Request.Headers.Authorization.ToString());
        if (presented is null) return Task.FromResult(Request.Headers.Authorization.Count == 0 ? AuthenticateSession() : AuthenticateResult.NoResult());
        if (presented.StartsWith(RegistryTokens.Prefix, StringComparison.Ordinal)) return Task.FromResult(AuthenticateRegistryToken(presented));
        if (Request.Path.StartsWithSegments("/v2") && !presented.StartsWith("gq", StringComparison.Ordinal))
            return Task.FromResult(registryAccess.Read(presented, SchemeName) is { } bearer
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(bearer), SchemeName))
                : AuthenticateResult.Fail("invalid registry token"));

        var token = tokens.Authenticate(presented);
        var user = token is null ? null : users.Find(token.Username);
        if (token is null || user is null)
            return Task.FromResult(AuthenticateResult.Fail("The access token is missing, wrong, expired or revoked."));

        return Task.FromResult(Success(user, new Claim(TokenIdClaim, token.Id)));
    }

    /// <summary>The browser session the cookie names, for calls of the API's services only.</summary>
    private AuthenticateResult AuthenticateSession()
    {
        if (!SessionCookie.Authenticates(Context) || SessionCookie.Presented(Context) is not { } cookie) return AuthenticateResult.NoResult();
        var session = sessions.Authenticate(cookie);
        var user = session is null ? null : users.Find(session.Username);
        if (session is null || user is null)
            return AuthenticateResult.Fail("The session has ended (signed out, timed out, or the password changed): sign in again.");
        SessionCookie.SetCurrent(Context, session, cookie);
        return Success(user, new Claim(SessionCookie.SessionClaim, session.Id));
    }

    /// <summary>A user with a role: the same claims whether a personal access token or a session vouches for them.</summary>
    private static AuthenticateResult Success(User user, Claim credential)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Username),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Role, user.Role.ToString()),
            credential,
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>Registry tokens act for the admin who created them, within their scope, on the registry and Git only.</summary>
    private AuthenticateResult AuthenticateRegistryToken(string presented)
    {
        if (!Request.Path.StartsWithSegments("/git") && !Request.Path.StartsWithSegments("/v2") && !Request.Path.StartsWithSegments("/helm"))
            return AuthenticateResult.Fail("Registry tokens work only with the registry (/v2/, /helm/) and Git (/git/); use a personal access token.");
        var token = registryTokens.Authenticate(presented);
        var creator = token is null ? null : users.Find(token.CreatedBy);
        if (token is null || creator is null) return AuthenticateResult.Fail("invalid registry token");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, creator.Username),
            new Claim(ClaimTypes.Name, creator.Name),
            new Claim(ClaimTypes.Email, creator.Email),
            new Claim(Access.RegistryScopeClaim, RegistryToken.ScopeName(token.Scope)),
            new Claim(TokenIdClaim, RegistryTokens.Prefix + token.Id),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // Git asks for credentials on a Basic challenge; API clients use bearer tokens. (The registry writes its own.) A browser
        // would answer a Basic challenge to its own calls with a password dialog, so calls from the signed-in app get none.
        Response.Headers.WWWAuthenticate = Request.Path.StartsWithSegments("/git")
            ? "Basic realm=\"GitOpsHQ\""
            : SessionCookie.Presented(Context) is not null || Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true
                ? "Bearer realm=\"GitOpsHQ\""
                : new Microsoft.Extensions.Primitives.StringValues(["Bearer realm=\"GitOpsHQ\"", "Basic realm=\"GitOpsHQ\""]);
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await HttpErrors.WriteAsync(Context, ErrorCode.Unauthorized, failure ?? "A personal access token is required: send it as 'Authorization: Bearer TOKEN'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        HttpErrors.WriteAsync(Context, ErrorCode.Denied,
            "Your role does not allow this: viewers read, editors edit and publish, admins manage users, tokens and org settings.");

    private static string? PresentedToken(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
