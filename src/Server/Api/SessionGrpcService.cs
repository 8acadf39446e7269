using GitOpsHQ.Contracts.Org.V1;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Hosting;
using GitOpsHQ.Server.Plugins;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using static GitOpsHQ.Contracts.Org.V1.Session;

namespace GitOpsHQ.Server.Api;

/// <summary>
/// Browser sessions over gRPC-Web, REST and gRPC: open to anyone (signing in is how one gets credentials) and exempt from
/// the CSRF header (<see cref="CsrfProtection"/>). The session itself is the HttpOnly cookie (<see cref="SessionCookie"/>).
/// </summary>
[AllowAnonymous]
[CsrfExempt]
public sealed class SessionGrpcService(
    ArtifactKinds kinds, UserDirectory users, Passwords passwords, AccessTokens tokens, BrowserSessions sessions, SignInThrottle throttle, Audit.AuditTrail audit,
    ILogger<SessionGrpcService> logger) : SessionBase
{
    public override Task<ServerInfo> GetServerInfo(GetServerInfoRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerInfo
        {
            Version = BuildVersion.Text,
            Collections =
            {
                kinds.All.Select(k => new Collection { Collection_ = k.Collection, Kind = k.Kind, SourceType = k.SourceType, DisplayName = k.DisplayName }),
            },
            PublicHost = context.GetHttpContext().Request.Host.Value ?? "",
        });

    public override Task<SessionInfo> SignIn(SignInRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        // Another site's page must not sign this browser in (to an account of its choosing): browsers say where a request
        // comes from in Sec-Fetch-Site; clients that are not browsers send none.
        if (http.Request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
            throw new ProductException(ErrorCode.Denied, "Signing in is possible only from this server's own pages.");
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var byToken = request.AccessToken != "";
        if (byToken && (request.Username != "" || request.Password != ""))
            throw new ProductException(ErrorCode.RequestInvalid, "Sign in with a username and password, or with access_token alone.");
        if (!byToken && (request.Username.Trim() == "" || request.Password == ""))
            throw new ProductException(ErrorCode.RequestInvalid, "username and password are required (or a personal access token in access_token).");
        var username = byToken ? null : request.Username.Trim().ToLowerInvariant();

        if (throttle.Wait(username, address) is { } wait)
        {
            logger.LogWarning("Sign-in refused for {Username} from {Address}: too many failed sign-ins", username ?? "(access token)", address);
            audit.Record("user.sign_in_refused", Audit.AuditTarget.User(username ?? ""), new { method = byToken ? "access_token" : "password", reason = "too many failed sign-ins" },
                actor: username ?? "", credential: "");
            throw SignInRefusals.TooMany(context, wait);
        }
        Auth.AccessToken? token = null;
        Auth.User? user;
        if (byToken)
        {
            token = tokens.Authenticate(request.AccessToken);
            user = token is null ? null : users.Find(token.Username);
        }
        else
        {
            user = passwords.Verify(username!, request.Password);
        }
        if (user is null)
        {
            throttle.Failed(username, address);
            audit.Record("user.sign_in_failed", Audit.AuditTarget.User(username ?? ""), new { method = byToken ? "access_token" : "password" },
                actor: username ?? "", credential: "");
            if (byToken) logger.LogWarning("Failed sign-in with an access token from {Address}", address);
            else logger.LogWarning("Failed sign-in for {Username} from {Address}", username, address);
            throw new ProductException(ErrorCode.Unauthorized, byToken
                ? "The access token is wrong, expired or revoked (sign in with a personal access token, gqp_…)."
                : "Wrong username or password.");
        }
        throttle.Succeeded(user.Username);

        // A sign-in replaces the session this browser had.
        if (SessionCookie.Presented(http) is { } previous) sessions.End(previous);
        var (session, cookie) = sessions.Start(user.Username, token);
        SessionCookie.Set(http, cookie);
        audit.Record("user.signed_in", Audit.AuditTarget.User(user.Username), new { method = byToken ? "access_token" : "password", token = token?.Id },
            actor: user.Username, credential: "session:" + session.Id);
        logger.LogInformation("{Username} signed in from {Address} with {Credential}", user.Username, address, byToken ? "an access token" : "a password");
        return Task.FromResult(Info(user, session, cookie));
    }

    public override Task<SessionInfo> GetSession(GetSessionRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (SessionCookie.Current(http) is not var (session, cookie) || users.Find(session.Username) is not { } user)
            throw new ProductException(ErrorCode.Unauthorized, "There is no session: sign in.");
        return Task.FromResult(Info(user, session, cookie));
    }

    public override Task<SignOutResponse> SignOut(SignOutRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (SessionCookie.Presented(http) is { } cookie)
        {
            sessions.End(cookie);
            if (http.User.Identity?.IsAuthenticated == true) audit.Record("user.signed_out", Audit.AuditTarget.User(http.User.Username()));
        }
        SessionCookie.Clear(http);
        return Task.FromResult(new SignOutResponse());
    }

    private SessionInfo Info(Auth.User user, BrowserSession session, string cookie) => new()
    {
        User = OrgGrpcService.ToProto(user),
        CsrfToken = BrowserSessions.CsrfToken(cookie),
        ExpiresAt = Timestamp.FromDateTimeOffset(session.ExpiresAt(sessions.IdleTimeout)),
    };
}

/// <summary>The refusal of a sign-in (or password check) while failures are over their limit: 429 with Retry-After.</summary>
internal static class SignInRefusals
{
    public static ProductException TooMany(ServerCallContext context, TimeSpan wait)
    {
        context.GetHttpContext().Response.Headers.RetryAfter = ((int)Math.Max(1, Math.Ceiling(wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProductException(ErrorCode.TooManyRequests, SignInThrottle.Describe(wait));
    }
}
