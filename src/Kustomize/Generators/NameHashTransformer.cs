namespace GitOpsHQ.Kustomize;

/// <summary>
/// Runs once, after every kustomization of the build: appends "-" and the content hash to the
/// names of generated objects that want it, remembering the old name so references follow.
/// </summary>
internal static class NameHashTransformer
{
    public static void Transform(ResourceMap resources)
    {
        foreach (var resource in resources.Resources.Where(r => r.NeedsHash))
        {
            var hash = NameHash.Of(resource.Content);
            resource.StorePreviousId();
            resource.Metadata.Set("name", ScalarNode.Of($"{resource.Name}-{hash}"));
        }
    }
}
