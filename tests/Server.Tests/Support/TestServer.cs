using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Hosting;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>A real server on a free 127.0.0.1 port with its own temporary data folder.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsData;

    private TestServer(WebApplication app, string url, string dataPath, string adminToken, string? adminPassword, bool ownsData)
    {
        _app = app;
        Url = url;
        DataPath = dataPath;
        AdminToken = adminToken;
        AdminPassword = adminPassword;
        _ownsData = ownsData;
    }

    public string Url { get; }
    public string DataPath { get; }
    public string AdminToken { get; }

    /// <summary>The first admin's password, when this server created the data folder.</summary>
    public string? AdminPassword { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Extra command-line settings, e.g. "--Catalog:MaxFileBytes=1024".</param>
    public static Task<TestServer> StartAsync(string? dataPath = null, params string[] settings) => StartAsync(dataPath, null, settings);

    public static Task<TestServer> StartAsync(string? dataPath, TimeProvider? clock, params string[] settings) =>
        StartWithAsync(dataPath, clock, null, settings);

    /// <param name="configure">Runs on the host builder after the test defaults (e.g. to capture every log line).</param>
    public static async Task<TestServer> StartWithAsync(string? dataPath, TimeProvider? clock, Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        var ownsData = dataPath is null;
        dataPath ??= TempFolder.Create("data");
        var args = new[] { "--data", dataPath, "--urls", "http://127.0.0.1:0" }.Concat(settings).ToArray();
        var app = ServerApp.Build(args, b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            if (clock is not null) b.Services.AddSingleton(clock);
            configure?.Invoke(b);
        });
        var (url, firstAdmin) = await ServerApp.StartAsync(app);
        var token = firstAdmin?.Token ?? File.ReadAllText(Path.Combine(dataPath, "admin-token")).Trim();
        return new TestServer(app, url, dataPath, token, firstAdmin?.Password, ownsData);
    }

    public HttpClient Http(string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url) };
        if (token != "") client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AdminToken);
        return client;
    }

    /// <summary>Native gRPC over HTTP/2 cleartext.</summary>
    public GrpcChannel Grpc(string? token = null) =>
        GrpcChannel.ForAddress(Url, new GrpcChannelOptions { HttpHandler = new BearerHandler(token ?? AdminToken, new SocketsHttpHandler()) });

    /// <summary>gRPC-Web over HTTP/1.1, as the browser speaks it.</summary>
    public GrpcChannel GrpcWeb(string? token = null) =>
        GrpcChannel.ForAddress(Url, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new BearerHandler(token ?? AdminToken, new SocketsHttpHandler())),
            HttpVersion = new Version(1, 1),
        });

    /// <summary>Creates a user with the role and returns a personal access token for it.</summary>
    public async Task<string> TokenForAsync(string username, string role)
    {
        using var http = Http();
        (await http.PostAsJsonAsync("/api/v2/users", new { username, role })).EnsureSuccessStatusCode();
        var response = await http.PostAsJsonAsync("/api/v2/user/tokens", new { name = "test", username });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["secret"]!.GetValue<string>();
    }

    public string RepositoryPath(string kind, string name) => Path.Combine(DataPath, "repos", kind, name + ".git");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsData) TempFolder.Delete(DataPath);
    }

    private sealed class BearerHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (token != "") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, ct);
        }
    }
}
