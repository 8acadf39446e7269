namespace GitOpsHQ.Plugins.Manifests.Bundles;

/// <summary>Which files of a bundle are manifests: every .yaml and .yml file, at any depth.</summary>
internal static class BundleLayout
{
    public static bool IsManifest(string path) =>
        path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);
}
