namespace GitOpsHQ.Kustomize;

/// <summary>Deep equality of values, as the test operation compares them: map key order does not count.</summary>
internal static class NodeEquality
{
    public static bool Same(Node a, Node b) => (a, b) switch
    {
        (MapNode x, MapNode y) => x.Fields.Count == y.Fields.Count
            && x.Fields.All(pair => y[pair.Key] is { } other && Same(pair.Value, other)),
        (ListNode x, ListNode y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(pair => Same(pair.First, pair.Second)),
        (ScalarNode x, ScalarNode y) => Equals(x.Value, y.Value),
        _ => false,
    };
}
