namespace GitOpsHQ.Server.ExternalSources;

/// <summary>External chart sources and every request the server makes to a URL a user typed (section <c>ExternalSources</c>).</summary>
public sealed class ExternalSourcesOptions
{
    public const string Section = "ExternalSources";

    /// <summary>
    /// Hosts (<c>host</c> or <c>host:port</c>) that may be reached on loopback, private, link-local or unspecified
    /// addresses, and over plain HTTP. Every other host must resolve to public addresses only.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How often each source is asked for new versions; sources are spread over the interval.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Periodic syncing (on-demand sync and import on read work either way).</summary>
    public bool PeriodicSync { get; set; } = true;

    /// <summary>Longest wait for one request (connect, headers and body).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest index, tag list or manifest read from a source.</summary>
    public long MaxDocumentBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Most versions one source may list (tags or index entries).</summary>
    public int MaxVersions { get; set; } = 10_000;

    /// <summary>How many tags one page of a registry's tag list asks for (registries may answer fewer and link the next page).</summary>
    public int TagPageSize { get; set; } = 1000;

    /// <summary>
    /// Most versions not imported yet whose Helm index entry one sync reads from an OCI source (a manifest and the chart's
    /// config, newest versions first); the rest are read at the next syncs. Chart repository sources need no extra request.
    /// </summary>
    public int IndexEntriesPerSync { get; set; } = 500;

    public void Validate()
    {
        if (IndexEntriesPerSync < 0) throw new InvalidOperationException("ExternalSources:IndexEntriesPerSync must not be negative.");
        if (SyncInterval < TimeSpan.FromSeconds(1)) throw new InvalidOperationException("ExternalSources:SyncInterval must be at least one second.");
        if (RequestTimeout <= TimeSpan.Zero) throw new InvalidOperationException("ExternalSources:RequestTimeout must be positive.");
        if (TagPageSize is < 1 or > 10_000) throw new InvalidOperationException("ExternalSources:TagPageSize must be between 1 and 10000.");
        if (MaxDocumentBytes <= 0) throw new InvalidOperationException("ExternalSources:MaxDocumentBytes must be positive.");
    }
}
