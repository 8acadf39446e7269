namespace GitOpsHQ.Server.Features;

/// <summary>The optional features an admin can switch (section `FeatureManagement`).</summary>
public static class FeatureFlags
{
    /// <summary>Rendering previews of artifacts through their plugin (on by default).</summary>
    public const string RenderPreview = nameof(RenderPreview);

    /// <summary>Repositories of the OCI registry other than the catalog's artifacts (on by default).</summary>
    public const string OciPlainRepositories = nameof(OciPlainRepositories);

    /// <summary>
    /// Kustomize remote bases on Git servers other than this one, fetched when rendering (off by default:
    /// only this catalog's bases are read).
    /// </summary>
    public const string RemoteBases = nameof(RemoteBases);
}
