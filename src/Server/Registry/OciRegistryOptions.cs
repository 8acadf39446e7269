namespace GitOpsHQ.Server.Registry;

/// <summary>The embedded OCI registry under /v2/ (section `OciRegistry`).</summary>
public sealed class OciRegistryOptions
{
    public const string Section = "OciRegistry";

    /// <summary>Pulls without credentials.</summary>
    public bool AnonymousPull { get; set; }

    public long MaxBlobBytes { get; set; } = 10L * 1024 * 1024 * 1024;
    public int MaxManifestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Uploads untouched this long are removed.</summary>
    public int UploadExpiryMinutes { get; set; } = 60;

    public RateLimitOptions RateLimit { get; set; } = new();

    public sealed class RateLimitOptions
    {
        public int RequestsPerMinute { get; set; } = 300;

        /// <summary>Proxies whose X-Forwarded-For is believed.</summary>
        public List<string> TrustedProxies { get; set; } = [];
    }
}
