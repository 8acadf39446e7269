using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace GitOpsHQ.Server.Observability;

/// <summary>
/// Every request has an id: the caller's <c>X-Request-Id</c> when it is well-formed (1–128 letters, digits and
/// <c>-_.:</c>), else a new one. It is the request's <see cref="HttpContext.TraceIdentifier"/> from the moment the request
/// exists, so ASP.NET Core's own request log scope carries it as <c>RequestId</c> on every log line written for the
/// request, and it is answered in the <c>X-Request-Id</c> response header.
/// </summary>
public static partial class RequestIds
{
    public const string Header = "X-Request-Id";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex WellFormed();

    public static bool IsWellFormed(string? id) => id is not null && WellFormed().IsMatch(id);

    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Names the request before the host opens its log scope (the host reads the id once, when the context is made).</summary>
    public sealed class ContextFactory(IHttpContextFactory inner) : IHttpContextFactory
    {
        public HttpContext Create(IFeatureCollection featureCollection)
        {
            var http = inner.Create(featureCollection);
            var incoming = http.Request.Headers[Header];
            http.TraceIdentifier = incoming.Count == 1 && IsWellFormed(incoming[0]) ? incoming[0]! : New();
            return http;
        }

        public void Dispose(HttpContext httpContext) => inner.Dispose(httpContext);
    }

    /// <summary>Answers the id in the response header, whatever the handler did to the headers before.</summary>
    public static Task AnswerAsync(HttpContext http, Func<Task> next)
    {
        http.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            context.Response.Headers[Header] = context.TraceIdentifier;
            return Task.CompletedTask;
        }, http);
        return next();
    }

    public static void AddRequestIds(this WebApplicationBuilder builder)
    {
        // The host's own factory, decorated: it is registered by the web host before this runs.
        var registered = builder.Services.LastOrDefault(d => d.ServiceType == typeof(IHttpContextFactory))
                         ?? throw new InvalidOperationException("The web host registered no IHttpContextFactory.");
        builder.Services.Remove(registered);
        builder.Services.AddSingleton<IHttpContextFactory>(sp => new ContextFactory(
            registered.ImplementationInstance as IHttpContextFactory
            ?? (IHttpContextFactory)(registered.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
    }
}
