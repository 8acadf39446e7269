using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>
/// What the browser app does: a cookie jar that keeps the session cookie, and the CSRF token (from SignIn or GetSession)
/// sent back in X-GitOpsHQ-CSRF, over REST and gRPC-Web.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string CookieName = "gitopshq_session";
    public const string CsrfHeader = "X-GitOpsHQ-CSRF";

    private readonly TestServer _server;

    public Browser(TestServer server, string? forwardedFor = null)
    {
        _server = server;
        ForwardedFor = forwardedFor;
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies }) { BaseAddress = new Uri(server.Url) };
    }

    public CookieContainer Cookies { get; } = new();
    public HttpClient Http { get; }

    /// <summary>The client address the request claims through a trusted proxy (X-Forwarded-For), if any.</summary>
    public string? ForwardedFor { get; }

    /// <summary>Sent with every request once set; null sends no header.</summary>
    public string? Csrf { get; set; }

    public string? SessionCookie => Cookies.GetCookies(new Uri(_server.Url))[CookieName]?.Value;

    public async Task<(HttpStatusCode Status, JsonNode Body)> SignInAsync(object credentials)
    {
        var result = await SendAsync(HttpMethod.Post, "/api/v2/session", credentials);
        if (result.Status == HttpStatusCode.OK) Csrf = result.Body.Str("csrfToken");
        return result;
    }

    public Task<(HttpStatusCode Status, JsonNode Body)> SignInAsync(string username, string password) => SignInAsync(new { username, password });

    public async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var response = await SendRawAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject());
    }

    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (Csrf is not null) request.Headers.Add(CsrfHeader, Csrf);
        if (ForwardedFor is not null) request.Headers.Add("X-Forwarded-For", ForwardedFor);
        return Http.SendAsync(request);
    }

    public Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>gRPC-Web as the browser app speaks it: the same cookie jar, and the CSRF header when <see cref="Csrf"/> is set.</summary>
    public GrpcChannel GrpcWeb() => GrpcChannel.ForAddress(_server.Url, new GrpcChannelOptions
    {
        HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new CsrfHandler(this, new SocketsHttpHandler { CookieContainer = Cookies })),
        HttpVersion = new Version(1, 1),
    });

    public void Dispose() => Http.Dispose();

    private sealed class CsrfHandler(Browser browser, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (browser.Csrf is not null) request.Headers.Add(CsrfHeader, browser.Csrf);
            return base.SendAsync(request, ct);
        }
    }
}
