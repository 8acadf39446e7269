using System.Diagnostics;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Plugins;

/// <summary>
/// The one deadline of a request's rendering and validation: it starts when the request arrives and flows with the
/// request to every plugin call it makes (previews, validation, publishing, pushes, workload upgrades, bulk ones
/// included), so however many renders a request asks for, it ends within <see cref="Limit"/>.
/// </summary>
public sealed class RenderDeadline
{
    private static readonly AsyncLocal<RenderDeadline?> Ambient = new();
    private readonly long _arrived = Stopwatch.GetTimestamp();

    private RenderDeadline(TimeSpan limit) => Limit = limit;

    public TimeSpan Limit { get; }

    /// <summary>The deadline of the request being served, or null outside a request.</summary>
    public static RenderDeadline? Current => Ambient.Value;

    public TimeSpan Remaining => Limit - Stopwatch.GetElapsedTime(_arrived);

    /// <summary>Starts the deadline of the request arriving now; it flows to everything the request awaits.</summary>
    public static async Task StartAsync(HttpContext http, Func<Task> next, TimeSpan limit)
    {
        Ambient.Value = new RenderDeadline(limit);
        await next();
    }

    public ProductException Exceeded(string what) =>
        new(ErrorCode.RenderTimeout,
            $"{what} did not finish within the limit of {Limit.TotalSeconds:0.###} s, counted from when the request arrived (Catalog:RenderTimeout).");
}
