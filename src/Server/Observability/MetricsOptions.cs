namespace GitOpsHQ.Server.Observability;

/// <summary>Section <c>Metrics</c>: the Prometheus endpoint <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Serve <c>/metrics</c> at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// False (the default): anyone who reaches the listening address may read <c>/metrics</c>, as with most exporters; its
    /// labels hold no names, users or paths. True: it needs a personal access token of any role (scrapers send it as a
    /// bearer token); registry tokens are refused.
    /// </summary>
    public bool RequireToken { get; set; }
}
