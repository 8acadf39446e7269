using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>
/// A small web server on a free 127.0.0.1 port answering what the test tells it to (files, redirects, statuses), and
/// recording every request with its Authorization header — a classic Helm chart repository, a redirecting host, a TLS host.
/// </summary>
public sealed class ChartHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);

    private ChartHost(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public Uri Uri => new(Url);
    public string Host => Uri.Authority;

    /// <summary>Each request's path and Authorization header, in order.</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    public static async Task<ChartHost> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o =>
        {
            if (certificate is not null) o.UseHttps(certificate);
        }));
        var app = builder.Build();
        var host = new ChartHost(app);
        app.Run(async http =>
        {
            host.Requests.Enqueue((http.Request.Path.Value ?? "", http.Request.Headers.Authorization.FirstOrDefault()));
            if (host._routes.TryGetValue(http.Request.Path.Value ?? "", out var handler)) await handler(http);
            else http.Response.StatusCode = 404;
        });
        await app.StartAsync();
        host.Url = app.Urls.First().Replace("[::1]", "127.0.0.1");
        return host;
    }

    public void Serve(string path, byte[] content, string contentType = "application/octet-stream") =>
        _routes[path] = http =>
        {
            http.Response.ContentType = contentType;
            return http.Response.Body.WriteAsync(content).AsTask();
        };

    public void Serve(string path, string text, string contentType = "application/x-yaml") => Serve(path, System.Text.Encoding.UTF8.GetBytes(text), contentType);

    public void Redirect(string path, string location, int status = 302) =>
        _routes[path] = http =>
        {
            http.Response.StatusCode = status;
            http.Response.Headers.Location = location;
            return Task.CompletedTask;
        };

    public void Answer(string path, Func<HttpContext, Task> handler) => _routes[path] = handler;

    public void Remove(string path) => _routes.TryRemove(path, out _);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Every log line the server writes, at every level, for tests that look for what must never be logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
