namespace GitOpsHQ.Server.Features;

/// <summary>The optional features an admin can switch (section `FeatureManagement`).</summary>
public static class FeatureFlags
{
    /// <summary>Rendering previews of artifacts through their plugin (on by default).</summary>
    public const string RenderPreview = nameof(RenderPreview);
}
