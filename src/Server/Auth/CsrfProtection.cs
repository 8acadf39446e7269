using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Auth;

/// <summary>Marks an API method a session-cookie request may call without the CSRF header (signing in and out, reading the session).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CsrfExemptAttribute : Attribute;

/// <summary>
/// A request the session cookie authenticated must carry the session's CSRF token in <see cref="SessionCookie.CsrfHeader"/>
/// (compared in constant time), else it is refused with 403 / PERMISSION_DENIED before it reaches the API. A page on
/// another site can make the browser send the cookie (SameSite=Strict already stops most), but it can neither read the
/// token nor set the header. Requests with a bearer token need no header: no browser sends one on its own.
/// </summary>
public static class CsrfProtection
{
    public static Task CheckAsync(HttpContext http, Func<Task> next)
    {
        if (SessionCookie.Current(http) is not var (_, cookie) || http.GetEndpoint()?.Metadata.GetMetadata<CsrfExemptAttribute>() is not null)
            return next();
        var presented = http.Request.Headers[SessionCookie.CsrfHeader].ToString();
        if (BrowserSessions.CsrfTokenMatches(cookie, presented)) return next();
        return HttpErrors.WriteAsync(http, ErrorCode.Denied, presented == ""
            ? $"requests signed in with the session cookie must send the session's CSRF token in the {SessionCookie.CsrfHeader} header (GetSession and SignIn return it)"
            : $"the {SessionCookie.CsrfHeader} header does not hold this session's CSRF token (GetSession returns it)");
    }
}
