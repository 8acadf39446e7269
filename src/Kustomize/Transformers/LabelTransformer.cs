namespace GitOpsHQ.Kustomize;

/// <summary>
/// Adds string pairs to label or annotation maps at the given fields (commonLabels, labels,
/// commonAnnotations); an existing key gets the new value.
/// </summary>
internal sealed class LabelTransformer(IReadOnlyList<KeyValuePair<string, string>> pairs, IReadOnlyList<FieldSpec> specs)
{
    public void Transform(ResourceMap resources)
    {
        foreach (var resource in resources.Resources)
        {
            foreach (var spec in specs.Where(spec => spec.Selects(resource)))
            {
                spec.Visit(resource.Content, (parent, key) => AddTo(parent, key, spec.Create));
            }
        }
    }

    private void AddTo(MapNode parent, string key, bool create)
    {
        var target = parent[key];
        if (target is null or ScalarNode { Value: null })
        {
            if (!create)
            {
                return;
            }

            target = new MapNode();
            parent.Set(key, target);
        }

        if (target is not MapNode map)
        {
            throw new KustomizeBuildException($"wrong node kind: expected MappingNode but got {Kind(target)}: node contents: {key}");
        }

        foreach (var (name, value) in pairs)
        {
            map.Set(name, ScalarNode.Of(value));
        }
    }

    private static string Kind(Node node) => node is ListNode ? "SequenceNode" : "ScalarNode";
}
