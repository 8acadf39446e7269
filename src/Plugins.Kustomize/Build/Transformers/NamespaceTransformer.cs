namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>
/// The namespace field: sets metadata.namespace on every namespaced resource, and the namespace
/// of "default" service account subjects in role bindings.
/// </summary>
internal sealed class NamespaceTransformer(string ns)
{
    public void Transform(ResourceMap resources)
    {
        foreach (var resource in resources.Resources)
        {
            resource.StorePreviousId();
            var gvk = resource.Gvk;
            if (!gvk.IsClusterScoped)
            {
                resource.Metadata.Set("namespace", ScalarNode.Of(ns));
            }

            if (gvk.Kind is "RoleBinding" or "ClusterRoleBinding" && resource.Content.List("subjects") is { } subjects)
            {
                foreach (var subject in subjects.Items.OfType<MapNode>().Where(subject => subject.Text("name") == "default"))
                {
                    subject.Set("namespace", ScalarNode.Of(ns));
                }
            }
        }

        resources.CheckUnique("namespace");
    }
}
