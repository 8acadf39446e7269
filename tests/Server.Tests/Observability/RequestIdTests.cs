using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOpsHQ.Server.Tests.Observability;

/// <summary>Every request has an id: answered in X-Request-Id and carried by every log line written for it.</summary>
public sealed class RequestIdTests
{
    [Fact]
    public async Task A_well_formed_id_is_kept_and_anything_else_replaced()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.Http("");

        Assert.Equal("build-42.step:7_a", await IdOf(http, "/healthz", "build-42.step:7_a"));
        Assert.Equal("deadbeef", await IdOf(http, "/v2/", "deadbeef")); // a refusal carries it too (401)

        var generated = await IdOf(http, "/healthz", null);
        Assert.Matches("^[0-9a-f]{32}$", generated);
        Assert.NotEqual(generated, await IdOf(http, "/healthz", null));
        foreach (var bad in new[] { "has space", "a/b", new string('a', 129), "semi;colon" })
        {
            var answered = await IdOf(http, "/healthz", bad);
            Assert.NotEqual(bad, answered);
            Assert.Matches("^[0-9a-f]{32}$", answered);
        }
    }

    private static async Task<string> IdOf(HttpClient http, string path, string? id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (id is not null) request.Headers.TryAddWithoutValidation("X-Request-Id", id);
        using var response = await http.SendAsync(request);
        return Assert.Single(response.Headers.GetValues("X-Request-Id"));
    }

    [Fact]
    public async Task REST_error_bodies_name_the_request()
    {
        await using var server = await TestServer.StartAsync();
        foreach (var (client, path, status) in new[] { (server.Http(), "/api/v2/org-charts/nothing-here", HttpStatusCode.NotFound),
                     (server.Http("not-a-token"), "/api/v2/org-charts", HttpStatusCode.Unauthorized) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Request-Id", "report-" + (int)status);
            using var response = await client.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            var details = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["details"]!.AsArray();
            var info = Assert.Single(details, d => d!["@type"]!.GetValue<string>() == "type.googleapis.com/google.rpc.RequestInfo");
            Assert.Equal("report-" + (int)status, info!["requestId"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Every_log_line_of_a_request_carries_its_id()
    {
        var lines = new ConcurrentQueue<(string Category, string Message, string? RequestId)>();
        await using var server = await TestServer.StartWithAsync(null, null, b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Information);
            b.Logging.AddFilter("Microsoft.AspNetCore.Hosting", LogLevel.Information);
            b.Services.AddSingleton<ILoggerProvider>(new Capture(lines));
        });
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/session") { Content = JsonContent.Create(new { username = "admin", password = "not the password" }) };
        request.Headers.Add("X-Request-Id", "signin-0001");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signin-0001", Assert.Single(response.Headers.GetValues("X-Request-Id")));

        // The failed sign-in is logged by the product, the request's start and end by ASP.NET Core: all with the id.
        var ofRequest = lines.Where(l => l.RequestId == "signin-0001").ToList();
        Assert.Contains(ofRequest, l => l.Category.StartsWith("GitOpsHQ.", StringComparison.Ordinal) && l.Message.Contains("admin"));
        Assert.Contains(ofRequest, l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Message.Contains("/api/v2/session"));
        Assert.DoesNotContain(lines, l => l.Message.Contains("/api/v2/session") && l.RequestId != "signin-0001");
    }

    [Fact]
    public async Task Json_console_logs_carry_the_id_as_RequestId()
    {
        var data = TempFolder.Create("json-logs");
        await using var server = await ServerProcess.StartAsync(data, "--Logging:Console:FormatterName=json");
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/session") { Content = JsonContent.Create(new { username = "nobody", password = "wrong password" }) };
        request.Headers.Add("X-Request-Id", "json-req-7");
        (await http.SendAsync(request)).Dispose();

        JsonNode? line = null;
        for (var i = 0; i < 50 && line is null; i++)
        {
            line = server.Output.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)).FirstOrDefault(j => j!.ToJsonString().Contains("json-req-7"));
            if (line is null) await Task.Delay(100);
        }
        Assert.NotNull(line);
        Assert.StartsWith("GitOpsHQ.", line["Category"]!.GetValue<string>());
        Assert.Contains(line["Scopes"]!.AsArray(), s => s?["RequestId"]?.GetValue<string>() == "json-req-7");
    }

    private sealed class Capture(ConcurrentQueue<(string, string, string?)> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private void Write(string category, string message)
        {
            string? id = null;
            _scopes.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    foreach (var (key, value) in values)
                        if (key == "RequestId") id = value?.ToString();
            }, (object?)null);
            lines.Enqueue((category, message, id));
        }

        private sealed class Logger(string category, Capture owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Write(category, formatter(state, exception));
        }
    }
}
