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

    public OffloadOptions Offload { get; set; } = new();

    /// <summary>Blob downloads handed to a fronting nginx after the server has authorised them.</summary>
    public sealed class OffloadOptions
    {
        /// <summary>
        /// The nginx <c>internal</c> location that serves <c>DATA/registry/blobs/</c> (e.g. <c>/_blobs/</c>): a blob GET is then
        /// answered with <c>X-Accel-Redirect: /_blobs/ALG/XX/HEX</c> and no body, and nginx sends the file (ranges included).
        /// Empty (the default): the server sends blobs itself. Set it only behind such an nginx, which must not pass the
        /// header from anywhere else.
        /// </summary>
        public string AccelRedirect { get; set; } = "";

        public void Validate()
        {
            if (AccelRedirect != "" && (!AccelRedirect.StartsWith('/') || !AccelRedirect.EndsWith('/') || AccelRedirect.Any(c => c is <= ' ' or > '~' or '?' or '#' or '%')))
                throw new InvalidOperationException($"OciRegistry:Offload:AccelRedirect must be a location path that starts and ends with '/', like /_blobs/ (not '{AccelRedirect}').");
        }
    }

    public sealed class RateLimitOptions
    {
        public int RequestsPerMinute { get; set; } = 300;

        /// <summary>Proxies whose X-Forwarded-For is believed.</summary>
        public List<string> TrustedProxies { get; set; } = [];
    }
}
