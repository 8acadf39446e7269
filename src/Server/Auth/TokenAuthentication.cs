using System.Security.Claims;
using GitOpsHQ.Server.Errors;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// Authenticates a personal access token sent as <c>Authorization: Bearer TOKEN</c>, or as the password
/// of HTTP Basic (any username), which is what Git and registry clients send.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokens tokens, RegistryTokens registryTokens, Registry.RegistryAccess registryAccess, UserDirectory users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public const string TokenIdClaim = "gitopshq:token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedToken(Request.Headers.Authorization.ToString());
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (presented.StartsWith(RegistryTokens.Prefix, StringComparison.Ordinal)) return Task.FromResult(AuthenticateRegistryToken(presented));
        if (Request.Path.StartsWithSegments("/v2") && !presented.StartsWith("gq", StringComparison.Ordinal))
            return Task.FromResult(registryAccess.Read(presented, SchemeName) is { } bearer
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(bearer), SchemeName))
                : AuthenticateResult.Fail("invalid registry token"));

        var token = tokens.Authenticate(presented);
        var user = token is null ? null : users.Find(token.Username);
        if (token is null || user is null)
            return Task.FromResult(AuthenticateResult.Fail("The access token is missing, wrong, expired or revoked."));

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Username),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Role, user.Role.ToString()),
            new Claim(TokenIdClaim, token.Id),
        ], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
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
        // Git asks for credentials on a Basic challenge; API clients use bearer tokens. (The registry writes its own.)
        Response.Headers.WWWAuthenticate = Request.Path.StartsWithSegments("/git")
            ? "Basic realm=\"GitOpsHQ\""
            : new Microsoft.Extensions.Primitives.StringValues(["Bearer realm=\"GitOpsHQ\"", "Basic realm=\"GitOpsHQ\""]);
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await WriteReasonAsync(ErrorCode.Unauthorized, failure ?? "A personal access token is required: send it as 'Authorization: Bearer TOKEN'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteReasonAsync(ErrorCode.Denied,
            "Your role does not allow this: viewers read, editors edit and publish, admins manage users, tokens and org settings.");
    }

    /// <summary>REST callers get the error in the REST body's shape, Git a line of text; gRPC callers get the status alone.</summary>
    private Task WriteReasonAsync(ErrorCode error, string message)
    {
        if (Request.Path.StartsWithSegments("/api"))
        {
            Response.ContentType = "application/json";
            return Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { code = (int)error.GrpcStatus, message = $"{error.Code}: {message}", details = Array.Empty<object>() }));
        }
        if (Request.Path.StartsWithSegments("/git"))
        {
            Response.ContentType = "text/plain; charset=utf-8";
            return Response.WriteAsync($"GitOpsHQ: {message}\n");
        }
        return Task.CompletedTask;
    }

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
