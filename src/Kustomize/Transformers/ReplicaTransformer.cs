namespace GitOpsHQ.Kustomize;

/// <summary>The replicas field: sets spec.replicas of the workloads with that name (and the replica fields a transformer configuration names).</summary>
internal sealed class ReplicaTransformer(ReplicaOverride replica, IReadOnlyList<FieldSpec>? extraFields = null, bool withDefaults = true)
{
    private static readonly IReadOnlyList<FieldSpec> Defaults =
    [
        FieldSpec.For("Deployment", "spec/replicas"),
        FieldSpec.For("ReplicationController", "spec/replicas"),
        FieldSpec.For("ReplicaSet", "spec/replicas"),
        FieldSpec.For("StatefulSet", "spec/replicas"),
    ];

    private IReadOnlyList<FieldSpec> Specs => [.. withDefaults ? Defaults : [], .. extraFields ?? []];

    public void Transform(ResourceMap resources)
    {
        var found = false;
        foreach (var spec in Specs)
        {
            var matches = resources.Resources
                .Where(r => r.AllIds.Any(id => id.Name == replica.Name && id.Gvk.IsSelectedBy(spec.Gvk)))
                .ToList();
            found |= matches.Count > 0;
            foreach (var resource in matches)
            {
                spec.Visit(resource.Content, (parent, key) =>
                {
                    if (parent[key] is not null || spec.Create)
                    {
                        parent.Set(key, new ScalarNode(replica.Count));
                    }
                });
            }
        }

        if (!found)
        {
            throw new KustomizeBuildException(
                $"resource with name {replica.Name} does not match a config with the following GVK [{string.Join(" ", Specs.Select(s => Legacy(s.Gvk)))}]");
        }
    }

    /// <summary>A kind as kustomize lists it here: "~G_~V_Deployment", or the group and version when set.</summary>
    private static string Legacy(Gvk gvk) =>
        $"{(gvk.Group.Length == 0 ? "~G" : gvk.Group)}_{(gvk.Version.Length == 0 ? "~V" : gvk.Version)}_{gvk.Kind}";
}
