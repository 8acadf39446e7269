namespace GitOpsHQ.Kustomize;

/// <summary>The YAML kubectl kustomize prints for one resource, with the build's own error for keys it cannot print.</summary>
internal static class ResourceText
{
    public static string Print(Node resource)
    {
        try
        {
            return YamlPrinter.Print(resource);
        }
        catch (UnprintableKeyException e)
        {
            throw new KustomizeBuildException($"the map key '{e.Key[..Math.Min(e.Key.Length, 40)]}...' is too long or multi-line; complex keys are not supported yet by the built-in kustomize engine");
        }
    }
}
