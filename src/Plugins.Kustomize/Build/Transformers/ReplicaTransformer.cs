namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>The replicas field: sets spec.replicas of the workloads with that name.</summary>
internal sealed class ReplicaTransformer(ReplicaOverride replica)
{
    private static readonly IReadOnlyList<FieldSpec> Specs =
    [
        FieldSpec.For("Deployment", "spec/replicas"),
        FieldSpec.For("ReplicationController", "spec/replicas"),
        FieldSpec.For("ReplicaSet", "spec/replicas"),
        FieldSpec.For("StatefulSet", "spec/replicas"),
    ];

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
                spec.Visit(resource.Content, (parent, key) => parent.Set(key, new ScalarNode(replica.Count)));
            }
        }

        if (!found)
        {
            throw new KustomizeBuildException(
                $"resource with name {replica.Name} does not match a config with the following GVK [{string.Join(" ", Specs.Select(s => "~G_~V_" + s.Gvk.Kind))}]");
        }
    }
}
