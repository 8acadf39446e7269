namespace GitOpsHQ.Kustomize;

/// <summary>How a namespace transformer treats the subjects of role bindings (its setRoleBindingSubjects option).</summary>
internal enum RoleBindingSubjects
{
    /// <summary>Only subjects named "default" get the namespace (the namespace field's behaviour).</summary>
    DefaultOnly,

    /// <summary>Every ServiceAccount subject gets the namespace.</summary>
    AllServiceAccounts,

    /// <summary>Subjects are left alone.</summary>
    None,
}

/// <summary>
/// The namespace field (and the NamespaceTransformer): sets metadata.namespace on every namespaced
/// resource, renames core v1 Namespace objects, sets the namespace of APIService services and of CRD
/// conversion webhook services, of "default" subjects in role bindings, and of the fields a transformer
/// configuration names.
/// </summary>
internal sealed class NamespaceTransformer(
    string ns,
    IReadOnlyList<FieldSpec>? extraFields = null,
    RoleBindingSubjects subjects = RoleBindingSubjects.DefaultOnly,
    bool unsetOnly = false,
    bool withDefaults = true)
{
    /// <summary>The namespace fields kustomize writes besides metadata.namespace.</summary>
    public static readonly IReadOnlyList<FieldSpec> Defaults =
    [
        FieldSpec.For("Namespace", "metadata/name", create: true),
        FieldSpec.For("APIService", "spec/service/namespace", create: true, group: "apiregistration.k8s.io"),
        FieldSpec.For("CustomResourceDefinition", "spec/conversion/webhook/clientConfig/service/namespace", create: false,
            group: "apiextensions.k8s.io"),
    ];

    public void Transform(ResourceMap resources)
    {
        IReadOnlyList<FieldSpec> fields = [.. withDefaults ? Defaults : [], .. extraFields ?? []];
        foreach (var resource in resources.Resources)
        {
            resource.StorePreviousId();
            var gvk = resource.Gvk;
            if (!gvk.IsClusterScoped)
            {
                Set(resource.Metadata, "namespace", create: true);
            }

            // metadata/name is a namespace field only in core v1 objects (the Namespace itself).
            var apiVersion = resource.Content.Text("apiVersion");
            foreach (var spec in fields.Where(spec => spec.Selects(resource) && spec.Path != "metadata/namespace"
                         && (spec.Path != "metadata/name" || apiVersion == "v1")
                         && !(gvk.Kind is "RoleBinding" or "ClusterRoleBinding" && spec.Path == "subjects/namespace")))
            {
                spec.Visit(resource.Content, (parent, key) => Set(parent, key, spec.Create));
            }

            if (gvk.Kind is "RoleBinding" or "ClusterRoleBinding" && subjects != RoleBindingSubjects.None
                && resource.Content.List("subjects") is { } list)
            {
                foreach (var subject in list.Items.OfType<MapNode>())
                {
                    var selected = subjects == RoleBindingSubjects.AllServiceAccounts
                        ? subject.Text("kind") == "ServiceAccount"
                        : subject.Text("name") == "default";
                    if (selected)
                    {
                        Set(subject, "namespace", create: true);
                    }
                }
            }

        }

        resources.CheckUnique("namespace");
    }

    private void Set(MapNode parent, string key, bool create)
    {
        var current = parent[key];
        if (current is null && !create)
        {
            return;
        }

        if (current is not null and not ScalarNode)
        {
            throw new KustomizeBuildException("namespace field specs must target scalar nodes");
        }

        if (unsetOnly && current is ScalarNode { Value: not null and not "" })
        {
            return;
        }

        parent.Set(key, ScalarNode.Of(ns));
    }
}
