namespace GitOpsHQ.Kustomize;

/// <summary>
/// The namespace field: sets metadata.namespace on every namespaced resource, and the namespace
/// of "default" service account subjects in role bindings, and the namespace fields a transformer
/// configuration names for custom kinds.
/// </summary>
internal sealed class NamespaceTransformer(string ns, IReadOnlyList<FieldSpec>? extraFields = null)
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

            foreach (var spec in (extraFields ?? []).Where(spec => spec.Selects(resource) && spec.Path != "metadata/namespace"))
            {
                spec.Visit(resource.Content, (parent, key) =>
                {
                    if (parent[key] is ScalarNode || (parent[key] is null && spec.Create))
                    {
                        parent.Set(key, ScalarNode.Of(ns));
                    }
                });
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
