namespace GitOpsHQ.Server.Catalog;

/// <summary>Limits on what the catalog accepts (section `Catalog`).</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Largest single file, in bytes.</summary>
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Largest artifact (all files of one commit), in bytes.</summary>
    public long MaxArtifactBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Largest number of files in one artifact.</summary>
    public int MaxFiles { get; set; } = 5000;

    /// <summary>
    /// The host names (with port when not the scheme's default) users reach this server by, besides the one
    /// of the current request: a kustomize remote base on one of them is read from the catalog in-process.
    /// </summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary>
    /// Longest a request may spend rendering and validating (previews, validation, publishing, pushes, workload
    /// upgrades), counted from when it arrived: past it the request ends with 504 RENDER_TIMEOUT naming the limit.
    /// </summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public void Validate()
    {
        if (MaxFileBytes <= 0) throw new InvalidOperationException("Catalog:MaxFileBytes must be a positive number of bytes.");
        if (MaxArtifactBytes < MaxFileBytes) throw new InvalidOperationException("Catalog:MaxArtifactBytes must be at least Catalog:MaxFileBytes.");
        if (MaxFiles <= 0) throw new InvalidOperationException("Catalog:MaxFiles must be positive.");
        if (RenderTimeout <= TimeSpan.Zero) throw new InvalidOperationException("Catalog:RenderTimeout must be a positive time span (for example 00:01:00).");
    }
}
