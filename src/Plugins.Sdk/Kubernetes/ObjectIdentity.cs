namespace GitOpsHQ.Plugins.Sdk.Kubernetes;

/// <summary>
/// What makes a Kubernetes object unique in a cluster: API group, kind, namespace and name.
/// The group is the part of apiVersion before '/', "" for the core group (v1).
/// </summary>
public sealed record ObjectIdentity(string Group, string Kind, string Namespace, string Name)
{
    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? "" : apiVersion[..slash];
    }

    /// <summary>How the object reads in messages: "Deployment apps/shop/web", "ConfigMap web".</summary>
    public override string ToString()
    {
        var scope = Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
        return Group.Length == 0 ? $"{Kind} {scope}" : $"{Kind}.{Group} {scope}";
    }
}
