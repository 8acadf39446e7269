using Grpc.AspNetCore.Server;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// The browser session's cookie and CSRF header. The cookie is HttpOnly, SameSite=Strict, Path=/, Secure on HTTPS, and
/// lasts while the browser is open (the server ends the session itself: idle and absolute timeouts, sign-out). It
/// authenticates only calls of the API's services — REST, gRPC-Web and gRPC — never the registry (/v2/), Git (/git/) or
/// the Helm repository (/helm/), which keep their own credentials.
/// </summary>
public static class SessionCookie
{
    public const string Name = "gitopshq_session";

    /// <summary>Every request the cookie authenticates carries the session's CSRF token here (<see cref="CsrfProtection"/>).</summary>
    public const string CsrfHeader = "X-GitOpsHQ-CSRF";

    /// <summary>The claim that marks a caller signed in by the session cookie (its value: the session id).</summary>
    public const string SessionClaim = "gitopshq:session";

    private static readonly object ItemKey = new();

    public static void Set(HttpContext http, string value) => http.Response.Cookies.Append(Name, value, Options(http));

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http));

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = http.Request.IsHttps,
        IsEssential = true,
    };

    /// <summary>The cookie presented with the request, if any.</summary>
    public static string? Presented(HttpContext http) => http.Request.Cookies.TryGetValue(Name, out var value) && value != "" ? value : null;

    /// <summary>Whether the cookie may authenticate this request: an API service method (REST, gRPC-Web or gRPC), nothing else.</summary>
    public static bool Authenticates(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;

    /// <summary>The session that authenticated this request, with its cookie; null for every other request.</summary>
    public static (BrowserSession Session, string Cookie)? Current(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var value) && value is (BrowserSession session, string cookie) ? (session, cookie) : null;

    internal static void SetCurrent(HttpContext http, BrowserSession session, string cookie) => http.Items[ItemKey] = (session, cookie);
}
