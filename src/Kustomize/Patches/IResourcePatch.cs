namespace GitOpsHQ.Kustomize;

/// <summary>A patch ready to apply to the resources of a build.</summary>
internal interface IResourcePatch
{
    void Transform(ResourceMap resources);
}
